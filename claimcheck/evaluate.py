"""Scoring claim detection against gold labels.

Gold is JSONL, one article a line: ``{"id", "published", "file" (relative to the gold file) or
"text", "claims": [{"type", "start", "end", "text", "slots": {...}}]}``. A predicted claim
matches a gold claim of the same type whose span it overlaps (one to one, largest overlap first).
Count and date accuracy are measured on matched pairs whose gold label gives that slot (a part of
a month or year inside the gold month or year counts as the same date); actor and
target accuracy compare parties by their canonical names (``"Washington"`` and ``"the United
States"`` are one party; a minister or ministry counts as its country); status accuracy is measured
where the gold label gives parties (the annotation guide's second edition), an absent status
meaning ``completed``. Gold claims of types the detector does not know are left out and counted;
types a gold set never annotates (it was written before they existed) are not scored on it.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .detection import detect, get_pipeline, resolve_published
from .detection.actors import affiliated, canonical_parties
from .detection.rules import load_rules
from .errors import GoldError
from .link import link
from .model import Claim


@dataclass
class GoldArticle:
    id: str
    text: str
    published: str | None
    claims: list[dict[str, Any]]
    # the claim types the article's gold set annotates anywhere: a set written before a type
    # existed is not scored on it
    annotated: frozenset[str] | None = None
    checkworthy: list[dict[str, Any]] | None = None  # check-worthy sentences, where marked


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
    actor_accuracy: float | None = None
    actor_total: int = 0
    target_accuracy: float | None = None
    target_total: int = 0
    parties_accuracy: float | None = None
    status_accuracy: float | None = None
    status_total: int = 0
    # value, unit, period, change, speaker, stance of statements: slot -> [right, scored]
    statement_slots: dict[str, list[int]] = field(default_factory=dict)
    ignored: dict[str, int] = field(default_factory=dict)
    link_errors: list[dict[str, Any]] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    slot_errors: list[dict[str, Any]] = field(default_factory=list)
    articles: int = 0
    # gold claims that some predicted claim overlaps, whatever its type: a claim of the wrong
    # type still puts the sentence in front of the person checking
    found_any_type: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "overall": self.overall,
            "found_any_type": self.found_any_type,
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
            "actor_accuracy": self.actor_accuracy,
            "actor_total": self.actor_total,
            "target_accuracy": self.target_accuracy,
            "target_total": self.target_total,
            "parties_accuracy": self.parties_accuracy,
            "status_accuracy": self.status_accuracy,
            "status_total": self.status_total,
            "statement_slots": {
                k: {"accuracy": _ratio(ok, n), "total": n}
                for k, (ok, n) in self.statement_slots.items()
            },
            "ignored": self.ignored,
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
                checkworthy=row.get("checkworthy"),
            )
        )
    if not articles:
        raise GoldError(f"{path}: no articles in the gold file")
    annotated = frozenset(c["type"] for a in articles for c in a.claims)
    for article in articles:
        article.annotated = annotated
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
    gold: list[GoldArticle],
    model: str | None = None,
    threshold: float | None = None,
    types: set[str] | None = None,
) -> Report:
    """Detect claims in every gold article and score them (on ``types``, default: all known)."""
    if threshold is not None:
        get_pipeline(model, threshold)
    known = set(types) if types is not None else set(load_rules().types)
    tp, fp, fn = Counter(), Counter(), Counter()
    report = Report(articles=len(gold))
    count_ok = count_n = date_ok = date_n = 0
    link_ok = link_n = signal_ok = signal_n = suggest_ok = 0
    party = Counter()
    gold_n = overlapped = 0
    for article in gold:
        kwargs = {"threshold": threshold} if threshold is not None else {}
        predicted = detect(article.text, published=article.published, model=model, **kwargs)
        shown = predicted  # every claim a person would see, of whatever type
        scored = known & article.annotated if article.annotated is not None else known
        predicted = [p for p in predicted if p.type in scored]
        for claim in article.claims:
            if claim["type"] not in scored:
                report.ignored[claim["type"]] = report.ignored.get(claim["type"], 0) + 1
        article = GoldArticle(
            article.id,
            article.text,
            article.published,
            [c for c in article.claims if c["type"] in scored],
        )
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
                if dates_agree(want, got):
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
            _score_parties(article, g, p, party, report)
            _score_statement(article, g, p, report)
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
            other = next((p for p in shown if p.start < g["end"] and g["start"] < p.end), None)
            gold_n += 1
            overlapped += other is not None
            if gi not in matched_g:
                fn[g["type"]] += 1
                report.misses.append(
                    {
                        "article": article.id,
                        "type": g["type"],
                        "text": _gold_text(article, g),
                        # what the text was found as instead, when a claim of another type
                        # overlaps it
                        "found_as": other.type if other is not None else None,
                    }
                )
        for pi, p in enumerate(predicted):
            if pi not in matched_p:
                fp[p.type] += 1
                report.false_alarms.append(
                    {"article": article.id, "type": p.type, "text": p.text, "score": p.score}
                )
    for claim_type in sorted(set(tp) | set(fp) | set(fn)):
        report.per_type[claim_type] = _prf(tp[claim_type], fp[claim_type], fn[claim_type])
    report.found_any_type = _ratio(overlapped, gold_n)
    report.overall = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    report.count_total, report.date_total = count_n, date_n
    report.link_total, report.signal_total = link_n, signal_n
    report.link_accuracy = round(link_ok / link_n, 3) if link_n else None
    report.signal_accuracy = round(signal_ok / signal_n, 3) if signal_n else None
    report.suggestion_accuracy = round(suggest_ok / signal_n, 3) if signal_n else None
    report.actor_total, report.target_total = party["actor_n"], party["target_n"]
    report.status_total = party["status_n"]
    report.actor_accuracy = _ratio(party["actor_ok"], party["actor_n"])
    report.target_accuracy = _ratio(party["target_ok"], party["target_n"])
    report.parties_accuracy = _ratio(party["both_ok"], party["both_n"])
    report.status_accuracy = _ratio(party["status_ok"], party["status_n"])
    report.count_accuracy = round(count_ok / count_n, 3) if count_n else None
    report.date_accuracy = round(date_ok / date_n, 3) if date_n else None
    return report


def dates_agree(want: dict[str, Any], got: dict[str, Any]) -> bool:
    """The same days; or a part of a month or year ("early September") inside the month or year
    the gold label gives, which is the same date said more finely, not a different one."""
    pair = (got.get("start"), got.get("end"))
    if (want.get("start"), want.get("end")) == pair:
        return True
    if None in pair or not want.get("start") or got.get("precision") not in FINER:
        return False
    start, end = date.fromisoformat(want["start"]), date.fromisoformat(want["end"])
    whole_month = start.day == 1 and end == _month_end(start) and start.month == end.month
    whole_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    inside = start.isoformat() <= pair[0] and pair[1] <= end.isoformat()
    return inside and (whole_month or whole_year)


FINER = {"part_of_month", "part_of_year", "week", "season"}


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def _ratio(ok: int, n: int) -> float | None:
    return round(ok / n, 3) if n else None


def party_names(value: Any) -> frozenset[str]:
    """Parties as comparable names: canonical where the gazetteer knows them, at country level.

    ``"Washington"``, ``"the United States"`` and ``"President Obama"`` all give
    ``{"United States"}``; a name the gazetteer does not know is compared as written (lower case,
    without a leading "the").
    """
    if value is None:
        return frozenset()
    names = value if isinstance(value, list | tuple) else [value]
    out: set[str] = set()
    for name in names:
        if not isinstance(name, str) or not name.strip():
            continue
        known = canonical_parties(name)
        if not known:
            known = canonical_parties(name.replace("_", " "))
        if known:
            # a person or institution acting for a country counts as that country
            for k in known:
                country = next((c for c in affiliated({k}) if c != k), None)
                out.add(country or k)
        else:
            low = name.strip().lower()
            out.add(low[4:] if low.startswith("the ") else low)
    return frozenset(out)


def _score_parties(
    article: GoldArticle, gold: dict[str, Any], predicted: Claim, tally: Counter, report: Report
) -> None:
    slots = gold.get("slots", {})
    results = []
    for slot in ("actor", "target"):
        if slot not in slots:
            continue
        want, got = party_names(slots[slot]), party_names(getattr(predicted.slots, slot))
        tally[f"{slot}_n"] += 1
        ok = want == got
        tally[f"{slot}_ok"] += ok
        results.append(ok)
        if not ok:
            report.slot_errors.append(
                _slot_error(
                    article, gold, slot, sorted(want), getattr(predicted.slots, slot) or None
                )
            )
    if len(results) == 2:
        tally["both_n"] += 1
        tally["both_ok"] += all(results)
    if "actor" in slots or "target" in slots:
        want_status = slots.get("status") or "completed"
        tally["status_n"] += 1
        if want_status == (predicted.slots.status or "completed"):
            tally["status_ok"] += 1
        else:
            report.slot_errors.append(
                _slot_error(article, gold, "status", want_status, predicted.slots.status)
            )


# gold key -> what is compared ("from" is the earlier value, the ``previous`` slot)
STATEMENT_SLOTS = ("value", "unit", "period", "change", "from", "speaker", "stance")
UNIT_WORDS = {
    "percent": "%", "per cent": "%", "pct": "%", "percentage": "%", "dollar": "$", "usd": "$",
    "us$": "$", "euro": "€", "eur": "€", "pound": "£", "gbp": "£", "rouble": "₽", "ruble": "₽",
    "rub": "₽", "ton": "tonne", "metric ton": "tonne", "cubic meter": "cubic metre",
    "bcm": "billion cubic metre", "person": "people", "km": "kilometre",
}  # fmt: skip


def unit_key(unit: Any) -> str | None:
    """A unit as comparable words: lower case, singular, the usual symbols for currencies."""
    if not isinstance(unit, str) or not unit.strip():
        return None
    low = " ".join(unit.lower().replace(".", "").split()).replace(" a day", " per day")
    low = UNIT_WORDS.get(low, low)
    if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        low = low[:-1]
    return UNIT_WORDS.get(low, low)


def values_agree(want: Any, got: Any) -> bool:
    """The same number, to the half per cent rounding that "2.1 million" for 2,130,000 needs."""
    if not isinstance(want, int | float) or not isinstance(got, int | float):
        return False
    return abs(float(want) - float(got)) <= 0.005 * max(abs(float(want)), 1e-9)


def speakers_agree(want: Any, got: Any) -> bool:
    """One speaker: the same party, or the gold name's surname in the attribution ("Kiril Petkov"
    and "Prime Minister Petkov")."""
    if not isinstance(want, str) or not isinstance(got, str) or not got.strip():
        return False
    if party_names(want) == party_names(got):
        return True
    surname = want.split()[-1].lower()
    return len(surname) > 2 and surname in got.lower().replace("’s", "").split()


def _score_statement(
    article: GoldArticle, gold: dict[str, Any], predicted: Claim, report: Report
) -> None:
    """Statement slots where the gold label gives them (not null)."""
    slots = gold.get("slots", {})
    got_slots = predicted.slots
    for slot in STATEMENT_SLOTS:
        want = slots.get(slot)
        if want is None:
            continue
        if slot in ("value", "from"):
            got = got_slots.value if slot == "value" else got_slots.previous
            ok = values_agree(want, got)
        elif slot == "unit":
            got = got_slots.unit
            ok = unit_key(want) is not None and unit_key(want) == unit_key(got)
        elif slot == "period":
            got = got_slots.period.to_dict() if got_slots.period else {}
            ok = dates_agree(want, got)
            got = [got.get("start"), got.get("end"), got.get("text")]
            want = [want.get("start"), want.get("end")]
        elif slot == "speaker":
            got = got_slots.attribution
            ok = speakers_agree(want, got)
        else:
            got = getattr(got_slots, slot)
            ok = want == got
        tally = report.statement_slots.setdefault(slot, [0, 0])
        tally[0] += ok
        tally[1] += 1
        if not ok:
            report.slot_errors.append(_slot_error(article, gold, slot, want, got))


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
    if report.found_any_type is not None:
        lines.append(
            f"gold claims overlapped by a claim of any type: {report.found_any_type:.3f} "
            "(the recall above counts a claim only with its own type)"
        )
    for name, acc, total in (
        ("count accuracy", report.count_accuracy, report.count_total),
        ("date accuracy", report.date_accuracy, report.date_total),
    ):
        lines.append(
            f"{name}: {'n/a' if acc is None else f'{acc:.3f}'} (on {total} matched claims)"
        )
    for name, acc, total in (
        ("actor accuracy", report.actor_accuracy, report.actor_total),
        ("target accuracy", report.target_accuracy, report.target_total),
        ("status accuracy", report.status_accuracy, report.status_total),
    ):
        if total:
            lines.append(f"{name}: {acc:.3f} (on {total} matched claims)")
    for slot in STATEMENT_SLOTS:
        ok, total = report.statement_slots.get(slot, (0, 0))
        if total:
            lines.append(f"{slot} accuracy: {ok / total:.3f} (on {total} matched statements)")
    if report.parties_accuracy is not None:
        lines.append(f"actor and target both right: {report.parties_accuracy:.3f}")
    if report.ignored:
        lines.append(
            "left out (types not detected): "
            + ", ".join(f"{n} {t}" for t, n in sorted(report.ignored.items()))
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
                found = ""
                if row.get("found_as") == row["type"]:
                    found = " (inside a claim matched to another)"
                elif row.get("found_as"):
                    found = f" (found as {row['found_as']})"
                lines.append(f"  [{row['article']}] {row['type']}{found}: {row['text']}")
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
