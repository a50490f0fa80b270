"""A page's meta description holds the document's own words exactly (issue 26.6): whatever a
title, subtitle or publisher says comes back from the rendered page unchanged."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli

# Text a YAML scalar can carry that the loader keeps as written: no control, format (bidi) or
# surrogate characters, no line breaks, no blanks at either end.
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn")),
               min_size=1, max_size=40).filter(lambda t: t.strip() == t and t.strip())


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.description: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name") == "description":
            self.description = values.get("content")


def description_of(path: Path) -> str | None:
    """The content of the page's meta description, as a browser reads it."""
    parser = _Meta()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.description


@settings(max_examples=15, derandomize=True, deadline=None)
@given(title=TEXT, subtitle=TEXT, publisher=TEXT)
def test_meta_description_round_trips_any_title(tmp_path_factory, title, subtitle, publisher):
    project = tmp_path_factory.mktemp("meta")
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    (project / "plans").mkdir()
    plan = {"id": "kommun-2024", "kind": "local-plan", "title": title, "subtitle": subtitle,
            "county": "kalmar", "organisations": [publisher], "status": "adopted",
            "period": {"start": 2024, "end": 2026}, "areas": []}
    (project / "plans" / "kommun-2024.yaml").write_text(
        yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_cli("render", "kommun-2024", "-o", "out.html", cwd=project)
    assert result.exit_code == 0, result
    assert description_of(project / "out.html") == \
        f"Lokal handlingsplan: {title} – {subtitle}. {publisher}"
