"""Matching a trainee's claims to the answer key, credit for verdicts, and agreement statistics.

Matching: a trainee's claim answers a key claim when both are in the same article and their
character spans overlap by at least half of the shorter one; each key claim takes at most one
answer and each answer one key claim, best overlaps first.

Credit: the right verdict scores 1; a neighbouring verdict on the scale (true / mostly true,
mostly true / misleading, misleading / false) scores 0.5; anything else, or a verdict off the
scale's order such as "unverifiable" when the key says otherwise, scores 0.

Agreement between reviewers: Cohen's kappa for a pair, Fleiss' kappa for the group (on the claims
every reviewer labelled), Krippendorff's alpha (nominal, missing answers allowed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from typing import Any, Protocol

from ..model import VerdictScale

MIN_OVERLAP = 0.5


class Span(Protocol):
    article: str
    start: int
    end: int


def overlap(a: Span, b: Span) -> float:
    """Shared characters as a share of the shorter span (0 for different articles)."""
    if a.article != b.article:
        return 0.0
    shared = min(a.end, b.end) - max(a.start, b.start)
    shorter = min(a.end - a.start, b.end - b.start)
    return shared / shorter if shared > 0 and shorter > 0 else 0.0


def match_answers(key: Sequence[Any], answers: Sequence[Any]) -> dict[str, Any]:
    """Key claim id -> the answer matched to it, or None."""
    pairs = sorted(
        (
            (overlap(k, a), i, j)
            for i, k in enumerate(key)
            for j, a in enumerate(answers)
            if overlap(k, a) >= MIN_OVERLAP
        ),
        reverse=True,
    )
    taken_key: set[int] = set()
    taken_answer: set[int] = set()
    out: dict[str, Any] = {k.id: None for k in key}
    for _, i, j in pairs:
        if i in taken_key or j in taken_answer:
            continue
        taken_key.add(i)
        taken_answer.add(j)
        out[key[i].id] = answers[j]
    return out


def verdict_credit(scale: VerdictScale, expected: str, given: str | None) -> float:
    if not given:
        return 0.0
    if given == expected:
        return 1.0
    ordered = [lab.key for lab in scale.labels if lab.value is not None]
    if expected in ordered and given in ordered:
        return 0.5 if abs(ordered.index(expected) - ordered.index(given)) == 1 else 0.0
    return 0.0


def cohen_kappa(a: Sequence[str | None], b: Sequence[str | None]) -> float | None:
    """Cohen's kappa over the items both raters labelled; None with fewer than two such items."""
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    n = len(pairs)
    if n < 2:
        return None
    observed = sum(x == y for x, y in pairs) / n
    ca, cb = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    expected = sum(ca[label] * cb[label] for label in ca) / (n * n)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1 - expected)


def fleiss_kappa(items: Sequence[Sequence[str | None]]) -> float | None:
    """Fleiss' kappa over the items labelled by every rater (rows: items, columns: raters)."""
    complete = [row for row in items if row and all(x is not None for x in row)]
    if len(complete) < 2 or len(complete[0]) < 2:
        return None
    raters = len(complete[0])
    labels = sorted({x for row in complete for x in row})
    n_items = len(complete)
    p_items = []
    totals: Counter = Counter()
    for row in complete:
        counts = Counter(row)
        totals.update(counts)
        p_items.append((sum(c * c for c in counts.values()) - raters) / (raters * (raters - 1)))
    p_bar = sum(p_items) / n_items
    p_e = sum((totals[label] / (n_items * raters)) ** 2 for label in labels)
    if p_e == 1.0:
        return 1.0 if p_bar == 1.0 else 0.0
    return (p_bar - p_e) / (1 - p_e)


def krippendorff_alpha(items: Sequence[Sequence[str | None]]) -> float | None:
    """Krippendorff's alpha for nominal labels; missing answers (None) are allowed."""
    coincidence: Counter = Counter()
    for row in items:
        values = [x for x in row if x is not None]
        m = len(values)
        if m < 2:
            continue
        for i, j in combinations(range(m), 2):
            for c, k in ((values[i], values[j]), (values[j], values[i])):
                coincidence[(c, k)] += 1 / (m - 1)
    n = sum(coincidence.values())
    if n <= 1:
        return None
    marginals: Counter = Counter()
    for (c, _), weight in coincidence.items():
        marginals[c] += weight
    observed = sum(w for (c, k), w in coincidence.items() if c != k)
    expected = sum(marginals[c] * marginals[k] for c in marginals for k in marginals if c != k) / (
        n - 1
    )
    if expected == 0:
        return 1.0 if observed == 0 else None
    return 1 - observed / expected


def pairwise_kappas(raters: dict[str, Sequence[str | None]]) -> dict[tuple[str, str], float | None]:
    return {(a, b): cohen_kappa(raters[a], raters[b]) for a, b in combinations(sorted(raters), 2)}
