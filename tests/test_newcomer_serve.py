"""Issue 28.5: ``mvkplan serve`` reloads the browser on rebuild and stops cleanly on Ctrl-C.

Pages are served with the preview's own reload script, which their policy allows (and nothing
else); the built files stay script-free. In Chromium, a save shows up without touching the
page. SIGINT ends the preview with no traceback and removes its build folder.
"""

from __future__ import annotations

import html
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_render_support import CHROMIUM, CHROMIUM_ARGS, require_or_skip

from conftest import REPO, edit
from mvkplan.publish.serve.reload import SCRIPT_PATH, VERSION_PATH, allow_own_script
from mvkplan.publish.serve.server import Preview

KALMAR = Path("plans") / "kalmar" / "kalmar-2024.yaml"
_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (127.0.0.1 only)
        return response.read().decode("utf-8")


@pytest.fixture
def preview(real_project: Path, tmp_path: Path):
    running = Preview(real_project, tmp_path / "live", port=0, log=lambda _line: None)
    address = running.start()
    yield running, address
    running.stop()


DIRECTIVE = st.sampled_from(["default-src", "style-src", "img-src", "script-src", "connect-src",
                             "base-uri", "form-action", "font-src"])
SOURCE = st.sampled_from(["'none'", "'self'", "data:", "'sha256-abc='", "https://example.org",
                          "'wasm-unsafe-eval'"])


@given(st.lists(st.tuples(DIRECTIVE, st.lists(SOURCE, min_size=1, max_size=3)), max_size=6,
                unique_by=lambda d: d[0]))
def test_the_policy_gains_the_own_script_and_keeps_everything_else(
    directives: list[tuple[str, list[str]]],
) -> None:
    policy = "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)
    after = {d.split()[0]: d.split()[1:] for d in allow_own_script(policy).split("; ")}
    before = dict(directives)
    for name in ("script-src", "connect-src"):
        assert "'self'" in after[name] and "'none'" not in after[name]
        assert set(before.get(name, [])) - {"'none'"} <= set(after[name])
    assert {k: v for k, v in after.items() if k not in ("script-src", "connect-src")} == \
        {k: v for k, v in before.items() if k not in ("script-src", "connect-src")}


@settings(max_examples=15, deadline=None, phases=(Phase.generate,),
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_served_page_loads_the_reload_script_its_policy_allows(preview, data) -> None:
    running, address = preview
    pages = sorted(p.relative_to(running.out).as_posix() for p in running.out.rglob("*.html"))
    page = data.draw(st.sampled_from(pages))
    served = _get(address + page)
    policy = _POLICY.search(served)
    assert policy is not None
    directives = {d.split()[0]: d.split()[1:] for d in html.unescape(policy.group(1)).split(";") if d.strip()}
    assert "'self'" in directives["script-src"] and directives["default-src"] == ["'none'"], directives
    # the page's own scripts (the search page has one) as built, then the reload script
    built = (running.out / page).read_text("utf-8")
    assert re.findall(r"<script[^>]*>", served) == [
        *re.findall(r"<script[^>]*>", built), f'<script src="{SCRIPT_PATH}" data-build="{running.builds}">']
    assert SCRIPT_PATH not in built, "the built file stays as built"


def test_the_build_number_moves_on_with_each_rebuild(preview, real_project: Path) -> None:
    running, address = preview
    first = _get(address.rstrip("/") + VERSION_PATH)
    edit(real_project / KALMAR, "\nvision:", "\nvisio:")
    running.rebuild([real_project / KALMAR])
    assert int(_get(address.rstrip("/") + VERSION_PATH)) == int(first) + 1
    assert _get(address.rstrip("/") + SCRIPT_PATH).startswith("// mvkplan serve")


def _serve(project: Path) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "MVKPLAN_LANG": "en"}
    process = subprocess.Popen([sys.executable, "-m", "mvkplan", "serve", "--port", "0"],
                               cwd=project, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        match = re.search(r"Serving (http://127\.0\.0\.1:\d+/)", process.stdout.readline())
        if match:
            return process, match.group(1)
    process.kill()
    raise AssertionError("serve did not start")


def _interrupt(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGINT)
    try:
        output, _ = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError("Ctrl-C did not stop the preview") from None
    return output


def test_ctrl_c_stops_the_preview_cleanly(real_project: Path) -> None:
    scratch = Path(tempfile.gettempdir())
    before = set(scratch.glob("mvkplan-serve-*"))
    process, address = _serve(real_project)
    assert "<script" in _get(address)
    output = _interrupt(process)
    assert process.returncode in (0, 130), output
    assert "Traceback" not in output, output
    assert set(scratch.glob("mvkplan-serve-*")) <= before, "the build folder is removed"


def test_a_save_reloads_the_page_in_the_browser(real_project: Path) -> None:
    require_or_skip(CHROMIUM.exists(), "MVKPLAN_REQUIRE_BROWSER", "Chromium (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    process, address = _serve(real_project)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            refused: list[str] = []
            page.on("console", lambda m: refused.append(m.text)
                    if "Content Security Policy" in m.text else None)
            page.goto(address + "dokument/kalmar-2024.html")
            assert page.locator("#mvk-preview-errors").count() == 0
            edit(real_project / KALMAR, "\nvision:", "\nvisio:")  # an error the page will show
            page.wait_for_selector("#mvk-preview-errors", timeout=30_000)  # with no reload by us
            assert "visio" in page.inner_text("#mvk-preview-errors")
            assert refused == []
            browser.close()
    finally:
        _interrupt(process)
