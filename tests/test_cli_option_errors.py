"""Mistakes in the command line are told in the user's language: the option, the value, what it
accepts and close matches, exit 2, never the library's English (or Pydantic's) text.

The options are read from the Typer app, so every choice option of every command is tried.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
import typer.main
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from language_words import english_words_in, swedish_words_in
from test_cli_one_language import LEAVES, RUNS, _commands

from conftest import CliResult, run_cli
from mvkplan.cli.helpformat import choices
from mvkplan.cli.main import app
from mvkplan.messages.i18n import set_language
from mvkplan.messages.words import system_error

ENV = {"COLUMNS": "200"}


def _command(path: tuple[str, ...]) -> object:
    command: object = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    return command


CHOICE_OPTIONS = [(path, param.opts[0], choices(param)) for path in LEAVES
                  for param in _command(path).params  # type: ignore[attr-defined]
                  if getattr(param, "param_type_name", "") == "option" and choices(param)]
NUMBER_OPTIONS = [(path, param.opts[0]) for path in LEAVES
                  for param in _command(path).params  # type: ignore[attr-defined]
                  if getattr(param, "param_type_name", "") == "option"
                  and getattr(getattr(param, "type_descriptor", None), "annotation", None) in (int, int | None)]


def _start(path: tuple[str, ...], *first: str) -> tuple[str, ...]:
    """The command, then ``first``, then the arguments of its real run (so only the option is
    wrong). ``first`` comes before the run's own arguments: the library reports the first bad
    value it meets, and a run's arguments may hold one on purpose (``serve --port -1``, so that
    no server starts)."""
    return (*path, *first, *RUNS.get(path, [()])[0])


def _error(result: CliResult) -> str:
    return " ".join(result.stderr.replace("│", " ").split())


def test_every_choice_and_number_option_is_tried() -> None:
    assert len(CHOICE_OPTIONS) > 20 and len(NUMBER_OPTIONS) >= 5, (CHOICE_OPTIONS, NUMBER_OPTIONS)
    assert {path for path, _ in _commands() if path} >= {path for path, _, _ in CHOICE_OPTIONS}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=st.sampled_from(CHOICE_OPTIONS), value=st.from_regex(r"[a-zåäö]{1,8}x", fullmatch=True),
       lang=st.sampled_from(["sv", "en"]))
@example(case=(("serve",), "--lang", ["sv", "en"]), value="ax", lang="sv")  # found in CI
def test_an_invalid_choice_names_the_option_the_value_and_every_choice(case, value, lang) -> None:
    path, option, values = case
    # the wrong value last: a second --lang (the option tried) wins over the first
    result = run_cli(*_start(path, "--lang", lang, option, value),
                     env={**ENV, "MVKPLAN_LANG": "en" if lang == "sv" else "sv"})
    said = _error(result)
    assert result.exit_code == 2, result
    assert f"'{option}'" in said and f"'{value}'" in said, result
    assert all(f"'{choice}'" in said for choice in values), result
    assert ("ogiltigt värde" if lang == "sv" else "invalid value") in said, result
    assert "Value error" not in said and "is not one of" not in said, result
    given = (value, *values)  # the choices are the option's own words, in every language
    found = english_words_in(result.stderr, given) if lang == "sv" else swedish_words_in(result.stderr, given)
    assert not found, (found, result)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_close_choice_is_suggested(lang: str) -> None:
    result = run_cli("render", "kalmar-2024", "--format", "pdfx", "--lang", lang, env=ENV)
    said = _error(result)
    assert result.exit_code == 2, result
    assert ("menade du 'pdf'?" if lang == "sv" else "did you mean 'pdf'?") in said, result


@settings(max_examples=15, deadline=None)
@given(case=st.sampled_from(NUMBER_OPTIONS), value=st.from_regex(r"[a-z]{1,6}", fullmatch=True))
def test_a_number_option_given_text_says_a_number_is_wanted(case, value) -> None:
    path, option = case
    # the tried value last: given twice, the last one counts (``serve --port -1 --port a``)
    result = run_cli(*_start(path), option, value, "--lang", "sv", env=ENV)
    said = _error(result)
    assert result.exit_code == 2, result
    assert f"'{option}'" in said and f"'{value}'" in said and "heltal" in said, result
    assert "Input should be" not in said, result


def test_a_port_out_of_range_says_the_range_instead_of_a_traceback() -> None:
    result = run_cli("serve", "--port", "70000", "--lang", "sv", env=ENV)
    assert result.exit_code == 2, result
    assert "skriv ett heltal från 0 till 65535" in _error(result), result


@settings(max_examples=20, deadline=None)
@given(path=st.sampled_from(LEAVES), data=st.data())
def test_a_mistyped_option_is_suggested_in_the_users_language(path, data) -> None:
    options = [name for param in _command(path).params  # type: ignore[attr-defined]
               for name in param.opts if name.startswith("--") and len(name) > 5]
    option = data.draw(st.sampled_from(options))
    cut = data.draw(st.integers(min_value=3, max_value=len(option) - 1))
    typo = option[:cut] + option[cut + 1:]
    if any(typo == name for param in _command(path).params for name in param.opts):  # type: ignore[attr-defined]
        return
    result = run_cli(*_start(path), typo, "--lang", "sv", env=ENV)
    said = _error(result)
    assert result.exit_code == 2, result
    assert f"okänd flagga: {typo}" in said and "menade du" in said and f"'{option}'" in said, result
    assert "No such option" not in said and "Possible options" not in said, result


@pytest.mark.parametrize(("args", "said"), [
    (("render",), "argumentet DOKUMENT saknas"),
    (("survey", "export", "kalmar-2024"), "flaggan '--year' saknas"),
    (("report", "kalmar-2024", "--year"), "flaggan --year behöver ett värde"),
    (("check", "--strict=1"), "flaggan --strict tar inget värde"),
    (("list", "a", "b"), "oväntade argument: a b"),
    (("chek",), "okänt kommando: 'chek'; menade du 'check'"),
    (("survey", "exprt"), "okänt kommando: 'exprt'; menade du 'export'"),
    (("survey", "--lang", "sv", "export"), "--lang står före kommandot eller efter det"),
])
def test_each_kind_of_mistake_is_worded_by_us(args: tuple[str, ...], said: str) -> None:
    """One case per exception class of the library: if a new version renames one or changes
    the facts it carries, the general fallback ("kan inte läsas") shows up here."""
    result = run_cli(*args, env={**ENV, "MVKPLAN_LANG": "sv"})
    assert result.exit_code == 2, result
    assert said in _error(result), result
    assert "kan inte läsas" not in _error(result), result
    assert not english_words_in(result.stderr, args), result


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_lang_before_the_command_chooses_the_language_of_the_command(lang: str) -> None:
    listing = run_cli("--lang", lang, "list", env={**ENV, "MVKPLAN_LANG": "en" if lang == "sv" else "sv"})
    assert listing.exit_code == 0, listing
    assert ("regional handlingsplan" in listing.stdout) == (lang == "sv"), listing
    helped = run_cli("--lang", lang, "check", "--help", env={**ENV, "MVKPLAN_LANG": "en" if lang == "sv" else "sv"})
    assert helped.exit_code == 0, helped
    assert ("Användning:" in helped.stdout) == (lang == "sv"), helped


@pytest.mark.parametrize("code", sorted(errno.errorcode))
def test_a_system_error_is_worded_in_the_users_language_or_kept_as_the_system_says(code: int) -> None:
    exc = OSError(code, os.strerror(code), "x")
    try:
        set_language("sv")
        swedish = system_error(exc)
        set_language("en")
        english = system_error(exc)
    finally:
        set_language("en")
    from mvkplan.messages.i18n import has

    if has(f"os.{errno.errorcode[code]}"):
        assert swedish != english and not english_words_in(swedish), (swedish, english)
    else:
        assert swedish == english == os.strerror(code)


@pytest.mark.parametrize("args", [("render", "kalmar-2024", "-o"), ("export", "kalmar-2024", "-o"),
                                  ("diff", "kalmar-2021", "kalmar-2024", "-o")])
@pytest.mark.parametrize("where", ["missing", "under-a-file"])
def test_a_file_that_cannot_be_written_is_said_in_swedish(args: tuple[str, ...], where: str,
                                                          tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    suffix = ".xlsx" if args[0] == "export" else ".html"
    target = ("/proc/no-such-folder/out" if where == "missing" else str(tmp_path / "a-file" / "out")) + suffix
    result = run_cli(*args, target, "--lang", "sv", env=ENV)
    assert result.exit_code == 2, result
    # under a file: making the folder finds the file there (EEXIST), writing into it ENOTDIR
    assert any(words in result.stderr for words in ("finns inte", "är inte en mapp", "finns redan")), result
    assert not english_words_in(result.stderr, (target,)), result


@pytest.mark.parametrize(("configured", "usage"), [("sv", "Användning:"), ("en", "Usage:")])
def test_the_projects_language_holds_for_help_and_option_errors(tmp_path, configured, usage):
    """``lang`` in mvkplan.toml is the language of the whole run, help and mistakes included,
    unless --lang says otherwise."""
    (tmp_path / "mvkplan.toml").write_text(f'lang = "{configured}"\n', encoding="utf-8")
    (tmp_path / "plans").mkdir()
    other = "en" if configured == "sv" else "sv"
    helped = run_cli("validate", "--help", cwd=tmp_path, env={"MVKPLAN_LANG": other})
    assert helped.exit_code == 0 and usage in helped.stdout, helped
    wrong = run_cli("validate", "--format", "nosuch", cwd=tmp_path, env={"MVKPLAN_LANG": other})
    assert wrong.exit_code == 2 and usage in wrong.stderr, wrong
    told = run_cli("validate", "--help", "--lang", other, cwd=tmp_path)
    assert usage not in told.stdout, told


@pytest.mark.parametrize("args", [("--help",), ("chek",), ("check", "-f", "xml")])
def test_a_configuration_not_in_utf8_leaves_help_and_mistakes_worded(tmp_path, args):
    """A mvkplan.toml saved as Latin-1 (a coordinator's Windows editor) is a configuration
    error for the commands that read it, never a traceback before the command line is parsed."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "mvkplan.toml").write_bytes('paths = ["plans"]\ntitle = "Växjö"\n'.encode("latin-1"))
    result = run_cli(*args, cwd=tmp_path, env={"MVKPLAN_LANG": "sv"})
    assert result.exit_code in (0, 2), result
    assert "Traceback" not in result.stderr and "UnicodeDecodeError" not in result.stderr, result
    checked = run_cli("check", cwd=tmp_path, env={"MVKPLAN_LANG": "sv"})
    assert checked.exit_code == 2 and "inte giltig UTF-8-text" in checked.stderr, checked


def test_the_last_lang_counts_before_and_after_the_command():
    """`mvkplan --lang sv check --lang en` runs in English, its mistakes included."""
    result = run_cli("--lang", "sv", "check", "--lang", "en", "-f", "xml")
    assert result.exit_code == 2 and "invalid value" in result.stderr, result
