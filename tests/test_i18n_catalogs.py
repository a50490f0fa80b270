"""The message catalogs: extracted from the source, complete in both languages, compiled as built.

Every check here reads the committed files in ``src/mvkplan/messages/locale`` against a fresh
extraction, or builds the wheel with the real build hook; the property tests write through the
maintenance tool and read back through the run-time reader (the stdlib's gettext).
"""

from __future__ import annotations

import ast
import gettext
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, run_cli
from mvkplan.messages import catalogs
from mvkplan.messages.extraction import keys_in
from mvkplan.messages.i18n import MESSAGES
from mvkplan.messages.translations import LANGUAGES, LOCALE, catalog_file, compile_po, translations

SRC = REPO / "src" / "mvkplan"


def entries(path: Path) -> dict[str, object]:
    return {catalogs.key_of(m): m for m in catalogs.read(path) if m.id}


def test_the_template_is_a_fresh_extraction_of_the_source():
    committed = catalogs._entries(catalogs.read(catalogs.TEMPLATE))
    fresh = catalogs._entries(catalogs.extract())
    assert sorted(fresh.keys() - committed.keys()) == [], "used in the source, not in the .pot: run extract"
    assert sorted(committed.keys() - fresh.keys()) == [], "in the .pot, no longer used: run extract"
    assert committed == fresh, "the .pot names other files than the source: run extract"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_key_has_a_text_in_both_languages_and_nothing_else(language):
    template = entries(catalogs.TEMPLATE)
    catalog = catalogs.read(catalogs.po_file(language), language)
    found = {catalogs.key_of(m): m for m in catalog if m.id}
    assert sorted(template.keys() - found.keys()) == [], "missing: run update"
    assert sorted(found.keys() - template.keys()) == [], "not in the template: run update"
    assert [key for key, m in found.items() if not m.string] == [], "not translated"
    assert [key for key, m in found.items() if m.fuzzy] == [], "fuzzy"
    assert list(catalog.obsolete) == [], "obsolete entries: run update"


def test_swedish_and_english_fill_in_the_same_placeholders():
    english = entries(catalogs.po_file("en"))
    differ = [key for key, m in entries(catalogs.po_file("sv")).items()
              if catalogs.placeholders(m.string) != catalogs.placeholders(english[key].string)]
    assert differ == []


def test_each_swedish_entry_shows_the_english_to_the_translator():
    english = entries(catalogs.po_file("en"))
    wrong = [key for key, m in entries(catalogs.po_file("sv")).items()
             if catalogs.english_comment(m) != " ".join(english[key].string.split())]
    assert wrong == [], "run update"


def test_the_maintenance_check_is_clean():
    for language in LANGUAGES:  # a run refreshes a .mo left in the tree by an older .po
        translations(language)
    assert [str(issue) for issue in catalogs.check()] == []


def test_every_literal_key_in_the_source_has_words():
    used = {(path.relative_to(SRC).as_posix(), line, key)
            for path in SRC.rglob("*.py") for line, key in keys_in(path.read_bytes(), str(path))}
    assert used, "the extraction finds nothing: the test would pass vacuously"
    assert sorted(u for u in used if u[2] not in MESSAGES) == []


# -- the extraction reads what the code passes, in every form it is written ------------------------

KEY = st.from_regex(r"[A-Za-z][A-Za-z0-9_.-]{0,20}", fullmatch=True)


@given(first=KEY, second=KEY, function=st.sampled_from(["t", "has", "N_", "i18n.t"]),
       form=st.sampled_from(["plain", "conditional", "values", "nested"]))
def test_extraction_finds_each_key_a_call_names(first, second, function, form):
    argument = {"plain": repr(first), "values": f"{first!r}, value=1",
                "conditional": f"{first!r} if flag else {second!r}",
                "nested": f"{first!r} if a else ({second!r} if b else {first!r})"}[form]
    source = f"x = 1\n\n\ndef f():\n    return {function}({argument})\n"
    expected = {first, second} if form in ("conditional", "nested") else {first}
    assert {key for _, key in keys_in(source)} == expected
    assert all(line == 5 for line, _ in keys_in(source))


@given(key=KEY)
def test_keys_built_at_run_time_are_not_guessed(key):
    source = f"t(f'{key}.{{name}}')\nt(code + {key!r})\nt(exc.key)\nother({key!r})\n"
    assert list(keys_in(source)) == []


def test_a_key_used_in_the_source_but_not_in_the_catalogs_is_reported(tmp_path):
    package = tmp_path / "mvkplan"
    shutil.copytree(SRC, package, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    used = package / "messages" / "brand_new.py"
    used.write_text('"""A new module."""\n\nfrom mvkplan.messages.i18n import t\n\n\n'
                    'def f() -> str:\n    """Say it."""\n    return t("brand.new")\n', encoding="utf-8")
    locale = package / "messages" / "locale"
    issues = [str(i) for i in catalogs.check(locale, package)]
    assert issues == ["mvkplan.pot: brand.new: used in the source, not in the template (run extract)"]
    catalogs.write(locale / "mvkplan.pot", catalogs.extract(package))
    catalogs.update(locale)
    issues = [str(i) for i in catalogs.check(locale, package)]
    assert issues == ["sv/mvkplan.po: brand.new: not translated", "en/mvkplan.po: brand.new: not translated"]
    used.unlink()
    catalogs.write(locale / "mvkplan.pot", catalogs.extract(package))
    catalogs.update(locale)
    assert catalogs.check(locale, package) == []


def test_a_module_of_pairs_moves_into_the_catalogs_in_one_step(tmp_path):
    """What the lead does at merge with a branch that added ``messages/cliwords.py`` pairs."""
    package = tmp_path / "mvkplan"
    shutil.copytree(SRC, package, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    words = package / "messages" / "cliwords.py"
    words.write_text('"""Words of the command line."""\n\nfrom __future__ import annotations\n\n'
                     'MESSAGES: dict[str, tuple[str, str]] = {\n'
                     '    "cli.usage": ("Usage:", "Användning:"),\n'
                     '    "cli.error": ("Error: {detail}", "Fel: {detail}"),\n}\n', encoding="utf-8")
    locale = package / "messages" / "locale"
    catalogs.absorb(catalogs.pairs_in(words), locale)
    catalogs.replace_pairs(words)
    catalogs.write(locale / "mvkplan.pot", catalogs.extract(package))
    catalogs.update(locale)
    assert catalogs.check(locale, package) == []
    assert 'N_("cli.usage")' in words.read_text(encoding="utf-8")
    assert "Användning" not in words.read_text(encoding="utf-8")
    for language, text in (("en", "Error: {detail}"), ("sv", "Fel: {detail}")):
        assert translations(language, locale).gettext("cli.error") == text


# -- writing and reading: any text round-trips exactly ---------------------------------------------

TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1)


@pytest.fixture(scope="module")
def locale_copy(tmp_path_factory):
    locale = tmp_path_factory.mktemp("locale")
    shutil.copytree(LOCALE, locale, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.mo"))
    return locale


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(english=TEXT, swedish=TEXT, key=KEY)
def test_any_text_absorbed_compiles_and_reads_back_exactly(locale_copy, english, swedish, key):
    catalogs.absorb({key: (english, swedish)}, locale_copy)
    for language, text in (("en", english), ("sv", swedish)):
        po = catalog_file(language, ".po", locale_copy)
        assert entries(po)[key].string == text
        reader = gettext.GNUTranslations(io.BytesIO(compile_po(po)))
        assert reader.gettext(key) == text


def test_absorb_reads_a_modules_pairs_and_names_the_keys_the_code_must_mark(tmp_path, locale_copy):
    module = tmp_path / "newwords.py"
    module.write_text('MESSAGES: dict[str, tuple[str, str]] = {\n'
                      '    "probe.usage": ("Usage:", "Användning:"),\n'
                      '    "E101": ("file is not valid UTF-8 text", "filen är inte giltig UTF-8-text"),\n}\n',
                      encoding="utf-8")
    pairs = catalogs.pairs_in(module)
    assert pairs == {"probe.usage": ("Usage:", "Användning:"),
                     "E101": ("file is not valid UTF-8 text", "filen är inte giltig UTF-8-text")}
    assert catalogs.absorb(pairs, locale_copy) == ["probe.usage"]
    assert catalogs.pairs_in(module, prefix="MVK099.").keys() == {"MVK099.probe.usage", "MVK099.E101"}


# -- compiled at build time, read at run time -------------------------------------------------------

@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    code = ("import sys; from hatchling.builders.wheel import WheelBuilder; "
            "print(*WheelBuilder(sys.argv[1]).build(directory=sys.argv[2], versions=['standard']))")
    built = subprocess.run([sys.executable, "-c", code, str(REPO), str(out)], capture_output=True, text=True,
                           check=False)
    assert built.returncode == 0, built.stderr
    return Path(built.stdout.strip())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_wheel_holds_each_catalog_compiled_from_its_po(wheel, language):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        mo = archive.read(f"mvkplan/messages/locale/{language}/LC_MESSAGES/mvkplan.mo")
    assert mo == compile_po(catalogs.po_file(language))
    assert not [name for name in names if name.endswith((".po", ".pot"))]


def test_a_stale_compiled_catalog_is_reported_and_not_read(tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE, locale, ignore=shutil.ignore_patterns("*.mo"))
    po = catalog_file("sv", ".po", locale)
    catalogs.compile_all(locale)
    text = po.read_text(encoding="utf-8").replace('msgstr "kör kommandot igen"', 'msgstr "kör igen"')
    po.write_text(text, encoding="utf-8")
    issues = [str(i) for i in catalogs.check(locale, SRC)]
    assert issues == ["sv/mvkplan.mo: : stale: differs from a compile of the .po (run compile)"]
    assert translations("sv", locale).gettext("E110.changed.hint") == "kör igen"


def test_without_compiled_catalogs_or_babel_the_error_says_what_to_do(tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE, locale, ignore=shutil.ignore_patterns("*.mo"))
    code = ("import sys; sys.modules['babel'] = None; from pathlib import Path; "
            "from mvkplan.messages.translations import translations; translations('sv', Path(sys.argv[1]))")
    result = subprocess.run([sys.executable, "-c", code, str(locale)], capture_output=True, text=True,
                            env={"PYTHONPATH": str(REPO / "src")}, check=False)
    assert result.returncode == 1
    assert "CatalogsMissing" in result.stderr and "install Babel" in result.stderr


def test_a_key_no_catalog_holds_is_an_error_not_printed_as_its_name():
    assert "E101" in MESSAGES and "E101.nothing" not in MESSAGES
    with pytest.raises(KeyError):
        translations("sv").gettext("E101.nothing")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_command_line_speaks_from_the_catalogs(language):
    listed = run_cli("rules", "--lang", language)
    english, swedish = MESSAGES["MVK022.summary"]
    assert listed.exit_code == 0, listed
    assert (swedish if language == "sv" else english) in listed.stdout, listed.stdout
    assert (english if language == "sv" else swedish) not in listed.stdout, listed.stdout


def test_no_module_keeps_tables_of_english_and_swedish():
    pairs = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_bytes())):
            if (isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Dict)
                    and any(isinstance(value, ast.Tuple) for value in node.value.values)):
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                if isinstance(target, ast.Name) and target.id in ("MESSAGES", "TEXTS", "PARAGRAPHS", "_LABELS"):
                    pairs.append(path.relative_to(SRC).as_posix())
    assert pairs == []
