"""Lint findings kept per file (:mod:`mvkplan.checks.findings`).

After any edit, ``lint`` and ``check`` with the cache say exactly what a ``--no-cache`` run
says: edits that change a finding of the edited document, a finding of another document
(a reworded link target, a follow-up gone, a plan no longer superseded), an inline ignore,
and the configuration, as a table over the real plans and as generated edits. A kept entry
that was tampered with is never unpickled. After one file changed, the rules see only the
documents linked with it.
"""

from __future__ import annotations

import json
import pickle
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from mvkplan.checks.findings import SUBFOLDER
from mvkplan.checks.rules import RULES

Edit = Callable[[Path], None]


def _answer(root: Path, command: str = "lint", *, cache: bool) -> tuple[int, list[dict[str, object]]]:
    """Exit code and problems of ``command --format json``, with or without the cache."""
    result = run_cli(command, "--format", "json", *([] if cache else ["--no-cache"]), cwd=root)
    assert result.exit_code in (0, 1), str(result)
    return result.exit_code, json.loads(result.stdout)["problems"]


def _same_as_without_cache(root: Path, command: str = "lint") -> list[dict[str, object]]:
    """The cached answer, checked against a ``--no-cache`` run; returns the problems."""
    cached = _answer(root, command, cache=True)
    assert cached == _answer(root, command, cache=False)
    return cached[1]


def _sub(relative: str, pattern: str, replacement: str) -> Edit:
    """An edit: the first match of ``pattern`` in ``plans/relative`` replaced."""
    def edit(root: Path) -> None:
        path = root / "plans" / relative
        text = path.read_text(encoding="utf-8")
        changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
        assert changed != text, f"{pattern!r} not in {relative}"
        path.write_text(changed, encoding="utf-8")
    return edit


def _config(text: str) -> Edit:
    def edit(root: Path) -> None:
        (root / "mvkplan.toml").write_text('paths = ["plans"]\n' + text, encoding="utf-8")
    return edit


def _ignore_first_finding(code_of: Callable[[str], str]) -> Edit:
    """An inline ``# mvkplan: ignore[…]`` at the end of the line of the first finding, naming
    ``code_of(its code)``."""
    def edit(root: Path) -> None:
        _, problems = _answer(root, cache=False)
        first = next((p for p in problems if str(p["code"]).startswith("MVK")), None)
        if first is None:  # (generated edits may have left no finding to ignore)
            return
        path = root / str(first["path"])
        lines = path.read_text(encoding="utf-8").split("\n")
        line = int(str(first["line"])) - 1
        lines[line] += f"  # mvkplan: ignore[{code_of(str(first['code']))}]"
        path.write_text("\n".join(lines), encoding="utf-8")
    return edit


KALMAR = "kalmar/kalmar-2024.yaml"
KRONOBERG = "kronoberg/kronoberg-2018-reviderad.yaml"

OWN: dict[str, Edit] = {
    "placeholder text": _sub(KALMAR, r"^(title: .*)$", r"\1 TODO"),
    "e-mail address": _sub(KRONOBERG, r"^(title: .*)$", r"\1 anna.svensson@kronoberg.se"),
    "comment only": _sub(KRONOBERG, r"\Z", "\n# a comment\n"),
    "violence forms named": _sub(KALMAR, r"^(status: adopted)$",
                                 "\\1\ntarget_groups:\n  violence_forms: [vald-i-nara-relation]"),
}
"""Edits that change (or might change) findings of the edited document only."""

ACROSS: dict[str, Edit] = {
    "link target reworded": _sub(KALMAR, r"^(\s+)Likvärdig kunskap om universella", r"\1Ny kunskap om universella"),
    "linked goal renamed": _sub(KALMAR, r"^(\s+- id: likvardig-kunskap)$", r"\1-ny"),
    "follow-up of another year": _sub("kalmar/uppfoljning/kalmar-2024-2025.yaml", r"^year: 2025$",
                                      "year: 2027"),
}
"""Edits of what the rules read about other documents than the edited one."""

TEETH = ("link target reworded", "linked goal renamed")
"""Edits of the table known to change another file's findings (a follow-up of another year
changes what the plan's rules read, whether or not a finding comes of it)."""

IGNORES: dict[str, Edit] = {
    "inline ignore of the finding": _ignore_first_finding(lambda code: code),
    "inline ignore by name": _ignore_first_finding(
        lambda code: next(rule.name for rule in RULES if rule.code == code)),
    "inline ignore of another code": _ignore_first_finding(lambda code: "MVK001"),
    "inline ignore of an unknown code": _ignore_first_finding(lambda code: "MVK999"),
}

CONFIGURATION: dict[str, Edit] = {
    "severity raised": _config('severity = {MVK002 = "error"}\n'),
    "rule ignored": _config('ignore = ["MVK011"]\n'),
    "only some rules": _config('select = ["MVK002", "MVK026"]\n'),
    "per-path ignore": _config('[per-path-ignores]\n"plans/kronoberg" = ["MVK002"]\n'),
}

EDITS = {**OWN, **ACROSS, **IGNORES, **CONFIGURATION}


@pytest.fixture
def reviewed(real_project: Path) -> Path:
    """The real plans with every link to an item stamped with its target's wording, so that
    rewording a target makes links in other documents suspect; the cache filled."""
    result = run_cli("review", "--all", cwd=real_project)
    assert result.exit_code in (0, 1), str(result)
    _same_as_without_cache(real_project)
    _same_as_without_cache(real_project, "check")
    return real_project


@pytest.mark.parametrize("name", list(EDITS))
def test_after_an_edit_the_kept_findings_answer_as_a_run_without_cache(reviewed: Path, name: str) -> None:
    before = _answer(reviewed, cache=False)[1]
    EDITS[name](reviewed)
    after = _same_as_without_cache(reviewed)
    _same_as_without_cache(reviewed, "check")
    if name in ACROSS and name in TEETH:  # the table's teeth: the edit changes what another file is told

        def others(problems: list[dict[str, object]]) -> list[dict[str, object]]:
            return [p for p in problems if p["path"] not in _edited_paths(name)]

        assert others(after) != others(before), f"{name} changes no other file's findings"


def _edited_paths(name: str) -> set[str]:
    return {
        "link target reworded": {f"plans/{KALMAR}"},
        "linked goal renamed": {f"plans/{KALMAR}"},
    }[name]


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(list(EDITS)), st.integers(0, 10**6)),
                      min_size=1, max_size=3),
       text=st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12))
def test_generated_edits_answer_as_a_run_without_cache(
    reviewed: Path, tmp_path_factory: pytest.TempPathFactory,
    edits: list[tuple[str, int]], text: str,
) -> None:
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(reviewed, root, dirs_exist_ok=True)  # the filled cache comes along
    for name, seed in edits:
        try:
            EDITS[name](root)
        except (AssertionError, FileNotFoundError):  # that edit was already made
            pass
        _line_edit(root, seed, text)
        _same_as_without_cache(root)


def _line_edit(root: Path, seed: int, text: str) -> None:
    """One generated edit of one line of one file: ``text`` appended to a value written
    after ``key:``, or the line turned into a comment (``seed`` chooses which and where)."""
    files = sorted((root / "plans").rglob("*.yaml"))
    path = files[seed % len(files)]
    lines = path.read_text(encoding="utf-8").split("\n")
    number = (seed // len(files)) % len(lines)
    value = re.match(r"^(\s*(?:- )?[a-z_]+: )([^\"'|>#&*!\[{].*)?$", lines[number])
    if seed % 3 and value and value[2]:
        lines[number] = value[1] + json.dumps(value[2] + text, ensure_ascii=False)
    elif seed % 3 == 0:
        lines[number] = "# " + lines[number]
    path.write_text("\n".join(lines), encoding="utf-8")


CRAFTS = ["a pickle that runs code", "signed for another place", "a byte changed"]


@pytest.mark.parametrize("craft", CRAFTS)
def test_a_tampered_entry_is_never_unpickled(reviewed: Path, tmp_path: Path, craft: str) -> None:
    """Every kept entry replaced by a pickle that would run code, by one signed for another
    place, or changed by one byte: the answer stands, nothing runs, the rules run again."""
    from mvkplan.loading.cache import encode_entry

    marker = tmp_path / "ran"
    entries = [entry for entry in (reviewed / ".mvkplan_cache" / SUBFOLDER).rglob("*")
               if entry.is_file()]
    assert entries, "no findings were kept"
    evil = [_Evil(marker)]
    for entry in entries:
        original = entry.read_bytes()
        entry.write_bytes({
            "a pickle that runs code": pickle.dumps(evil),
            "signed for another place": encode_entry(evil, f"{SUBFOLDER}/elsewhere") or b"",
            "a byte changed": original[:-1] + bytes([original[-1] ^ 1]),
        }[craft])
    assert _answer(reviewed, cache=True) == _answer(reviewed, cache=False)
    assert not marker.exists()
    path = reviewed / "plans" / KRONOBERG  # and after one file changed
    path.write_text(path.read_text(encoding="utf-8") + "# x\n", encoding="utf-8")
    assert _answer(reviewed, cache=True) == _answer(reviewed, cache=False)
    assert not marker.exists()


class _Evil:
    """Unpickling it writes ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.write_text, (self.marker, "unpickled"))


def test_after_one_file_changed_the_rules_see_only_the_documents_linked_with_it(
    real_project: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mvkplan.checks.rules.base import LintContext

    _same_as_without_cache(real_project)
    shown: set[str] = set()
    subset = LintContext.subset

    def recording(self: LintContext, documents: list[object]) -> LintContext:
        shown.update(getattr(document, "path", "") for document in documents)
        return subset(self, documents)  # type: ignore[arg-type]

    monkeypatch.setattr(LintContext, "subset", recording)
    monkeypatch.setenv("MVKPLAN_JOBS", "1")  # the rules run in this process, where they are seen
    path = real_project / "plans" / KRONOBERG
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    _answer(real_project, cache=True)
    assert shown == {f"plans/{KRONOBERG}"}


def test_kept_findings_hold_for_their_day_only(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A draft follow-up whose deadline passes between two runs: the next day's lint says so,
    though no file changed (its findings were kept for the day they were found)."""
    import datetime

    from mvkplan.checks import common
    from mvkplan.checks.rules import draft_after_deadline

    (project / "plans" / "vp-2022.yaml").write_text(
        "id: vp-2022\nkind: activity-plan\ntitle: Plan\nperiod: {start: 2022, end: 2022}\n"
        "areas:\n  - id: omrade\n    activities:\n      - {id: utbildning, title: Utbildning}\n",
        encoding="utf-8")
    (project / "plans" / "vp-2022-2022.yaml").write_text(
        "id: vp-2022-2022\nkind: follow-up\ntitle: Uppföljning\nplan: vp-2022\nyear: 2022\n"
        'status: draft\ndeadline: "2030-03-31"\n', encoding="utf-8")
    days = []
    slots = []
    for day in (datetime.date(2030, 3, 31), datetime.date(2030, 4, 1)):

        class Today(datetime.date):
            @classmethod
            def today(cls, day: datetime.date = day) -> datetime.date:  # type: ignore[override]
                return day

        monkeypatch.setattr(common, "date", Today)
        monkeypatch.setattr(draft_after_deadline, "date", Today)
        cached = run_cli("lint", "--format", "json", "--select", "MVK023", cwd=project)
        bare = run_cli("lint", "--format", "json", "--select", "MVK023", "--no-cache", cwd=project)
        assert cached.stdout == bare.stdout, f"{day}: {cached}"
        days.append([p["code"] for p in json.loads(cached.stdout)["problems"]])
        slots.append(sorted(p.name for p in (project / ".mvkplan_cache" / "runs").iterdir()))
    assert days == [[], ["MVK023"]]
    assert slots[0] == slots[1], "a day's first run replaces yesterday's answer, in the same slot"


def test_after_one_file_changed_only_its_plain_data_is_unpickled(
    real_project: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Documents whose findings are kept are known by their entries; the plain data those
    hold is decoded only if a rule or a model needs it (it was decoded for every file)."""
    from mvkplan.loading.documents import LoadedDocument
    from mvkplan.loading.many import Entry

    _same_as_without_cache(real_project)
    decoded: list[str] = []
    kept, plain_data = LoadedDocument._kept, Entry.plain_data

    def recording(self: LoadedDocument) -> dict[str, object] | None:
        if self._pickled is not None:
            decoded.append(self.path)
        return kept(self)

    def entry_recording(self: Entry) -> dict[str, object] | None:
        decoded.append(self.digest)
        return plain_data(self)

    monkeypatch.setattr(LoadedDocument, "_kept", recording)
    monkeypatch.setattr(Entry, "plain_data", entry_recording)
    monkeypatch.setenv("MVKPLAN_JOBS", "1")
    path = real_project / "plans" / KRONOBERG
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    _answer(real_project, cache=True)
    files = len(list((real_project / "plans").rglob("*.yaml")))
    # Decoding every entry read is one per unchanged file (10 of the 11); now the documents
    # validated from their data (catalogs, the follow-ups and their plans: 5) and no other.
    assert len(decoded) <= files // 2, (len(decoded), files)


@pytest.mark.parametrize("title", ["Mål 5 Nytt namn", "Mål 5 Förbättrad kunskap", "Mål 5 ✓ \u2028 \"x\""])
def test_a_framework_a_rule_option_names_is_everyone_s_neighbour(real_project: Path, title: str) -> None:
    """MVK005 with `frameworks` reads that framework for every plan, linked to it or not:
    rewording one of its goals must reach every plan's kept findings (they kept the old title)."""
    (real_project / "mvkplan.toml").write_text(
        'paths = ["plans"]\n\n[rules.framework-goal-not-covered]\n'
        'frameworks = ["jonkoping-strategi-2020-2026"]\n', encoding="utf-8")
    before = _same_as_without_cache(real_project)
    _sub("jonkoping/jonkoping-strategi-2020-2026.yaml", r"title: Mål 5 .*$",
         "title: " + json.dumps(title, ensure_ascii=False))(real_project)
    after = _same_as_without_cache(real_project)
    assert before != after, "the edit changes MVK005's findings"
