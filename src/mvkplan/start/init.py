"""``mvkplan init``: the files of a new plans repository, ready for an editor, pre-commit and CI.

Nothing is overwritten: if any of the files exists, nothing is written.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

from mvkplan.messages.i18n import t
from mvkplan.project.writing import write_atomic
from mvkplan.start.install import installed_from, with_extras

CONFIG = """\
# mvkplan settings; 'mvkplan --help' lists the commands.
paths = ["plans"]   # where the plans are
lang = "sv"         # messages in Swedish ("en" for English)
out = "site"        # where 'mvkplan build' writes the site
# What 'pip install' installs mvkplan from: where it came from when this repository was made.
# The GitHub Actions workflow reads it from here; change it to install from elsewhere.
install = {install}
"""

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com): 'pre-commit install' once, then every commit is checked.
repos:
  - repo: local
    hooks:
      - id: mvkplan-check
        name: mvkplan check
        entry: mvkplan check
        language: system
        files: \\.(ya?ml|toml)$
        pass_filenames: false
"""

WORKFLOW = """\
# Checks every push and pull request; problems are annotated on the changed lines.
name: mvkplan
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the site shows when each plan was last changed
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: install mvkplan as mvkplan.toml's 'install' says
        run: |
          python -m pip install "$(python -c 'import tomllib
          print(tomllib.load(open("mvkplan.toml", "rb"))["install"])')"
      - run: mvkplan check --format github
      - run: mvkplan build
"""

GITIGNORE = """\
site/
build/
.venv/
"""

README = """\
# Handlingsplaner mot mäns våld mot kvinnor

Det här arkivet håller {whose} handlingsplaner som YAML-filer, en fil per dokument, i `plans/`.
Verktyget [mvkplan](https://github.com/mvkplan/mvkplan) kontrollerar dem och gör webbsidor av dem.

## Kom igång

```sh
python3 -m venv .venv && . .venv/bin/activate
python -m pip install {install}
mvkplan new local-plan exempel-2025 --municipality <kommun> --from <länets-plan>
mvkplan check      # schema, referenser och kvalitetsregler: rätta det som rapporteras
mvkplan serve      # förhandsvisning på http://127.0.0.1:8000/ som byggs om när du sparar
mvkplan build      # hela webbplatsen i site/
```

Installationsraden kommer från `install` i `mvkplan.toml`: varifrån mvkplan installerades när
arkivet skapades. GitHub Actions läser den därifrån; ändra den där (och här) om mvkplan ska
installeras från annat håll.

## Vad som kontrolleras

- `mvkplan check` kör allt i ett svep och är det som körs vid varje commit (`.pre-commit-config.yaml`,
  efter `pre-commit install`) och i GitHub Actions (`.github/workflows/mvkplan.yml`).
- `mvkplan validate`: bara schema och referenser (stavfel i nycklar, länkar som inte finns).
- `mvkplan lint`: bara kvalitetsreglerna (mål utan uppföljning, ersatta föreskrifter …);
  `mvkplan rules` listar dem.
- `mvkplan render ID` och `mvkplan build` publicerar inget som innehåller fel.

Redigerare med YAML-stöd (t.ex. VS Code med tillägget YAML) läser schemat i
`schema/mvkplan.schema.json` via första raden i varje fil och visar fälten och felen medan du skriver.
"""


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string: JSON's escapes are TOML's, and TOML wants DEL escaped too."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


class StarterError(Exception):
    """The repository cannot be started here (files that would be overwritten)."""


def starter_files(
    county: str | None = None, county_name: str | None = None, install: str | None = None,
) -> dict[str, bytes]:
    """Relative path → contents of every file ``init`` writes (``plans/<county>/`` if given);
    ``install`` is the pip requirement of mvkplan (default: where this one came from)."""
    from mvkplan.models.schema import schema_json

    requirement = install or installed_from().requirement

    whose = f"{county_name}s" if county_name else "länets eller kommunens"
    plans = f"plans/{county}/.gitkeep" if county else "plans/.gitkeep"
    texts = {
        "mvkplan.toml": CONFIG.format(install=toml_string(requirement)),
        "schema/mvkplan.schema.json": schema_json(),
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".github/workflows/mvkplan.yml": WORKFLOW,
        ".gitignore": GITIGNORE,
        "README.md": README.format(whose=whose, install=shlex.quote(with_extras(requirement, "serve"))),
        plans: "",
    }
    return {path: text.encode("utf-8") for path, text in texts.items()}


def write_starter(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``files`` under ``folder``; refuse, writing nothing, if any of them exists."""
    existing = [folder / path for path in files if (folder / path).exists()]
    if existing:
        shown = ", ".join(str(p) for p in existing)
        raise StarterError(t("init.exists", files=shown))
    written = []
    for path, data in files.items():
        target = folder / path
        write_atomic(target, data)
        written.append(target)
    return written
