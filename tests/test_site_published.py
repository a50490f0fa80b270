"""What ``build`` publishes: adopted and superseded documents, drafts with ``--drafts`` (marked
UTKAST), nothing with lint errors (placeholders) unless ``--force``; no link to the rest.

Projects are generated: a few plans of one county with random statuses, random placeholders
and links between them, follow-ups adopted or draft. Each is built with and without
``--drafts`` / ``--force``, and the site is read back as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli

FLAGS = [(), ("--drafts",), ("--force",), ("--drafts", "--force")]


@dataclass(frozen=True)
class Plan:
    """A generated plan: its status, whether it holds a placeholder, whom it links to."""

    id: str
    status: str
    placeholder: bool
    links: tuple[str, ...]
    follow_up: str | None
    """Status of its follow-up, None when it has none."""


@st.composite
def plans(draw: st.DrawFn) -> list[Plan]:
    """Two to four plans linking to each other at random."""
    count = draw(st.integers(2, 4))
    ids = [f"plan-{n}" for n in range(count)]
    return [Plan(plan_id, draw(st.sampled_from(["adopted", "draft", "superseded"])),
                 draw(st.booleans()),
                 tuple(draw(st.lists(st.sampled_from([i for i in ids if i != plan_id]),
                                     unique=True))),
                 draw(st.sampled_from([None, "adopted", "draft"])))
            for plan_id in ids]


def plan_yaml(plan: Plan) -> str:
    """The plan as YAML: a goal linking to the other plans' areas, the plan to the plans."""
    title = f'"Plan {plan.id} [fyll i: titel]"' if plan.placeholder else f"Plan {plan.id}"
    links = ", ".join(["nationell-strategi/1", *plan.links])
    goal_links = ", ".join(f"{other}/kunskap" for other in plan.links) or "nationell-strategi/2"
    return (f"id: {plan.id}\nkind: regional-plan\ntitle: {title}\ncounty: kalmar\n"
            f"status: {plan.status}\nperiod: {{start: 2024, end: 2026}}\nlinks: [{links}]\n"
            f"areas:\n  - id: kunskap\n    title: Kunskap\n    goals:\n      - id: g1\n"
            f"        title: Mål ett\n        links: [{goal_links}]\n")


def follow_up_yaml(plan: Plan) -> str:
    """The plan's follow-up of 2025."""
    return (f"id: {plan.id}-2025\nkind: follow-up\ntitle: Uppföljning 2025 av {plan.id}\n"
            f"plan: {plan.id}\nyear: 2025\nstatus: {plan.follow_up}\nrespondents: []\n"
            f"indicators: []\nvalues: []\n")


def write_project(root: Path, generated: list[Plan], config: str = "") -> None:
    """A project folder holding the plans and their follow-ups."""
    (root / "plans").mkdir(parents=True, exist_ok=True)
    (root / "mvkplan.toml").write_text(f'paths = ["plans"]\n{config}', encoding="utf-8")
    for old in (root / "plans").glob("*.yaml"):
        old.unlink()
    for plan in generated:
        (root / "plans" / f"{plan.id}.yaml").write_text(plan_yaml(plan), encoding="utf-8")
        if plan.follow_up:
            (root / "plans" / f"{plan.id}-2025.yaml").write_text(follow_up_yaml(plan),
                                                                 encoding="utf-8")


def expected(generated: list[Plan], *, drafts: bool, force: bool) -> tuple[set[str], set[str]]:
    """(published, left out) document ids, worked out from the rules, not from the code."""
    published: set[str] = set()
    left: set[str] = set()
    for plan in generated:
        shown = (plan.status != "draft" or drafts) and (not plan.placeholder or force)
        (published if shown else left).add(plan.id)
        if plan.follow_up:
            ok = shown and (plan.follow_up != "draft" or drafts)
            (published if ok else left).add(f"{plan.id}-2025")
    return published, left


class Anchors(HTMLParser):
    """Every ``href`` of a page, with the text of the list item or link it stands in."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._open: list[list[str]] = []  # text of open <a>
        self._hrefs: list[str] = []
        self._item: list[str] = []  # text of the <li> (or row) around

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("li", "tr", "p", "dd"):
            self._item = []
        if tag == "a":
            self._hrefs.append(dict(attrs).get("href") or "")
            self._open.append([])

    def handle_data(self, data: str) -> None:
        self._item.append(data)
        for text in self._open:
            text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            self.links.append((self._hrefs.pop(), "".join(self._open.pop())))
        if tag in ("li", "tr", "p", "dd"):
            self._item = []

    def context(self) -> str:
        """The text read so far in the enclosing item."""
        return "".join(self._item)


def site_links(site: Path) -> list[tuple[Path, str, str]]:
    """(page, href, link text) for every link of every HTML page."""
    found = []
    for page in site.rglob("*.html"):
        parser = Anchors()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [(page, href, text) for href, text in parser.links]
    return found


def target_of(page: Path, href: str) -> Path | None:
    """The file a relative ``href`` of ``page`` points to (None for other sites, fragments)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return (page.parent / unquote(parts.path)).resolve()


def draft_ids(generated: list[Plan]) -> set[str]:
    """The generated documents whose status is draft."""
    ids = {p.id for p in generated if p.status == "draft"}
    return ids | {f"{p.id}-2025" for p in generated if p.follow_up == "draft"}


def check_site(root: Path, generated: list[Plan], flags: tuple[str, ...]) -> None:
    """Build with ``flags`` and check what the site holds and links to."""
    result = run_cli("build", *flags, cwd=root)
    assert result.exit_code == 0, result
    site = root / "site"
    published, left = expected(generated, drafts="--drafts" in flags, force="--force" in flags)
    pages = {p.stem for p in (site / "dokument").glob("*.html")}
    assert published <= pages, (flags, result)
    assert not (left & pages), (flags, left & pages, result)
    unpublished = {(site / "dokument" / f"{d}.html").resolve() for d in left}
    drafts = {(site / "dokument" / f"{d}.html").resolve() for d in draft_ids(generated)}
    for page, href, text in site_links(site):
        target = target_of(page, href)
        if target is None:
            continue
        assert target.exists(), (flags, page, href)
        assert target not in unpublished, (flags, page, href)
        if target in drafts and target != page.resolve():
            assert "UTKAST" in text or _item_marked(page, href), (flags, page, href, text)
    for document_id in published & draft_ids(generated):
        assert "UTKAST" in (site / "dokument" / f"{document_id}.html").read_text(encoding="utf-8")
    for plan in generated:  # left out for its placeholder: named on stderr, with the code
        if plan.placeholder and "--force" not in flags and (plan.status != "draft" or "--drafts" in flags):
            assert f"'{plan.id}' has lint errors (MVK013)" in result.stderr, result


def _item_marked(page: Path, href: str) -> bool:
    """Whether the list line holding the link to ``href`` says UTKAST (a badge beside it)."""
    text = page.read_text(encoding="utf-8")
    at = text.find(f'href="{href}"')
    line_end = text.find("</li>", at)
    return at >= 0 and "UTKAST" in text[at:line_end if line_end >= 0 else None]


@settings(max_examples=4, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(generated=plans())
def test_site_publishes_only_finished_documents_and_links_only_to_them(
        tmp_path: Path, generated: list[Plan]) -> None:
    """No page of an unpublished document, no href to one, UTKAST on every draft shown."""
    root = tmp_path / "project"
    write_project(root, generated)
    for flags in FLAGS:
        check_site(root, generated, flags)


def test_new_plan_full_of_placeholders_is_left_out_and_named(tmp_path: Path) -> None:
    """A fresh ``mvkplan new`` plan is not published; stderr names it with the rule's code."""
    root = tmp_path / "project"
    write_project(root, [])
    created = run_cli("new", "regional-plan", "kalmar-2030", "--county", "kalmar",
                      "--dir", "plans", cwd=root)
    assert created.exit_code == 0, created
    result = run_cli("build", cwd=root)  # a new plan is a draft
    assert result.exit_code == 0, result
    assert not (root / "site" / "dokument" / "kalmar-2030.html").exists()
    assert "draft(s)" in result.stderr and "kalmar-2030" in result.stderr, result
    assert "fyll i" not in (root / "site" / "index.html").read_text(encoding="utf-8")
    result = run_cli("build", "--drafts", cwd=root)  # and its placeholders are lint errors
    assert result.exit_code == 0, result
    assert not (root / "site" / "dokument" / "kalmar-2030.html").exists()
    assert "'kalmar-2030' has lint errors (MVK013" in result.stderr, result


def test_drafts_in_the_configuration_publish_drafts_marked(tmp_path: Path) -> None:
    """``drafts = true`` in mvkplan.toml is ``--drafts``."""
    root = tmp_path / "project"
    generated = [Plan("plan-0", "adopted", False, ("plan-1",), "draft"),
                 Plan("plan-1", "draft", False, ("plan-0",), None)]
    write_project(root, generated, "drafts = true\n")
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result
    assert "UTKAST" in (root / "site" / "dokument" / "plan-1.html").read_text(encoding="utf-8")
    assert "UTKAST" in (root / "site" / "index.html").read_text(encoding="utf-8")


def test_render_of_a_draft_previews_it_marked(tmp_path: Path) -> None:
    """``render ID`` of a draft still works: it is how one previews, marked UTKAST."""
    root = tmp_path / "project"
    write_project(root, [Plan("plan-0", "draft", False, (), None)])
    result = run_cli("render", "plan-0", "-o", "-", cwd=root)
    assert result.exit_code == 0, result
    assert "UTKAST" in result.stdout
