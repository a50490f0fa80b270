"""Open data on the site: each published plan's goals, indicators and activities, each
follow-up's values, as CSV and JSON, and ``dcat.jsonld``, a catalog of them in DCAT-AP-SE
terms for Sweden's data portal. Every file is the same bytes for the same documents."""

from mvkplan.publish.opendata.dcat import Publisher, catalog_jsonld
from mvkplan.publish.opendata.tables import Table, data_tables, downloads

__all__ = ["Publisher", "Table", "catalog_jsonld", "data_tables", "downloads"]
