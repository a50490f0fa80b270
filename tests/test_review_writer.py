"""The link rewriter of ``mvkplan review``: any text round-trips, and only the link's bytes change.

Links stand in flow lists (``links: [a/b, c/d]``) and block lists (``- a/b``), plain or quoted,
with comments beside them, in files with LF or CRLF line ends and with or without a BOM; the
rewritten link must read back as exactly the text meant, through mvkplan's own reader, and
every byte before and after it must stay as it was.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mvkplan.cycle.recording.yamledit import EditError
from mvkplan.cycle.review.splice import replace_links
from mvkplan.models.common import split_reviewed
from mvkplan.source.parse import load_data

PLAIN_LINK = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}/[a-z0-9][a-z0-9.-]{0,12}", fullmatch=True)
# Any text a link could be asked to become; surrogates cannot be written as UTF-8 at all.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)


def _quoted(link: str, style: str) -> str:
    return {"plain": link, "single": f"'{link}'", "double": json.dumps(link)}[style]


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, tuple[str | int, ...], int]:
    """A goal with a list of links in some style; the path of one of them and its index."""
    links = draw(st.lists(PLAIN_LINK, min_size=1, max_size=4))
    styles = [draw(st.sampled_from(["plain", "single", "double"])) for _ in links]
    flow = draw(st.booleans())
    comment = draw(st.sampled_from(["", "  # granskad 2025", "  # öäå: kommentar"]))
    head = "# plan\nid: kommun-2025\nkind: local-plan\ntitle: Plan\nareas:\n  - id: a\n    goals:\n"
    goal = "      - id: g  # mål\n        title: Ett mål\n"
    if flow:
        body = "        links: [" + ", ".join(_quoted(k, s) for k, s in zip(links, styles, strict=True)) + "]"
        body += comment + "\n"
    else:
        body = "        links:" + comment + "\n" + "".join(
            f"          - {_quoted(k, s)}{comment}\n" for k, s in zip(links, styles, strict=True))
    tail = "        examples: [ett exempel]\n"
    text = head + goal + body + tail
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    chosen = draw(st.integers(0, len(links) - 1))
    return text, ("areas", 0, "goals", 0, "links", chosen), chosen


def _read(text: str) -> dict:
    return load_data(text.encode("utf-8"))[0]


@settings(max_examples=300, deadline=None)
@given(documents(), ANY_TEXT)
def test_any_link_text_round_trips_and_nothing_else_changes(document: tuple, new: str) -> None:
    text, path, chosen = document
    try:
        written = replace_links(text, {path: new})
    except EditError:
        pytest.fail(f"cannot write {new!r}")
    read = _read(written)
    links = read["areas"][0]["goals"][0]["links"]
    assert links[chosen] == new
    before = _read(text)
    before_links = before["areas"][0]["goals"][0]["links"]
    assert links[:chosen] + links[chosen + 1:] == before_links[:chosen] + before_links[chosen + 1:]
    # The bytes before the link and after it are the original's.
    common_start = len(_common_prefix(text, written))
    common_end = len(_common_prefix(text[::-1], written[::-1]))
    assert common_start + common_end >= len(text) - len(_old_item(text, chosen))


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _old_item(text: str, chosen: int) -> str:
    """The old link as written (quotes included): what may differ."""
    from ruamel.yaml import YAML

    node = YAML().compose(text.removeprefix("\ufeff"))
    goals = dict((k.value, v) for k, v in node.value)["areas"].value[0]
    goal = dict((k.value, v) for k, v in goals.value)["goals"].value[0]
    item = dict((k.value, v) for k, v in goal.value)["links"].value[chosen]
    return text.removeprefix("\ufeff")[item.start_mark.index:item.end_mark.index]


@settings(max_examples=200, deadline=None)
@given(PLAIN_LINK, st.text(st.sampled_from("0123456789abcdefABCDEF@/ x"), max_size=12))
def test_a_fingerprint_is_split_off_only_when_it_is_eight_lower_hex_digits(target: str, tail: str) -> None:
    written = target + tail
    split, fingerprint = split_reviewed(written)
    if fingerprint is None:
        assert split == written
    else:
        assert len(fingerprint) == 8 and set(fingerprint) <= set("0123456789abcdef")
        assert split + "@" + fingerprint == written


@pytest.mark.parametrize("shape", [
    "links: |\n  kommun/a\n",                 # a block scalar, no list
    "links:\n  - {to: kommun/a}\n",          # a mapping where a link should be
])
def test_a_shape_the_rewriter_does_not_handle_is_refused_not_mangled(shape: str) -> None:
    text = "id: kommun-2025\nkind: local-plan\ntitle: Plan\n" + shape
    with pytest.raises(EditError):
        replace_links(text, {("links", 0): "kommun/a@" + hashlib.sha256(b"x").hexdigest()[:8]})
