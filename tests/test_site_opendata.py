"""Open data on the built site (issue 26.2): CSV and JSON per published plan and follow-up,
``dcat.jsonld`` in DCAT-AP-SE terms, links from each page to its downloads, determinism,
and the accessibility statement and warnings made from ``[tool.mvkplan.site]`` (26.3).

Built with the CLI on the repository's real plans (which hold follow-ups and a draft)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import PLANS, run_cli
from mvkplan.checks.validate import load_corpus
from mvkplan.models import FollowUp, PlanBase
from mvkplan.project.config import find_project
from mvkplan.publish.opendata import Table
from mvkplan.publish.opendata.tables import FOLLOW_UP_COLUMNS, PLAN_COLUMNS

rdflib = pytest.importorskip("rdflib")
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, Namespace  # noqa: E402

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")

SITE_TABLE = """
[site]
publisher = "Länsstyrelsen i Exempellän"
publisher-url = "https://www.example.se/"
accessibility-contact = "tillganglighet@example.se"
accessibility-reviewed = "2026-11-30"
"""
DRAFT = "exempelkommun-2025"


def _project(folder: Path, site: str = SITE_TABLE) -> Path:
    shutil.copytree(PLANS, folder / "plans")
    (folder / "mvkplan.toml").write_text('paths = ["plans"]\n' + site, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = _project(tmp_path_factory.mktemp("opendata") / "project")
    result = run_cli("build", cwd=folder)
    assert result.exit_code == 0, result
    return folder


def _published(project: Path, drafts: bool = False) -> dict[str, object]:
    """The plans and follow-ups a build publishes, by id, read with the library."""
    corpus = load_corpus(find_project(project))
    return {doc_id: loaded.model for doc_id, loaded in corpus.index.documents.items()
            if not loaded.shipped and isinstance(loaded.model, (PlanBase, FollowUp))
            and (drafts or loaded.model.status != "draft")}


def _graph(path: Path):
    graph = rdflib.Graph()
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated class
        warnings.simplefilter("ignore", DeprecationWarning)
        graph.parse(data=path.read_text(encoding="utf-8"), format="json-ld",
                    publicID=path.as_uri())
    return graph


def test_every_published_plan_and_follow_up_has_a_csv_and_json_that_parse(project):
    site = project / "site"
    published = _published(project)
    assert any(isinstance(m, FollowUp) for m in published.values())
    assert DRAFT not in published
    assert sorted(p.name for p in (site / "data").iterdir()) == sorted(
        f"{doc_id}.{ending}" for doc_id in published for ending in ("csv", "json"))
    for doc_id, model in published.items():
        raw = (site / "data" / f"{doc_id}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        data = json.loads((site / "data" / f"{doc_id}.json").read_text(encoding="utf-8"))
        assert data["document"] == doc_id
        columns = FOLLOW_UP_COLUMNS if isinstance(model, FollowUp) else PLAN_COLUMNS
        assert tuple(rows[0]) == columns
        assert [dict(zip(columns, row, strict=True)) for row in rows[1:]] == data["rows"]
        if isinstance(model, FollowUp):
            assert [(r["indicator"], r["value"]) for r in data["rows"]] == [
                (v.indicator, v.value) for v in model.values]
        else:
            goals = [g.title for a in model.areas for g in a.goals]
            assert [r["title"] for r in data["rows"] if r["part"] == "goal"] == goals


def test_the_catalog_has_one_dataset_per_published_document(project):
    graph = _graph(project / "site" / "dcat.jsonld")
    catalogs = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    datasets = set(graph.objects(catalogs[0], DCAT.dataset))
    assert set(graph.subjects(RDF.type, DCAT.Dataset)) == datasets
    identifiers = {str(graph.value(d, DCTERMS.identifier)) for d in datasets}
    assert identifiers == set(_published(project))


def test_the_catalog_has_the_dcat_ap_se_required_properties(project):
    """DCAT-AP-SE: catalog title, description, publisher, datasets; dataset title,
    description, publisher, contact point; distribution access URL; an agent's name. And
    what the issue asks besides: licence, format, media type, temporal, spatial = county."""
    site = project / "site"
    graph = _graph(site / "dcat.jsonld")
    catalog = next(graph.subjects(RDF.type, DCAT.Catalog))
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset,
                 DCTERMS.license):
        assert graph.value(catalog, prop) is not None, prop
    publisher = graph.value(catalog, DCTERMS.publisher)
    assert str(graph.value(publisher, FOAF.name)) == "Länsstyrelsen i Exempellän"
    published = _published(project)
    for dataset in graph.objects(catalog, DCAT.dataset):
        doc_id = str(graph.value(dataset, DCTERMS.identifier))
        for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.contactPoint,
                     DCTERMS.temporal, DCTERMS.spatial):
            assert graph.value(dataset, prop) is not None, (doc_id, prop)
        contact = graph.value(dataset, DCAT.contactPoint)
        assert str(graph.value(contact, VCARD.hasEmail)) == "mailto:tillganglighet@example.se"
        spatial = graph.value(dataset, DCTERMS.spatial)
        model = published[doc_id]
        county = model.county or published[model.plan].county  # type: ignore[attr-defined]
        label = str(graph.value(spatial, SKOS.prefLabel))
        assert county.split("-")[0] in label.lower().replace("ö", "o")
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert len(distributions) == 2
        for distribution in distributions:
            url = graph.value(distribution, DCAT.accessURL)
            for prop in (DCTERMS.format, DCAT.mediaType, DCTERMS.license):
                assert graph.value(distribution, prop) is not None, (doc_id, prop)
            # The access URL resolves (against the catalog's own place) to the file.
            target = Path(rdflib.util.from_n3(url.n3()).toPython().removeprefix("file://"))
            assert target.is_file(), target


def test_each_document_page_links_its_downloads(project):
    site = project / "site"
    for doc_id in _published(project):
        page = (site / "dokument" / f"{doc_id}.html").read_text(encoding="utf-8")
        for ending in ("csv", "json"):
            assert f'href="../data/{doc_id}.{ending}"' in page, (doc_id, ending)
    listing = (site / "oppna-data.html").read_text(encoding="utf-8")
    assert 'href="dcat.jsonld"' in listing
    for doc_id in _published(project):
        assert f'href="data/{doc_id}.csv"' in listing


def test_every_page_links_the_accessibility_statement_and_it_has_the_required_parts(project):
    site = project / "site"
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        root = "../" * (len(page.relative_to(site).parts) - 1)
        assert f'href="{root}tillganglighet.html">Tillgänglighetsredogörelse' in text, page
    statement = (site / "tillganglighet.html").read_text(encoding="utf-8")
    for part in ("Länsstyrelsen i Exempellän", "Hur tillgänglig är webbplatsen?", "Kända brister",
                 'href="mailto:tillganglighet@example.se"', "Myndigheten för digital förvaltning",
                 'href="https://www.digg.se/', 'datetime="2026-11-30"'):
        assert part in statement, part


def test_without_publisher_or_contact_the_build_warns_and_invents_nothing(tmp_path):
    folder = _project(tmp_path / "project", site="")
    result = run_cli("build", cwd=folder)
    assert result.exit_code == 0, result
    assert "publisher, accessibility-contact, accessibility-reviewed" in result.stderr
    statement = (folder / "site" / "tillganglighet.html").read_text(encoding="utf-8")
    assert "Vem som står bakom webbplatsen är inte angivet" in statement
    assert "Ingen kontaktuppgift för tillgänglighetsfrågor är angiven" in statement
    assert "mailto:" not in statement
    graph = _graph(folder / "site" / "dcat.jsonld")
    assert not list(graph.objects(None, DCTERMS.publisher))
    assert not list(graph.objects(None, DCAT.contactPoint))


@pytest.mark.parametrize("drafts", [False, True])
def test_drafts_reach_data_and_catalog_only_with_drafts(tmp_path, drafts):
    folder = _project(tmp_path / "project")
    args = ("build", "--drafts") if drafts else ("build",)
    assert run_cli(*args, cwd=folder).exit_code == 0
    site = folder / "site"
    assert (site / "data" / f"{DRAFT}.csv").exists() is drafts
    catalog = json.loads((site / "dcat.jsonld").read_text(encoding="utf-8"))
    ids = {d["dcterms:identifier"] for d in catalog["dcat:dataset"]}
    assert (DRAFT in ids) is drafts
    assert ids == set(_published(folder, drafts=drafts))


def test_two_builds_write_the_same_bytes(project, tmp_path):
    again = _project(tmp_path / "again")
    assert run_cli("build", "--no-cache", cwd=again).exit_code == 0

    def files(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
                if p.is_file() and not p.name.startswith(".")}

    first, second = files(project / "site"), files(again / "site")
    assert sorted(first) == sorted(second)
    different = [path for path in first if first[path] != second[path]]
    assert different == []
    assert any(path.startswith("data/") for path in first) and "dcat.jsonld" in first


# Any text a plan or follow-up holds comes back exactly from both files.
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(st.lists(st.tuples(*[_TEXT] * len(FOLLOW_UP_COLUMNS)), max_size=5))
def test_any_text_round_trips_through_csv_and_json(rows):
    table = Table("x", "follow-up", FOLLOW_UP_COLUMNS, rows)
    raw = table.csv_bytes().decode("utf-8")
    assert raw.startswith("\ufeff")
    read = list(csv.reader(io.StringIO(raw[1:], newline="")))
    assert [tuple(row) for row in read[1:]] == rows
    data = json.loads(table.json_bytes().decode("utf-8"))
    assert [tuple(row[c] for c in FOLLOW_UP_COLUMNS) for row in data["rows"]] == rows


@pytest.mark.parametrize("contact, href", [
    ("mailto:kalmar@lansstyrelsen.se", "mailto:kalmar@lansstyrelsen.se"),
    ("MAILTO:kalmar@lansstyrelsen.se", "MAILTO:kalmar@lansstyrelsen.se"),
    ("kalmar@lansstyrelsen.se", "mailto:kalmar@lansstyrelsen.se"),
    ("https://www.lansstyrelsen.se/kalmar/kontakt", "https://www.lansstyrelsen.se/kalmar/kontakt"),
])
def test_the_contact_is_linked_as_written_and_no_period_bound_is_invented(tmp_path, contact, href):
    """The README's own example wrote 'mailto:…' and got 'mailto:mailto:…'; a plan that states
    only its end year (kronoberg) got a start year in the catalog."""
    folder = _project(tmp_path / "p", SITE_TABLE.replace('"tillganglighet@example.se"', f'"{contact}"'))
    result = run_cli("build", cwd=folder)
    assert result.exit_code == 0, result
    statement = (folder / "site" / "tillganglighet.html").read_text(encoding="utf-8")
    assert f'href="{href}"' in statement and "mailto:mailto:" not in statement.lower()
    catalog = json.loads((folder / "site" / "dcat.jsonld").read_text(encoding="utf-8"))
    text = json.dumps(catalog)
    assert "mailto:mailto:" not in text.lower() and href in text
    datasets = {d["dcterms:identifier"]: d for d in catalog["dcat:dataset"]}
    period = datasets["kronoberg-2018-reviderad"]["dcterms:temporal"]
    assert "dcat:startDate" not in period and period["dcat:endDate"]["@value"] == "2026-12-31"
