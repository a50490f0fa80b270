"""Reading order: do a render's sentences come in the order of the published source?

The seeds in ``../shared/seeds/`` are plain-text extractions of the published PDFs and web
pages. Each is split into sentences; each sentence is looked up in the Markdown render with
markup, punctuation and case ignored; the sentences found must appear in the source's order.
Extraction breaks some sentences (table cells interleave, ligatures split "fl ickor"); those
are simply not found. Run this file to print the report::

    PYTHONPATH=src python tests/reading_order.py [-v] [--full]

The plain render (``--plain``: the document as adopted) is measured by default; ``--full``
measures the render with the tool's additions.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

SEEDS = Path(os.environ.get("MVKPLAN_SEEDS")
             or Path(__file__).resolve().parents[2] / "shared" / "seeds")
"""The seed texts: ``../shared/seeds`` beside the repository, or ``$MVKPLAN_SEEDS``."""

# Which seed holds which document; the Kalmar strategy's seed carries the MVK plan as its
# Bilaga 3, so the two documents share one seed split at the annex's cover page.
ANNEX_START = "Bilaga 3\n\nAtt förebygga och bekämpa"
SEED_OF = {
    "kalmar-2021": ("000_cf0233d3ab02592d.txt", None),
    "kalmar-profil": ("001_3725ccc10a44217e.txt", None),
    "kronoberg-2018-reviderad": ("002_063c14172b855c4c.txt", None),
    "kalmar-jamstalldhetsstrategi-2024": ("003_2779bcc81d7f199d.txt", "before"),
    "kalmar-2024": ("003_2779bcc81d7f199d.txt", "after"),
    "jonkoping-2022": ("004_1b75851cdf9197d1.txt", None),
}
MIN_WORDS = 5

# Extraction quirks, by document, each sentence exactly as split from the seed: text the
# PDF extraction puts where the page does not, or that the page prints twice.
QUIRKS: dict[str, frozenset[str]] = {
    "kalmar-2021": frozenset({
        # The figure of the four national goals ("se boxarna nedan"): extracted a page later,
        # its box texts broken at line ends; two of them are also the goal tables' headings.
        "Ett utökat och verkningsfullt förebyggande arbete",
        "De fyra målsättningarna i En nationell strategi för att förebygga och bekämpa mäns "
        "våld mot kvinnor.",
        "Ett utökat och verkningsfullt förebyggande arbete mot våld",
        "Förbättrad upptäckt av våld samt starkare skydd och stöd för våldsutsatta kvinnor "
        "och barn",
        # The figure "Nationell strategi → Regional handlingsplan → Verksamhetsplaner".
        "Nationell strategi Regional handlingsplan för Kalmar län",
        # Captions of the goal symbols, extracted in the middle of the next section.
        "Symbolerna för de sex, nationella jämställdhetsmålen:",
        "Symbolerna för de fem mål i Agenda 2030 som kan kopplas till handlingsplanen "
        "(totalt finns 17 mål i Agenda 2030):",
        "Anständiga arbetsvillkor och ekonomisk tillväxt, 10.",
        # The back cover repeats three passages of the body, broken at its line ends.
        "Rätten att inte utsättas för mäns våld mot kvinnor är en",
        "fråga om demokrati, jämställdhet och grundläggande",
        "psykiskt lidande för våldsutsatta vuxna och barn.",
        "Samverkan mellan olika aktörer – både inom offentlig",
        "Länsstyrelsen har i uppdrag att arbeta strategiskt",
        "Aktörer i länet uppmuntras att koppla relevanta mål",
    }),
    "kalmar-jamstalldhetsstrategi-2024": frozenset({
        # Bilaga 2, "Indikatorer för jämställdhet": the page's second column (the lists of
        # Mål 1 and Mål 2, then the lead-in "Här följer ett urval …") is extracted before the
        # section's heading; printed, the lists follow the lead-in.
        "» Förtroendeuppdrag i kommuner och region",
        "» Styrelser och ledning i börsföretag",
        "» Chefer i privat och offentlig sektor efter typ av chef",
        "» Professorer vid universitet och högskolor",
        "» Chefer i privat och offentlig",
        "» Kvinnors lön som andel (%) av mäns lön efter sektor före och efter standardvägning.",
        "» Grad av könsdominans på arbetsmarknaden",
        "» Faktisk och vanligen arbetad tid i genomsnitt per vecka efter hushållstyp",
        "» Arbetslöshet och sysselsatta efter sysselsättningsgrad",
        "» Personer med sjuk- och aktivitetsersättning",
        "Här följer ett urval av framtagna könsuppdelade indikatorer på nationell nivå:",
        # The next page's columns: Mål 6 is extracted before Mål 4.
        "Mål 6 Mäns våld mot kvinnor",
        "Jämn fördelning av det obetalda hem- och",
    }),
    "kronoberg-2018-reviderad": frozenset({
        # The heading printed beside the goal tables, extracted after the first table.
        "Handlingsplanens delmål utifrån den nationella strategin",
    }),
    "kalmar-2024": frozenset({
        # The figure of the chain of plans, extracted between two actors' commitments.
        "REGIONAL HANDLINGSPLAN MÄNS VÅLD MOT KVINNOR",
    }),
}

_HYPHEN_BREAK = re.compile(r"(\w)- ?\n ?(?=[a-zåäö])")
_SENTENCE_END = re.compile(r"(?<=[.!?:])(?<!\bex\.)(?<!\bt\.ex\.)\s+(?=[A-ZÅÄÖ0-9»•–(])|\n\s*\n|\s*•\s*|\n\s*»\s*")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_FOOTNOTE = re.compile(r"\[\^[^\]]+\]:?")
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]]+\]:", re.MULTILINE)
_TAGS = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")


def seed_text(document: str, seeds: Path = SEEDS) -> str:
    """The part of the seed that is ``document``."""
    name, part = SEED_OF[document]
    text = (seeds / name).read_text(encoding="utf-8")
    if part is not None:
        before, _, after = text.partition(ANNEX_START)
        text = before if part == "before" else ANNEX_START + after
    return text


def words(text: str) -> list[str]:
    """Lower-case words; numbers of one or two digits are dropped, since the extraction
    glues footnote numbers to words ("relation.2") that a render prints as markers."""
    return [w for w in _WORD.findall(text.lower()) if not (w.isdigit() and len(w) <= 2)]


def source_sentences(text: str) -> list[str]:
    """The source split into sentences (and list items, and headings glued to them)."""
    text = _HYPHEN_BREAK.sub(r"\1", text)
    return [" ".join(s.split()) for s in _SENTENCE_END.split(text) if s and s.strip()]


def render_words(markdown: str) -> str:
    """The render as one space-separated run of words, markup removed."""
    text = _MD_FOOTNOTE.sub(" ", _MD_LINK.sub(r"\1", _TAGS.sub(" ", markdown)))
    return " " + " ".join(words(text)) + " "


@dataclass
class Report:
    """How much of the source a render holds, and in which order."""

    document: str
    sentences: int = 0
    found: list[tuple[int, str]] = field(default_factory=list)
    """(position in the render, sentence) in source order."""
    out_of_order: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    footnotes: int = 0
    """Sentences found in the render's footnotes: the extraction prints each note at the foot
    of its page, the render gathers them at the end; their order is not compared."""
    quirks: int = 0
    """Sentences named as extraction quirks (captions, figure texts, back cover)."""

    @property
    def share_found(self) -> float:
        found = len(self.found) + self.footnotes + self.quirks
        return found / self.sentences if self.sentences else 0.0

    @property
    def share_in_order(self) -> float:
        return 1 - len(self.out_of_order) / len(self.found) if self.found else 0.0

    def line(self) -> str:
        found = len(self.found) + self.footnotes + self.quirks
        return (f"{self.document}: {found}/{self.sentences} sentences found "
                f"({self.share_found:.0%}), {self.share_in_order:.1%} in order, "
                f"{len(self.out_of_order)} out of order, {len(self.repeated)} printed twice, "
                f"{self.footnotes} in footnotes, {self.quirks} named quirks")


def reading_order(document: str, source: str, render: str,
                  exceptions: frozenset[str] = frozenset()) -> Report:
    """Find each source sentence in the render; the longest run in order is 'in order'."""
    haystack = render_words(render)
    notes_at = _FOOTNOTE_DEFINITION.search(render)
    notes_start = len(render_words(render[:notes_at.start()])) - 1 if notes_at else len(haystack)
    report = Report(document)
    last = 0
    keys = [(" ".join(words(s)), s) for s in source_sentences(source)]
    counts: dict[str, int] = {}
    for key, _ in keys:
        counts[key] = counts.get(key, 0) + 1
    for key, sentence in keys:
        if len(key.split()) < MIN_WORDS or counts[key] > 1:
            continue  # short fragments, and what the source prints more than once (page
            # furniture, running heads, a list of goals repeated as headings): no one place
        report.sentences += 1
        at = haystack.find(f" {key} ")
        if at < 0:
            continue
        if haystack.find(f" {key} ", at + 1) >= 0:
            # Printed more than once: take the first occurrence after the last sentence found.
            report.repeated.append(sentence)
            after = haystack.find(f" {key} ", last)
            at = after if after >= 0 else at
        last = max(last, at)
        if " ".join(sentence.split()) in exceptions:
            report.quirks += 1
            continue
        if at >= notes_start:
            report.footnotes += 1
            continue
        report.found.append((at, sentence))
    keep = _longest_increasing([at for at, _ in report.found])
    report.out_of_order = [s for i, (_, s) in enumerate(report.found) if i not in keep]
    return report


def _longest_increasing(values: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[k] = value
            tail_index[k] = i
        parent[i] = tail_index[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        keep.add(i)
        i = parent[i]
    return keep


if __name__ == "__main__":  # pragma: no cover - a report for people
    import sys

    from mvkplan.checks.validate import load_corpus
    from mvkplan.project.config import find_project
    from mvkplan.publish.render.pages import render_document

    index = load_corpus(find_project(Path(__file__).resolve().parents[1])).index
    verbose = "-v" in sys.argv
    for doc in SEED_OF:
        result = reading_order(doc, seed_text(doc),
                               render_document(index, doc, "md", plain="--full" not in sys.argv),
                               QUIRKS.get(doc, frozenset()))
        print(result.line())
        if verbose:
            for s in result.out_of_order:
                print("   OUT:", s[:110])
            for s in result.repeated:
                print("   TWICE:", s[:110])
