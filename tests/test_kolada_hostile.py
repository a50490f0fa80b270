"""A hostile Kolada: generated responses that once ended in tracebacks, run through the real
``mvkplan kolada import``, each answered with its located K code and nothing written.

Every case is built from a well-formed v2 or v3 response in which one value is a sentinel;
the hostile text replaces the sentinel, so the expected line and column are where the
sentinel stood (worked out here from the text, not copied from the code's answer).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from survey_support import survey_project

from conftest import run_cli
from mvkplan.cycle.kolada.responses import read_response
from mvkplan.cycle.kolada.strict import DEFAULT_MAX_BYTES, DEFAULT_MAX_OBJECTS, MAX_DEPTH, Limits
from mvkplan.messages.i18n import MESSAGES

SENTINEL = "@@HOSTILE@@"
FOLLOW_UP = Path("plans/kalmar/uppfoljning/kalmar-2024-2025.yaml")
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return survey_project(tmp_path_factory.mktemp("hostile"))


@st.composite
def responses(draw: st.DrawFn, fields: tuple[str, ...] = ("value", "count")) -> str:
    """A v2 or v3 response text (pretty or compact) where one value has the sentinel in one of ``fields``."""
    v3 = draw(st.booleans())
    field = draw(st.sampled_from(fields))
    entries = []
    count = draw(st.integers(1, 4))
    hostile_at = (draw(st.integers(0, count - 1)), draw(st.integers(0, 2)))
    for e in range(count):
        values = []
        for g, gender in enumerate("KMT"):
            value: dict[str, object] = {"count": 1, "gender": gender, "status": "", "value": 10.5 + e}
            if v3:
                value["isdeleted"] = False
            if (e, g) == hostile_at:
                value[field] = SENTINEL
            values.append(value)
        entries.append({"kpi": "U00001", "municipality": "0880", "period": 2025, "values": values})
    body: dict[str, object] = {"count": count, "values": entries}
    body["next_url" if v3 else "next_page"] = None
    indent = draw(st.sampled_from([None, 1, 2, 4, "\t"]))
    return json.dumps(body, indent=indent)


def place(text: str, offset: int = 0, token: str = "") -> tuple[int, int]:
    """1-based line and column (in characters) of the sentinel, ``offset`` characters into the
    ``token`` that replaces it (tokens hold no line break)."""
    index = text.index(f'"{SENTINEL}"') + offset
    assert "\n" not in token and offset <= max(len(token), len(SENTINEL) + 2)
    text = text.replace(f'"{SENTINEL}"', token, 1) if token else text
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def run_import(project: Path, tmp_path: Path, data: bytes, *args: str):
    """``kolada import`` of ``data`` (saved as a file); the follow-up must be left as it was."""
    path = tmp_path / "hostile.json"
    path.write_bytes(data)
    before = (project / FOLLOW_UP).read_bytes()
    result = run_cli("kolada", "import", str(path), *args, cwd=project)
    assert (project / FOLLOW_UP).read_bytes() == before
    assert "Traceback" not in result.stdout + result.stderr
    return result


def assert_located(result, code: str, where: tuple[int, int]) -> None:
    assert result.exit_code == 1, result
    assert f"hostile.json:{where[0]}:{where[1]}: {code} [error]" in result.stdout, (where, result)


NOT_FINITE = st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999999", "-1e999999", "1E400", "2.5e+308"])


@SETTINGS
@given(text=responses(), token=NOT_FINITE, bom=st.booleans())
def test_nan_and_infinities_are_located(project, tmp_path, text, token, bom):
    where = place(text)
    data = ("\ufeff" if bom else "") + text.replace(f'"{SENTINEL}"', token)
    assert_located(run_import(project, tmp_path, data.encode()), "K113", where)


@SETTINGS
@given(text=responses(), digits=st.integers(4301, 9000), sign=st.sampled_from(["", "-"]), fraction=st.booleans())
def test_numbers_of_thousands_of_digits_are_located(project, tmp_path, text, digits, sign, fraction):
    token = sign + "7" * digits + (".5" if fraction else "")
    where = place(text)
    result = run_import(project, tmp_path, text.replace(f'"{SENTINEL}"', token).encode())
    assert_located(result, "K114", where)


@SETTINGS
@given(text=responses(), depth=st.sampled_from([MAX_DEPTH, 200, 5_000, 50_000]), opener=st.sampled_from("[{"))
def test_deep_nesting_is_located(project, tmp_path, text, depth, opener):
    # the sentinel sits in a value object: response → values → entry → values → value is five levels
    token = "[" * depth + "]" * depth if opener == "[" else '{"a":' * depth + "1" + "}" * depth
    step = 1 if opener == "[" else 5
    where = place(text, (MAX_DEPTH + 1 - 6) * step, token)
    result = run_import(project, tmp_path, text.replace(f'"{SENTINEL}"', token).encode())
    assert_located(result, "K115", where)


LONE = st.sampled_from(["\\ud800", "\\uDBFF", "\\udc00", "\\uDFFF", "\\ud83d\\u0041", "\\ud800\\ud800"])


@SETTINGS
@given(text=responses(("value", "status")), escape=LONE,
       before=st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"), exclude_characters='"\\'),
                      max_size=5))
def test_a_lone_surrogate_is_located(project, tmp_path, text, escape, before):
    token = '"' + before + escape + '"'
    where = place(text, 1 + len(before), token)
    data = text.replace(f'"{SENTINEL}"', token)
    assert_located(run_import(project, tmp_path, data.encode()), "K116", where)


@SETTINGS
@given(text=responses(), cut=st.floats(0.05, 0.95))
def test_a_truncated_response_is_located(project, tmp_path, text, cut):
    data = text.replace(f'"{SENTINEL}"', "1")
    short = data[: int(len(data) * cut)]
    result = run_import(project, tmp_path, short.encode())
    assert result.exit_code == 1, result
    line = short.count("\n") + 1
    assert any(f"hostile.json:{line}:" in row and " K101 [error]" in row for row in result.stdout.splitlines()), result


@SETTINGS
@given(text=responses(), bad=st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"]),
       bom=st.booleans())
def test_bytes_that_are_not_utf8_are_located(project, tmp_path, text, bad, bom):
    where = place(text, 1)
    head, tail = text.split(f'"{SENTINEL}"')
    data = (b"\xef\xbb\xbf" if bom else b"") + head.encode() + b'"' + bad + b'x"' + tail.encode()
    assert_located(run_import(project, tmp_path, data), "K101", where)


@pytest.mark.parametrize("data, code, where", [
    (b"", "K101", (1, 1)),
    (b"\xef\xbb\xbf", "K101", (1, 1)),
    (b"   \n  ", "K101", (2, 3)),
    (b"[]", "K102", (1, 1)),
    (b'[{"kpi": "U00001"}]', "K102", (1, 1)),
    (b"12", "K102", (1, 1)),
    (b'"values"', "K102", (1, 1)),
])
def test_empty_and_non_object_responses_are_located(project, tmp_path, data, code, where):
    assert_located(run_import(project, tmp_path, data), code, where)


@SETTINGS
@given(extra=st.integers(1, 50), indent=st.sampled_from([None, 1]))
def test_objects_are_counted_while_reading(project, tmp_path, extra, indent):
    count = DEFAULT_MAX_OBJECTS + extra
    text = json.dumps({"values": [{}] * (count - 1)}, indent=indent)  # the response is the last object
    closing = [i for i, c in enumerate(text) if c == "}"][DEFAULT_MAX_OBJECTS]
    where = (text.count("\n", 0, closing) + 1, closing - (text.rfind("\n", 0, closing) + 1) + 1)
    assert_located(run_import(project, tmp_path, text.encode()), "K117", where)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(project, tmp_path, monkeypatch):
    from mvkplan.cycle.kolada import responses as module

    monkeypatch.setattr(module, "check_json", lambda *a: pytest.fail("parsed a file over the limit"))
    padding = b" " * (DEFAULT_MAX_BYTES - 10)
    result = run_import(project, tmp_path, b'{"values": []' + padding + b"}")
    assert result.exit_code == 1, result
    assert f"K110 [error] file is {DEFAULT_MAX_BYTES + 4} bytes, over the limit of {DEFAULT_MAX_BYTES} bytes" \
        in result.stdout, result


@given(size=st.integers(14, 400), slack=st.integers(-5, 5))
def test_the_size_limit_is_exact(tmp_path_factory, size, slack):
    from mvkplan.cycle.kolada.responses import read_response_file

    path = tmp_path_factory.mktemp("size") / "r.json"
    path.write_bytes(b'{"values": []}'.ljust(size))
    limit = max(1, size + slack)
    response = read_response_file(path, "r.json", Limits(max_bytes=limit))
    assert [p.code for p in response.problems] == ([] if size <= limit else ["K110"])


# -- rows Kolada marks deleted (v3: ``isdeleted`` on an entry or on one of its values) --------


@st.composite
def v3_with_deletions(draw: st.DrawFn) -> tuple[bytes, set[tuple[str, str]]]:
    """A v3 response with some entries and values marked deleted, and the (municipality, gender) kept."""
    kept: set[tuple[str, str]] = set()
    entries = []
    for number in draw(st.lists(st.sampled_from(["0880", "0881", "0882", "0834"]), min_size=1, max_size=4,
                                unique=True)):
        entry_gone = draw(st.sampled_from([None, False, True]))
        values = []
        for gender in "KMT":
            value_gone = draw(st.sampled_from([None, False, True]))
            value: dict[str, object] = {"count": 1, "gender": gender, "status": "", "value": 3.5}
            if value_gone is not None:
                value["isdeleted"] = value_gone
            values.append(value)
            if not entry_gone and not value_gone:
                kept.add((number, gender))
        entry: dict[str, object] = {"kpi": "U00001", "municipality": number, "period": 2025, "values": values}
        if entry_gone is not None:
            entry["isdeleted"] = entry_gone
        entries.append(entry)
    body = {"count": len(entries), "next_url": None, "values": entries}
    return json.dumps(body, indent=draw(st.sampled_from([None, 2]))).encode(), kept


@given(case=v3_with_deletions())
def test_rows_marked_deleted_are_dropped(case):
    data, kept = case
    response = read_response(data, "v3.json")
    assert response.problems == []
    assert {(v.municipality, v.gender) for v in response.values} == kept


def test_a_deleted_row_is_not_recorded(project, tmp_path):
    body = {"count": 1, "next_url": None, "values": [
        {"kpi": "U00001", "municipality": "0880", "period": 2025, "values": [
            {"count": 1, "gender": "K", "status": "", "value": 41.7, "isdeleted": True},
            {"count": 1, "gender": "T", "status": "", "value": 25.3, "isdeleted": False}]},
        {"kpi": "U00001", "municipality": "0834", "period": 2025, "isdeleted": True, "values": [
            {"count": 1, "gender": "T", "status": "", "value": 18}]}]}
    result = run_import(project, tmp_path, json.dumps(body).encode(), "--dry-run")
    assert result.exit_code == 0, result
    assert "values for the plans' KPIs: 1 (new: 1," in result.stdout, result


@pytest.mark.parametrize("flag", ['"yes"', "2", "[]", '{"a": 1}', '"true"'])
def test_an_isdeleted_of_another_kind_is_located(project, tmp_path, flag):
    text = json.dumps({"values": [{"kpi": "U00001", "municipality": "0880", "period": 2025,
                                   "values": [{"gender": "T", "value": 1, "isdeleted": SENTINEL}]}]})
    where = place(text)
    assert_located(run_import(project, tmp_path, text.replace(f'"{SENTINEL}"', flag).encode()), "K118", where)


def test_the_new_codes_speak_both_languages(project, tmp_path):
    for code in ("K113", "K114", "K115", "K116", "K117", "K118"):
        english, swedish = MESSAGES[code]
        assert english and swedish and english != swedish
    result = run_import(project, tmp_path, b'{"values": [NaN]}', "--lang", "sv")
    assert "hostile.json:1:13: K113 [fel] 'NaN' är inget ändligt tal" in result.stdout, result


# -- any JSON at all: read with located problems or values, never an exception ----------------

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
KEYS = st.text(max_size=5) | st.sampled_from(["values", "kpi", "municipality", "period", "gender", "value",
                                               "isdeleted", "next_url", "status"])
DOCUMENTS = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
                         max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(document=DOCUMENTS, ascii_only=st.booleans(), indent=st.sampled_from([None, 2]))
def test_any_json_document_is_read_without_an_exception(document, ascii_only, indent):
    # ensure_ascii writes characters beyond U+FFFF as \ud83d\ude00 pairs: valid JSON the node parser split
    response = read_response(json.dumps(document, ensure_ascii=ascii_only, indent=indent).encode(), "any.json")
    assert all(p.code.startswith("K") for p in response.problems)


@settings(max_examples=40, deadline=None)
@given(text=responses(("value",)), status=st.text(st.characters(exclude_categories=("Cs",)), max_size=6))
def test_escaped_pairs_keep_the_values_and_their_columns(text, status):
    data = text.replace(f'"{SENTINEL}"', "7").replace('"status": ""', '"status": ' + json.dumps(status), 1)
    where = place(text.replace('"status": ""', '"status": ' + json.dumps(status), 1))
    response = read_response(data.encode(), "pairs.json")
    assert response.problems == []
    assert where in {(v.line, v.column) for v in response.values if v.value == 7}
    assert response.values[0].status == status


# -- a runaway API: the body is refused as it arrives, never held whole -----------------------


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chunk=st.sampled_from([4096, 65_536, 1_000_003]), announced=st.booleans(), over=st.integers(1, 3))
def test_fetch_stops_reading_a_body_over_the_limit(project, monkeypatch, chunk, announced, over):
    import httpx

    from mvkplan.cycle.kolada import client as kolada_client

    total = DEFAULT_MAX_BYTES * 8  # the API would send this much; only a little over the limit may be read
    pulled: list[int] = []

    def body():
        sent = 0
        while sent < total:
            pulled.append(chunk)
            sent += chunk
            yield b" " * chunk

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Length": str(DEFAULT_MAX_BYTES + over)} if announced else {}
        return httpx.Response(200, headers=headers, content=body())

    monkeypatch.setattr(kolada_client, "DEFAULT_TRANSPORT", httpx.MockTransport(handler))
    before = (project / FOLLOW_UP).read_bytes()
    result = run_cli("kolada", "fetch", "kalmar-2024", "--year", "2025", cwd=project)
    assert result.exit_code == 2, result
    assert f"the Kolada API sent more than {DEFAULT_MAX_BYTES} bytes for https://api.kolada.se/v3/data/kpi/U00001" \
        in result.stderr, result
    assert sum(pulled) <= DEFAULT_MAX_BYTES + chunk
    assert (project / FOLLOW_UP).read_bytes() == before
