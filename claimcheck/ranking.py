"""Ranking by check-worthiness, scored by average precision against "contains a number".

Each labelled text becomes a list of units in reading order (the detector's sentences of a gold
article, or the rows of a benchmark's sentence table), each with its check-worthiness, whether it
contains a number and its label. Every text with a check-worthy unit gets an average precision
for both rankings; the report gives their mean over texts (MAP) and the average precision of all
units pooled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .detection.worthiness import SentenceScore
    from .evaluate import GoldArticle
    from .sentence_tables import LabelledText


@dataclass
class RankedText:
    """One text's units in reading order: (check-worthiness, contains a number, check-worthy)."""

    id: str
    units: list[tuple[float, float, bool]]


@dataclass
class RankingReport:
    """How well sentence scores rank check-worthy sentences, against "contains a number"."""

    articles: int  # texts with at least one check-worthy unit: the ones scored
    sentences: int  # units ranked in those texts
    positives: int
    map_score: float
    map_number: float
    ap_score: float  # pooled over every unit of every text
    ap_number: float
    # per scored text: id, units, positives, ap_score, ap_number
    per_text: list[dict[str, Any]] = field(default_factory=list)
    unit: str = "sentences"  # what was ranked: the detector's "sentences", or a table's "rows"

    def to_dict(self) -> dict[str, Any]:
        """The numbers, with the counts named after what was counted (``articles`` and
        ``sentences`` for gold articles, ``texts`` and ``rows`` for sentence tables)."""
        data = dict(self.__dict__)
        unit = data.pop("unit")
        data["per_text"] = [
            {unit if k == "units" else k: v for k, v in text.items()} for text in self.per_text
        ]
        names = {"articles": "texts", "sentences": unit} if unit != "sentences" else {}
        return {names.get(k, k): v for k, v in data.items()}


def average_precision(ranked_labels: list[bool]) -> float:
    """Average precision of a ranked list: the mean precision at each check-worthy item."""
    hits, total = 0, 0.0
    for rank, label in enumerate(ranked_labels, start=1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def rank_texts(texts: list[RankedText], unit: str = "sentences") -> RankingReport:
    """Average precision of each text's units ranked by check-worthiness and by "contains a
    number" (ties keep reading order), their means, and both pooled over all texts. A text with
    no check-worthy unit has no average precision and is left out."""
    per_score, per_number, pooled, per_text = [], [], [], []
    units = positives = 0
    for text in texts:
        rows = [(score, number, -i, label) for i, (score, number, label) in enumerate(text.units)]
        if not any(r[3] for r in rows):
            continue
        units += len(rows)
        positives += sum(r[3] for r in rows)
        per_score.append(
            average_precision([r[3] for r in sorted(rows, key=lambda r: (-r[0], -r[2]))])
        )
        per_number.append(
            average_precision([r[3] for r in sorted(rows, key=lambda r: (-r[1], -r[2]))])
        )
        per_text.append(
            {
                "id": text.id,
                "units": len(rows),
                "positives": sum(r[3] for r in rows),
                "ap_score": round(per_score[-1], 3),
                "ap_number": round(per_number[-1], 3),
            }
        )
        pooled += rows
    by_score = [r[3] for r in sorted(pooled, key=lambda r: -r[0])]
    by_number = [r[3] for r in sorted(pooled, key=lambda r: -r[1])]
    return RankingReport(
        articles=len(per_score),
        sentences=units,
        positives=positives,
        map_score=round(sum(per_score) / len(per_score), 3) if per_score else 0.0,
        map_number=round(sum(per_number) / len(per_number), 3) if per_number else 0.0,
        ap_score=round(average_precision(by_score), 3),
        ap_number=round(average_precision(by_number), 3),
        per_text=per_text,
        unit=unit,
    )


def contains_number(text: str) -> float:
    """The baseline: 1.0 when the text holds a number, in digits or in words."""
    from .detection.worthiness import NUMBER

    return 1.0 if NUMBER.search(text) else 0.0


def rank_sentences(gold: list[GoldArticle], model: str | None = None) -> RankingReport:
    """Rank each article's sentences by check-worthiness and by "contains a number" (the
    baseline the issue names), and compare mean average precision. A sentence is check-worthy
    when it overlaps a sentence marked so or, where no sentences are marked, a gold claim."""
    from .detection import detect_sentences

    texts = []
    for article in gold:
        spans = article.checkworthy if article.checkworthy is not None else article.claims
        scored = detect_sentences(article.text, published=article.published, model=model)
        units = [
            (
                s.score,
                contains_number(s.text),
                any(g["start"] < s.end and s.start < g["end"] for g in spans),
            )
            for s in scored
        ]
        texts.append(RankedText(article.id, units))
    return rank_texts(texts)


def rank_rows(texts: list[LabelledText], model: str | None = None) -> RankingReport:
    """Rank the rows of labelled sentence tables, the benchmark's own units. Each text is read
    whole, as a transcript, so that its context counts (a moderator's turn, the speaker); a row
    gets the highest score of the sentences it overlaps, so a row the sentence splitter cut in
    two or ran into its neighbour is still scored."""
    return rank_texts([ranked_rows(text, model) for text in texts], unit="rows")


def ranked_rows(text: LabelledText, model: str | None = None) -> RankedText:
    """One table text's rows, scored, with their labels, in the table's order."""
    from .detection import detect_sentences

    body, spans = as_transcript(text)
    scores = row_scores(spans, detect_sentences(body, model=model))
    units = [
        (score, contains_number(row.text), row.label)
        for row, score in zip(text.rows, scores, strict=True)
    ]
    return RankedText(text.id, units)


def as_transcript(text: LabelledText) -> tuple[str, list[tuple[int, int]]]:
    """The rows as one text, a line each (``SPEAKER: text`` where the row has a speaker), and
    where each row's text is in it."""
    from .detection.quotes import is_speaker_label

    lines, spans, pos = [], [], 0
    for row in text.rows:
        label = ""
        if row.speaker:
            speaker = " ".join(row.speaker.replace(":", " ").split())
            # a name the transcript reader would not take for a label is written in capitals
            label = f"{speaker if is_speaker_label(speaker) else speaker.upper()}: "
        lines.append(label + row.text)
        spans.append((pos + len(label), pos + len(label) + len(row.text)))
        pos += len(lines[-1]) + 1
    return "\n".join(lines), spans


def row_scores(spans: list[tuple[int, int]], sentences: list[SentenceScore]) -> list[float]:
    """Each span's score: the highest of the sentences overlapping it (0.0 where none does, and
    for an empty row, which holds nothing to check). Both lists are in reading order."""
    scores, first = [], 0
    for start, end in spans:
        while first < len(sentences) and sentences[first].end <= start:
            first += 1
        best, i = 0.0, first
        while start < end and i < len(sentences) and sentences[i].start < end:
            if sentences[i].end > start:
                best = max(best, sentences[i].score)
            i += 1
        scores.append(best)
    return scores


def format_ranking(report: RankingReport) -> str:
    return "\n".join(
        [
            f"{report.unit}: {report.sentences} in {report.articles} texts, "
            f"{report.positives} check-worthy",
            f"mean average precision, ranked by check-worthiness: {report.map_score:.3f}",
            f"mean average precision, ranked by 'contains a number': {report.map_number:.3f}",
            f"pooled average precision: {report.ap_score:.3f} against {report.ap_number:.3f}",
        ]
    )
