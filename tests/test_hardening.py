"""Hardening from a hostile review (issue 15): each defect class closed as a class.

1 valid input never crashes a later stage (also tests/test_properties.py) · 2 size: the
problem cap · 3 nothing skipped in silence, the site swapped in whole · 5 no live markup or
escape sequence outside HTML · 6 symbolic links · 7 output paths · 8 odd corners.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from conftest import PLANS, REPO, run_cli
from mvkplan.index.linkindex import LinkIndex
from mvkplan.loading.load import iter_documents, load_paths
from mvkplan.loading.shipped import shipped_documents
from mvkplan.loading.validation import load_bytes
from mvkplan.messages.problems import Problem
from mvkplan.messages.reporters import MAX_PER_FILE, Report, report_github, report_text
from mvkplan.messages.terminal import printable
from mvkplan.project.config import Project
from mvkplan.publish.render.markdown import MarkdownWriter
from mvkplan.publish.render.pages import render_document
from mvkplan.views.linkreport import dot_string, mermaid_text

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# -- 1: every reference validate accepts renders, wherever it is written -----------------------


def test_every_linkable_reference_renders_from_every_place_a_link_can_stand(tmp_path: Path) -> None:
    """One plan linking *every* document and item the index knows (framework sections,
    catalog entries, plan areas …) from a section, an area, a goal, an activity and a row."""
    loaded = load_paths([PLANS], REPO)
    base = LinkIndex.build(iter_documents(shipped_documents(), loaded.documents))
    refs = sorted({*base.documents, *(i.key for items in base.items.values() for i in items.values())})
    assert "jamstalldhetsmal/overgripande-mal" in refs and len(refs) > 300
    flow = json.dumps(refs)
    text = f"""id: allt-2025
kind: regional-plan
title: Allt
county: kalmar
links: {flow}
sections:
  - {{id: s, title: S, links: {flow}}}
  - {{id: t, title: T, body: Text, links: {flow}}}
areas:
  - id: a
    links: {flow}
    goals: [{{id: g, title: G, links: {flow}}}]
    activities: [{{id: k, title: K, links: {flow}}}]
    rows: [{{id: r, problem: P, measures: [M], links: {flow}}}]
"""
    document, problems = load_bytes(text.encode(), "allt-2025.yaml")
    assert document is not None, problems
    index = LinkIndex.build(iter_documents(shipped_documents(), loaded.documents, [document]))
    for fmt in ("html", "md"):
        assert "Allt" in render_document(index, "allt-2025", fmt)


# -- 2: problems per file are capped --------------------------------------------------------


@pytest.mark.parametrize("count", [1, MAX_PER_FILE, MAX_PER_FILE + 1, 3 * MAX_PER_FILE + 7])
def test_problems_per_file_are_capped_with_a_count_of_the_rest(count: int) -> None:
    import io

    problems = sorted([Problem("a.yaml", n + 1, 1, "E202", f"unknown field 'k{n}'") for n in range(count)]
                      + [Problem("b.yaml", 1, 1, "E202", "unknown field 'x'")])
    out = io.StringIO()
    report_text(Report(problems, 2), out)
    lines = out.getvalue().splitlines()
    assert sum(1 for line in lines if line.startswith("a.yaml:") and "E202" in line) == min(count, MAX_PER_FILE)
    hidden = count - MAX_PER_FILE
    more = [line for line in lines if "more problems" in line]
    assert more == ([f"a.yaml: … and {hidden} more problems in this file (--format json lists them all)"]
                    if hidden > 0 else [])
    assert "b.yaml:1:1: E202" in out.getvalue() and f"{count + 1} problems" in lines[-1]
    github = io.StringIO()
    report_github(Report(problems, 2), github)
    assert github.getvalue().count("::error") == min(count, MAX_PER_FILE) + 1


def test_thirty_thousand_unknown_keys_are_reported_capped(project: Path) -> None:
    keys = "\n".join(f"  okand-{n}: x" for n in range(30_000))
    (project / "plans" / "stor.yaml").write_text(
        f"id: stor\nkind: framework\ntitle: T\nitems:\n  - id: a\n    title: A\n{keys}\n".replace(
            "  okand", "    okand"), encoding="utf-8")
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 1, result
    assert f"… and {30_000 - MAX_PER_FILE} more problems" in result.stdout
    assert result.stdout.count("E202") == MAX_PER_FILE


# -- 3: nothing skipped in silence; the site is exactly the current documents ---------------


def test_dangling_and_looping_links_and_unreadable_folders_are_reported(project: Path, monkeypatch) -> None:
    plans = project / "plans"
    (plans / "dangling.yaml").symlink_to(project / "finns-inte.yaml")
    (plans / "loop-a.yaml").symlink_to(plans / "loop-b.yaml")
    (plans / "loop-b.yaml").symlink_to(plans / "loop-a.yaml")
    (plans / "self").symlink_to(plans)  # a folder link back to itself: read once, no loop
    (plans / "closed").mkdir()
    real_scandir = os.scandir

    def scandir(path):  # the tests run as root, where chmod 000 does not stop reading
        if Path(path).name == "closed":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run_cli("validate", "--format", "json", cwd=project)
    assert result.exit_code == 1, result
    found = {(p["path"], p["code"], p["line"]) for p in json.loads(result.stdout)["problems"]}
    assert found == {("plans/dangling.yaml", "E110", None), ("plans/loop-a.yaml", "E110", None),
                     ("plans/loop-b.yaml", "E110", None), ("plans/closed", "E110", None)}
    text = run_cli("validate", cwd=project)
    # the system's reason in the run's words (errno EACCES), not its own English
    assert "plans/closed: E110 [error] cannot read folder: permission denied" in text.stdout, text
    assert ":0:0" not in text.stdout


def test_files_and_folders_reached_twice_through_links_are_read_once(tmp_path: Path) -> None:
    from mvkplan.project.discovery import walk

    plans = tmp_path / "plans"
    (plans / "a" / "b").mkdir(parents=True)
    (plans / "a" / "b" / "x.yaml").write_text("id: x\n", encoding="utf-8")
    (plans / "a" / "y.yml").write_text("id: y\n", encoding="utf-8")
    (plans / "a" / "notes.txt").write_text("", encoding="utf-8")
    (plans / "b-again").symlink_to(plans / "a" / "b")
    (plans / "a" / "x-again.yaml").symlink_to(plans / "a" / "b" / "x.yaml")
    found = walk([plans, plans / "a" / "y.yml"], tmp_path)
    assert found.files == [plans / "a" / "b" / "x.yaml", plans / "a" / "y.yml"]
    assert (found.missing, found.skipped) == ([], [])


def _site_project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "tests" / "fixtures" / "render", tmp_path, dirs_exist_ok=True)
    return tmp_path


def test_a_file_that_fails_to_load_is_named_by_build(tmp_path: Path) -> None:
    root = _site_project(tmp_path)
    (root / "plans" / "trasig.yaml").write_text("id: trasig\nkind: regional-plan\n", encoding="utf-8")
    result = run_cli("build", cwd=root)
    assert "1 files could not be read and are not in the site:" in result.stderr, result
    assert "plans/trasig.yaml" in result.stderr


def test_build_removes_pages_of_removed_documents_and_keeps_files_it_never_wrote(tmp_path: Path) -> None:
    root = _site_project(tmp_path)
    site = root / "site"
    assert run_cli("build", cwd=root).exit_code == 0
    (site / "CNAME").write_text("mvk.example.se\n", encoding="utf-8")
    (site / "bilder").mkdir()
    (site / "bilder" / "logga.svg").write_text("<svg/>", encoding="utf-8")
    removed = next(p for p in sorted((root / "plans").rglob("*.yaml"))
                   if (site / "dokument" / f"{p.stem}.html").is_file())
    removed.unlink()
    result = run_cli("build", "--force", cwd=root)  # a removed document leaves dangling links
    assert result.exit_code == 0, result
    assert not (site / "dokument" / f"{removed.stem}.html").exists()
    assert (site / "CNAME").read_text(encoding="utf-8") == "mvk.example.se\n"
    assert (site / "bilder" / "logga.svg").is_file()
    manifest = json.loads((site / ".mvkplan-manifest.json").read_text(encoding="utf-8"))
    assert "CNAME" not in manifest["files"] and "index.html" in manifest["files"]
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.parametrize("fail_after", [0, 1, 7])
def test_an_interrupted_build_leaves_the_old_site_whole(tmp_path: Path, monkeypatch, fail_after: int) -> None:
    from mvkplan.publish.render import publish

    root = _site_project(tmp_path)
    assert run_cli("build", cwd=root).exit_code == 0
    site = root / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (root / "plans" / "exempellan" / "exempel-2024.yaml").unlink(missing_ok=True)
    calls = {"n": 0}
    real = publish._write_new  # every file the build stages goes through it

    def flaky(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] > fail_after:
            raise OSError(28, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(publish, "_write_new", flaky)
    result = run_cli("build", "--force", cwd=root)
    assert result.exit_code == 2, result
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    hidden = [p.name for p in root.iterdir() if p.name.startswith(".")]
    assert sorted(set(hidden) - {".mvkplan_cache"}) == []  # the load cache is no leftover


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_written_files_and_folders_respect_the_umask(tmp_path: Path, umask: int) -> None:
    root = _site_project(tmp_path)
    old = os.umask(umask)
    try:
        assert run_cli("build", cwd=root).exit_code == 0
        assert run_cli("render", "exempel-2024", "-o", "ut/", cwd=root).exit_code == 0
        assert run_cli("schema", "-o", "schema.json", cwd=root).exit_code == 0
    finally:
        os.umask(old)
    for path in [root / "site", root / "site" / "dokument"]:
        assert path.stat().st_mode & 0o777 == 0o777 & ~umask, path
    for path in [root / "site" / "index.html", root / "ut" / "exempel-2024.html", root / "schema.json"]:
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path


# -- 5: output outside HTML: Markdown, graphs, terminals ------------------------------------

SCHEMES = ["javascript", "vbscript", "data", "file"]


@st.composite
def disguised_link(draw: st.DrawFn) -> str:
    """A dangerous link written any way a CommonMark renderer still resolves."""
    scheme = draw(st.sampled_from(SCHEMES))
    scheme = "".join(c.upper() if draw(st.booleans()) else c for c in scheme)
    encoded = "".join(f"&#{ord(c)};" if draw(st.booleans()) and i < 3 else c for i, c in enumerate(scheme))
    colon = draw(st.sampled_from([":", "&colon;", "&#58;", "&#x3A;", "%3A"]))
    target = f"{encoded}{colon}alert(1)"
    text = draw(st.sampled_from(["klick", "**fet**", "x"]))
    form = draw(st.sampled_from(["inline", "reference", "collapsed", "angle", "title"]))
    if form == "inline":
        return f"[{text}]({target})"
    if form == "angle":
        return f"[{text}](<{target}>)"
    if form == "title":
        return f'[{text}]({target} "titel")'
    label = draw(st.sampled_from(["r", "Ref 1", "x"]))
    use = f"[{text}][{label}]" if form == "reference" else f"[{label}][]"
    return f"Före {use} efter.\n\n[{label}]: {target}"


_PERMISSIVE = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_PERMISSIVE.validateLink = lambda url: True


def _hrefs(markdown: str) -> list[str]:
    found = []
    for token in _PERMISSIVE.parse(markdown):
        for child in [token, *(token.children or [])]:
            for name in ("href", "src"):
                if isinstance(child.attrGet(name), str):
                    found.append(str(child.attrGet(name)))
    return found


@given(disguised_link(), st.sampled_from(["block", "inline"]))
@settings(max_examples=200, derandomize=True)
def test_markdown_output_never_keeps_a_dangerous_link(source: str, method: str) -> None:
    written = str(getattr(MarkdownWriter(), method)(source))
    for href in _hrefs(written):
        from urllib.parse import unquote
        plain = unquote(href).lower().replace("\x00", "")
        assert not re.match(r"^\s*(javascript|vbscript|data|file):", plain), (source, written)


def test_markdown_keeps_ordinary_links_and_emphasis() -> None:
    text = "[Länsstyrelsen](https://www.lansstyrelsen.se) och **fet** [^1] [mejl](mailto:a@b.se)"
    assert str(MarkdownWriter(["1"]).block(text)) == text


_IDS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)


@given(_IDS)
@settings(max_examples=200, derandomize=True)
def test_graph_ids_and_labels_cannot_break_out(value: str) -> None:
    dot = f'"{dot_string(value)}" [label="{dot_string(value)}"];'
    assert re.fullmatch(r'"(?:[^"\\\n]|\\.)*" \[label="(?:[^"\\\n]|\\.)*"\];', dot), dot
    mermaid = mermaid_text(value)
    assert not set(mermaid) & set('"[]<>{}|`\n\r;') - {";"} and "\x1b" not in mermaid
    assert re.fullmatch(r"(?:[\w ,.()/-]|#\d+;)*", mermaid)


def test_graph_output_through_the_cli_escapes_hostile_ids(project: Path) -> None:
    hostile = 'x"];evil[label="pwn'  # a valid id: no space, no slash
    (project / "plans" / f"{hostile}.yaml").write_text(
        f"id: {json.dumps(hostile)}\nkind: framework\ntitle: 'a\" [URL=\"javascript:x\"]'\n"
        "links: [nationell-strategi]\nitems: [{id: a, title: A}]\n", encoding="utf-8")
    assert "E213" in run_cli("validate", cwd=project).stdout  # refused, yet still loaded and graphed
    dot = run_cli("links", "--graph", "dot", cwd=project).stdout
    assert '"x\\"];evil[label=\\"pwn" -> "nationell-strategi"' in dot, dot
    assert '[URL="javascript' not in dot and '[URL=\\"javascript:x\\"]' in dot
    mermaid = run_cli("links", "--graph", "mermaid", cwd=project).stdout
    assert "evil[label" not in mermaid and "#34;#93;#59;evil#91;label#61;#34;pwn" in mermaid, mermaid


@given(st.text(st.sampled_from(["\x1b", "\x07", "\x9b", "\x00", "\x7f", "[", "3", "1", "m", "]", "\u202e", "a"]),
               min_size=1, max_size=12))
@settings(max_examples=100, derandomize=True)
def test_printable_leaves_no_control_character(text: str) -> None:
    assert not CONTROL.search(printable(text)) and "\u202e" not in printable(text)


@pytest.mark.parametrize("escape", ["\\e[2J", "\\e]0;pwned\\a", "\\x9b31m", "\\0", "\\x7f", "\\e]8;;http://x\\e\\\\"])
def test_terminal_output_never_carries_escape_sequences_from_yaml(project: Path, escape: str) -> None:
    (project / "plans" / "x.yaml").write_text(
        f'id: x\nkind: framework\ntitle: T\n"{escape}": 1\nitems: [{{id: a, title: "{escape}"}}]\n',
        encoding="utf-8")
    for args in (("validate",), ("validate", "--format", "github"), ("lint",), ("list",), ("links", "x")):
        result = run_cli(*args, cwd=project)
        assert not CONTROL.search(result.stdout + result.stderr), (args, result)


@pytest.mark.parametrize("char", ["\\0", "\\e", "\\x7f", "\\x85", "\\x1f"])
def test_control_characters_never_reach_title_or_markdown(char: str) -> None:
    text = f'id: x\nkind: framework\ntitle: "Plan{char}titel"\nitems: [{{id: a, title: "A{char}"}}]\n'
    document, problems = load_bytes(text.encode(), "x.yaml")
    if document is None:  # refused at load with a located error: also safe
        assert problems and problems[0].line >= 1
        return
    index = LinkIndex.build(iter_documents(shipped_documents(), [document]))
    for fmt in ("html", "md"):
        assert not CONTROL.search(render_document(index, "x", fmt))


# -- 6: symbolic links out of the project ----------------------------------------------------


def test_a_link_leaving_the_project_is_refused_unless_configured(project: Path, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("utanfor")
    shutil.copy(PLANS / "kalmar" / "kalmar-2024.yaml", outside / "kalmar-2024.yaml")
    (project / "plans" / "kalmar-2024.yaml").symlink_to(outside / "kalmar-2024.yaml")
    (project / "plans" / "mapp").symlink_to(outside)
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 1, result
    assert "plans/kalmar-2024.yaml: E120 [error] symbolic link leads outside the project" in result.stdout
    assert "plans/mapp: E120" in result.stdout
    built = run_cli("build", cwd=project)
    assert not (project / "site" / "dokument" / "kalmar-2024.html").exists(), built
    (project / "mvkplan.toml").write_text('paths = ["plans"]\nfollow-external-symlinks = true\n')
    (project / "plans" / "mapp").unlink()
    assert "E120" not in run_cli("validate", cwd=project).stdout


# -- 7: output paths --------------------------------------------------------------------------


@pytest.mark.parametrize("output", ["plans/exempellan/exempel-2024.yaml", "mvkplan.toml", "./plans/../mvkplan.toml",
                                    "länk.yaml"])
def test_render_never_overwrites_an_input_or_the_configuration(tmp_path: Path, output: str) -> None:
    root = _site_project(tmp_path)
    (root / "länk.yaml").symlink_to(root / "plans" / "exempellan" / "exempel-2024.yaml")
    def inputs() -> dict[Path, bytes]:  # the load cache (.mvkplan_cache) may be written
        return {p: p.read_bytes() for p in root.rglob("*")
                if p.is_file() and ".mvkplan_cache" not in p.parts}

    before = inputs()
    result = run_cli("render", "exempel-2024", "-o", output, cwd=root)
    assert result.exit_code == 2 and "refusing to overwrite" in result.stderr, result
    assert inputs() == before
    schema = run_cli("schema", "-o", output, cwd=root)
    assert schema.exit_code == 2, schema


@pytest.mark.parametrize(("output", "written"), [
    ("ny/", "ny/exempel-2024.html"), ("ny/djup/", "ny/djup/exempel-2024.html"),
    ("fil.html", "fil.html"), ("../utanfor.html", "../utanfor.html"), ("finns", "finns/exempel-2024.html"),
])
def test_render_output_is_any_path_and_a_trailing_slash_means_a_folder(tmp_path: Path, output: str,
                                                                       written: str) -> None:
    root = _site_project(tmp_path / "p")
    (root / "finns").mkdir()
    result = run_cli("render", "exempel-2024", "-o", output, cwd=root)
    assert result.exit_code == 0, result
    assert (root / written).is_file()


@pytest.mark.parametrize("out", [".", "..", "plans", "plans/exempellan"])
def test_build_refuses_to_replace_a_folder_holding_inputs(tmp_path: Path, out: str) -> None:
    root = _site_project(tmp_path / "p")
    result = run_cli("build", "--out", out, cwd=root)
    assert result.exit_code == 2 and "refusing to replace the folder" in result.stderr, result
    assert (root / "plans" / "exempellan" / "exempel-2024.yaml").is_file()


# -- 8: odd corners ---------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--county", "x y"], ["--county", "../../x"], ["--county", "a/b"],
                                  ["--title", ""], ["--title", "   "]])
def test_new_refuses_bad_options_without_a_traceback(project: Path, args: list[str]) -> None:
    result = run_cli("new", "regional-plan", "ny-2025", *args, cwd=project)
    assert result.exit_code == 2 and result.stderr.startswith("mvkplan: "), result
    assert list((project / "plans").rglob("*.yaml")) == []


@pytest.mark.parametrize(("line", "message"), [
    ('lang = "xx"', "lang"), ('lang = "svenska"', "lang"), ("max-file-size = true", "max-file-size"),
    ('max-file-size = "10"', "max-file-size"), ("max-file-size = 1.5", "max-file-size"),
    ("max-file-size = 0", "max-file-size"),
])
def test_configuration_refuses_bad_values_with_the_line(project: Path, line: str, message: str) -> None:
    (project / "mvkplan.toml").write_text(f'paths = ["plans"]\n{line}\n', encoding="utf-8")
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 2, result
    assert f"line 2: {message}" in result.stderr


@pytest.mark.parametrize("name", ["con", "CON", "nul", "aux", "prn", "com1", "lpt9", "nul.plan", "plan."])
def test_unportable_document_ids_are_refused_by_validate(project: Path, name: str) -> None:
    (project / "plans" / f"{name}.yaml").write_text(
        f"id: {json.dumps(name)}\nkind: framework\ntitle: T\nitems: [{{id: a, title: A}}]\n", encoding="utf-8")
    result = run_cli("validate", "--format", "json", cwd=project)
    assert result.exit_code == 1, result
    assert [(p["code"], p["line"]) for p in json.loads(result.stdout)["problems"]] == [("E213", 1)]


@pytest.mark.parametrize("command", ["validate", "lint", "build"])
def test_a_configured_path_that_does_not_exist_exits_2_like_on_the_command_line(project: Path,
                                                                                command: str) -> None:
    (project / "mvkplan.toml").write_text('paths = ["saknas"]\n', encoding="utf-8")
    configured = run_cli(command, cwd=project)
    assert configured.exit_code == 2 and "path not found" in configured.stderr, configured
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    if command != "build":
        assert run_cli(command, "saknas", cwd=project).exit_code == 2


def test_whole_file_problems_have_no_line_0(project: Path) -> None:
    (project / "mvkplan.toml").write_text('paths = ["plans"]\nmax-file-size = 10\n', encoding="utf-8")
    (project / "plans" / "stor.yaml").write_text("id: stor\n" * 5, encoding="utf-8")
    text = run_cli("validate", cwd=project).stdout
    assert "plans/stor.yaml: E102 " in text and ":0:" not in text
    github = run_cli("validate", "--format", "github", cwd=project).stdout
    assert "::error file=plans/stor.yaml,title=E102::" in github
    sarif = json.loads(run_cli("lint", "--format", "sarif", cwd=project).stdout)
    assert "region" not in sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]


def test_readme_documents_every_loading_and_identity_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| code | meaning |"):]
    for code in ("E102", "E110", "E120", "E213", "E402"):
        assert f"| {code}" in table or f"/ {code}" in table, code


def test_project_fixture_is_a_project(project: Path) -> None:  # guards the helpers above
    assert Project(project).document_paths() == [project / "plans"]
