"""``mvkplan serve`` answers hostile request paths properly: 400 or 404, never a traceback,
never a file from outside the site.

A real preview runs on 127.0.0.1 (``--port 0``); requests are sent as raw bytes, so paths no
HTTP client would send (a NUL, bytes that are not UTF-8, broken percent-encoding) get there.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO

SECRET = b"not-for-the-web-3141"


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """A running ``mvkplan serve`` on a small real project; its port and its log file."""
    root = tmp_path_factory.mktemp("serve")
    project = root / "project"
    (project / "plans").mkdir(parents=True)
    (project / "mvkplan.toml").write_text('paths = ["plans"]\n', encoding="utf-8")
    for plan in sorted((REPO / "plans" / "kalmar").glob("*.yaml")):
        (project / "plans" / plan.name).write_bytes(plan.read_bytes())
    (root / "secret.txt").write_bytes(SECRET)
    (project / "secret.txt").write_bytes(SECRET)
    log = root / "log.txt"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "MVKPLAN_LANG": "en", "TMPDIR": str(root)}
    with log.open("wb") as handle:
        server = subprocess.Popen([sys.executable, "-m", "mvkplan", "serve", "--port", "0"],
                                  cwd=project, env=env, stdout=handle, stderr=subprocess.STDOUT)
    try:
        port = _wait_for_port(log, server)
        yield port, log
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def _wait_for_port(log: Path, server: subprocess.Popen[bytes]) -> int:
    import time

    for _ in range(600):
        match = re.search(rb"http://127\.0\.0\.1:(\d+)/", log.read_bytes())
        if match:
            return int(match.group(1))
        assert server.poll() is None, log.read_text(errors="replace")
        time.sleep(0.1)
    raise AssertionError(log.read_text(errors="replace"))


def _get(port: int, target: bytes, method: bytes = b"GET") -> tuple[int, bytes]:
    """Status and body of one request with ``target`` sent as it is."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as connection:
        connection.sendall(method + b" " + target + b" HTTP/1.1\r\nHost: localhost\r\n"
                           b"Connection: close\r\n\r\n")
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    match = re.match(rb"HTTP/1\.[01] (\d{3}) ", answer)
    assert match, f"no HTTP answer to {target!r}: {answer[:200]!r}"
    return int(match.group(1)), answer.partition(b"\r\n\r\n")[2]


HOSTILE = [b"/%00", b"/index.html%00", b"/%00/../index.html", b"/%2e%2e/", b"/%2e%2e/secret.txt",
           b"/..%2fsecret.txt", b"/..%2f..%2fsecret.txt", b"/%2e%2e%2fsecret.txt",
           b"/" + b"a" * 70000, b"/%", b"/%zz", b"/%e", b"/%c3%28", b"/%ff%fe",
           b"/\x00", b"/index.html\x00x", b"/\xff\xfe", b"/caf\xe9.html", b"//etc/passwd",
           b"/lan/%2e%2e/%2e%2e/secret.txt", b"/dokument/..\\..\\secret.txt",
           b"/%5c..%5csecret.txt"]

_PIECES = st.sampled_from([b"/", b"..", b"%2e", b"%2f", b"%5c", b"%00", b"\x00", b"%", b"%g",
                           b"%c3", b"%ff", b"\xc3", b"\xff", b"secret.txt", b"index.html",
                           b"lan", b".", b"%25", b"?", b"#", b";", b"\\", b"a"])


def _check(port: int, log: Path, target: bytes) -> None:
    before = log.stat().st_size
    status, body = _get(port, target)
    assert status in (200, 301, 400, 404, 414), (target, status)
    assert SECRET not in body, target
    status, body = _get(port, target, b"HEAD")
    assert status in (200, 301, 400, 404, 414), (target, status)
    with log.open("rb") as handle:
        handle.seek(before)
        logged = handle.read()
    assert b"Traceback" not in logged, (target, logged.decode(errors="replace"))


@pytest.mark.parametrize("target", HOSTILE, ids=lambda t: repr(t[:40]))
def test_a_hostile_path_gets_a_proper_answer(preview: tuple[int, Path], target: bytes) -> None:
    port, log = preview
    _check(port, log, target)


def test_a_nul_in_the_path_is_a_bad_request(preview: tuple[int, Path]) -> None:
    assert _get(preview[0], b"/%00")[0] == 400


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(_PIECES, max_size=12))
def test_any_generated_path_gets_a_proper_answer(preview: tuple[int, Path],
                                                 pieces: list[bytes]) -> None:
    port, log = preview
    _check(port, log, b"/" + b"".join(pieces))


def test_the_site_is_still_served(preview: tuple[int, Path]) -> None:
    status, body = _get(preview[0], b"/index.html")
    assert status == 200 and b"<html" in body
