"""Linking claims to evidence, and where claim and record agree or differ.

Ranking uses the claim's structure, not only its words: type, treaty, the parties it names
(metonyms such as Washington or the Kremlin resolved to countries), date proximity against the
claim's resolved date (or, without one, the article's publication date), count and round. A
record dated after the article cannot be what the article reports. Each piece of evidence carries
signals (date, count, actors, status, uniqueness) and the best one gives a suggested verdict; a
person decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

from .detection import resolve_published
from .detection.actors import affiliated, canonical_parties, is_place, parties_of
from .errors import InputError
from .model import Claim, Evidence, Signal, Slots, Suggestion, count_range
from .sources import Source, init_source
from .sources.pack import RARE, PackRecord, PackSource, ReferencePack, gap_days

DEFAULT_SOURCES = ("pack",)
TOP_EVIDENCE = 3
MIN_SCORE = 0.35
NEAR_DAYS = 31  # a claim this many days off its record's date can still be about it
# "their first formal summit" is not a uniqueness claim; "the first country to" is.
_UNIQUENESS = re.compile(
    r"(?i)\b(the only|the first (?:country|nation|government|state|time|leader)|first[- ]ever|"
    r"for the first time|never before|unprecedented|no other)\b"
)
# A claim that overstates (completed where the record has only an announcement) or contradicts.
NEGATED = frozenset({"not_done", "denied"})
STATUS_CONFLICTS = {
    ("completed", "announced"),
    ("completed", "cancelled"),
    ("cancelled", "completed"),
    ("suspended", "completed"),
}


def _claim_range(claim: Claim) -> tuple[date, date] | None:
    value = claim.slots.date
    if value is None or not value.resolved or _borrowed(claim):
        return None
    return date.fromisoformat(value.start), date.fromisoformat(value.end)


# "Following a nerve agent attack ... in March, Washington imposed sanctions": the month is the
# attack's; the sanctions may have come any time after
_FRONTED_EVENT = re.compile(
    r"(?i)^\W*(?:following|after|in the wake of|in response to)\s+"
    r"(?:a|an|the|this|that|its|his|her|their|[a-z][\w-]*'s)\s[^,;]*,"
)


def _borrowed(claim: Claim) -> bool:
    """Whether the claim's date comes from an opening "Following an attack in March," phrase
    of its sentence, outside the claim itself: then it is an earlier event's date."""
    value = claim.slots.date
    if value is None or not value.text or value.text in claim.text or not claim.sentence:
        return False
    opening = _FRONTED_EVENT.match(claim.sentence)
    return bool(opening and value.text in opening.group(0) and claim.text not in opening.group(0))


def _when(claim: Claim, published: date | None) -> tuple[date, date] | None:
    """The time to measure a claim's distance to a record from when it has no date of its own:
    an earlier event's date its sentence opens with, else the publication date."""
    value = claim.slots.date
    if value is not None and value.resolved and _borrowed(claim):
        return date.fromisoformat(value.start), date.fromisoformat(value.end)
    return (published, published) if published is not None else None


def score_record(
    claim: Claim,
    record: PackRecord,
    parties: set[str],
    published: date | None,
    claim_actors: set[str] | None = None,
    claim_targets: set[str] | None = None,
    context: frozenset[str] = frozenset(),
    record_words: frozenset[str] = frozenset(),
) -> float | None:
    """How well ``record`` fits ``claim`` (0..1), or None if it cannot be the claim's event.

    ``context`` holds the names in the claim's sentence and ``record_words`` the words of the
    record (see :func:`context_names`): a sentence about Salisbury leans towards the records
    that speak of it.
    """
    raw = _raw_score(
        claim, record, parties, published, claim_actors, claim_targets, context, record_words
    )
    return None if raw is None else min(1.0, raw)


def _raw_score(
    claim: Claim,
    record: PackRecord,
    parties: set[str],
    published: date | None,
    claim_actors: set[str] | None = None,
    claim_targets: set[str] | None = None,
    context: frozenset[str] = frozenset(),
    record_words: frozenset[str] = frozenset(),
) -> float | None:
    """The score before it is capped at 1, so that two strong matches still rank."""
    span = record.span
    if published is not None and span[0] > published:
        return None  # an article cannot report an event that came after it
    score = 0.35 if record.type == claim.type else 0.1
    slots = claim.slots
    if slots.treaty:
        if slots.treaty == record.treaty:
            score += 0.25
            if record.exit_stage and record.exit_stage == claim_stage(claim):
                score += 0.1  # the stage the claim states: notice, suspension, effective exit
        elif record.treaty or record.type == "treaty_withdrawal":
            score -= 0.3  # another treaty; a treaty named beside an exercise is no mismatch
    elif slots.status in QUALIFIED_STATUSES and slots.status == record.status:
        score += 0.1  # a cancelled summit for "called off", an announcement for "will"
    actors, targets = set(record.actors), set(record.targets)
    if claim_actors is None:
        claim_actors = affiliated(canonical_parties(slots.actor))
    if claim_targets is None:
        claim_targets = affiliated(canonical_parties(slots.target))
    actors, targets = affiliated(actors), affiliated(targets)
    if claim_actors & actors:
        score += 0.15
    elif claim_actors & targets and claim_targets & actors:
        score += 0.05  # the same event told the other way round: a signal says so
    if claim_targets & targets:
        score += 0.1
    if parties & (actors | targets) and not (claim_actors or claim_targets):
        score += 0.1
    shared = affiliated(parties) & (actors | targets)
    score += min(0.1, 0.05 * max(0, len(shared) - 1))  # "Trump and Kim": both sides named
    if named_parties(claim, record):
        score += 0.1  # a person the record is about ("the murder of Alexander Litvinenko")
    claim_range = _claim_range(claim)
    if claim_range is not None:
        gap = gap_days(claim_range, span)
        score += 0.25 * max(0.0, 1 - gap / 365)
    elif (when := _when(claim, published)) is not None:
        gap = gap_days(when, span)
        score += 0.1 * max(0.0, 1 - gap / 730)
    if slots.count is not None and record.count is not None:
        score += 0.1 if _record_count_gap(slots, record) == 0 else 0.0
    if slots.round is not None and record.round is not None:
        score += 0.2 if slots.round == record.round else -0.2
    if record.place and _folded(record.place) in _folded(claim.text):
        score += 0.05
    score += min(0.09, 0.03 * len(context & record_words))
    return max(0.0, score / 1.2)


QUALIFIED_STATUSES = frozenset({"announced", "cancelled", "suspended"})
_NOTICE = re.compile(
    r"(?i)\b(?:notice|notif(?:y|ies|ied|ying|ication)|formally (?:told|informed|wrote)|"
    r"instrument of withdrawal)\b"
)


def claim_stage(claim: Claim) -> str | None:
    """The stage of a treaty exit a claim states: announced ("said it would withdraw"), notice
    ("formally notified the UN"), suspended, or effective ("withdrew", "took effect")."""
    status = claim.slots.status
    if status == "suspended":
        return "suspended"
    if status in ("announced", "completed") and _NOTICE.search(claim.text):
        return "notice"
    return {"announced": "announced", "completed": "effective"}.get(status or "")


STORY = 15  # a name the records of one story share ("Salisbury") still points to that story


def context_names(text: str, pack: ReferencePack, most: int) -> dict[str, str]:
    """The names in ``text`` that at most ``most`` records use, less the parties' names
    (countries, capitals, demonyms: those are compared as actors and targets); a city is a
    place, compared as a name ("the killings in Bucha")."""
    return {
        k: v
        for k, v in pack.names_in(text, most).items()
        if not canonical_parties(v) or is_place(v)
    }


def named_parties(claim: Claim, record: PackRecord) -> list[str]:
    """The people and bodies of several words the record is about that the claim names."""
    text = _folded(" ".join(filter(None, (claim.text, claim.slots.actor, claim.slots.target))))
    return [
        p
        for p in (*record.actors, *record.targets)
        if " " in p and p not in _states() and _folded(p) in text
    ]


@lru_cache(maxsize=1)
def _states() -> frozenset[str]:
    """Countries and organisations: "United States" in a claim is a party, not a person named."""
    from .detection.rules import load_actors

    return frozenset(a["name"] for a in load_actors() if a.get("kind") in ("country", "org"))


def _folded(text: str) -> str:
    """Lower case without accents: "Vrbětice" and "Vrbetice" are one place."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _count_gap(
    claimed: int, qualifier: str | None, actual: int, actual_qualifier: str | None
) -> float:
    """How far apart two counts are, as a share of the record's: 0 when they can agree."""
    low, high = count_range(claimed, qualifier)
    record_low, record_high = count_range(actual, actual_qualifier)
    if high < record_low:
        return round((high - record_low) / max(1, record_low), 3)
    if low > record_high:
        return round((low - record_high) / max(1, record_high), 3)
    return 0.0


def _record_count_gap(slots: Slots, record: PackRecord) -> float:
    """How far the claim's count is from the record's total or, nearer, one of its parts."""
    gaps = [
        _count_gap(slots.count, slots.count_qualifier, value, qualifier)
        for value, qualifier in [
            (record.count, record.count_qualifier),
            *((part, None) for part in record.count_parts),
        ]
    ]
    return min(gaps, key=abs)


def _said(count: int, qualifier: str | None) -> str:
    return f"{qualifier} {count}" if qualifier else str(count)


def signals_for(claim: Claim, record: PackRecord, pack: ReferencePack) -> list[Signal]:
    """Compare a claim with one record: date, count, actors, status and uniqueness."""
    signals: list[Signal] = []
    slots = claim.slots
    claim_range = _claim_range(claim)
    if claim_range is not None:
        gap = gap_days(claim_range, record.span)
        if gap == 0:
            signals.append(Signal("date", "agrees", f"the record dates it {record.date}", 0))
        else:
            signals.append(
                Signal(
                    "date",
                    "differs",
                    f"the claim says {slots.date.text} ({slots.date.start}..{slots.date.end}); "
                    f"the record says {record.date}, {gap} day(s) apart",
                    gap,
                )
            )
    if slots.count is not None and record.count is not None:
        recorded = _said(record.count, record.count_qualifier)
        if record.count_parts:
            recorded += f" ({' + '.join(map(str, record.count_parts))})"
        gap = _record_count_gap(slots, record)
        if gap == 0:
            signals.append(Signal("count", "agrees", f"the record counts {recorded}", 0))
        else:
            unit = f" {record.count_unit}" if record.count_unit else ""
            signals.append(
                Signal(
                    "count",
                    "differs",
                    f"the claim says {_said(slots.count, slots.count_qualifier)}; the record "
                    f"says {recorded}{unit}",
                    gap,
                )
            )
    if slots.round is not None and record.round is not None:
        verdict = "agrees" if slots.round == record.round else "differs"
        signals.append(Signal("round", verdict, f"the record is round {record.round}"))
    claim_actors = affiliated(canonical_parties(slots.actor))
    claim_targets = affiliated(canonical_parties(slots.target))
    actors, targets = affiliated(record.actors), affiliated(record.targets)
    if (
        claim_actors
        and claim_targets
        and not claim_actors & actors
        and claim_actors & targets
        and claim_targets & actors
    ):
        signals.append(
            Signal(
                "actors",
                "swapped",
                f"the record has {', '.join(record.actors)} acting against {', '.join(record.targets)}",
            )
        )
    elif claim_actors and actors:
        verdict = "agrees" if claim_actors & actors else "differs"
        signals.append(Signal("actors", verdict, f"the record names {', '.join(record.actors)}"))
    if (
        slots.treaty
        and slots.treaty == record.treaty
        and record.exit_stage
        and record.exit_stage == claim_stage(claim)
    ):
        signals.append(Signal("stage", "agrees", f"the record is the {record.exit_stage} stage"))
    if (slots.status, record.status) in (("cancelled", "cancelled"), ("suspended", "suspended")):
        said = "called off" if record.status == "cancelled" else "suspended"
        signals.append(Signal("status", "agrees", f"the record has it {said}"))
    rare = context_names(claim.text, pack, RARE)
    names = [rare[w] for w in sorted(rare) if w in pack.words.get(record.id, ())]
    if names:
        signals.append(Signal("names", "agrees", f"the record also names {', '.join(names)}"))
    named = named_parties(claim, record)
    if named:
        signals.append(Signal("party", "agrees", f"the record concerns {', '.join(named)}"))
    if slots.status in NEGATED and record.status == "completed":
        said = "denies it happened" if slots.status == "denied" else "says it did not happen"
        verdicts = {s.kind: s.verdict for s in signals}
        plausible = verdicts.get("date") == "agrees" or (
            "date" not in verdicts
            and (
                verdicts.get("count") == "agrees"
                or (slots.treaty is not None and slots.treaty == record.treaty)
                or bool(named)
            )
        )
        if plausible and verdicts.get("actors") != "differs":
            signals.append(
                Signal(
                    "happened", "differs", f"the claim {said}; the record has it on {record.date}"
                )
            )
    elif (slots.status, record.status) in STATUS_CONFLICTS:
        signals.append(
            Signal(
                "status",
                "differs",
                f"the claim reads as {slots.status}; the record says {record.status}",
            )
        )
    if _UNIQUENESS.search(claim.sentence or claim.text):
        earlier = pack.earlier(record, actors | targets)
        if earlier:
            signals.append(
                Signal(
                    "uniqueness",
                    "differs",
                    f"the claim says only/first; the record knows {len(earlier)} earlier event(s), "
                    f"e.g. {earlier[0].date}: {earlier[0].summary}",
                    len(earlier),
                )
            )
    return signals


def same_event(evidence: Evidence) -> bool:
    """Whether the signals identify the record as the claim's own event, not a neighbour.

    A date that agrees does; so does a matching round ("sixth package"); without a conflicting
    date and with no other actor, so does a matching count, a person or a rare name the record
    is about ("Bucha", "the GRU"), the status of a called-off summit or the stage of a treaty
    exit. A date a few days off with the count or stage and the actors the same is the event
    with its date wrong. A matching treaty alone does not identify: exits come in stages.
    """
    verdicts = {s.kind: s.verdict for s in evidence.signals}
    if verdicts.get("date") == "agrees" or verdicts.get("round") == "agrees":
        return True
    if verdicts.get("happened") == "differs":  # only set when the record is this event
        return True
    if verdicts.get("date") == "differs":
        # a day or a week off, with the count or the treaty's stage and the actors the same:
        # the record is this event and the claim has its date wrong
        delta = next((s.delta for s in evidence.signals if s.kind == "date"), None) or 0
        identified = verdicts.get("count") == "agrees" or verdicts.get("stage") == "agrees"
        return delta <= NEAR_DAYS and identified and verdicts.get("actors") == "agrees"
    if verdicts.get("actors") == "differs":
        return False
    return any(
        verdicts.get(kind) == "agrees" for kind in ("count", "party", "names", "status", "stage")
    )


def suggest(evidence: list[Evidence]) -> Suggestion:
    """A verdict from the best evidence's signals, with the reason in words."""
    best = evidence[0] if evidence else None
    nearest = best is not None and any(s.kind == "nearest" for s in best.signals)
    if best is None or (best.score < MIN_SCORE and not nearest):
        return Suggestion("unverifiable", "no record in the sources matches this claim")
    if any(s.kind == "value" for s in best.signals):
        return suggest_value(best)
    if best.source == "pack" and (nearest or not same_event(best)):
        coverage = "".join(
            f" {s.detail[0].upper()}{s.detail[1:]}." for s in best.signals if s.kind == "coverage"
        )
        conflict = any(s.verdict in ("differs", "swapped") for s in best.signals)
        if nearest or conflict or coverage:
            said = f"no record of this event; the nearest is {best.date}: {best.snippet}"
        else:
            said = (
                "the claim gives too few details to tell whether the best record is its event: "
                f"{best.date}: {best.snippet}"
            )
        return Suggestion("unverifiable", said + coverage)
    differs = [s for s in best.signals if s.verdict in ("differs", "swapped")]
    if any(s.verdict == "swapped" for s in differs):
        return Suggestion("false", "the record has actor and target the other way round")
    for s in differs:
        far_date = s.kind == "date" and (s.delta or 0) > 365
        far_count = s.kind == "count" and abs(s.delta or 0) > 0.5
        if far_date or far_count or s.kind == "happened":
            return Suggestion("false", s.detail)
    if differs:
        return Suggestion("misleading", "; ".join(s.detail for s in differs))
    agreeing = [s for s in best.signals if s.verdict == "agrees"]
    if len(agreeing) >= 2:
        return Suggestion("true", "; ".join(s.detail for s in agreeing))
    return Suggestion(
        "mostly_true",
        "the best record matches, but the claim gives too few details to compare fully",
    )


FAR_VALUE = 0.1  # a figure more than 10% off the reference value is false, not misleading


def suggest_value(best: Evidence) -> Suggestion:
    """A verdict for a figure compared with a reference value (a statistic and Wikidata).

    The value agrees: true, or mostly_true when the reference is for another period. It
    differs for the same period (or the claim gives none): false when more than ``FAR_VALUE``
    off, else misleading. It differs and the periods differ too: unverifiable, since two
    periods' values may well differ; the reason says what the reference has.
    """
    kinds = {s.kind: s for s in best.signals}
    value, when = kinds["value"], kinds.get("date")
    period_differs = when is not None and when.verdict == "differs"
    if value.verdict == "agrees":
        if period_differs:
            return Suggestion("mostly_true", f"{value.detail}, but {when.detail}")
        return Suggestion("true", "; ".join(s.detail for s in (value, when) if s is not None))
    if period_differs:
        return Suggestion(
            "unverifiable",
            f"no reference value for the claim's period: {when.detail}; {value.detail}",
        )
    if abs(value.delta or 0) > FAR_VALUE:
        return Suggestion("false", value.detail)
    return Suggestion("misleading", value.detail)


def link(
    claims: Iterable[Claim],
    sources: Sequence[str | type[Source] | Source] | None = None,
    offline: bool = False,
    published: str | date | None = None,
    top: int = TOP_EVIDENCE,
) -> list[Claim]:
    """Attach ranked evidence and a suggested verdict to each claim; returns the claims.

    ``sources`` are names, classes or instances (default: the bundled pack). ``offline`` answers
    from the pack and the HTTP cache only: online sources named here get cache-only sessions.
    A failing source is recorded in the suggestion's reason and the others go on.
    """
    if isinstance(sources, str):
        sources = [name.strip() for name in sources.split(",") if name.strip()]  # "pack,gdelt"
    if claims is None or isinstance(claims, str | bytes | Claim):
        raise InputError(
            "link() takes a list of claims (what detect() returns), not "
            f"{'one claim' if isinstance(claims, Claim) else type(claims).__name__}"
        )
    chosen = [init_source(s, offline=offline) for s in (sources or DEFAULT_SOURCES)]
    pub = resolve_published(published) if published is not None else None
    out = []
    for claim in claims:
        evidence: list[Evidence] = []
        failures: list[str] = []
        for source in chosen:
            result = source.search(claim, pub.isoformat() if pub else None)
            if result.error:
                failures.append(f"{result.source}: {result.error}")
                continue
            evidence.extend(_rank(claim, source, result.evidence, pub))
        if claim.type in STATEMENT_TYPES:
            claim.evidence, claim.suggestion = _statement(claim, chosen, evidence, pub, top)
        else:
            claim.evidence = _select(evidence, top)
            pack = next((s for s in chosen if isinstance(s, PackSource)), None)
            unplaced = _name_the_nearest(claim, pack, pub, top) if pack is not None else None
            claim.suggestion = suggest(claim.evidence)
            if unplaced:  # nothing of its kind before the article to name: say where they lie
                claim.suggestion.reason += f"; {unplaced}"
        if failures:
            claim.suggestion.reason += " (sources that failed: " + "; ".join(failures) + ")"
        out.append(claim)
    return out


STATEMENT_TYPES = frozenset({"statistic", "comparison", "quote", "position"})
# event nouns a record claim can be about ("the largest wave of expulsions since 1986")
RECORD_TOPICS = {
    "expulsion": "expulsion", "expulsions": "expulsion", "expelled": "expulsion",
    "diplomats": "expulsion", "sanctions": "sanctions", "package": "sanctions",
    "summit": "summit", "summits": "summit", "attack": "attack", "attacks": "attack",
    "election": "election", "exercise": "military", "exercises": "military",
    "drills": "military",
}  # fmt: skip
STATEMENT_REASONS = {
    "statistic": "a figure: the reference pack records events, not statistics; compare it with "
    "the official series (statistics office, central bank, ministry) or an online source",
    "quote": "a statement attributed to {who}: find the original statement or transcript to "
    "check that it was said, and the record to check whether it is true",
    "position": "a stated position of {who}: check the statement itself (date, wording); the "
    "reference pack records events, not positions",
    "comparison": "a record or comparison: the reference pack has no series to rank this "
    "against; check it against the statistics it compares",
}


def _statement(
    claim: Claim,
    sources: list[Source],
    found: list[Evidence],
    published: date | None,
    top: int,
) -> tuple[list[Evidence], Suggestion]:
    """Evidence and a suggestion for a statistic, comparison, quote or position: online
    evidence where a source found some; for "the largest/first ... since YEAR" about an event
    type, the pack's records since then; otherwise unverifiable, saying what would check it."""
    who = claim.slots.attribution or claim.slots.actor or "the speaker"
    reason = STATEMENT_REASONS[claim.type].format(who=who)
    evidence = _select([e for e in found if e.source != "pack"], top)
    if evidence:  # an earlier fact-check or an online record speaks to it
        online = suggest(evidence)
        if online.verdict != "unverifiable":
            return evidence, online
        if any(s.kind == "value" for s in evidence[0].signals):
            reason = f"{online.reason}; {reason}"  # what the reference has, then what would check
    pack = next((s for s in sources if isinstance(s, PackSource)), None)
    if claim.type == "comparison" and pack is not None:
        record = _record_holder(claim, pack.pack, published)
        if record is not None:
            holder, since = record
            item = pack.pack.to_evidence(holder, 0.6)
            item.signals = [
                Signal(
                    "record",
                    "unknown",
                    f"the largest {holder.type} in the reference pack since {since} is "
                    f"{holder.date}: {holder.count} ({holder.summary[:80]})",
                )
            ]
            evidence = [item, *evidence][:top]
            reason = (
                f"the reference pack's largest {holder.type} since {since}: {holder.count} on "
                f"{holder.date}; compare with the figure the article gives"
            )
    return evidence, Suggestion("unverifiable", reason)


def _record_holder(
    claim: Claim, pack: ReferencePack, published: date | None
) -> tuple[PackRecord, int] | None:
    text = " ".join(filter(None, [claim.slots.subject, claim.text])).lower()
    topic = next((t for w, t in RECORD_TOPICS.items() if re.search(rf"\b{w}\b", text)), None)
    since = re.search(r"\bsince (\d{4})\b", claim.slots.scope or claim.text)
    if topic is None or since is None:
        return None
    start = int(since.group(1))
    end = published.year if published else date.today().year
    records = [
        r
        for r in pack.by_type.get(topic, [])
        if r.count is not None
        and start <= int(r.date[:4]) <= end
        and (published is None or r.date <= published.isoformat())
    ]
    # "the largest expulsion of Russian diplomats": records done to Russia first, then by it
    parties = set(canonical_parties(claim.slots.subject or claim.text))
    if parties:
        records = [r for r in records if parties & set(r.targets)] or [
            r for r in records if parties & set(r.actors)
        ]
    if not records:
        return None
    return max(records, key=lambda r: r.count or 0), start


def _name_the_nearest(
    claim: Claim, source: PackSource, published: date | None, top: int
) -> str | None:
    """Whatever the ranking found, a claim of an event type that names a party or a treaty
    gets the pack's nearest record of its kind (marked ``nearest`` when nothing matched), and
    a claim dated before or after every such record is told so. Returns that note when no
    record could carry it (all of them came after the article)."""
    pack = source.pack
    if claim.type not in pack.by_type:
        return None
    found = next((e for e in claim.evidence if e.source == "pack"), None)
    if found is not None and _claim_range(claim) is None:
        return None  # a record to show and no date to place: nothing to add
    parties = affiliated(parties_of(claim))
    every = pack.related(claim.type, parties, claim.slots.treaty)
    kind = [r for r in every if published is None or r.span[0] <= published]
    if not kind:
        return _coverage(claim, every) if every else None
    if found is None:
        claim_range = _claim_range(claim)
        when = claim_range or ((published, published) if published else None)
        record = min(
            kind,
            key=(lambda r: gap_days(when, r.span)) if when else (lambda r: -r.span[1].toordinal()),
        )
        raw = _raw_score(claim, record, set(parties), published) or 0.0
        found = pack.to_evidence(record, min(1.0, raw))
        found.signals = [
            *signals_for(claim, record, pack),
            Signal("nearest", "unknown", "no record matches; this is the nearest of its kind"),
        ]
        claim.evidence = [*claim.evidence, found][:top] if claim.evidence else [found]
    note = _coverage(claim, kind)
    if note:
        found.signals.append(Signal("coverage", "unknown", note))
    return None


def _coverage(claim: Claim, kind: list[PackRecord]) -> str | None:
    """What to say when a claim's date lies before or after every record of its kind."""
    claim_range = _claim_range(claim)
    if claim_range is None:
        return None
    treaty = claim.slots.treaty
    label = "treaty exit" if claim.type == "treaty_withdrawal" else claim.type.replace("_", " ")
    if treaty and all(r.treaty == treaty for r in kind):
        what = f"{label} record of the {treaty}"
    else:
        parties = sorted(
            {p for r in kind for p in (*r.actors, *r.targets)} & set(affiliated(parties_of(claim)))
        )
        what = f"{label} record involving {' or '.join(parties[:3])}"
    first = min(kind, key=lambda r: r.span[0])
    last = max(kind, key=lambda r: r.span[1])
    said = claim.slots.date.text if claim.slots.date else "its date"
    if claim_range[1] < first.span[0]:
        return (
            f"the claim's date ({said}) is before every {what} in the reference pack; "
            f"the earliest is {first.date}"
        )
    if claim_range[0] > last.span[1]:
        return (
            f"the claim's date ({said}) is after every {what} in the reference pack; "
            f"the latest is {last.date}"
        )
    return None


def _select(evidence: list[Evidence], top: int) -> list[Evidence]:
    """The best ``top`` items, keeping the best of each source that found something, best first."""
    good = sorted(
        (e for e in evidence if e.score >= MIN_SCORE), key=lambda e: e.score, reverse=True
    )
    chosen: list[Evidence] = []
    for item in good:  # the best item of every source
        if item.source not in {c.source for c in chosen}:
            chosen.append(item)
    for item in good:  # then the next best, whatever their source
        if len(chosen) >= top:
            break
        if all(item is not c for c in chosen):
            chosen.append(item)
    return sorted(chosen, key=lambda e: e.score, reverse=True)


def _rank(
    claim: Claim, source: Source, found: list[Evidence], published: date | None
) -> list[Evidence]:
    if not isinstance(source, PackSource):
        return found  # online sources score their own results
    parties = parties_of(claim)
    claim_actors = affiliated(canonical_parties(claim.slots.actor))
    claim_targets = affiliated(canonical_parties(claim.slots.target))
    context = frozenset(context_names(claim.sentence or claim.text, source.pack, STORY))
    scored = []
    for item in found:
        record = source.record(item.record_id or "")
        if record is None:
            continue
        raw = _raw_score(
            claim,
            record,
            parties,
            published,
            claim_actors,
            claim_targets,
            context,
            source.pack.words.get(record.id, frozenset()),
        )
        if raw is None or raw < MIN_SCORE:
            continue
        item.score = min(1.0, raw)
        scored.append((raw, item, record))
    scored.sort(key=lambda row: row[0], reverse=True)
    scored = [(item, record) for _, item, record in scored]
    for item, record in scored[:TOP_EVIDENCE]:  # signals only for what can be shown
        item.signals = signals_for(claim, record, source.pack)
    return [item for item, _ in scored[:TOP_EVIDENCE]]
