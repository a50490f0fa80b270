"""Helpers shared by the render, site and browser tests (no tests of its own)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from conftest import REPO

FIXTURE = REPO / "tests" / "fixtures" / "render"
GOLDEN = REPO / "tests" / "golden"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE = REPO / "tests" / "vendor" / "axe.min.js"


def copy_fixture(target: Path) -> Path:
    """A copy of the render fixture project (one document of each kind) in ``target``."""
    shutil.copytree(FIXTURE, target, dirs_exist_ok=True)
    return target


def require_or_skip(available: bool, env: str, what: str) -> None:
    """Skip when a tool is missing, unless ``env`` is set: then the test fails instead."""
    if available:
        return
    if os.environ.get(env) == "1":
        pytest.fail(f"{what} is required ({env}=1) but not available")
    pytest.skip(f"{what} not available (set {env}=1 to require it)")


@contextmanager
def launched_chromium() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright (never a downloaded browser), closed afterwards;
    skipped without it unless MVKPLAN_REQUIRE_BROWSER=1."""
    require_or_skip(CHROMIUM.exists(), "MVKPLAN_REQUIRE_BROWSER", "Chromium (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module", name="browser")
def browser_fixture() -> Iterator[Any]:
    """``browser``: one Chromium for the test module that imports this fixture."""
    with launched_chromium() as chromium:
        yield chromium


def normalise_style(html: str) -> str:
    """A page with its inline stylesheet and CSP hash replaced, for golden comparisons."""
    html = re.sub(r"<style>.*?</style>", "<style>/* templates/static/mvkplan.css */</style>",
                  html, flags=re.DOTALL)
    return re.sub(r"sha256-[A-Za-z0-9+/=]+", "sha256-…", html)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.sources: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        for name in ("src", "srcset", "data", "poster", "background"):
            if values.get(name):
                self.sources.append((tag, name, values[name] or ""))
        if tag == "link":
            self.sources.append((tag, "href", values.get("href") or ""))


def parse_page(path: Path) -> _Links:
    """Links, ids and resource references of an HTML file."""
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(root: Path) -> list[str]:
    """Every relative link under ``root`` whose file or fragment does not exist."""
    pages = {path.resolve(): parse_page(path) for path in sorted(root.rglob("*.html"))}
    problems = []
    for path, parsed in pages.items():
        for href in parsed.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file() or not target.resolve().is_relative_to(root.resolve()):
                problems.append(f"{path.relative_to(root.resolve())}: {href} (no such page)")
                continue
            fragment = unquote(parts.fragment)
            if fragment and fragment not in pages.get(target, parse_page(target)).ids:
                problems.append(f"{path.relative_to(root.resolve())}: {href} (no such anchor)")
    return problems
