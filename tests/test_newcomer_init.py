"""Issue 28.3 and 28.6 (init's part): the install line, the git repository, the county option.

``init`` records where this mvkplan came from as ``install`` in mvkplan.toml (PEP 610's
direct_url.json, else the installed version), the README and the CI workflow install with
it, and the folder becomes a git repository with a first commit (``--no-git`` to skip; no
git: exit 2 with nothing written). An unknown ``--county`` suggests only a close match and
lists the counties.
"""

from __future__ import annotations

import json
import os
import subprocess
import tomllib
from importlib.metadata import PathDistribution
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from mvkplan.start.init import toml_string
from mvkplan.start.install import installed_from, with_extras

COUNTIES = ["stockholm", "uppsala", "sodermanland", "ostergotland", "jonkoping", "kronoberg",
            "kalmar", "gotland", "blekinge", "skane", "halland", "vastra-gotaland", "varmland",
            "orebro", "vastmanland", "dalarna", "gavleborg", "vasternorrland", "jamtland",
            "vasterbotten", "norrbotten"]
CLI = settings(max_examples=15, deadline=None, phases=(Phase.explicit, Phase.generate),
               suppress_health_check=[HealthCheck.function_scoped_fixture])


def _distribution(tmp: Path, direct_url: dict[str, object] | None, version: str = "0.3.1") -> PathDistribution:
    info = tmp / f"mvkplan-{version}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: mvkplan\nVersion: {version}\n")
    if direct_url is not None:
        (info / "direct_url.json").write_text(json.dumps(direct_url))
    return PathDistribution(info)


HEX = st.text(alphabet="0123456789abcdef", min_size=40, max_size=40)
HOST = st.sampled_from(["https://github.com/mvkplan/mvkplan.git", "https://git.example.se/a/b",
                        "ssh://git@example.org/x.git"])


@given(url=HOST, commit=HEX, version=st.sampled_from(["0.1.0", "1.2.3", "2.0.0rc1"]))
def test_the_requirement_is_where_the_installation_came_from(
    tmp_path_factory: pytest.TempPathFactory, url: str, commit: str, version: str,
) -> None:
    """A git install: URL and commit; a wheel or folder: its URL; from an index: the version."""
    tmp = tmp_path_factory.mktemp("dist")
    vcs = _distribution(tmp / "vcs", {"url": url, "vcs_info": {"vcs": "git", "commit_id": commit}},
                        version)
    assert installed_from(vcs).requirement == f"mvkplan @ git+{url}@{commit}"
    wheel = f"file:///opt/wheels/mvkplan-{version}-py3-none-any.whl"
    archive = _distribution(tmp / "archive", {"url": wheel, "archive_info": {}}, version)
    assert installed_from(archive).requirement == f"mvkplan @ {wheel}"
    folder = _distribution(tmp / "dir", {"url": "file:///src/mvkplan", "dir_info": {}}, version)
    assert installed_from(folder).requirement == "mvkplan @ file:///src/mvkplan"
    index = _distribution(tmp / "index", None, version)
    assert installed_from(index).requirement == f"mvkplan=={version}"
    broken = _distribution(tmp / "broken", None, version)
    (Path(str(broken._path)) / "direct_url.json").write_text("{not json")  # type: ignore[attr-defined]
    assert installed_from(broken).requirement == f"mvkplan=={version}"


@given(st.text())
def test_any_install_line_round_trips_through_mvkplan_toml(text: str) -> None:
    assert tomllib.loads(f"install = {toml_string(text)}\n")["install"] == text


@given(extras=st.lists(st.sampled_from(["serve", "survey", "kolada", "pdf"]), min_size=1, unique=True),
       rest=st.sampled_from(["==0.1.0", " @ file:///x.whl", " @ git+https://h/r.git@abc", ""]))
def test_extras_are_added_once_and_the_rest_is_kept(extras: list[str], rest: str) -> None:
    requirement = with_extras(f"mvkplan{rest}", *extras)
    assert requirement == f"mvkplan[{','.join(extras)}]{rest}"
    assert with_extras(requirement, *extras) == requirement


def _workflow_install(repository: Path) -> str:
    """What the generated workflow's install step installs, run as the workflow runs it."""
    workflow = yaml.safe_load((repository / ".github" / "workflows" / "mvkplan.yml").read_text())
    step = next(s for s in workflow["jobs"]["check"]["steps"] if "pip install" in s.get("run", ""))
    command = step["run"].replace("python -m pip install", "printf %s", 1)
    env = {**os.environ, "PATH": f"{Path(os.sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["bash", "-c", command], cwd=repository, capture_output=True, text=True,
                          check=True, env=env).stdout


def test_init_records_the_install_line_and_makes_a_first_commit(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "planer"), "--county", "kronoberg")
    assert result.exit_code == 0, result
    repository = tmp_path / "planer"
    install = tomllib.loads((repository / "mvkplan.toml").read_text())["install"]
    assert install == installed_from().requirement
    assert with_extras(install, "serve") in (repository / "README.md").read_text()
    assert _workflow_install(repository) == install
    log = subprocess.run(["git", "log", "--format=%s"], cwd=repository, capture_output=True,
                         text=True, check=True).stdout
    assert log.strip() == "Nytt planarkiv (mvkplan init)"
    assert subprocess.run(["git", "status", "--porcelain"], cwd=repository, capture_output=True,
                          text=True, check=True).stdout == ""
    # changeable in mvkplan.toml: the workflow installs what it says now
    config = repository / "mvkplan.toml"
    config.write_text(config.read_text().replace(toml_string(install), '"mvkplan==9.9.9"'))
    assert _workflow_install(repository) == "mvkplan==9.9.9"
    assert run_cli("check", cwd=repository).exit_code == 0


def test_no_git_and_git_missing(tmp_path: Path) -> None:
    assert run_cli("init", str(tmp_path / "a"), "--no-git").exit_code == 0
    assert not (tmp_path / "a" / ".git").exists()
    for lang, words in (("en", "git was not found"), ("sv", "git hittades inte")):
        result = run_cli("init", str(tmp_path / "b"), "--lang", lang, env={"PATH": str(tmp_path)})
        assert result.exit_code == 2, result
        assert words in result.stderr and "--no-git" in result.stderr
        assert "Traceback" not in result.stderr
        assert not (tmp_path / "b").exists(), "nothing is written"


def test_inside_a_repository_init_makes_no_second_one(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True)
    result = run_cli("init", str(tmp_path / "planer"))
    assert result.exit_code == 0, result
    assert not (tmp_path / "planer" / ".git").exists()
    assert "already inside the git repository" in result.stderr


def _typo(word: str, position: int) -> str:
    at = position % len(word)
    return word[:at] + word[at + 1:]


@CLI
@given(county=st.sampled_from([c for c in COUNTIES if len(c) >= 6]), position=st.integers(0, 20))
def test_a_county_misspelt_by_a_letter_is_suggested(tmp_path: Path, county: str, position: int) -> None:
    typo = _typo(county, position)
    result = run_cli("init", str(tmp_path / "x"), "--county", typo, "--no-git")
    if result.exit_code == 0:  # the lookup took it as written another way
        return
    assert f"did you mean '{county}'" in result.stderr, result


@CLI
@given(word=st.sampled_from(["Smaland", "Norrland", "Lappland", "Bohuslan", "Dalsland", "Ostersund",
                             "Svealand"]), lang=st.sampled_from(["sv", "en"]))
def test_a_name_that_is_no_county_gets_the_list_not_a_guess(tmp_path: Path, word: str, lang: str) -> None:
    result = run_cli("init", str(tmp_path / "x"), "--county", word, "--lang", lang, "--no-git")
    assert result.exit_code == 2, result
    assert "did you mean" not in result.stderr and "menade du" not in result.stderr, result
    assert all(county in result.stderr for county in COUNTIES), result


@pytest.mark.parametrize("present", [".env", "privat/anteckningar.txt", "planer-utkast.yaml"])
def test_the_first_commit_holds_only_what_init_wrote(tmp_path: Path, present: str) -> None:
    """A file already in the folder (a secret, private notes) is not committed by init."""
    repository = tmp_path / "planer"
    (repository / present).parent.mkdir(parents=True, exist_ok=True)
    (repository / present).write_text("hemligt=1\n", encoding="utf-8")
    result = run_cli("init", str(repository), "--county", "kronoberg")
    assert result.exit_code == 0, result
    committed = subprocess.run(["git", "ls-files"], cwd=repository, capture_output=True, text=True,
                               check=True).stdout.splitlines()
    assert "mvkplan.toml" in committed and present not in committed
    untracked = subprocess.run(["git", "status", "--porcelain"], cwd=repository, capture_output=True,
                               text=True, check=True).stdout
    assert present.split("/")[0] in untracked


@pytest.mark.parametrize("remote, expected", [
    ("https://github.com/lansstyrelsen/mvkplan.git", "git+https://github.com/lansstyrelsen/mvkplan.git@"),
    ("git@github.com:lansstyrelsen/mvkplan.git", "git+ssh://git@github.com/lansstyrelsen/mvkplan.git@"),
    (None, None),
])
def test_an_install_from_a_local_checkout_names_its_remote_or_says_it_is_local(tmp_path: Path, remote, expected):
    """`pip install -e .` from a clone records a file: URL no other machine can use: the line
    names the checkout's remote and commit instead, or init says it must be changed."""
    from mvkplan.start.install import _local

    checkout = tmp_path / "mvkplan"
    checkout.mkdir()
    git = ["git", "-C", str(checkout), "-c", "user.email=t@example.se", "-c", "user.name=t"]
    subprocess.run([*git, "init", "--quiet"], check=True)
    (checkout / "README.md").write_text("x", encoding="utf-8")
    subprocess.run([*git, "add", "README.md"], check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "x"], check=True)
    if remote:
        subprocess.run([*git, "remote", "add", "origin", remote], check=True)
    commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    origin = _local(checkout.as_uri())
    if expected:
        assert origin.requirement == f"mvkplan @ {expected}{commit}" and not origin.local
    else:
        assert origin.requirement == f"mvkplan @ {checkout.as_uri()}" and origin.local
