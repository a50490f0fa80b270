"""Returned response workbooks: hostile or changed files are refused as the survey's are, at their
cell, with nothing written; any text a body writes reaches the consultation's YAML exactly."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from consultation_support import consultation_project, respond, rows_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from survey_support import edit, rezip, survey_key  # noqa: F401  (survey_key: autouse)

from conftest import run_cli

CONSULTATION = "plans/kalmar/kalmar-2024-remiss.yaml"


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("base")
    consultation_project(root)
    exported = run_cli("consultation", "export", "kalmar-2024-remiss", "--out", "svar", cwd=root)
    assert exported.exit_code == 0, exported
    return root


@pytest.fixture
def project(base: Path, tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(base, root)
    return root


def workbook(project: Path, body: str = "kalmar-kommun") -> Path:
    return project / "svar" / f"kalmar-2024-remiss-{body}.xlsx"


def refused(project: Path, *files: Path, code: str, at: str = "") -> str:
    """Import ``files``: exit 1, ``code`` reported (at ``at``), the consultation not touched."""
    before = (project / CONSULTATION).read_bytes()
    result = run_cli("consultation", "import", *map(str, files), cwd=project)
    assert result.exit_code == 1, result
    assert f"{at}: {code} [error]" in result.stdout, result
    assert "Traceback" not in result.stdout + result.stderr
    assert (project / CONSULTATION).read_bytes() == before
    return result.stdout


def _without_meta(path: Path, target: Path) -> Path:
    wb = load_workbook(path)
    del wb["mvkplan"]
    wb.save(target)
    return target


FILE_CASES = {
    "not-a-zip.xlsx": (lambda p, t: (t.write_bytes(b"Instans;Synpunkt\nKalmar;bra\n"), t)[1], "S101"),
    "makron.xlsm": (lambda p, t: shutil.copy(p, t) and t, "S102"),
    "vba-inuti.xlsx": (lambda p, t: rezip(p, t, add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), "S102"),
    "zipbomb.xlsx": (lambda p, t: rezip(p, t, add={"xl/media/image1.bin": bytes(5 * 1024 * 1024)}), "S103"),
    "stort-blad.xlsx": (lambda p, t: rezip(p, t, add={"xl/worksheets/sheet9.xml": (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:I1048576"/></worksheet>')}), "S104"),
    "extern-lank.xlsx": (lambda p, t: rezip(p, t, add={"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}),
                         "S105"),
    "entiteter.xlsx": (lambda p, t: rezip(p, t, change={"docProps/app.xml": lambda d: (
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + d)}), "S108"),
    "trasig.xlsx": (lambda p, t: rezip(p, t, change={"xl/workbook.xml": lambda d: b"<workbook"}), "S109"),
    "ingen-metadata.xlsx": (_without_meta, "S106"),
}


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_a_hostile_or_foreign_file_is_refused_before_it_is_opened(project, name):
    path = respond(workbook(project), {"hela-planen": ("Bra.", None)})
    make, code = FILE_CASES[name]
    target = make(path, path.with_name(name))
    refused(project, target, code=code, at=f"svar/{name}")


def test_a_survey_workbook_is_not_a_response(project):
    survey = run_cli("survey", "export", "kalmar-2024", "--year", "2025", "-r", "kalmar-kommun", "--out", "enkat",
                     cwd=project)
    assert survey.exit_code == 0, survey
    refused(project, project / "enkat" / "kalmar-2024-2025-kalmar-kommun.xlsx", code="S106")


@pytest.mark.parametrize(("cell", "value", "code"), [
    ("B4", "polisen-syd", "S111"),        # another body's name written into the identity
    ("B2", "kalmar-2021-remiss", "S111"),  # another consultation
    ("D9", "Ett mål som aldrig skickades ut", "S111"),  # the row's text in the signed table
    ("B7", "", "S112"),
])
def test_a_changed_identity_is_refused_at_its_cell(project, cell, value, code):
    path = respond(workbook(project), {"hela-planen": ("Bra.", None)})
    edit(path, {cell: value or None}, sheet="mvkplan")
    refused(project, path, code=code, at="svar/kalmar-2024-remiss-kalmar-kommun.xlsx:mvkplan!B7")


def test_a_changed_row_is_refused_at_its_cell(project):
    path = workbook(project)
    row = rows_of(path)["likvardig-kunskap"]
    respond(path, {"likvardig-kunskap": ("Bra.", None)})
    edit(path, {f"D{row}": "Ett annat mål"}, sheet="Remissvar")
    refused(project, path, code="S209", at=f"kalmar-kommun.xlsx:Remissvar!D{row}")


@pytest.mark.parametrize(("point", "proposal", "column", "code"), [
    ("=HYPERLINK(\"http://example.org\")", None, "G", "S207"),
    ("Bra_x001B_[31m", None, "G", "S212"),
    ("Bra", "Ny lydelse\u202e", "I", "S212"),
    (datetime(2023, 10, 1), None, "G", "C201"),
    (True, None, "G", "C201"),
    (None, "Bara ett förslag", "G", "C202"),
    ("x" * 20_001, None, "G", "C203"),
])
def test_a_cell_that_cannot_be_a_point_is_refused_at_its_cell(project, point, proposal, column, code):
    path = workbook(project)
    row = rows_of(path)["upptacka-och-ge-stod"]
    respond(path, {"upptacka-och-ge-stod": (point, proposal)})
    refused(project, path, code=code, at=f"kalmar-kommun.xlsx:Remissvar!{column}{row}")


def test_one_bad_workbook_stops_the_good_ones(project):
    good = respond(workbook(project, "region-kalmar-lan"), {"hela-planen": ("Bra.", None)})
    bad = respond(workbook(project), {"hela-planen": ("Bra_x0007_", None)})
    refused(project, good, bad, code="S212")


def test_the_same_body_twice_in_one_import(project):
    path = respond(workbook(project), {"hela-planen": ("Bra.", None)})
    copy = shutil.copy(path, path.with_name("kopia.xlsx"))
    refused(project, path, Path(copy), code="C304")


def test_a_body_no_longer_asked(project):
    path = respond(workbook(project, "polisen-syd"), {"hela-planen": ("Bra.", None)})
    consultation = project / CONSULTATION
    text = consultation.read_text(encoding="utf-8")
    consultation.write_text(text.replace("  - id: polisen-syd\n    name: Polisregion Syd\n", ""), encoding="utf-8")
    refused(project, path, code="C303")


# -- any text round-trips -------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",),
                           blacklist_characters="\r\x85" + "".join(map(chr, range(0x20))).replace("\t", "")
                           .replace("\n", "") + "".join(map(chr, range(0x7F, 0xA0))) + "\u202a\u202b\u202c"
                           "\u202d\u202e\u2066\u2067\u2068\u2069"),
    min_size=1, max_size=300,
).filter(lambda s: s.strip() != "" and not s.startswith("="))


@pytest.fixture(scope="module")
def corpus(base):
    from mvkplan.checks.validate import load_corpus
    from mvkplan.project.config import find_project

    return load_corpus(find_project(base))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(point=_TEXT, proposal=st.none() | _TEXT)
def test_any_point_and_proposal_round_trip_exactly_from_workbook_to_yaml(base, corpus, tmp_path, point, proposal):
    from mvkplan.cycle.consultation.importing import import_responses
    from mvkplan.loading.validation import load_bytes

    target = respond(workbook(base), {"likvardig-kunskap": (point, proposal)},
                     out=tmp_path / "svar.xlsx")
    result = import_responses(corpus.index, base, [target], received=date(2023, 10, 20))
    assert not result.failed, result.problems
    (prepared,) = result.prepared
    assert prepared.text is not None
    loaded, problems = load_bytes(prepared.text.encode("utf-8"), CONSULTATION)
    assert loaded is not None, problems
    (response,) = loaded.model.responses  # type: ignore[attr-defined]
    assert (response.text, response.proposal) == (point, proposal)
    assert response.concerns == "likvardig-kunskap"


@pytest.mark.parametrize("lang, words", [("sv", "är inget datum"), ("en", "is not a date")])
def test_a_bad_date_is_said_in_the_users_language(tmp_path, lang, words):
    (tmp_path / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    (tmp_path / "plans").mkdir()
    result = run_cli("consultation", "import", "x.xlsx", "--date", "2025-13-01", "--lang", lang, cwd=tmp_path)
    assert result.exit_code == 2 and words in result.stderr, result
