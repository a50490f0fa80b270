"""Swedish words authors write for the English values the schema expects.

Keys are English by design, and so are the fixed values (``status: adopted``); a Swedish
coordinator will naturally write ``status: antagen``. This table turns that into a precise hint.
"""

from __future__ import annotations

from mvkplan.messages.textmatch import slug

SWEDISH: dict[str, str] = {
    # status
    "antagen": "adopted", "antaget": "adopted", "beslutad": "adopted", "beslutat": "adopted",
    "faststalld": "adopted", "faststallt": "adopted", "giltig": "adopted", "gallande": "adopted",
    "utkast": "draft", "forslag": "draft", "remiss": "draft", "remissversion": "draft",
    "ersatt": "superseded", "ersatts": "superseded", "upphavd": "superseded",
    "inaktuell": "superseded", "gammal": "superseded",
    # kind
    "handlingsplan": "regional-plan", "regional-handlingsplan": "regional-plan",
    "regionalplan": "regional-plan", "lokal-handlingsplan": "local-plan",
    "kommunal-handlingsplan": "local-plan", "lokal-plan": "local-plan",
    "aktivitetsplan": "activity-plan", "verksamhetsplan": "activity-plan",
    "strategi": "strategy", "ramverk": "framework", "lansprofil": "county-profile",
    "katalog": "catalog",
    # reference type
    "konvention": "convention", "forordning": "regulation", "foreskrift": "regulation",
    "foreskrifter": "regulation", "allmanna-rad": "regulation", "lag": "law",
    "rapport": "report", "ovrigt": "other", "annat": "other", "annan": "other",
    # indicator qualifier
    "externt": "extern", "internt": "intern",
}


def english_for(value: str, allowed: list[str]) -> str | None:
    """The allowed English value that the Swedish ``value`` means, if any."""
    english = SWEDISH.get(slug(value))
    return english if english in allowed else None
