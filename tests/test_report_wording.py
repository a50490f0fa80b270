"""The report's wording (issue 24.7): a title that ends in '.', '?' or '!' never meets a colon
('arbete.:', 'grundskolan?:'), any title round-trips exactly into the report, and each of the
plan's indicators says for itself whether it has values. Generated titles, through the CLI.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_report_respondents import KRONOBERG, make_project, report

from mvkplan.publish.report.formatting import labelled

WORDS = st.text(st.characters(categories=["L", "N", "Zs"], exclude_characters="\u2028\u2029\u0085"),
                min_size=1, max_size=30).map(lambda t: " ".join(t.split())).filter(bool)
TITLES = st.tuples(WORDS, st.sampled_from(["", ".", "?", "!", ":", "…"])).map("".join)
DOUBLED = re.compile(r"[.?!…]:(?!/)")


@given(TITLES)
def test_a_label_never_doubles_punctuation(title: str) -> None:
    label = labelled(title)
    assert label.startswith(title.rstrip())
    assert not DOUBLED.search(label) and not label.endswith("::")
    assert label.rstrip(":") == title.rstrip().rstrip(":") or label == title.rstrip()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(area=TITLES, indicator=TITLES, other=TITLES)
def test_titles_round_trip_and_never_meet_a_colon(
        tmp_path_factory: pytest.TempPathFactory, area: str, indicator: str, other: str) -> None:
    root = make_project(tmp_path_factory.mktemp("w"), {"alvesta-kommun": 1},
                        {"alvesta-kommun": 2, "vaxjo-kommun": 3}, KRONOBERG)
    plan = root / "plans" / "testplan.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("    title: Stöd\n", f"    title: {json.dumps(area, ensure_ascii=False)}\n")
    text = text.replace("            text: Antal som fått stöd\n",
                        f"            text: {json.dumps(indicator, ensure_ascii=False)}\n")
    text += ("          - id: utan-varden\n"
             f"            text: {json.dumps(other, ensure_ascii=False)}\n"
             "            type: count\n")
    plan.write_text(text, encoding="utf-8")
    data = json.loads(report(root, "json"))
    assert data["areas"][0]["title"] == area
    assert data["areas"][0]["goals"][0]["indicators"][0]["title"] == indicator
    page = html.unescape(re.sub(r"<[^>]+>", " ", report(root, "html")))
    markdown = report(root, "md")
    for written in (page, markdown):
        for title in (area, indicator, other):
            for at in [m.end() for m in re.finditer(re.escape(title), written)]:
                assert not written[at:].startswith(":") or not title.endswith((".", "?", "!", "…")), (
                    title, written[max(0, at - 40):at + 20])
    # each planned indicator has its own status, never one status after a list of several
    assert f"{other} (inga värden i uppföljningen)" in " ".join(page.split())
    assert f"{indicator} (följs upp nedan)" in " ".join(page.split())
