"""Workbooks that lie: a changed identity, control characters in a cell, and hostile parts that
slip past a prefix scan, a file name or a ``<dimension>``. Each case is generated in variants,
built as a real .xlsx from an exported workbook, and refused through ``mvkplan survey import``
with its located code, exit 1, no traceback and nothing written.
"""

from __future__ import annotations

import os
import shutil
import stat
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from survey_support import KALMAR, fill, survey_key, survey_project  # noqa: F401  (survey_key: autouse)
from test_survey_bad_workbooks import FOLLOW_UP, edit, rezip, row_of

from conftest import run_cli

NAME = "kalmar-2024-2025-kalmar-kommun.xlsx"
EXAMPLES = settings(max_examples=8, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project with Kalmar kommun's workbook exported and filled in (imports below never write)."""
    root = survey_project(tmp_path_factory.mktemp("trust"))
    result = run_cli("survey", "export", "kalmar-2024", "--year", "2025", "-r", "kalmar-kommun", cwd=root)
    assert result.exit_code == 0, result
    fill(root / "build" / "enkat" / "kalmar-2024-2025" / NAME, 1)
    return root


def filled(project: Path) -> Path:
    return project / "build" / "enkat" / "kalmar-2024-2025" / NAME


def variant(project: Path) -> Path:
    """A fresh copy of the filled workbook to damage, named like the original."""
    folder = project / "variants" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    return Path(shutil.copy(filled(project), folder / NAME))


def refused(project: Path, path: Path, *args: str, env: dict[str, str] | None = None):
    """Import ``path``; it must fail with exit 1, no traceback, and the follow-up untouched."""
    before = (project / FOLLOW_UP).read_bytes()
    result = run_cli("survey", "import", str(path), *args, cwd=project, env=env)
    assert (project / FOLLOW_UP).read_bytes() == before, "the follow-up changed although the import failed"
    assert result.exit_code == 1, result
    assert "Traceback" not in result.stdout + result.stderr
    return result


# --- 1. identity --------------------------------------------------------------------------------

META_EDITS = st.one_of(
    st.tuples(st.just("B4"), st.sampled_from([k for k in KALMAR if k != "kalmar-kommun"])),
    st.tuples(st.just("B2"), st.sampled_from(["kalmar-2021", "kalmar-2024 ", "Kalmar-2024"])),
    st.tuples(st.just("B3"), st.sampled_from(["2024", "2026", "2025.0"])),
    st.tuples(st.sampled_from(["B8", "B9", "C9", "D8", "D10", "A8"]), st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20)),
)


@EXAMPLES
@given(META_EDITS)
def test_a_changed_identity_is_refused_at_the_signature(project, change):
    """Another municipality's key in B4 would make one municipality's answers land as another's."""
    cell, value = change
    path = variant(project)
    from openpyxl import load_workbook

    if str(load_workbook(path, read_only=True)["mvkplan"][cell].value) == value:
        return  # not a change
    edit(path, {cell: value}, sheet="mvkplan")
    result = refused(project, path)
    assert f"{NAME}:mvkplan!B7: S111 [error] the workbook's identity was changed" in result.stdout, result
    assert "export a new workbook" in result.stdout


def test_an_unsigned_workbook_is_refused_with_a_hint_to_export_again(project):
    """Workbooks exported before signing (no row 7 on the metadata sheet) are refused, not trusted."""
    path = variant(project)
    edit(path, {"A7": None, "B7": None}, sheet="mvkplan")
    result = refused(project, path)
    assert f"{NAME}:mvkplan!B7: S112 [error] the workbook has no signature" in result.stdout, result
    assert "export the workbook again" in result.stdout


def test_a_machine_without_the_key_says_where_to_put_it(project, tmp_path):
    result = refused(project, variant(project), env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert f"{NAME}: S113 [error] no survey key on this machine" in result.stdout, result
    assert str(tmp_path / "mvkplan" / "survey.key") in result.stdout
    assert "MVKPLAN_SURVEY_KEY" in result.stdout
    assert not (tmp_path / "mvkplan").exists(), "an import must never make a key"


def test_the_key_is_made_once_readable_by_the_user_only(project):
    from mvkplan.cycle.survey.signing import key_path

    key = key_path()
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    before = key.read_bytes()
    again = run_cli("survey", "export", "kalmar-2024", "--year", "2025", "-r", "nybro-kommun",
                    "--out", str(project / "again"), cwd=project)
    assert again.exit_code == 0, again
    assert key.read_bytes() == before
    assert b"survey.key" not in b"".join(p.read_bytes() for p in (project / "again").iterdir())


def test_a_shared_key_signs_and_checks_and_another_key_does_not(project, tmp_path):
    shared = {"MVKPLAN_SURVEY_KEY": "samordnarnas-gemensamma-nyckel-2025", "XDG_CONFIG_HOME": str(tmp_path)}
    out = tmp_path / "ut"
    exported = run_cli("survey", "export", "kalmar-2024", "--year", "2025", "-r", "kalmar-kommun",
                       "--out", str(out), cwd=project, env=shared)
    assert exported.exit_code == 0, exported
    assert not (tmp_path / "mvkplan").exists(), "with a shared key no key file is made"
    path = out / NAME
    fill(path, 1)
    checked = run_cli("survey", "import", str(path), "--dry-run", cwd=project, env=shared)
    assert checked.exit_code == 0, checked
    result = refused(project, path, env={**shared, "MVKPLAN_SURVEY_KEY": "en-annan-nyckel-som-ar-lang-nog"})
    assert f"{NAME}:mvkplan!B7: S111 " in result.stdout, result
    short = refused(project, path, env={**shared, "MVKPLAN_SURVEY_KEY": "kort"})
    assert f"{NAME}: S114 [error] the survey key in MVKPLAN_SURVEY_KEY is shorter" in short.stdout, short


QUESTION_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(text=QUESTION_TEXT, plan=QUESTION_TEXT, respondent=QUESTION_TEXT)
def test_any_identity_round_trips_through_the_signature(text, plan, respondent):
    """Whatever a plan calls a question or a respondent, the signature written is the one read back."""
    from mvkplan.cycle.recording.questions import Question
    from mvkplan.cycle.survey.export import SurveySpec, workbook_bytes
    from mvkplan.cycle.survey.reader import read_workbook

    if not plan.strip() or not respondent.strip():
        return  # an empty plan or respondent is refused as S106, before the signature
    spec = SurveySpec(plan, "Plan", 2025, respondent, "Kommun", (Question("x/y", "Område", "Mål", text, "text"),))
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "identity"
    folder.mkdir(exist_ok=True)
    path = folder / "identity.xlsx"
    from mvkplan.cycle.survey.signing import export_key

    path.write_bytes(workbook_bytes(spec, export_key()))
    raw = read_workbook(path, path.name)
    assert [p.code for p in raw.problems if p.code in ("S111", "S112", "S113")] == [], raw.problems


# --- 2. control characters ----------------------------------------------------------------------

C0 = [c for c in range(0x20) if c not in (0x09, 0x0A)]
C1 = list(range(0x7F, 0xA0))
BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
CONTROL = st.sampled_from([*C0, *C1, *BIDI])
PLAIN = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf")), max_size=12).filter(
    lambda s: "_x" not in s and s.strip() == s and not s.startswith(("=", "#")))


@EXAMPLES
@given(before=PLAIN, after=PLAIN, code=CONTROL, escaped=st.booleans(), column=st.sampled_from(["G", "I"]))
def test_a_control_character_is_refused_at_its_cell(project, before, after, code, escaped, column):
    """Raw where XML allows it, as Excel's ``_xHHHH_`` escape where it does not (C0, lone CR)."""
    must_escape = code < 0x20 or code == 0x7F
    inner = f"_x{code:04X}_" if (escaped or must_escape) else chr(code)
    path = variant(project)
    row = row_of(path, "Fritext")
    edit(path, {f"{column}{row}": f"{before}{inner}{after}x"})
    result = refused(project, path)
    assert f"{NAME}:Enkät!{column}{row}: S212 [error] a control character (U+{code:04X})" in result.stdout, result


@pytest.mark.parametrize("text", ["rad ett\nrad två", "kolumn\tett", "rad ett_x000D_\nrad två",
                                  "en_x005F_understrykning"])
def test_ordinary_line_breaks_and_tabs_are_answers(project, text):
    path = variant(project)
    row = row_of(path, "Fritext")
    edit(path, {f"G{row}": text})
    result = run_cli("survey", "import", str(path), "--dry-run", cwd=project)
    assert result.exit_code == 0, result
    assert "S212" not in result.stdout


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_escapes_decode_to_the_character_they_name(text):
    from mvkplan.cycle.survey.controls import decode_escapes

    escaped = "".join(f"_x{ord(c):04X}_" if ord(c) < 0x10000 else c for c in text)
    assert decode_escapes(escaped) == text


# --- 3. hostile parts ---------------------------------------------------------------------------

XML_PARTS = ["docProps/app.xml", "docProps/core.xml", "xl/workbook.xml", "xl/styles.xml",
             "xl/worksheets/sheet2.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"]


def _after_declaration(data: bytes, insert: bytes) -> bytes:
    end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
    return data[:end] + insert + data[end:]


@EXAMPLES
@given(part=st.sampled_from(XML_PARTS), padding=st.sampled_from([4096, 5000, 64 * 1024, 300 * 1024]),
       how=st.sampled_from(["comment", "spaces", "processing"]))
def test_a_doctype_after_the_first_kilobytes(project, part, padding, how):
    pad = {"comment": b"<!--" + b"x" * padding + b"-->", "spaces": b" " * padding,
           "processing": b"<?pad " + b"y" * padding + b"?>"}[how]
    doctype = b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    source = variant(project)
    target = rezip(source, source.with_name("dtd-" + NAME),
                   change={part: lambda d: _after_declaration(d, pad + doctype)})
    result = refused(project, target)
    assert f"dtd-{NAME}: S108 [error] refused: XML entity declarations in {part}" in result.stdout, result


def _rows(count: int, numbered: bool, start: int) -> bytes:
    if numbered:
        return b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n)
                        for n in range(start, start + count))
    return b"".join(b'<row ht="%d"/>' % (n % 409) for n in range(count))  # varied: no zip-bomb ratio


@EXAMPLES
@given(sheet=st.sampled_from(["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet4.xml"]),
       count=st.sampled_from([20_001, 60_000, 400_000]), numbered=st.booleans())
def test_a_sheet_whose_dimension_lies(project, sheet, count, numbered):
    """The ``<dimension>`` stays as exported; the rows are there all the same."""
    rows = _rows(count if not numbered else min(count, 25_000), numbered, 100)
    source = variant(project)
    target = rezip(source, source.with_name("rader-" + NAME),
                   change={sheet: lambda d: d.replace(b"</sheetData>", rows + b"</sheetData>")})
    result = refused(project, target)
    assert f"rader-{NAME}: S104 [error] refused: sheet {sheet} is too large" in result.stdout, result


def test_one_row_far_below_is_too_large_too(project):
    source = variant(project)
    far = b'<row r="400000"><c r="A400000" t="inlineStr"><is><t>x</t></is></c></row>'
    target = rezip(source, source.with_name("langt-" + NAME),
                   change={"xl/worksheets/sheet2.xml": lambda d: d.replace(b"</sheetData>", far + b"</sheetData>")})
    result = refused(project, target)
    assert f"langt-{NAME}: S104 " in result.stdout, result


EXTERNAL_LINK = (b'<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.openxmlformats.org/'
                 b'spreadsheetml/2006/main"><externalBook xmlns:r="http://schemas.openxmlformats.org/'
                 b'officeDocument/2006/relationships" r:id="rId1"/></externalLink>')
LINK_TYPE = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink"
LINK_CONTENT = b"application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"


@EXAMPLES
@given(name=st.sampled_from(["xl/links/l1.xml", "xl/media/bild.png", "customXml/item9.xml", "xl/x.dat"]),
       declared=st.sampled_from(["override", "default", "relationship", "external-target"]))
def test_an_external_link_stored_under_another_name(project, name, declared):
    extension = name.rpartition(".")[2].encode()
    target_in_rels = name.removeprefix("xl/").encode()
    types = {
        "override": lambda d: d.replace(b"</Types>", b'<Override PartName="/%s" ContentType="%s"/></Types>'
                                        % (name.encode(), LINK_CONTENT)),
        "default": lambda d: d.replace(b"</Types>", b'<Default Extension="%s" ContentType="%s"/></Types>'
                                       % (extension, LINK_CONTENT)),
    }
    rels = {
        "relationship": lambda d: d.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="%s" '
                                            b'Target="%s"/></Relationships>' % (LINK_TYPE, target_in_rels)),
        "external-target": lambda d: d.replace(
            b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/oleObject" Target="file:///C:/andra/budget.xlsx" TargetMode="External"/>'
            b"</Relationships>"),
    }
    change = {"[Content_Types].xml": types[declared]} if declared in types else \
        {"xl/_rels/workbook.xml.rels": rels[declared]}
    source = variant(project)
    target = rezip(source, source.with_name("lank-" + NAME), add={name: EXTERNAL_LINK}, change=change)
    result = refused(project, target)
    assert f"lank-{NAME}: S105 [error] refused: the workbook links to other files" in result.stdout, result
