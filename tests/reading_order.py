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

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_ENV = "MVKPLAN_SEEDS"

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

_HYPHEN_BREAK = re.compile(r"(\w)- ?\n ?(?=[a-zåäö])")
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÅÄÖ0-9»•–(])|\n\s*\n|\s*•\s*|\n\s*»\s*")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_FOOTNOTE = re.compile(r"\[\^[^\]]+\]:?")
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

    @property
    def share_found(self) -> float:
        return len(self.found) / self.sentences if self.sentences else 0.0

    @property
    def share_in_order(self) -> float:
        return 1 - len(self.out_of_order) / len(self.found) if self.found else 0.0

    def line(self) -> str:
        return (f"{self.document}: {len(self.found)}/{self.sentences} sentences found "
                f"({self.share_found:.0%}), {self.share_in_order:.1%} in order, "
                f"{len(self.out_of_order)} out of order, {len(self.repeated)} printed twice")


def reading_order(document: str, source: str, render: str,
                  exceptions: frozenset[str] = frozenset()) -> Report:
    """Find each source sentence in the render; the longest run in order is 'in order'."""
    haystack = render_words(render)
    report = Report(document)
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
            report.repeated.append(sentence)
        if any(e in sentence for e in exceptions):
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

    from mvkplan.config import find_project
    from mvkplan.render import render_document
    from mvkplan.validate import load_corpus

    index = load_corpus(find_project(Path(__file__).resolve().parents[1])).index
    verbose = "-v" in sys.argv
    for doc in SEED_OF:
        result = reading_order(doc, seed_text(doc),
                               render_document(index, doc, "md", plain="--full" not in sys.argv))
        print(result.line())
        if verbose:
            for s in result.out_of_order:
                print("   OUT:", s[:110])
            for s in result.repeated:
                print("   TWICE:", s[:110])
