"""Every real document's `--plain` render says what its seed says, and nothing else.

The measure is ``fidelity.py``'s: it cuts the seed into sentences on its own terms (blank
lines, bullets, sentence ends; nothing of the YAML), finds each in the plain Markdown render
by its word pairs (fuzzy) and compares their order with the page's (the seed as the
extraction prints it, except the passages ``fidelity.MISREAD`` names with their seed lines:
figures at a page's foot, columns read in another order); and it checks that the plain render in
every format (md, html, docx and the PDF's text layer) prints no words the seed does not.
The CLI renders the real files (``mvkplan render --plain``), as a user would.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fidelity import MISREAD, Misread, added_text, as_printed, markdown_segments, measure
from hypothesis import given, settings
from hypothesis import strategies as st
from reading_order import SEED_OF, SEEDS, seed_text
from test_render_support import require_or_skip

from conftest import run_cli

DOCUMENTS = sorted(SEED_OF)

# The plain render's share of seed sentences found (fuzzy) and in the seed's order.
MIN_FOUND = 0.98
MIN_IN_ORDER = 0.99

# Seed sentences the measure leaves out, by document: extraction quirks, each named. A
# sentence is named by its first words (as ``fidelity.words`` gives them).
EXTRACTION_QUIRKS: dict[str, tuple[str, ...]] = {
    "jonkoping-2022": (
        # The signatures (004: 36–44) and the contacts (1046–1048) are printed in two
        # columns; the extraction reads across both ("Anna Alm-Mårtensson   Tania Karanja").
        "anna alm mårtensson tania karanja",
        # The footnote marker after "MVP/AT" glued to it: "MVP/AT1" (004: 408).
        "mvp at1 i länets",
        # A line-break hyphen the extraction keeps inside a line: "kom-petens-" (004: 961).
        "info om kom petensförsörjning",
    ),
    "kalmar-jamstalldhetsstrategi-2024": (
        # The photo credit and the cover's running title, glued to the first heading.
        "foto länsstyrelsen kalmar län",
        # The "Du som kan bidra är" cells: contributors printed as a word cloud, one per line.
        "arbetsförmedling försäkringskassa migrationsverk",
        "kommun myndighet näringslivsaktörer",
        "familjecentraler förskola skola",
        # "hel-/respektive deltid": a hyphen before a line break the extraction keeps.
        "sysselsatta år efter ålder och helrespektive",
    ),
    "kalmar-2024": (
        # The figure of the chain of plans: "VERKSAMHETS-/PLANER" in capitals.
        "länets verksamheters egna verksamhets planer",
    ),
}

# Words a plain render may print that the measure does not find in its seed, by document:
# each is in the seed, broken there by the extraction (named below); short and named.
ADDED_ALLOWED: dict[str, tuple[str, ...]] = {
    "jonkoping-2022": (
        # The second column of signatures, read across the first in the extraction.
        "josefin andersson särskilt sakkunnig jämställdhet",
        "emma willaredt avdelningschef samhällsavdelningen",
        # The glued footnote marker and the kept hyphen (see EXTRACTION_QUIRKS).
        "mvp at i", "mvp at", "om kompetensförsörjning forskning",
    ),
    "kalmar-jamstalldhetsstrategi-2024": (
        # Text beside a figure or across two columns, interleaved in the extraction.
        "också resultat", "nio fn konventioner för", "diskrimineringslagen från",
        "ordförande kommun och regionstyrelser", "och hel respektive deltid",
        # Link texts of footnotes the extraction prints as bare addresses.
        "article introducing _cemr cemr", "diskrimineringslag 2008567 _sfs 2008 567 metodstöd",
    ),
    "kalmar-2024": (
        # Interleaved with the statistics box beside the paragraph.
        "våldsutsatta hbtqi personer att", "annat hälso och sjukvården",
        # The chain-of-plans figure (see EXTRACTION_QUIRKS).
        "egna verksamhetsplaner",
    ),
}

# The PDF's text layer (pdftotext) joins a word ending in a hyphen at a line end to the next
# line's ("kvinno-/och" → "kvinnooch", "bi-" before a footnote marker) and cuts addresses
# wrapped mid-word: these runs of the real PDFs, by document, are that and nothing else.
PDF_TEXT_LAYER = {
    "jonkoping-2022": ("personal ideella kvinnooch tjejjour",),
    "kalmar-2024": ("homo bifotnot", "mot hbtqpersoner en"),
    "kalmar-jamstalldhetsstrategi-2024": (
        "dokument statensoffentliga utredningar", "statistik efteramne levnadsforhallanden",
        "www jamstalldhetsmyndighet", "ett vapnatangrepp https", "html jamstalldhetsmyndighe",
        "ten se", "dokument svenskforfattningssamling diskrimineringslag"),
}

# Layout words of each format, which no seed prints and no reader takes for the document's
# text: the HTML's skip link and footnote navigation for screen readers ("Hoppa till
# innehållet", "fotnot 3", "Tillbaka till texten vid fotnot 3"), the "Fotnoter" heading over
# the gathered notes (HTML, Word), and the PDF's page numbers ("Sida 3 av 12").
LAYOUT = {
    "md": frozenset(),
    "html": frozenset({"hoppa", "till", "innehållet", "fotnot", "fotnoter", "tillbaka",
                       "texten", "vid"}),
    "docx": frozenset({"fotnoter"}),
    "pdf": frozenset({"sida", "av", "fotnot", "fotnoter", "tillbaka", "till", "texten", "vid"}),
}

@pytest.fixture(scope="module", autouse=True)
def seeds_present() -> None:
    """The seeds lie beside the repository in CI (which sets MVKPLAN_REQUIRE_SEEDS=1)."""
    require_or_skip(SEEDS.is_dir(), "MVKPLAN_REQUIRE_SEEDS", f"the seed texts ({SEEDS})")


def render(document: str, fmt: str, tmp_path: Path) -> bytes:
    """``mvkplan render DOCUMENT --plain -f FMT``, run as the CLI."""
    out = tmp_path / f"{document}.{fmt}"
    result = run_cli("render", document, "--plain", "-f", fmt, "-o", str(out))
    assert result.exit_code == 0, result
    return out.read_bytes()


class _Blocks(HTMLParser):
    """The text of an HTML page's body, cut at block elements and table cells."""

    BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "div",
              "section", "header", "footer", "tr", "caption", "dt", "dd", "blockquote",
              "sup"}

    def __init__(self) -> None:
        super().__init__()
        self.segments = [""]
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "head"):
            self.skip += 1
        if tag in self.BLOCKS:
            self.segments.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "head"):
            self.skip -= 1
        if tag in self.BLOCKS:
            self.segments.append("")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.segments[-1] += data


def html_segments(html: str) -> list[str]:
    parser = _Blocks()
    parser.feed(html)
    return [s for s in parser.segments if s.strip()]


def docx_segments(data: bytes) -> list[str]:
    """The paragraphs (in table cells too) of a .docx, read from its XML."""
    from defusedxml.ElementTree import fromstring

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = fromstring(archive.read("word/document.xml"))
    segments = []
    for paragraph in root.iter(f"{w}p"):
        # A line break (w:br) or tab ends a segment, as a <br> does in the HTML.
        text = "".join(e.text or "" if e.tag == f"{w}t" else "\n" if e.tag in (f"{w}br", f"{w}tab")
                       else "" for e in paragraph.iter())
        segments.extend(text.split("\n"))
    return segments


def pdf_segments(data: bytes, tmp_path: Path) -> list[str]:
    """The PDF's text layer (pdftotext), cut at lines (a table row's cells share none)."""
    path = tmp_path / "plain.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [line for line in text.splitlines() if line.strip()]


def unexpected(document: str, segments: list[str], fmt: str) -> list[str]:
    """What the render prints that its seed does not, less the named exceptions."""
    allowed = set(ADDED_ALLOWED.get(document, ()))
    added = added_text(seed_text(document), segments, LAYOUT[fmt], lines=fmt == "pdf")
    return [a for a in added if a not in allowed]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_plain_markdown_holds_the_seeds_sentences_in_order(document: str, tmp_path: Path) -> None:
    markdown = render(document, "md", tmp_path).decode()
    notes = re.search(r"^\[\^[^\]]+\]:", markdown, re.MULTILINE)
    quirks = EXTRACTION_QUIRKS.get(document, ())
    seed = as_printed(document, seed_text(document))
    result = measure(document, seed, markdown, notes.start() if notes else None)
    unexplained = [s for s in result.missing if not s.startswith(quirks)]
    found = 1 - len(unexplained) / (result.sentences - (len(result.missing) - len(unexplained)))
    print(result.line())
    assert found >= MIN_FOUND, "\n".join([result.line(), *unexplained])
    assert result.share_in_order >= MIN_IN_ORDER, "\n".join([result.line(), *result.out_of_order])


@pytest.mark.parametrize("document", sorted(MISREAD))
def test_every_misread_passage_is_needed(document: str, tmp_path: Path) -> None:
    """Each passage the measure reads elsewhere than the extraction prints it is one the
    render prints there: read where the extraction puts it, it is out of order."""
    markdown = render(document, "md", tmp_path).decode()
    notes = re.search(r"^\[\^[^\]]+\]:", markdown, re.MULTILINE)
    at = notes.start() if notes else None
    seed = seed_text(document)
    whole = measure(document, as_printed(document, seed), markdown, at)
    for misread in MISREAD[document]:
        others = tuple(m for m in MISREAD[document] if m is not misread)
        without = measure(document, as_printed(document, seed, others), markdown, at)
        assert len(without.out_of_order) > len(whole.out_of_order), misread.lines


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize("document", DOCUMENTS)
def test_plain_render_prints_nothing_its_seed_does_not(document: str, fmt: str,
                                                        tmp_path: Path) -> None:
    data = render(document, fmt, tmp_path)
    segments = (markdown_segments(data.decode()) if fmt == "md"
                else html_segments(data.decode()) if fmt == "html" else docx_segments(data))
    assert unexpected(document, segments, fmt) == []


@pytest.mark.parametrize("document", DOCUMENTS)
def test_plain_pdf_text_layer_prints_nothing_its_seed_does_not(document: str,
                                                               tmp_path: Path) -> None:
    require_or_skip(shutil.which("pdftotext") is not None, "MVKPLAN_REQUIRE_PDFTOOLS", "pdftotext")
    pytest.importorskip("weasyprint")
    segments = pdf_segments(render(document, "pdf", tmp_path), tmp_path)
    layer = PDF_TEXT_LAYER.get(document, ())
    assert [a for a in unexpected(document, segments, "pdf") if a not in layer] == []


# The measure itself: it must see what it is there to see.

_SEED = ("Första meningen i källan står här först.\n\nAndra meningen i källan kommer sedan "
         "efter.\n\n• Tredje meningen i källan avslutar texten.")


@settings(max_examples=50, deadline=None)
@given(st.permutations([0, 1, 2]))
def test_the_measure_sees_a_moved_sentence(order: list[int]) -> None:
    sentences = ["Första meningen i källan står här först.",
                 "Andra meningen i källan kommer sedan efter.",
                 "Tredje meningen i källan avslutar texten."]
    result = measure("x", _SEED, " ".join(sentences[i] for i in order))
    assert len(result.found) == 3
    assert (result.share_in_order == 1.0) == (order == [0, 1, 2])


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["tillägg", "mvkplan", "Kopplingar", "Baksida", "externa"]),
       st.integers(min_value=0, max_value=12))
def test_the_measure_sees_an_added_word(word: str, at: int) -> None:
    text = "Första meningen i källan står här först. Andra meningen i källan kommer sedan efter."
    parts = text.split()
    parts.insert(min(at, len(parts)), word)
    assert added_text(_SEED, [" ".join(parts)]) != []
    assert added_text(_SEED, [text]) == []


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(["Baksida", "Tillägg av mvkplan", "Innehåll"]))
def test_a_tool_heading_in_a_plain_render_is_caught(heading: str) -> None:
    markdown = f"# {heading}\n\nFörsta meningen i källan står här först.\n"
    assert added_text(_SEED, markdown_segments(markdown)) != []


_SENTENCES = ["Första meningen i källan står här först.", "Andra meningen i källan kommer sedan efter.",
              "Tredje meningen i källan avslutar texten.", "Fjärde meningen i källan står sist av alla."]


@settings(max_examples=60, deadline=None)
@given(st.permutations(range(4)), st.integers(min_value=0, max_value=3),
       st.integers(min_value=0, max_value=3))
def test_a_misread_passage_is_read_where_the_page_prints_it(extracted: list[int], moved: int,
                                                            to: int) -> None:
    """Whatever the extraction's order, naming the one passage it misplaces puts it back:
    the render in the page's order is then in order, and only then."""
    page = list(range(4))
    # The extraction: the page's order with one passage taken out and put elsewhere.
    order = [i for i in page if i != moved]
    order.insert(to, moved)
    seed = "\n\n".join(_SENTENCES[i] for i in order)
    render_text = " ".join(_SENTENCES)
    after = page.index(moved) + 1
    if order == page or after == len(page):
        return  # nothing misplaced, or nothing after it on the page to name
    misread = Misread("1", _SENTENCES[moved][:20], _SENTENCES[moved][-12:],
                      _SENTENCES[after][:20], "test")
    fixed = measure("x", as_printed("x", seed, (misread,)), render_text)
    assert fixed.share_in_order == 1.0
    assert measure("x", seed, render_text).share_in_order < 1.0


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=5))
def test_a_figure_cut_from_a_sentence_leaves_the_sentence_whole(words_before: int) -> None:
    """A figure the extraction puts into a sentence running over a page break: read after
    the paragraph, the sentence is whole again and found where the render prints it."""
    head = " ".join(["ord"] * words_before)
    seed = (f"Meningen börjar här med {head} och\n\nFIGURENS TEXT STÅR HÄR I RUTAN\n"
            " fortsätter på nästa sida i källan.\n\nNästa stycke i källan börjar här nu.")
    misread = Misread("1", "\nFIGURENS TEXT", "I RUTAN\n", "Nästa stycke i källan", "test")
    page = as_printed("x", seed, (misread,))
    render_text = (f"Meningen börjar här med {head} och fortsätter på nästa sida i källan. "
                   "FIGURENS TEXT STÅR HÄR I RUTAN. Nästa stycke i källan börjar här nu.")
    result = measure("x", page, render_text)
    assert result.missing == [] and result.share_in_order == 1.0
    assert f"med {head} och\n fortsätter" in page


def test_a_misread_passage_printed_twice_or_not_at_all_is_refused() -> None:
    """A stale entry (its text no longer in the seed, or in it twice) fails loudly."""
    with pytest.raises(ValueError, match="0 times"):
        as_printed("x", _SEED, (Misread("1", "Saknas i källan", "x", "Andra", "test"),))
    with pytest.raises(ValueError, match="3 times"):
        as_printed("x", _SEED, (Misread("1", "källan", "x", "Andra", "test"),))
