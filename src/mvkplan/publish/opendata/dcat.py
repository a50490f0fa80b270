"""``dcat.jsonld``: the site's open data described in DCAT-AP-SE terms.

DCAT-AP-SE (the Swedish profile of DCAT-AP, which Sweden's data portal harvests) asks of a
catalog a title, a description, a publisher and its datasets; of a dataset a title, a
description, a publisher and a contact point; of a distribution an access URL. This file
also gives what the profile recommends: licence, format and media type of each
distribution, temporal coverage (the plan's period, the follow-up's year) and spatial
coverage (the county). One dataset per published plan or follow-up, sorted by id.

IRIs are relative to the file itself (a JSON-LD processor resolves them against where it
fetched the file), so the site can move; the context is inline, so a reader needs nothing
from elsewhere. What the configuration does not say (the publisher, the contact) is left
out rather than invented, and the build says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, cast

from mvkplan.index.cards import DocumentCard, card_of
from mvkplan.index.linkindex import LinkIndex
from mvkplan.index.titles import document_title
from mvkplan.publish.opendata.tables import Table, downloads

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
SWEDISH = "http://publications.europa.eu/resource/authority/language/SWE"
FORMATS = (("csv", "CSV", "text/csv"), ("json", "JSON", "application/json"))
"""File ending, EU file-type code, IANA media type."""


@dataclass(frozen=True)
class Publisher:
    """Who publishes the data, as configured (``[tool.mvkplan.site]``); None where not said."""

    name: str | None
    homepage: str | None
    contact: str | None
    """An e-mail address or a web page (https://…)."""
    license: str

    @property
    def contact_href(self) -> str | None:
        """Where the contact is reached: the address as given when it is one (``mailto:…``,
        ``https://…``), else ``mailto:`` and the e-mail address."""
        contact = (self.contact or "").strip()
        if not contact:
            return None
        if contact.lower().startswith("mailto:") or "://" in contact or "@" not in contact:
            return contact
        return f"mailto:{contact}"


def catalog_jsonld(index: LinkIndex, tables: list[Table], publisher: Publisher) -> bytes:
    """The catalog of ``tables`` (one dataset each) as JSON-LD bytes."""
    catalog: dict[str, Any] = {
        "@context": CONTEXT,
        "@id": "#katalog",
        "@type": "dcat:Catalog",
        "dcterms:title": _sv("Handlingsplaner mot mäns våld mot kvinnor: öppna data"),
        "dcterms:description": _sv(
            "Mål, indikatorer och aktiviteter i de publicerade handlingsplanerna, och "
            "värdena i deras uppföljningar, som CSV och JSON."),
        "dcterms:language": {"@id": SWEDISH},
        "dcterms:license": {"@id": publisher.license},
        "foaf:homepage": {"@id": "index.html"},
    }
    agent = _agent(publisher)
    if agent:
        catalog["dcterms:publisher"] = agent
    catalog["dcat:dataset"] = [_dataset(index, table, publisher, agent) for table in tables]
    return (json.dumps(catalog, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _dataset(index: LinkIndex, table: Table, publisher: Publisher,
             agent: dict[str, Any] | None) -> dict[str, Any]:
    model = card_of(index.documents[table.document])  # a streaming build let the models go
    title = document_title(index, table.document)
    if model.kind == "follow-up":
        description = f"Uppföljningens värden per indikator, svarande, kön och år ({len(table.rows)} värden)."
    else:
        description = "Planens mål, indikatorer och aktiviteter, en rad var."
    dataset: dict[str, Any] = {
        "@id": f"#{table.document}",
        "@type": "dcat:Dataset",
        "dcterms:identifier": table.document,
        "dcterms:title": _sv(title),
        "dcterms:description": _sv(description),
        "dcterms:language": {"@id": SWEDISH},
        "dcat:landingPage": {"@id": f"dokument/{table.document}.html"},
    }
    if agent:
        dataset["dcterms:publisher"] = {"@id": agent["@id"]}
    contact = _contact(publisher)
    if contact:
        dataset["dcat:contactPoint"] = contact
    temporal = _temporal(model)
    if temporal:
        dataset["dcterms:temporal"] = temporal
    spatial = _spatial(index, model)
    if spatial:
        dataset["dcterms:spatial"] = spatial
    dataset["dcat:distribution"] = [
        {
            "@id": f"#{table.document}-{ending}",
            "@type": "dcat:Distribution",
            "dcterms:title": _sv(f"{title} ({code})"),
            "dcat:accessURL": {"@id": path},
            "dcat:downloadURL": {"@id": path},
            "dcterms:format": {"@id": FILE_TYPES + code},
            "dcat:mediaType": {"@id": MEDIA_TYPES + media},
            "dcterms:license": {"@id": publisher.license},
        }
        for (ending, code, media), path in zip(FORMATS, downloads(table.document), strict=True)
    ]
    return dataset


def _sv(text: str) -> dict[str, str]:
    return {"@value": text, "@language": "sv"}


def _agent(publisher: Publisher) -> dict[str, Any] | None:
    if not publisher.name:
        return None
    agent: dict[str, Any] = {"@id": "#utgivare", "@type": "foaf:Agent",
                             "foaf:name": _sv(publisher.name)}
    if publisher.homepage:
        agent["foaf:homepage"] = {"@id": publisher.homepage}
    return agent


def _contact(publisher: Publisher) -> dict[str, Any] | None:
    if not publisher.contact:
        return None
    contact: dict[str, Any] = {"@type": "vcard:Organization",
                               "vcard:fn": publisher.name or publisher.contact}
    href = publisher.contact_href or publisher.contact
    if href.lower().startswith("mailto:"):
        contact["vcard:hasEmail"] = {"@id": href}
    else:
        contact["vcard:hasURL"] = {"@id": href}
    return contact


def _temporal(model: DocumentCard) -> dict[str, Any] | None:
    start: int | None
    end: int | None
    if model.kind == "follow-up":
        start = end = model.year
    elif model.period:  # only the bounds the document states: an unknown start is not invented
        start, end = model.period.start, model.period.end
    else:
        start = end = None
    if start is None and end is None:
        return None
    period: dict[str, Any] = {"@type": "dcterms:PeriodOfTime"}
    if start is not None:
        period["dcat:startDate"] = {"@value": f"{start}-01-01", "@type": "xsd:date"}
    if end is not None:
        period["dcat:endDate"] = {"@value": f"{end}-12-31", "@type": "xsd:date"}
    return period


def _spatial(index: LinkIndex, model: DocumentCard) -> dict[str, Any] | None:
    county = model.county
    if model.kind == "follow-up" and not county:
        plan = index.documents.get(cast(str, model.plan))
        county = card_of(plan).county if plan else None
    if not county:
        return None
    item = index.item(f"counties/{county}")
    location: dict[str, Any] = {"@type": "dcterms:Location",
                                "skos:prefLabel": _sv(item.title if item else county)}
    code = getattr(item.obj, "code", None) if item else None
    if code:
        location["dcterms:identifier"] = str(code)  # the county code (länskod), e.g. "08"
    return location
