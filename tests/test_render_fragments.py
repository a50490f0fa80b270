"""Lists of links written in Python (``mvkplan.publish.render.fragments``) read exactly as the
``link`` macro writes each link, and a kept link is never shown for another; a rendered
page is tidied as it was before the byte-level check for control characters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from mvkplan.publish.render import fragments
from mvkplan.publish.render.document import tidy
from mvkplan.publish.render.environment import make_environment
from mvkplan.publish.render.views import LinkView

LINKS = [
    LinkView("Plan <2024> & mer", "../dokument/a.html#mål-1"),
    LinkView(Markup("<em>Plan</em> &amp; mer"), "../dokument/a.html"),
    LinkView("MVP", "../dokument/methods.html#mvp", hint='Mentorer i "våldsprevention"'),
    LinkView("Utan sida"),
    LinkView("Förkortning", None, hint="Full <namn>"),
    LinkView("Tom länk", ""),
]


def _macro(links: list[LinkView], sep: str, fmt: str = "html") -> str:
    """The links as the template loop that the filter replaced wrote them."""
    env = make_environment(fmt)
    template = env.from_string(
        '{% import "html/macros.html" as m %}'
        "{% for l in links %}{{ m.link(l) }}{% if not loop.last %}{{ sep }}{% endif %}{% endfor %}")
    return template.render(links=links, sep=sep)


@pytest.mark.parametrize("sep", [", ", "; ", " · ", " <&> "])
def test_a_list_of_links_reads_as_the_link_macro_writes_each(sep: str) -> None:
    fragments._KEPT.clear()
    assert str(fragments.link_list(LINKS, sep)) == _macro(LINKS, sep)
    assert str(fragments.link_list(LINKS, sep)) == _macro(LINKS, sep)  # kept, the same


def test_in_the_markdown_environment_the_filters_escape_as_its_templates_do() -> None:
    """(A Markdown render linking into the site fills HTML templates there.)"""
    links = [*LINKS, LinkView("Plan_1 *viktig*", "../dokument/plan_1.html#mål_1", hint="a_b")]
    env = make_environment("md")
    rendered = env.from_string('{% import "html/macros.html" as m %}{{ m.inline_links(links, " _ ") }}'
                               ).render(links=links)
    assert rendered == _macro(links, " _ ", "md")
    assert "Plan\\_1" in rendered  # escaped as Markdown, as the loop did


def test_list_items_and_the_macro_in_a_template_agree() -> None:
    env = make_environment("html")
    rendered = env.from_string('{% import "html/macros.html" as m %}{{ m.inline_links(links, "; ") }}'
                               "|{{ links | link_items }}").render(links=LINKS)
    inline, items = rendered.split("|", 1)
    assert inline == _macro(LINKS, "; ")
    assert items == "".join(f"<li>{_macro([link], '')}</li>" for link in LINKS)


def test_text_and_markup_with_the_same_characters_are_kept_apart() -> None:
    fragments._KEPT.clear()
    text, markup = LinkView("<b>x</b>", "a.html"), LinkView(Markup("<b>x</b>"), "a.html")
    assert fragments.link_html(text) == '<a href="a.html">&lt;b&gt;x&lt;/b&gt;</a>'
    assert fragments.link_html(markup) == '<a href="a.html"><b>x</b></a>'
    assert fragments.link_html(text) == '<a href="a.html">&lt;b&gt;x&lt;/b&gt;</a>'


def test_the_kept_links_are_forgotten_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    fragments._KEPT.clear()
    monkeypatch.setattr(fragments, "LIMIT", 3)
    for number in range(7):
        fragments.link_html(LinkView(f"Plan {number}", f"{number}.html"))
        assert len(fragments._KEPT) <= 3
    assert fragments.link_html(LinkView("Plan 1", "1.html")) == '<a href="1.html">Plan 1</a>'


def _tidy_as_before(text: str) -> str:
    """The page tidying as it was written before the byte-level check (the reference)."""
    from mvkplan.publish.render.document import _BLANK_RUNS, _CONTROL

    text = _CONTROL.sub("\ufffd", text)
    text = "\n".join(line.rstrip() for line in text.splitlines()).strip() + "\n"
    return _BLANK_RUNS.sub("\n\n", text)


_TRICKY = "\x00\x07\x0b\x0c\r\n\x1b\x1c\x1e\x1f\x7f\x80\x85\x9f\xa0\xa7\xc2\u2028\u2029\u3000 \tå–"


@given(st.text(alphabet=st.sampled_from([*_TRICKY, "a", "<", "\n"]), max_size=60)
       | st.text(max_size=60))
def test_tidying_a_page_is_the_same_as_before_for_any_text(text: str) -> None:
    assert tidy(text) == _tidy_as_before(text)


def test_tidying_replaces_every_control_character() -> None:
    for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]:
        assert tidy(f"a{chr(code)}b") == "a\ufffdb\n", hex(code)
    assert tidy("a\u00a7b\u00a0c\r\nd  \n\n\n\ne") == "a\u00a7b\u00a0c\nd\n\ne\n"
