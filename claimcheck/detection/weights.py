"""Check-worthiness weights: a logistic regression over the cues, kept as a data file.

The detector explains every score with cues (an event verb, an actor, a number, a date, a hedge,
a headline ...). How much each cue counts is learnt from annotated articles rather than set by
hand: ``fit`` is a plain L2-regularised logistic regression (numpy only: a dozen features need
no learning library), and the weights live in ``data/claim_weights.json`` so they can be read,
argued with and refitted on a newsroom's own labels.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import PatternError

# Cues that rule a candidate out whatever else it has (page furniture).
HARD_ZERO = frozenset({"cue:boilerplate"})


@dataclass
class Weights:
    """``additive``: the bias plus the weights of the features present, capped at 1, then
    multiplied by each penalty's factor (hand-set, readable: the bundled default).
    ``logistic``: the logistic function of the bias plus the weights (fitted by ``fit``)."""

    bias: float
    features: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)
    mode: str = "logistic"
    penalties: dict[str, float] = field(default_factory=dict)

    def score(self, features: Iterable[str]) -> float:
        names = set(features)
        if names & HARD_ZERO:
            return 0.0
        # fsum: the exact sum, whatever order the set gives (a plain sum over a set of strings
        # could differ in the last bit from one run to the next and flip a rounded score)
        total = math.fsum([self.bias, *(self.features.get(name, 0.0) for name in names)])
        if self.mode == "logistic":
            return 1.0 / (1.0 + math.exp(-total))
        value = min(max(total, 0.0), 1.0)
        for name in sorted(names):
            value *= self.penalties.get(name, 1.0)
        return value

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"mode": self.mode, "bias": round(self.bias, 4)}
        out["features"] = {k: round(v, 4) for k, v in sorted(self.features.items())}
        if self.penalties:
            out["penalties"] = {k: round(v, 4) for k, v in sorted(self.penalties.items())}
        out["meta"] = self.meta
        return out

    @classmethod
    def from_dict(cls, data: Any, source: str) -> Weights:
        if not isinstance(data, dict) or not isinstance(data.get("features"), dict):
            raise PatternError(f"{source}: a weights file needs 'bias' and a 'features' object")
        mode = data.get("mode", "logistic")
        if mode not in ("logistic", "additive"):
            raise PatternError(f"{source}: mode must be 'logistic' or 'additive', not {mode!r}")
        try:
            bias = float(data.get("bias", 0.0))
            features = {str(k): float(v) for k, v in data["features"].items()}
            penalties = {str(k): float(v) for k, v in (data.get("penalties") or {}).items()}
        except (TypeError, ValueError, AttributeError):
            raise PatternError(f"{source}: weights must be numbers") from None
        if not all(math.isfinite(v) for v in [bias, *features.values(), *penalties.values()]):
            raise PatternError(f"{source}: weights must be finite numbers")
        return cls(bias, features, dict(data.get("meta") or {}), mode, penalties)


def candidate_features(cues: Iterable[str], claim_type: str, status: str | None) -> list[str]:
    """The feature names of one candidate: its cues, its type and its status."""
    out = [f"cue:{c}" for c in cues]
    out.append(f"type:{claim_type}")
    if status and status != "completed":
        out.append(f"status:{status}")
    return out


@lru_cache(maxsize=8)
def load_weights(path: str | None = None) -> Weights:
    """The bundled weights, or a weights file of your own."""
    if path is None:
        source = "claimcheck/detection/data/claim_weights.json"
        text = (resources.files("claimcheck.detection") / "data" / "claim_weights.json").read_text(
            encoding="utf-8"
        )
    else:
        source = path
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PatternError(f"cannot read weights file {path!r}: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PatternError(f"{source}: not valid JSON ({exc.msg})") from None
    return Weights.from_dict(data, source)


def fit(
    samples: Sequence[tuple[Sequence[str], bool]],
    l2: float = 1.0,
    iterations: int = 4000,
    rate: float = 0.5,
    meta: dict[str, Any] | None = None,
) -> Weights:
    """Logistic regression on (feature names, is a claim) pairs, by gradient descent."""
    import numpy

    if not samples:
        raise ValueError("no samples to fit weights on")
    names = sorted({f for feats, _ in samples for f in feats})
    index = {n: i for i, n in enumerate(names)}
    x = numpy.zeros((len(samples), len(names)))
    y = numpy.zeros(len(samples))
    for row, (feats, label) in enumerate(samples):
        for f in feats:
            x[row, index[f]] = 1.0
        y[row] = 1.0 if label else 0.0
    w = numpy.zeros(len(names))
    b = 0.0
    n = float(len(samples))
    for _ in range(iterations):
        p = 1.0 / (1.0 + numpy.exp(-(x @ w + b)))
        w -= rate * (x.T @ (p - y) / n + l2 * w / n)
        b -= rate * float((p - y).mean())
    info = {"samples": len(samples), "positives": int(y.sum()), "l2": l2, **(meta or {})}
    return Weights(b, {name: float(w[i]) for name, i in index.items()}, info)


def samples_from_gold(articles: Iterable[Any]) -> list[tuple[list[str], bool]]:
    """(features, is a claim) for every candidate the rules find in gold articles: a candidate
    is a claim when it overlaps a gold claim of its type (one to one, as ``evaluate`` matches)."""
    from ..evaluate import match
    from . import detect

    samples = []
    for article in articles:
        candidates = detect(article.text, published=article.published, include_all=True)
        types = {c.type for c in candidates}
        gold = [c for c in article.claims if c["type"] in types or c["type"] in _known_types()]
        matched = {p for _, p in match(gold, candidates)}
        for i, claim in enumerate(candidates):
            features = candidate_features(claim.cues, claim.type, claim.slots.status)
            samples.append((features, i in matched))
    return samples


def _known_types() -> set[str]:
    from .rules import load_rules

    return set(load_rules().types)
