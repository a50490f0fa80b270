"""Generated pages with every HTML shape that once broke PDF/UA: the tag tree comes out right.

Each page mixes, in random amounts and order, the shapes veraPDF failed on: tables with a
visually hidden caption, long enough (and placed low enough) to break across pages, sometimes
leaving the head alone at a page's foot (7.2-3, 7.2-14); footnote markers whose link holds the
hidden word "Fotnot" (7.18.5-1); list items holding a paragraph and a nested list (7.2-20);
white space between and around elements (4.1.2 "redundant span"); links whose text is an
address (2.4.9). ``tag_problems`` (tests/pdf_tags.py) checks the rules and that no marked content
is lost or doubled; a few generated pages also go through veraPDF itself, both profiles.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_tags import tag_problems, verapdf, verapdf_available
from test_render_support import require_or_skip

from conftest import REPO
from mvkplan.publish.exports.pdf import PdfMetadata, html_to_pdf

WORDS = ["våld", "kvinnor", "män", "barn", "plan", "mål", "stöd", "åtgärd", "uppföljning", "kommun",
         "länsstyrelsen", "hedersrelaterat", "förebyggande", "skydd", "Öland", "kunskap"]
SPACE = st.sampled_from(["", " ", "\n", "\n  ", " \n"])
PHRASE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)
HOST = st.from_regex(r"[a-z]{3,12}(\.[a-z]{2,8})?\.(se|nu|org)", fullmatch=True)
META = PdfMetadata(title="Genererad plan", short_title="Genererad", authors=["Testlän"],
                   created="2024-01-01")


@cache
def _stylesheets() -> tuple[str, str]:
    site = (REPO / "templates" / "static" / "mvkplan.css").read_text(encoding="utf-8")
    return site, (REPO / "templates" / "print" / "pdf.css").read_text(encoding="utf-8")


@st.composite
def _paragraph(draw: st.DrawFn, note: int) -> str:
    """Running text with a footnote marker (its hidden 'Fotnot ') and maybe a web link."""
    link = ""
    if draw(st.booleans()):
        host, path = draw(HOST), draw(st.from_regex(r"(/[a-z0-9-]{1,12}){0,3}", fullmatch=True))
        text = draw(st.sampled_from([host, f"https://{host}{path}", draw(PHRASE)]))
        link = f' <a href="https://{host}{path}" rel="noopener noreferrer">{text}</a>'
    marker = (f'<sup class="fn"><a href="#fn-{note}" id="ref-{note}"><span class="visually-hidden">'
              f'Fotnot </span>{note}</a></sup>')
    return f"<p>{draw(PHRASE)}{link}.{marker}{draw(SPACE)}{draw(PHRASE)}</p>"


@st.composite
def _table(draw: st.DrawFn) -> str:
    """A goal table as the plans print them: hidden caption, a head, rows of varying height."""
    rows = "".join(
        f'<tr>{draw(SPACE)}<th scope="row"><span class="goal-title">{draw(PHRASE)}</span></th>'
        f"<td><p>{' '.join(draw(PHRASE) for _ in range(draw(st.integers(1, 12))))}</p></td>"
        f"<td>{draw(SPACE)}<p>{draw(PHRASE)}</p>{draw(SPACE)}</td></tr>"
        for _ in range(draw(st.integers(1, 14))))
    return (f'<table class="plan-table goals">{draw(SPACE)}<caption class="visually-hidden">'
            f'{draw(PHRASE)}</caption>{draw(SPACE)}<thead><tr><th scope="col">Målsättningar</th>'
            f'<th scope="col">Aktiviteter</th><th scope="col">Uppföljning</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


@st.composite
def _list(draw: st.DrawFn) -> str:
    """List items with a paragraph and a nested list, or text with white space around it."""
    items = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            nested = "".join(f"<li>{draw(PHRASE)}</li>" for _ in range(draw(st.integers(1, 3))))
            items.append(f"<li><p>{draw(PHRASE)}</p>{draw(SPACE)}<ul>{nested}</ul>{draw(SPACE)}</li>")
        else:
            items.append(f"<li>{draw(SPACE)}{draw(PHRASE)}{draw(SPACE)}</li>")
    tag = draw(st.sampled_from(["ul", "ol"]))
    return f"<{tag}>{draw(SPACE).join(items)}</{tag}>"


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A page's ``<main>``: heading, then blocks in random order, then the footnotes."""
    blocks: list[str] = []
    notes = 0
    for _ in range(draw(st.integers(1, 9))):
        kind = draw(st.sampled_from(["paragraph", "table", "list", "filler"]))
        if kind == "paragraph":
            notes += 1
            blocks.append(draw(_paragraph(notes)))
        elif kind == "table":
            blocks.append(f"<h2>{draw(PHRASE)}</h2>{draw(SPACE)}{draw(_table())}")
        elif kind == "list":
            blocks.append(draw(_list()))
        else:  # pushes what follows down the page, so that tables break at varying places
            blocks.append("".join(f"<p>{draw(PHRASE)}</p>" for _ in range(draw(st.integers(1, 30)))))
    footnotes = "".join(f'<li id="fn-{n}"><span class="fn-number">{n}</span><div class="fn-text">'
                        f'<p>{draw(PHRASE)}</p> <a class="backref" href="#ref-{n}"><span aria-hidden="true">'
                        f'↩</span><span class="visually-hidden">Tillbaka</span></a></div></li>'
                        for n in range(1, notes + 1))
    return ("<main><h1>Genererad plan</h1>" + draw(SPACE)
            + draw(SPACE).join(blocks)
            + (f'<section class="footnotes-section"><h2>Fotnoter</h2><ol class="footnotes">{footnotes}'
               "</ol></section>" if notes else "")
            + "</main>")


def _pdf(main: str) -> bytes:
    """The page around ``main`` with the site's stylesheet inline, as a published page has it."""
    site, printed = _stylesheets()
    html = (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Genererad plan</title>'
            f"<style>{site}</style></head><body>{main}</body></html>")
    return html_to_pdf(html, META, printed)


@settings(max_examples=20, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_generated_pages_have_a_tag_tree_pdf_ua_accepts(html):
    problems = tag_problems(_pdf(html))
    assert not problems, "\n".join(problems[:20])


@settings(max_examples=2, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(pages(), min_size=3, max_size=3))
def test_generated_pages_pass_verapdf_both_profiles(tmp_path_factory, batch):
    require_or_skip(verapdf_available(), "MVKPLAN_REQUIRE_VERAPDF", "veraPDF (../shared/tools/verapdf)")
    folder: Path = tmp_path_factory.mktemp("generated")
    files = []
    for number, html in enumerate(batch):
        files.append(folder / f"generated-{number}.pdf")
        files[-1].write_bytes(_pdf(html))
    for wcag in (False, True):
        failed = [v for v in verapdf(files, wcag=wcag) if v.failed]
        assert not failed, failed
