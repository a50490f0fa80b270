"""Fidelity of a plain render to its seed, measured without the YAML's help.

Two measures, both on words (lower-cased; the extraction's line-break hyphens and split
ligatures joined), both splitting the seed on its own terms only:

* **Sentences found and their order.** The seed is cut into sentences at blank lines, list
  bullets ("•", "»") and sentence ends (". ", "! ", "? " before a capital); nothing of the
  YAML decides where. A sentence of five words or more counts as found (fuzzy) when at least
  ``FOUND`` of its word pairs are in the render; its place is the offset most of its pairs
  agree on. The share in order is the longest run of found sentences whose places increase.
  What the seed prints more than once (running heads, page furniture) has no one place and
  is not counted.
* **Nothing added.** The render's text, cut at its own block and cell boundaries, must hold
  no three words in a row that the seed does not (a segment of one or two words: as a
  whole), apart from ``ALLOWED`` layout words.

Run ``PYTHONPATH=src python tests/fidelity.py`` for the report.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from reading_order import SEED_OF, seed_text

FOUND = 0.75
"""Share of a sentence's word pairs that must be in the render for it to count as found."""

ALLOWED = frozenset({
    # Page numbers of the PDF's footer ("Sida 3 av 12"), the only text the plain PDF adds.
    "sida", "av",
})
"""Layout words a plain render may print that its seed need not: page numbers."""

_HYPHEN_BREAK = re.compile(r"(\w)-[ \t]*\n\s*(?=[a-zåäö])")
# The PDFs' ligatures come out as a letter pair and a space: "fi nns", "fl era", "eff ektivare".
_LIGATURE = re.compile(r"(\w*(?:ff|fi|fl)) ([a-zåäö]\w*)")
_SEED_SPLIT = re.compile(r"\n\s*\n|\s*[•»]\s*|(?<=[.!?])\s+(?=[A-ZÅÄÖ])")
# A line that is nothing but an address is a link's target, which the extraction prints at the
# foot of the page after the footnotes (the notes print the link's text: "Fakta Kalmar län
# (regionkalmar.se/faktakalmarlan)" over "https://app.powerbi.com/…"; Jönköping's contacts
# print "anna.alm.martensson@…" over "mailto:anna.alm.martensson@…"). It is no sentence of
# the page, and glued to the next page's heading it would make one that is nowhere: left out.
_ADDRESS_LINE = re.compile(r"^(?:https?://|mailto:)\S+[ \t]*$", re.MULTILINE)
_WORD = re.compile(r"\w+")


def normalise_seed(text: str) -> str:
    """The seed with line-break hyphens and split ligatures joined."""
    text = _HYPHEN_BREAK.sub(r"\1", text)
    # The words the seed prints other than right after a possible split ligature.
    vocabulary = set(_WORD.findall(_LIGATURE.sub(" ", text)))

    def join(m: re.Match[str]) -> str:
        # "fi nns" is one word ("nns" is printed nowhere else), "pornografi och" two.
        whole = m.group(1) + m.group(2)
        split = whole in vocabulary or m.group(2) not in vocabulary
        return whole if split else m.group(0)

    return _LIGATURE.sub(join, text)


@dataclass(frozen=True)
class Misread:
    """A passage that the extraction prints where the page does not. The measure reads it
    where the page prints it: from ``starts`` to ``ends`` (the seed's text exactly: ``starts``
    and ``before`` printed once, ``ends`` the first after ``starts``), cut from the seed and
    set as a block of its own before ``before``."""

    lines: str
    """The seed's lines of the passage, for people."""
    starts: str
    ends: str
    before: str
    why: str


# A figure or caption printed at the foot of a page comes out of the extraction in the middle
# of the sentence that runs over to the next page. No sentence holds a figure: the page
# reads it after that paragraph, and so does the render. Columns and box headings that the
# extraction reads in another order than the page are named with what the page shows.
MISREAD: dict[str, tuple[Misread, ...]] = {
    "kalmar-2021": (
        Misread("337–344", "\nNationell strategi Regional handlings-",
                "och verksamheter i \nKalmar län\n", "Det finns också uppenbara kopplingar mellan \n",
                "the figure of the chain of plans, at the foot of the page that ends in "
                "\"och därmed\" (extracted into that sentence): after its paragraph"),
        Misread("453–455", "\nSymbolerna för de fem mål i Agenda 2030",
                "16. Fredliga och inkluderande samhällen.\n",
                "Länsstyrelsen Kalmar län bidrar genom att:",
                "the full-width caption of the Agenda 2030 symbols, at the foot of the page that "
                "ends in \"som integreras i verksamhetens\": after that paragraph"),
    ),
    "kalmar-jamstalldhetsstrategi-2024": (
        Misread("1889–1915", "Indikatorer för jämställdhet\nJämställdhetspolitiken styrs",
                "att sammanställa \nupplevelser. \n", "Mål 1 \nMakt och inflytande",
                "Bilaga 2: the section's heading and lead-in, which the page prints first; the "
                "extraction reads the column of the lists of Mål 1 and Mål 2 before them"),
        Misread("1885–1887", "Här följer ett urval av framtagna", "\nnationell nivå:\n",
                "Mål 1 \nMakt och inflytande",
                "Bilaga 2: the lead-in ends in a colon; the lists of Mål 1 … 6 it introduces "
                "follow it on the page"),
        Misread("1950–1952", "Mål 6 \nMäns våld", "\n\nska upphöra \n",
                " » Personer som känner \noro för att utsättas",
                "Bilaga 2: the box headings of Mål 6, 5 and 4 are extracted in that order, "
                "before the list of Mål 4; each heads its own list, Mål 6 the one that starts "
                "with \"Personer som känner oro för att utsättas för överfall\""),
    ),
}
"""Passages whose place in the extraction is not their place on the printed page, by
document; see ``as_printed``."""


def as_printed(document: str, seed: str, misreads: tuple[Misread, ...] | None = None) -> str:
    """``seed`` with each of the document's ``MISREAD`` passages (or ``misreads``) where the
    page prints it. A passage cut out of a sentence leaves the sentence whole."""
    for misread in MISREAD.get(document, ()) if misreads is None else misreads:
        for text in (misread.starts, misread.before):
            if seed.count(text) != 1:
                raise ValueError(f"{document}: seed lines {misread.lines}: {text[:40]!r} "
                                 f"is printed {seed.count(text)} times, not once")
        start = seed.index(misread.starts)
        end = seed.find(misread.ends, start)
        if end < 0:
            raise ValueError(f"{document}: seed lines {misread.lines}: no end after the start")
        end += len(misread.ends)
        passage = seed[start:end]
        seed = seed[:start] + seed[end:]
        seed = seed.replace(misread.before, f"\n\n{passage.strip()}\n\n{misread.before}", 1)
    return seed


def words(text: str) -> list[str]:
    """Lower-case words; numbers of one or two digits dropped (footnote markers glued to
    words in the extraction, "relation.2", are printed as markers in a render)."""
    return [w for w in _WORD.findall(text.casefold()) if not (w.isdigit() and len(w) <= 2)]


def seed_sentences(text: str) -> list[list[str]]:
    """The seed cut into sentences, each as its words."""
    text = _ADDRESS_LINE.sub("\n", normalise_seed(text))
    return [ws for part in _SEED_SPLIT.split(text) if part and (ws := words(part))]


@dataclass
class Measure:
    """How much of a seed a render holds, and in which order."""

    document: str
    sentences: int = 0
    found: list[tuple[int, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    """Found in the render's footnotes (their order is not compared)."""
    out_of_order: list[str] = field(default_factory=list)

    @property
    def share_found(self) -> float:
        found = len(self.found) + len(self.footnotes)
        return found / self.sentences if self.sentences else 0.0

    @property
    def share_in_order(self) -> float:
        return 1 - len(self.out_of_order) / len(self.found) if self.found else 0.0

    def line(self) -> str:
        return (f"{self.document}: {len(self.found) + len(self.footnotes)}/{self.sentences} "
                f"sentences found "
                f"({self.share_found:.1%}), {self.share_in_order:.1%} in order")


def measure(document: str, seed: str, render_text: str, notes_at: int | None = None) -> Measure:
    """Find each seed sentence in ``render_text`` (fuzzy), and their order. From character
    ``notes_at`` on the render holds its footnotes: the seed prints each at the foot of its
    page, the render gathers them at the end, so their order is not compared."""
    rendered = words(render_text)
    notes_start = len(words(render_text[:notes_at])) if notes_at is not None else len(rendered)
    pairs: dict[tuple[str, str], list[int]] = {}
    for i in range(len(rendered) - 1):
        pairs.setdefault((rendered[i], rendered[i + 1]), []).append(i)
    sentences = seed_sentences(seed)
    counts = Counter(" ".join(s) for s in sentences)
    result = Measure(document)
    candidates: list[list[int]] = []
    for sentence in sentences:
        key = " ".join(sentence)
        if len(sentence) < 5 or counts[key] > 1:
            continue
        result.sentences += 1
        offsets: Counter[int] = Counter()
        present = 0
        for i in range(len(sentence) - 1):
            at = pairs.get((sentence[i], sentence[i + 1]))
            if at:
                present += 1
                offsets.update({p - i for p in at})
        if present / (len(sentence) - 1) < FOUND:
            result.missing.append(key)
            continue
        # Every place most of its word pairs agree on: text the render prints twice (a
        # heading and a figure, say) is in order if either place is.
        best = max(offsets.values())
        places = sorted(o for o, n in offsets.items() if n >= best / 2)
        # A footnote is where most of its pairs are: the note's title may be printed in the
        # body too ("En nationell strategi för att …"), its addresses only in the notes; and
        # the extraction glues a note to the line above it, which the render prints in the
        # body ("… unga kvinnor och" + "1 Socialstyrelsens utredningar …").
        top = max(offsets, key=lambda o: (offsets[o], -o))
        in_notes = sum(top + i >= notes_start for i in range(len(sentence) - 1)
                       if top + i in pairs.get((sentence[i], sentence[i + 1]), ()))
        if in_notes > offsets[top] / 2:
            result.footnotes.append(key)
            continue
        result.found.append((places[0], key))
        candidates.append(places)
    keep = _longest_chain(candidates)
    result.out_of_order = [s for i, (_, s) in enumerate(result.found) if i not in keep]
    return result


def added_text(seed: str, segments: list[str], allowed: frozenset[str] = ALLOWED,
               *, lines: bool = False) -> list[str]:
    """The words of a render that its seed does not print there: a word counts as printed
    when it stands in three words in a row (or, in a segment shorter than three, the whole
    segment) that the seed prints too. Runs of words not printed are returned, each with
    the word before and after for context. With ``lines`` (a PDF's text layer, whose line
    ends are the layout's) a segment of one or two words needs only its words in the seed."""
    seed_words = words(normalise_seed(seed))
    known = {tuple(seed_words[i:i + 3]) for i in range(len(seed_words) - 2)}
    pairs = set(zip(seed_words, seed_words[1:], strict=False))
    stream = " " + " ".join(seed_words) + " "
    added = []
    for segment in segments:
        ws = words(segment)
        if not ws:
            continue
        if len(ws) < 3:
            printed = f" {' '.join(ws)} " in stream or (lines and set(ws) <= set(seed_words))
            if not printed and not set(ws) <= allowed:
                added.append(" ".join(ws))
            continue
        covered = [False] * len(ws)
        for i in range(len(ws) - 2):
            if tuple(ws[i:i + 3]) in known:
                covered[i] = covered[i + 1] = covered[i + 2] = True
        i = 0
        while i < len(ws):
            if covered[i]:
                i += 1
                continue
            j = i
            while j < len(ws) and not covered[j]:
                j += 1
            run = ws[max(0, i - 1):j + 1]
            if lines and (i == 0 or j == len(ws)) and set(ws[i:j]) <= set(seed_words):
                i = j  # cut by the line's end: its words alone are all there is to check
                continue
            # Table cells printed side by side come out of the PDF a line of each in turn:
            # there a run whose every word pair the seed prints is the cell's, not added.
            if not all(pair in pairs for pair in zip(run, run[1:], strict=False)) \
                    and not set(ws[i:j]) <= allowed | {w for w in ws[i:j] if w.isdigit()}:
                added.append(" ".join(run))
            i = j
    return added


def _longest_chain(candidates: list[list[int]]) -> set[int]:
    """Indexes of the sentences in one longest chain of strictly increasing places, each
    sentence taking one of its candidate places (patience sorting; a sentence's places are
    tried from the largest, so that no two of them chain)."""
    tails: list[int] = []
    tail_node: list[int] = []
    nodes: list[tuple[int, int]] = []  # (sentence, parent node or -1)
    for sentence, places in enumerate(candidates):
        for place in sorted(set(places), reverse=True):
            k = bisect_left(tails, place)
            nodes.append((sentence, tail_node[k - 1] if k else -1))
            if k == len(tails):
                tails.append(place)
                tail_node.append(len(nodes) - 1)
            else:
                tails[k] = place
                tail_node[k] = len(nodes) - 1
    keep: set[int] = set()
    node = tail_node[-1] if tail_node else -1
    while node >= 0:
        sentence, node = nodes[node]
        keep.add(sentence)
    return keep


def markdown_segments(markdown: str) -> list[str]:
    """A Markdown render's text cut at lines, table cells, line breaks and bullets, with
    tags, link targets and footnote markers left out."""
    text = re.sub(r"\]\([^)]*\)", "]", markdown)
    text = re.sub(r"\[\^[^\]]+\]:?", " ", text)
    text = re.sub(r"<br>", "\n", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return [s for s in re.split(r"\n\s*\n|\||\s•\s|\n(?=\s*(?:[-*>#]|\d+\.)\s)", text) if s.strip()]


if __name__ == "__main__":  # pragma: no cover - a report for people
    from pathlib import Path

    from mvkplan.checks.validate import load_corpus
    from mvkplan.project.config import find_project
    from mvkplan.publish.render.pages import render_document

    index = load_corpus(find_project(Path(__file__).resolve().parents[1])).index
    for doc in SEED_OF:
        md = render_document(index, doc, "md", plain=True)
        notes = re.search(r"^\[\^[^\]]+\]:", md, re.MULTILINE)
        m = measure(doc, as_printed(doc, seed_text(doc)), md, notes.start() if notes else None)
        print(m.line())
        for s in m.missing:
            print("   MISSING:", s[:120])
        for s in m.out_of_order:
            print("   OUT:", s[:120])
        for s in added_text(seed_text(doc), markdown_segments(md)):
            print("   ADDED:", s[:120])
