"""``render ID`` without loading the country: the page's index comes from the cache, only the
documents the page shows are validated, and the page is the one a full load gives.

The corpus: groups of copies of every real document in ``plans/``, ids rewritten per group
(``g1-kalmar-2024``) and links kept inside each group, as the benchmark
(``benchmarks/render_one.py``) makes them at scale.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLANS, run_cli
from mvkplan.models import DOCUMENT_MODELS

REAL = sorted(PLANS.rglob("*.yaml"))
IDS = sorted((path.stem for path in REAL), key=len, reverse=True)
_ID = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, IDS)) + r")(?![\w-])")
KINDS = {path.stem: re.search(r"(?m)^kind: *(\S+)", path.read_text(encoding="utf-8")).group(1)
         for path in REAL}
# The kinds whose page shows only the documents related to it by links.
PAGES = sorted(doc_id for doc_id, kind in KINDS.items()
               if kind in ("regional-plan", "activity-plan", "local-plan", "county-profile"))
FORMATS = [("html",), ("md",), ("md", "--plain")]


def write_groups(root: Path, groups: int) -> None:
    """``groups`` copies of every real document, ids prefixed ``g<n>-`` in each."""
    shutil.rmtree(root / "plans", ignore_errors=True)
    (root / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    for group in range(groups):
        for path in REAL:
            target = root / "plans" / f"g{group}" / path.relative_to(PLANS).parent / f"g{group}-{path.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            text = path.read_text(encoding="utf-8")
            target.write_text(_ID.sub(lambda m, g=group: f"g{g}-{m.group(1)}", text), encoding="utf-8")


def file_of(root: Path, document_id: str) -> Path:
    return next((root / "plans").rglob(f"{document_id}.yaml"))


def render(root: Path, document_id: str, fmt: tuple[str, ...], **env: str) -> bytes:
    result = run_cli("render", document_id, "--force", "-f", *fmt, "-o", "out.page", cwd=root,
                     env=env)
    assert result.exit_code == 0, result.stderr
    return (root / "out.page").read_bytes()


def full_render(root: Path, document_id: str, fmt: tuple[str, ...]) -> bytes:
    """The page as a run that loads the whole corpus makes it (no cache at all)."""
    return render(root, document_id, fmt, MVKPLAN_NO_CACHE="1")


@contextmanager
def validated_ids() -> Iterator[list[str]]:
    """The ids of the documents validated while the block runs (every document model's
    validation is counted, wherever loading calls it from)."""
    seen: list[str] = []
    saved = {cls: cls.__dict__.get("model_validate") for cls in set(DOCUMENT_MODELS.values())}
    for cls in saved:
        cls.model_validate = _counting(cls.model_validate, seen)  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        for cls, original in saved.items():
            if original is None:
                del cls.model_validate
            else:
                cls.model_validate = original  # type: ignore[method-assign]


def _counting(bound: Any, seen: list[str]) -> Any:
    """``bound`` (a model's ``model_validate``) noting the id of each document it validates."""
    def model_validate(klass: type, obj: object, *args: object, **kwargs: object) -> object:
        if isinstance(obj, dict):
            seen.append(str(obj.get("id")))
        return bound.__func__(klass, obj, *args, **kwargs)

    return classmethod(model_validate)


@pytest.mark.parametrize("document_id", PAGES)
def test_every_real_page_reads_as_a_full_load_gives_it(tmp_path: Path, document_id: str) -> None:
    """Every real plan page, in each format: the render that keeps the index, the render
    from the kept index, and a render that loads everything give the same bytes."""
    shutil.copytree(PLANS, tmp_path / "plans")
    (tmp_path / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    for fmt in FORMATS:
        expected = full_render(tmp_path, document_id, fmt)
        assert render(tmp_path, document_id, fmt) == expected  # loads, keeps the index
        assert render(tmp_path, document_id, fmt) == expected  # from the kept index


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(groups=st.integers(2, 3), document=st.sampled_from(PAGES), fmt=st.sampled_from(FORMATS))
def test_a_kept_index_validates_only_what_the_page_shows(
    tmp_path_factory: pytest.TempPathFactory, groups: int, document: str, fmt: tuple[str, ...],
) -> None:
    """With the index kept, no document of another group (none of which the page shows) is
    validated, however many groups there are; the page is the one a full load gives."""
    root = tmp_path_factory.mktemp("corpus")
    write_groups(root, groups)
    page = f"g0-{document}"
    render(root, page, fmt)  # keeps the index
    with validated_ids() as seen:
        page_bytes = render(root, page, fmt)
    strangers = sorted({doc_id for doc_id in seen if not doc_id.startswith("g0-")
                        and doc_id.split("-", 1)[0].startswith("g")})
    assert strangers == [], f"validated documents the page does not show: {strangers}"
    assert page_bytes == full_render(root, page, fmt)


EDITS = ["retitle-page", "retitle-related", "retitle-other-group", "link-from-other-group",
         "remove-linking", "add-document"]


def _edit(root: Path, page: str, edit: str) -> None:
    if edit == "retitle-page" or edit == "retitle-related":
        doc_id = page if edit == "retitle-page" else "g0-kalmar-2024-2025"
        path = file_of(root, doc_id)
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^title: .*$", "title: En helt ny titel", text, count=1),
                        encoding="utf-8")
    elif edit == "retitle-other-group":
        path = file_of(root, "g1-kalmar-2024")
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^title: .*$", "title: Annan grupp", text, count=1),
                        encoding="utf-8")
    elif edit == "link-from-other-group":
        path = file_of(root, "g1-jonkoping-2022")
        text = path.read_text(encoding="utf-8")
        assert re.search(r"(?m)^links: \[", text)
        path.write_text(re.sub(r"(?m)^links: \[", f"links: [{page}, ", text, count=1),
                        encoding="utf-8")
    elif edit == "remove-linking":
        file_of(root, "g0-kalmar-2024-2025").unlink()
    else:
        (root / "plans" / "g1" / "ny-plan.yaml").write_text(
            f"id: ny-plan\nkind: local-plan\ntitle: Ny plan\nstatus: adopted\nlinks: [{page}]\n",
            encoding="utf-8")


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(document=st.sampled_from(PAGES), fmt=st.sampled_from(FORMATS),
       edit=st.sampled_from(EDITS))
def test_a_stale_index_is_never_used(
    tmp_path_factory: pytest.TempPathFactory, document: str, fmt: tuple[str, ...], edit: str,
) -> None:
    """Whatever changes after the index was kept (the page's own file, a document it shows,
    one it does not, a new link into it, a linking document gone, a new document), the next
    render is the page a full load gives."""
    root = tmp_path_factory.mktemp("corpus")
    write_groups(root, 2)
    page = f"g0-{document}"
    render(root, page, fmt)  # keeps the index
    _edit(root, page, edit)
    assert render(root, page, fmt) == full_render(root, page, fmt)
    assert render(root, page, fmt) == full_render(root, page, fmt)  # from the index kept anew


def test_a_page_with_errors_is_refused_from_the_kept_index_too(tmp_path: Path) -> None:
    """The errors that stop a render are those of the whole corpus's validation, also when
    the index comes from the cache (a link from the page that does not resolve)."""
    write_groups(tmp_path, 1)
    path = file_of(tmp_path, "g0-kalmar-2024")
    path.write_text(re.sub(r"(?m)^links: \[", "links: [finns-inte, ", path.read_text(encoding="utf-8"),
                           count=1), encoding="utf-8")
    first = run_cli("render", "g0-kalmar-2024", "-o", "-", cwd=tmp_path)
    second = run_cli("render", "g0-kalmar-2024", "-o", "-", cwd=tmp_path)
    assert first.exit_code == second.exit_code == 1
    assert first.stderr == second.stderr
    assert "finns-inte" in second.stderr


@settings(max_examples=4, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(document=st.sampled_from(PAGES), fmt=st.sampled_from(FORMATS))
def test_the_index_validate_keeps_serves_the_next_render(
    tmp_path_factory: pytest.TempPathFactory, document: str, fmt: tuple[str, ...],
) -> None:
    """After `validate` (a CI run, a commit hook) the first render of a plan already reads the
    kept index: nothing of another group is validated, and the page is the same."""
    root = tmp_path_factory.mktemp("corpus")
    write_groups(root, 2)
    assert run_cli("validate", cwd=root).exit_code in (0, 1)
    page = f"g0-{document}"
    with validated_ids() as seen:
        page_bytes = render(root, page, fmt)
    strangers = sorted({doc_id for doc_id in seen if doc_id.startswith("g1-")})
    assert strangers == [], f"validated documents the page does not show: {strangers}"
    assert page_bytes == full_render(root, page, fmt)
