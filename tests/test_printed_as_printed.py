"""Cells as printed, one [sic] rule, and nothing of the tool's in `--plain`.

* A goal's ``indicators_written`` / ``examples_written`` is the cell as printed: the render
  prints it, and validate refuses one that leaves out an item's words.
* Every known source error (``sic:``) and every wrong reference title (``correction:``) in
  ``plans/`` is printed as printed; the normal render marks it [sic] with the correction in
  a note of the tool's; ``--plain`` marks none. No text in ``plans/`` writes "[sic]" itself.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, run_cli
from mvkplan.models.documents import _strings  # every string of the data, in order
from mvkplan.publish.render.sic import mark_sic

PLANS = sorted((REPO / "plans").rglob("*.yaml"))


def _documents() -> list[tuple[str, dict]]:
    docs = []
    for path in PLANS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "id" in data and "kind" in data:
            docs.append((data["id"], data))
    return docs




def _known_errors() -> list[tuple[str, str, str]]:
    """(document, printed, correction) for every sic entry and reference correction."""
    found = []
    for doc_id, data in _documents():
        for entry in data.get("sic", []):
            found.append((doc_id, entry["printed"], entry["correction"]))
        for key in ("references", "basis"):
            for ref in data.get(key, []) or []:
                if ref.get("correction"):
                    found.append((doc_id, ref.get("written") or ref["title"], ref["correction"]))
    return found


KNOWN = _known_errors()


def render(document: str, tmp_path: Path, fmt: str, *plain: str) -> str:
    out = tmp_path / f"{document}{len(plain)}.{fmt}"
    result = run_cli("render", document, "-f", fmt, "-o", str(out), *plain)
    assert result.exit_code == 0, result
    return out.read_text(encoding="utf-8")


def test_there_are_known_errors_to_check() -> None:
    assert len(KNOWN) >= 8


@pytest.mark.parametrize("doc_id", sorted({d for d, _, _ in KNOWN}))
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_each_known_error_is_marked_in_the_normal_render_and_not_in_plain(
        doc_id: str, fmt: str, tmp_path: Path) -> None:
    normal = " ".join(render(doc_id, tmp_path, fmt).split())
    plain = " ".join(render(doc_id, tmp_path, fmt, "--plain").split())
    assert "[sic]" not in plain
    for _, printed, correction in [k for k in KNOWN if k[0] == doc_id]:
        words = " ".join(printed.split())
        assert words.casefold() in plain.casefold(), printed
        assert f"{words} [sic]".casefold() in normal.casefold(), printed
        assert f"[sic]: avser {correction}" in normal, correction


def test_no_text_in_plans_writes_sic_itself() -> None:
    for doc_id, data in _documents():
        for text in _strings(data):
            assert "[sic]" not in text, f"{doc_id}: {text[:80]!r} (use the document's sic: list)"


_WORD = st.text(st.sampled_from("abcdefåäöABC"), min_size=3, max_size=10)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORD, min_size=1, max_size=8), _WORD, st.integers(0, 8))
def test_mark_sic_marks_each_place_once_and_only_in_text(words: list[str], error: str,
                                                         at: int) -> None:
    words = [w for w in words if w.casefold() != error.casefold()] or ["och"]
    words.insert(min(at, len(words)), error)
    text = " ".join(words)
    marked = mark_sic(text, [error])
    assert marked.replace(" [sic]", "") == text  # nothing else changes: text round-trips
    assert marked.count("[sic]") == text.casefold().split().count(error.casefold())
    assert mark_sic(marked, [error]) == marked  # marked once
    tag = f'<a href="{error}">{error}</a>'
    assert mark_sic(tag, [error]) == f'<a href="{error}">{error} [sic]</a>'
    # Raw text is not the plan's text: the stylesheet is hashed in the page's security policy.
    for raw in (f"<style>/* {error} */</style>", f"<STYLE media=print>{error}</STYLE >",
                f"<script>var a = '{error}';</script>", f"<!-- {error} -->"):
        assert mark_sic(raw + text, [error]) == raw + marked


def test_the_built_pages_stylesheet_matches_its_hash(tmp_path: Path) -> None:
    """A word of a plan's sic: list in a comment of the stylesheet was marked [sic] in the page,
    so the stylesheet no longer matched its CSP hash and the browser dropped it."""
    import base64
    import hashlib
    import re

    out = tmp_path / "site"
    result = run_cli("build", "--out", str(out), cwd=REPO)
    assert result.exit_code == 0, result
    pages = sorted(out.rglob("*.html"))
    assert any(p.name == "kronoberg-2018-reviderad.html" for p in pages)
    for path in pages:
        page = path.read_text(encoding="utf-8")
        css = re.search(r"<style>(.*?)</style>", page, re.S)
        assert css is not None, path
        digest = base64.b64encode(hashlib.sha256(css.group(1).encode()).digest()).decode()
        assert f"sha256-{digest}" in page, path


def _plan_with_cell(tmp_path: Path, written: str, text: str) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    project = Path(tempfile.mkdtemp(dir=tmp_path))  # one per Hypothesis example
    (project / "plans").mkdir(parents=True)
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    plan = {
        "id": "p", "kind": "regional-plan", "title": "P", "county": "kalmar",
        "areas": [{"id": "a", "title": "A", "goals": [{
            "id": "g", "title": "G", "indicators_written": written,
            "indicators": [{"text": text}]}]}],
    }
    (project / "plans" / "p.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True),
                                              encoding="utf-8")
    return project


_PHRASE = st.lists(st.sampled_from(["Länsstyrelsens", "årliga", "kartläggning", "samt",
                                    "uppföljning", "av", "verksamhetsplan", "(externt),"]),
                   min_size=2, max_size=6).map(" ".join)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_PHRASE, _PHRASE)
def test_validate_refuses_a_written_cell_without_an_items_words(tmp_path: Path, item: str,
                                                                other: str) -> None:
    written = f"{other} samt {item}."
    good = _plan_with_cell(tmp_path / "good", written, item)
    assert run_cli("validate", cwd=good).exit_code == 0
    # "extra" is no word of the phrases: the cell as written leaves the item's words out.
    bad = _plan_with_cell(tmp_path / "bad", written, item + " extra")
    result = run_cli("validate", cwd=bad)
    assert result.exit_code == 1, result
    assert "indicators_written" in result.stdout + result.stderr


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_PHRASE)
def test_a_written_cell_is_printed_as_written(tmp_path: Path, item: str) -> None:
    written = f"Statistik, {item} samt annat."
    project = _plan_with_cell(tmp_path, written, item)
    for fmt in ("md", "html"):
        out = project / f"p.{fmt}"
        result = run_cli("render", "p", "-f", fmt, "-o", str(out), "--plain", cwd=project)
        assert result.exit_code == 0, result
        assert written in " ".join(out.read_text(encoding="utf-8").split())
