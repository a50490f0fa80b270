"""A project's cache folder cannot run code: every entry is signed with a key outside the
project and checked before it is decoded, and a cache folder that git tracks is not used.

The attack: a repository commits ``.mvkplan_cache`` (``git add -f``) with crafted pickles or
compiled templates at the very paths the next run looks up. Here a real run first fills the
cache, then every file in it is replaced by a crafted one whose decoding writes a marker
file, in each format an attacker could try; every command that uses the cache then runs.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mvkplan.loading.many
from conftest import PLANS, run_cli

FOLDER = ".mvkplan_cache"
COMMANDS: list[tuple[str, ...]] = [
    # first: the export records who was asked in the follow-up, which every later command reads
    ("survey", "export", "kalmar-2024", "--year", "2025", "--out", "enkat", "--force"),
    ("validate",), ("validate", "--format", "json"), ("lint",), ("lint", "--format", "json"),
    ("check",), ("check", "--format", "json"), ("list",), ("links", "kalmar-2024"),
    ("coverage",), ("render", "kalmar-2024", "-o", "-"),
    ("render", "kalmar-2024", "-f", "md", "-o", "-"),
    ("report", "kalmar-2024", "-f", "md", "-o", "-"),
    ("diff", "kalmar-2021", "kalmar-2024"),
]
_SIGNED = b"mvkplan-signed-1\n"
_OLD = b"mvkplan-cache-1\n"


class _Plant:
    """Unpickling this writes the marker file: what a crafted entry would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (exec, (f"with open({str(self.marker)!r}, 'w') as f: f.write('ran')",))


def _jinja_magic() -> bytes:
    from jinja2.bccache import bc_magic

    return bc_magic


def _evil(marker: Path) -> bytes:
    return pickle.dumps(_Plant(marker), protocol=2)


def _label(relative: Path) -> str:
    """What the entry at ``relative`` (inside the cache folder) is signed for."""
    if relative.parts[0] == "v1":
        return relative.name
    if relative.parts[0] == "templates":
        return f"templates/{relative.name.removesuffix('.signed')}"
    if relative.parts[0] == "build" and relative.suffix == ".pickle":
        return "build/places"
    return "/".join(relative.parts)


def _payload(relative: Path, marker: Path) -> bytes:
    """The crafted content: a pickle, or for compiled templates what Jinja reads (its
    header, then the pickled checksum it unpickles first)."""
    if relative.parts[0] == "templates":
        return _jinja_magic() + _evil(marker)
    return _evil(marker)


Craft = Callable[[Path, Path, bytes], bytes]
"""(path inside the cache folder, marker, the file's bytes as the real run left them) → bytes."""


def _old_format(relative: Path, marker: Path, original: bytes) -> bytes:
    """The format mvkplan used to trust: a SHA-256 anyone can compute; for a record of a
    build, its JSON as it was (with a page of the site tampered with meanwhile)."""
    if relative.suffix == ".json":
        return _digests_json(original)
    if relative.parts[0] == "templates":
        return _payload(relative, marker)  # Jinja's own format: no check at all
    payload = _payload(relative, marker)
    return _OLD + hashlib.sha256(payload).digest() + payload


def _wrong_mac(relative: Path, marker: Path, original: bytes) -> bytes:
    payload = _digests_json(original) if relative.suffix == ".json" else _payload(relative, marker)
    return _SIGNED + os.urandom(32) + payload


def _other_key(relative: Path, marker: Path, original: bytes) -> bytes:
    """Signed right, for the right place, with someone else's key."""
    payload = _digests_json(original) if relative.suffix == ".json" else _payload(relative, marker)
    signer = hmac.new(os.urandom(32), _label(relative).encode() + b"\0", hashlib.sha256)
    signer.update(payload)
    return _SIGNED + signer.digest() + payload


def _bare(relative: Path, marker: Path, original: bytes) -> bytes:
    return _digests_json(original) if relative.suffix == ".json" else _payload(relative, marker)


def _digests_json(original: bytes) -> bytes:
    """The page digests a build record holds, as plain JSON (whatever wraps them)."""
    return original[len(_SIGNED) + 32:] if original.startswith(_SIGNED) else original


CRAFTS: dict[str, Craft] = {"old-sha256": _old_format, "wrong-hmac": _wrong_mac,
                            "other-key": _other_key, "bare-pickle": _bare}


@pytest.fixture
def user_key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's user has a key folder of their own, outside the project."""
    home = tmp_path_factory.mktemp("user-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def _no_cache_env(tmp_path: Path) -> dict[str, str]:
    """A user without a usable key folder: mvkplan runs without a cache."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the key folder would be\n")
    return {"XDG_CACHE_HOME": str(blocked)}


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _entries(project: Path) -> Iterator[Path]:
    for path in sorted((project / FOLDER).rglob("*")):
        if path.is_file() and path.name not in (".gitignore", "CACHEDIR.TAG"):
            yield path


@pytest.mark.parametrize("craft", list(CRAFTS), ids=list(CRAFTS))
def test_no_planted_entry_runs_code_or_changes_an_answer(
    real_project: Path, user_key: Path, tmp_path: Path, craft: str,
) -> None:
    from mvkplan.publish.serve.server import build_preview

    marker = tmp_path / "MARKER"
    fresh = {command: run_cli(*command, cwd=real_project, env=_no_cache_env(tmp_path))
             for command in COMMANDS}
    assert run_cli("build", "--no-cache", "--out", "fresh", cwd=real_project).exit_code == 0
    for command in COMMANDS:  # a real run fills the cache: every path the next run reads
        run_cli(*command, cwd=real_project)
    assert run_cli("build", cwd=real_project).exit_code == 0
    originals = {path: path.read_bytes() for path in _entries(real_project)}
    kinds = {path.relative_to(real_project / FOLDER).parts[0] for path in originals}
    assert kinds >= {"v1", "runs", "build", "templates"}, kinds

    def plant() -> None:
        for path, original in originals.items():
            relative = path.relative_to(real_project / FOLDER)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(CRAFTS[craft](relative, marker, original))

    for command in COMMANDS:
        plant()
        result = run_cli(*command, cwd=real_project)
        assert not marker.exists(), (command, result)
        expected = fresh[command]
        assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout), (command, result)

    plant()
    page = next((real_project / "site").rglob("*.html"))
    page.write_text("TAMPERED")  # a record believed would keep this page
    result = run_cli("build", cwd=real_project)
    assert not marker.exists(), result
    assert result.exit_code == 0, result
    assert _tree(real_project / "site") == _tree(real_project / "fresh")

    from mvkplan.publish.render.incremental import state_file

    preview = real_project / "preview"
    build_preview(real_project, preview, state=state_file(real_project / FOLDER, preview))
    plant()
    state = state_file(real_project / FOLDER, preview)
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_bytes(CRAFTS[craft](state.relative_to(real_project / FOLDER), marker, state.read_bytes()
                                    if state.is_file() else b"{}"))
    (next(preview.rglob("*.html"))).write_text("TAMPERED")
    build_preview(real_project, preview, state=state)
    assert not marker.exists()
    again = real_project / "preview-fresh"
    build_preview(real_project, again, state=None)
    assert _tree(preview) == _tree(again)


@pytest.mark.parametrize(("tracked", "lang", "warning"), [
    (lambda project: [FOLDER], "en", "tracked by git"),
    (lambda project: [f"{FOLDER}/.gitignore"], "sv", "incheckad i git"),
    (lambda project: [str(next(_entries(project)).relative_to(project))], "en", "tracked by git"),
], ids=["the folder", "its .gitignore", "one entry"])
def test_a_cache_folder_tracked_by_git_is_neither_read_nor_written(
    real_project: Path, user_key: Path, monkeypatch: pytest.MonkeyPatch,
    tracked: Callable[[Path], list[str]], lang: str, warning: str,
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    first = run_cli("validate", "--lang", lang, cwd=real_project)
    entries = {path: path.read_bytes() for path in _entries(real_project)}
    assert entries
    subprocess.run(["git", "init", "-q", str(real_project)], check=True)
    subprocess.run(["git", "-C", str(real_project), "add", "-f", *tracked(real_project)], check=True)
    _as_in_a_new_process()
    parsed: list[str] = []
    load = mvkplan.loading.many.load_with_data

    def counting(data: bytes, shown: str, **kwargs: object) -> object:
        parsed.append(shown)
        return load(data, shown, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mvkplan.loading.many, "load_with_data", counting)
    again = run_cli("validate", "--lang", lang, cwd=real_project)
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout), again
    files = list((real_project / "plans").rglob("*.yaml"))
    assert len(parsed) == len(files)  # every file read again, none taken from the cache
    assert {path: path.read_bytes() for path in _entries(real_project)} == entries
    assert again.stderr.count(warning) == 1, again


def _as_in_a_new_process() -> None:
    """Forget what this process learnt about cache folders (a run asks git once)."""
    try:
        from mvkplan.loading import keys
    except ImportError:  # (a version without keys has nothing to forget)
        return
    keys._USABLE.clear()


def test_without_a_usable_key_folder_nothing_is_cached(real_project: Path, tmp_path: Path) -> None:
    env = _no_cache_env(tmp_path)
    first = run_cli("validate", cwd=real_project, env=env)
    second = run_cli("validate", cwd=real_project, env=env)
    assert (second.exit_code, second.stdout) == (first.exit_code, first.stdout), second
    assert list(_entries(real_project)) == []


def test_the_key_is_made_once_private_and_kept_outside_the_project(
    real_project: Path, user_key: Path,
) -> None:
    assert run_cli("validate", cwd=real_project).exit_code in (0, 1)
    key = user_key / "mvkplan" / "key"
    made = key.read_bytes()
    assert len(made) == 32
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    run_cli("validate", cwd=real_project)
    assert key.read_bytes() == made
    assert not [p for p in real_project.rglob("*") if p.name == "key"]


def test_a_key_others_can_read_is_not_used(real_project: Path, user_key: Path) -> None:
    from mvkplan.loading.keys import signing_key

    key = user_key / "mvkplan" / "key"
    key.parent.mkdir()
    key.write_bytes(os.urandom(32))
    key.chmod(0o644)
    assert signing_key() is None
    run_cli("validate", cwd=real_project)
    assert list(_entries(real_project)) == []


_keys = st.binary(min_size=32, max_size=32)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.binary(max_size=4096), label=st.text(max_size=80), other=_keys,
       flip=st.integers(min_value=0))
def test_an_entry_opens_only_with_its_key_and_label_and_unchanged(
    payload: bytes, label: str, other: bytes, flip: int, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mvkplan.loading import keys

    mine = tmp_path / "mine"
    monkeypatch.setenv("XDG_CACHE_HOME", str(mine))
    sealed = keys.seal(payload, label)
    assert sealed is not None
    assert keys.unseal(sealed, label) == payload  # any payload and label round-trip exactly
    assert keys.unseal(sealed, label + "x") is None
    position = flip % len(sealed)
    damaged = bytearray(sealed)
    damaged[position] ^= 1 + flip % 255
    assert keys.unseal(bytes(damaged), label) is None
    theirs = tmp_path / "theirs"
    (theirs / "mvkplan").mkdir(parents=True, exist_ok=True)
    (theirs / "mvkplan" / "key").write_bytes(other)
    (theirs / "mvkplan" / "key").chmod(0o600)
    keys._KEYS.pop(theirs / "mvkplan" / "key", None)
    monkeypatch.setenv("XDG_CACHE_HOME", str(theirs))
    if keys.signing_key() != (mine / "mvkplan" / "key").read_bytes():
        assert keys.unseal(sealed, label) is None  # written with one key, refused under another


def test_the_plants_are_real(tmp_path: Path) -> None:
    """The crafted entries above do run code when unpickled (else the tests prove nothing)."""
    marker = tmp_path / "MARKER"
    pickle.loads(_evil(marker))  # noqa: S301 - the point of the test
    assert marker.read_text() == "ran"
    assert PLANS.is_dir()


@pytest.mark.parametrize("kind", ["v1", "runs", "build", "templates"])
def test_each_kind_of_entry_alone_is_refused(
    real_project: Path, user_key: Path, tmp_path: Path, kind: str,
) -> None:
    """One kind of entry planted in the format mvkplan used to trust, the others gone (so
    that the run reaches it), a page of the site changed and one removed: neither ``check``
    nor ``build`` runs it, and both answer as without a cache."""
    marker = tmp_path / "MARKER"
    fresh = run_cli("check", cwd=real_project, env=_no_cache_env(tmp_path))
    assert run_cli("build", "--no-cache", "--out", "fresh", cwd=real_project).exit_code == 0
    run_cli("check", cwd=real_project)
    assert run_cli("build", cwd=real_project).exit_code == 0
    planted = 0
    for path in list(_entries(real_project)):
        relative = path.relative_to(real_project / FOLDER)
        if relative.parts[0] == kind:
            path.write_bytes(_old_format(relative, marker, path.read_bytes()))
            planted += 1
        else:
            path.unlink()
    assert planted
    checked = run_cli("check", cwd=real_project)
    assert not marker.exists(), checked
    assert (checked.exit_code, checked.stdout) == (fresh.exit_code, fresh.stdout), checked
    pages = sorted((real_project / "site").rglob("*.html"))
    pages[0].write_text("TAMPERED")  # a record believed would keep this page
    pages[1].unlink()  # and render this one alone, reading the places store
    result = run_cli("build", cwd=real_project)
    assert not marker.exists(), result
    assert result.exit_code == 0, result
    assert _tree(real_project / "site") == _tree(real_project / "fresh")
