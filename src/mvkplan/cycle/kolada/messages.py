"""Messages of the Kolada commands (K1xx), in English and Swedish; registered on import."""

from __future__ import annotations

from mvkplan.messages.i18n import MESSAGES as SHARED

MESSAGES: dict[str, tuple[str, str]] = {
    "K101": ("not valid JSON: {detail}", "inte giltig JSON: {detail}"),
    "K101.hint": ("save the API response exactly as it was returned", "spara API-svaret precis som det kom"),
    "K102": ("not a Kolada data response: {detail}", "inte ett datasvar från Kolada: {detail}"),
    "K102.hint": ("save responses of /v3/data/kpi/<KPI>/municipality/<ID>/year/<YEAR> (or /v2/…)",
                  "spara svar från /v3/data/kpi/<KPI>/municipality/<ID>/year/<ÅR> (eller /v2/…)"),
    "K103": ("gender '{found}' is not K, M or T", "könet '{found}' är inte K, M eller T"),
    "K104": ("period '{found}' is not a year", "perioden '{found}' är inte ett år"),
    "K105": ("value '{found}' is not a number", "värdet '{found}' är inte ett tal"),
    "K106": ("'{found}' is not a KPI id (N or U and five digits)",
             "'{found}' är inget nyckeltals-id (N eller U och fem siffror)"),
    "K107": ("KPI {kpi} is not in the catalog of known KPIs",
             "nyckeltalet {kpi} finns inte i katalogen över kända nyckeltal"),
    "K107.hint": ("check the id on kolada.se, or add it to a catalog that extends 'kolada-kpis'",
                  "kontrollera id:t på kolada.se, eller lägg till det i en katalog som utökar 'kolada-kpis'"),
    "K108": ("{key} ({respondent}, {sex}) is already recorded as {old}, Kolada says {new}",
             "{key} ({respondent}, {sex}) är redan registrerat som {old}, Kolada säger {new}"),
    "K108.hint": ("run again with --overwrite to replace recorded values",
                  "kör igen med --overwrite för att ersätta registrerade värden"),
    "K109": ("{key} ({respondent}, {sex}): {old} replaced by {new}",
             "{key} ({respondent}, {sex}): {old} ersätts av {new}"),
    "K110": ("file is {size} bytes, over the limit of {limit} bytes",
             "filen är {size} byte, över gränsen på {limit} byte"),
    "K111": ("cannot read the file: {detail}", "kan inte läsa filen: {detail}"),
    "K112": ("year {year} is outside the period of plan '{plan}' ({period})",
             "året {year} ligger utanför planen '{plan}'s period ({period})"),
    "K113": ("'{found}' is not a finite number (JSON has no NaN or Infinity)",
             "'{found}' är inget ändligt tal (JSON har varken NaN eller Infinity)"),
    "K113.hint": ("save the API response exactly as it was returned", "spara API-svaret precis som det kom"),
    "K114": ("a number of {length} characters, over the limit of {limit}",
             "ett tal på {length} tecken, över gränsen på {limit}"),
    "K115": ("nested deeper than {limit} levels (a Kolada response has four)",
             "nästlat djupare än {limit} nivåer (ett svar från Kolada har fyra)"),
    "K116": ("the escape {found} is half of a UTF-16 pair, not a character",
             "escape-sekvensen {found} är en halv UTF-16-parning, inget tecken"),
    "K117": ("more than {limit} JSON objects, over the limit for one response",
             "fler än {limit} JSON-objekt, över gränsen för ett svar"),
    "K117.hint": ("fetch fewer KPIs, municipalities or years per request (Kolada pages hold at most 5 000 entries)",
                  "hämta färre nyckeltal, kommuner eller år per anrop (Koladas sidor rymmer högst 5 000 poster)"),
    "K118": ("isdeleted '{found}' is not true or false", "isdeleted '{found}' är varken true eller false"),
    "kolada.offline": ("cannot reach the Kolada API at {url}: {detail}. Are you offline? Save the responses "
                       "in a browser and use 'mvkplan kolada import FILE …' instead.",
                       "når inte Koladas API på {url}: {detail}. Saknas nätverk? Spara svaren i en webbläsare "
                       "och använd 'mvkplan kolada import FIL …' i stället."),
    "kolada.too-large": ("the Kolada API sent more than {limit} bytes for {url}: ask for fewer KPIs or "
                         "municipalities at a time",
                         "Koladas API skickade mer än {limit} byte för {url}: be om färre nyckeltal eller "
                         "kommuner åt gången"),
    "kolada.none": ("no .json responses in {path}", "inga .json-svar i {path}"),
    "kolada.http": ("the Kolada API answered {status} for {url}", "Koladas API svarade {status} för {url}"),
    # Counts after their labels: no "1 värden" whatever the number.
    "kolada.summary": ("responses: {files}; values for the plans' KPIs: {values} (new: {new}, changed: {changed}, "
                       "unchanged: {same})",
                       "svar: {files}; värden för planernas nyckeltal: {values} (nya: {new}, ändrade: {changed}, "
                       "oförändrade: {same})"),
    # The parts below are added to the summary only when their count is not 0.
    "kolada.summary.missing.one": ("1 value missing in Kolada (null), skipped",
                                   "1 värde saknas i Kolada (null) och hoppades över"),
    "kolada.summary.missing.many": ("{n} values missing in Kolada (null), skipped",
                                    "{n} värden saknas i Kolada (null) och hoppades över"),
    "kolada.summary.other-year.one": ("1 value for another year than --year left out",
                                      "1 värde för ett annat år än --year utelämnades"),
    "kolada.summary.other-year.many": ("{n} values for other years than --year left out",
                                       "{n} värden för andra år än --year utelämnades"),
    "kolada.summary.ignored.one": ("1 value for a KPI, municipality or plan not followed up here ignored",
                                   "1 värde för ett nyckeltal, en kommun eller en plan som inte följs upp här "
                                   "ignorerades"),
    "kolada.summary.ignored.many": ("{n} values for KPIs, municipalities or plans not followed up here ignored",
                                    "{n} värden för nyckeltal, kommuner eller planer som inte följs upp här "
                                    "ignorerades"),
    "kolada.no-kpis": ("no indicator of '{plan}' names a Kolada KPI",
                       "ingen indikator i '{plan}' anger ett nyckeltal i Kolada"),
    "kolada.fetching": ("fetching {url}", "hämtar {url}"),
    "K119": ("K119 '{kpi}' is neither a Kolada id (N or U and five digits) nor an entry of the KPI catalog",
             "K119 '{kpi}' är varken ett id i Kolada (N eller U och fem siffror) eller en post i nyckeltalskatalogen"),
    "K119.no-code": ("K119 '{kpi}' is catalog entry '{entry}', which Kolada publishes no KPI for",
                     "K119 '{kpi}' är katalogposten '{entry}', som Kolada inte har något nyckeltal för"),
    "K120": ("K120 no indicator of '{plan}' names KPI {kpi}, so its values would not be recorded (the plan "
             "names: {named})",
             "K120 ingen indikator i '{plan}' anger nyckeltalet {kpi}, så dess värden skulle inte antecknas "
             "(planen anger: {named})"),
}


def register() -> None:
    """Add these messages to the shared table (idempotent)."""
    for key, value in MESSAGES.items():
        SHARED.setdefault(key, value)


register()
