"""Scoring claim detection against gold labels.

Gold is JSONL, one article a line: ``{"id", "published", "file" (relative to the gold file) or
"text", "claims": [{"type", "start", "end", "text", "slots": {...}}]}``. A predicted claim
matches a gold claim of the same type whose span it overlaps (one to one, largest overlap first).
Count and date accuracy are measured on matched pairs whose gold label gives that slot.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .detection import detect, get_pipeline, resolve_published
from .errors import GoldError
from .link import link
from .model import Claim


@dataclass
class GoldArticle:
    id: str
    text: str
    published: str | None
    claims: list[dict[str, Any]]


@dataclass
class Report:
    per_type: dict[str, dict[str, float]] = field(default_factory=dict)
    overall: dict[str, float] = field(default_factory=dict)
    count_accuracy: float | None = None
    count_total: int = 0
    date_accuracy: float | None = None
    date_total: int = 0
    link_accuracy: float | None = None
    link_total: int = 0
    signal_accuracy: float | None = None
    signal_total: int = 0
    suggestion_accuracy: float | None = None
    link_errors: list[dict[str, Any]] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    slot_errors: list[dict[str, Any]] = field(default_factory=list)
    articles: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "overall": self.overall,
            "per_type": self.per_type,
            "count_accuracy": self.count_accuracy,
            "count_total": self.count_total,
            "date_accuracy": self.date_accuracy,
            "date_total": self.date_total,
            "link_accuracy": self.link_accuracy,
            "link_total": self.link_total,
            "signal_accuracy": self.signal_accuracy,
            "signal_total": self.signal_total,
            "suggestion_accuracy": self.suggestion_accuracy,
            "link_errors": self.link_errors,
            "misses": self.misses,
            "false_alarms": self.false_alarms,
            "slot_errors": self.slot_errors,
        }


def load_gold(path: str | Path) -> list[GoldArticle]:
    """Read and check a gold file (or a folder holding ``gold.jsonl``)."""
    from .files import read_text
    from .jsonl import loads
    from .validation.gold import gold_row

    path = Path(path)
    if path.is_dir():
        path = path / "gold.jsonl"
    if not path.is_file():
        raise GoldError(f"gold file {str(path)!r} not found: give a JSONL gold file or its folder")
    articles = []
    lines = read_text(path, "a JSONL gold file", GoldError).splitlines()
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        row = loads(line, where, GoldError)
        checked = gold_row(row, where, GoldError)
        if checked.text is not None:
            text = checked.text
        else:
            article_path = path.parent / str(checked.file)
            if not article_path.is_file():
                raise GoldError(f"{where}: article file {str(checked.file)[:80]!r} not found")
            text = read_text(article_path, "an article as UTF-8 text", GoldError)
        claims = row.get("claims", [])
        for i, claim in enumerate(claims):
            for key in ("type", "start", "end"):
                if key not in claim:
                    raise GoldError(f"{where}: claim {i} has no {key!r}")
            if "text" in claim and text[claim["start"] : claim["end"]] != claim["text"]:
                raise GoldError(
                    f"{where}: claim {i} offsets {claim['start']}..{claim['end']} do not hold "
                    f"its text {claim['text'][:40]!r}"
                )
        articles.append(
            GoldArticle(
                id=str(row.get("id", lineno)),
                text=text,
                published=row.get("published"),
                claims=claims,
            )
        )
    if not articles:
        raise GoldError(f"{path}: no articles in the gold file")
    return articles


def match(gold: list[dict[str, Any]], predicted: list[Claim]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index): same type, overlapping, largest overlap."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if g["type"] != p.type:
                continue
            overlap = min(g["end"], p.end) - max(g["start"], p.start)
            if overlap > 0:
                pairs.append((overlap, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def evaluate(
    gold: list[GoldArticle], model: str | None = None, threshold: float | None = None
) -> Report:
    """Detect claims in every gold article and score them."""
    if threshold is not None:
        get_pipeline(model, threshold)
    tp, fp, fn = Counter(), Counter(), Counter()
    report = Report(articles=len(gold))
    count_ok = count_n = date_ok = date_n = 0
    link_ok = link_n = signal_ok = signal_n = suggest_ok = 0
    for article in gold:
        kwargs = {"threshold": threshold} if threshold is not None else {}
        predicted = detect(article.text, published=article.published, model=model, **kwargs)
        pairs = match(article.claims, predicted)
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
        for gi, pi in pairs:
            g, p = article.claims[gi], predicted[pi]
            tp[g["type"]] += 1
            slots = g.get("slots", {})
            if "count" in slots:
                count_n += 1
                if slots["count"] == p.slots.count:
                    count_ok += 1
                else:
                    report.slot_errors.append(
                        _slot_error(article, g, "count", slots["count"], p.slots.count)
                    )
            if "date" in slots:
                date_n += 1
                want = slots["date"] or {}
                got = p.slots.date.to_dict() if p.slots.date else {}
                if (want.get("start"), want.get("end")) == (got.get("start"), got.get("end")):
                    date_ok += 1
                else:
                    report.slot_errors.append(
                        _slot_error(
                            article,
                            g,
                            "date",
                            [want.get("start"), want.get("end")],
                            [got.get("start"), got.get("end"), got.get("text")],
                        )
                    )
        to_link = [
            (article.claims[gi], predicted[pi])
            for gi, pi in pairs
            if article.claims[gi].get("slots", {}).get("event")
        ]
        published = article.published or (
            resolve_published(None, article.text).isoformat()
            if resolve_published(None, article.text)
            else None
        )
        for g, p in zip(to_link, link([p for _, p in to_link], published=published), strict=True):
            gold_claim, linked = g[0], p
            link_n += 1
            top = linked.evidence[0] if linked.evidence else None
            if top is not None and top.record_id == gold_claim["slots"]["event"]:
                link_ok += 1
                signal_n += 1
                # the corpus reports events accurately: a "differs" here is a false alarm
                if not any(s.verdict in ("differs", "swapped") for s in top.signals):
                    signal_ok += 1
                if linked.suggestion and linked.suggestion.verdict in ("true", "mostly_true"):
                    suggest_ok += 1
            else:
                report.link_errors.append(
                    {
                        "article": article.id,
                        "type": gold_claim["type"],
                        "gold": gold_claim["slots"]["event"],
                        "predicted": top.record_id if top else None,
                        "text": _gold_text(article, gold_claim),
                    }
                )
        for gi, g in enumerate(article.claims):
            if gi not in matched_g:
                fn[g["type"]] += 1
                report.misses.append(
                    {"article": article.id, "type": g["type"], "text": _gold_text(article, g)}
                )
        for pi, p in enumerate(predicted):
            if pi not in matched_p:
                fp[p.type] += 1
                report.false_alarms.append(
                    {"article": article.id, "type": p.type, "text": p.text, "score": p.score}
                )
    for claim_type in sorted(set(tp) | set(fp) | set(fn)):
        report.per_type[claim_type] = _prf(tp[claim_type], fp[claim_type], fn[claim_type])
    report.overall = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    report.count_total, report.date_total = count_n, date_n
    report.link_total, report.signal_total = link_n, signal_n
    report.link_accuracy = round(link_ok / link_n, 3) if link_n else None
    report.signal_accuracy = round(signal_ok / signal_n, 3) if signal_n else None
    report.suggestion_accuracy = round(suggest_ok / signal_n, 3) if signal_n else None
    report.count_accuracy = round(count_ok / count_n, 3) if count_n else None
    report.date_accuracy = round(date_ok / date_n, 3) if date_n else None
    return report


def _gold_text(article: GoldArticle, claim: dict[str, Any]) -> str:
    return claim.get("text") or article.text[claim["start"] : claim["end"]]


def _slot_error(
    article: GoldArticle, claim: dict[str, Any], slot: str, want: Any, got: Any
) -> dict:
    return {
        "article": article.id,
        "type": claim["type"],
        "slot": slot,
        "gold": want,
        "predicted": got,
        "text": _gold_text(article, claim),
    }


def format_report(report: Report, show_misses: bool = True) -> str:
    lines = [f"{'type':<18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for claim_type, s in report.per_type.items():
        lines.append(
            f"{claim_type:<18} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} "
            f"{s['tp']:>4} {s['fp']:>4} {s['fn']:>4}"
        )
    o = report.overall
    lines.append(
        f"{'overall':<18} {o['precision']:>6.3f} {o['recall']:>6.3f} {o['f1']:>6.3f} "
        f"{o['tp']:>4} {o['fp']:>4} {o['fn']:>4}"
    )
    lines.append("")
    lines.append(f"articles: {report.articles}")
    for name, acc, total in (
        ("count accuracy", report.count_accuracy, report.count_total),
        ("date accuracy", report.date_accuracy, report.date_total),
    ):
        lines.append(
            f"{name}: {'n/a' if acc is None else f'{acc:.3f}'} (on {total} matched claims)"
        )
    if report.link_total:
        lines.append(
            f"linking top-1 accuracy: {report.link_accuracy:.3f} (on {report.link_total} matched "
            f"claims with a gold event)"
        )
        lines.append(
            f"signals without a false alarm: {report.signal_accuracy:.3f}, suggestion true or "
            f"mostly true: {report.suggestion_accuracy:.3f} (on {report.signal_total} correctly "
            "linked claims)"
        )
    if show_misses:
        for title, rows in (("missed", report.misses), ("false alarms", report.false_alarms)):
            lines.append("")
            lines.append(f"{title}: {len(rows)}")
            for row in rows:
                lines.append(f"  [{row['article']}] {row['type']}: {row['text']}")
        lines.append("")
        lines.append(f"link errors: {len(report.link_errors)}")
        for row in report.link_errors:
            lines.append(
                f"  [{row['article']}] {row['type']}: gold {row['gold']} got {row['predicted']}: "
                f"{row['text'][:60]}"
            )
        lines.append("")
        lines.append(f"slot errors: {len(report.slot_errors)}")
        for row in report.slot_errors:
            lines.append(
                f"  [{row['article']}] {row['type']} {row['slot']}: gold {row['gold']} "
                f"got {row['predicted']}: {row['text'][:70]}"
            )
    return "\n".join(lines)
