"""Messages of the consultation commands (C2xx cells of a response workbook, C3xx the import), in English
and Swedish. Problems reading the workbook itself are the survey's (S1xx, S2xx), since its reader reads both.

Registered into :data:`mvkplan.messages.i18n.MESSAGES` on import, so the shared module needs no edit per code.
"""

from __future__ import annotations

from mvkplan.messages.i18n import MESSAGES as SHARED

MESSAGES: dict[str, tuple[str, str]] = {
    "C201": ("a point must be text, found '{found}'", "en synpunkt ska vara text, här står '{found}'"),
    "C201.hint": ("write the point as text; a date or a true/false value is not taken",
                  "skriv synpunkten som text; ett datum eller ett sant/falskt-värde tas inte emot"),
    "C202": ("a proposed wording without a point", "ett förslag till lydelse utan synpunkt"),
    "C202.hint": ("write in 'Synpunkt' what the proposal is about", "skriv i 'Synpunkt' vad förslaget gäller"),
    "C203": ("a text of {length} characters, over the limit of {limit}",
             "en text på {length} tecken, över gränsen på {limit}"),
    "C203.hint": ("shorten the text, or send the longer response as a letter and summarise it here",
                  "korta texten, eller skicka det längre svaret som brev och sammanfatta det här"),
    "C301": ("'{id}' is not a consultation of this repository", "'{id}' är inte en remiss i det här arkivet"),
    "C301.hint": ("responses are read only from the workbooks 'mvkplan consultation export' wrote here",
                  "svar läses bara från arbetsböcker som 'mvkplan consultation export' har skrivit här"),
    "C302": ("the workbook belongs to another round of '{id}' (year {found}; the deadline is {deadline})",
             "arbetsboken hör till en annan omgång av '{id}' (år {found}; sista svarsdag är {deadline})"),
    "C303": ("'{body}' is not one of the bodies of consultation '{id}'",
             "'{body}' är inte en av remissinstanserna i remissen '{id}'"),
    "C304": ("body '{body}' responded twice (also {other})",
             "remissinstansen '{body}' svarade två gånger (även {other})"),
    "C304.hint": ("import one workbook per body; merge the two responses into one workbook",
                  "läs in en arbetsbok per remissinstans; för samman de två svaren i en arbetsbok"),
    "C305": ("the response concerns '{item}', which the plan '{plan}' no longer has",
             "svaret gäller '{item}', som planen '{plan}' inte längre har"),
    "C305.hint": ("import the responses before the draft is changed, or write the point into the consultation "
                  "by hand with the item it now concerns",
                  "läs in svaren innan remissversionen ändras, eller skriv in synpunkten i remissen för hand "
                  "med den del den nu gäller"),
    "C306": ("the response of '{body}' is already recorded in {file}", "svaret från '{body}' finns redan i {file}"),
    "C306.hint": ("remove that body's responses from the consultation first to read them again",
                  "ta först bort remissinstansens svar ur remissen för att läsa in dem igen"),
    "C308": ("the workbook answers consultation '{id}', not '{wanted}'",
             "arbetsboken besvarar remissen '{id}', inte '{wanted}'"),
    "C309": ("cannot add responses to this file: {detail}", "kan inte lägga till svar i filen: {detail}"),
    "consultation.date": ("--date: '{text}' is not a date (YYYY-MM-DD)",
                          "--date: '{text}' är inget datum (ÅÅÅÅ-MM-DD)"),
    "consultation.write": ("cannot write {path}: {detail}", "kan inte skriva {path}: {detail}"),
    "C309.hint": ("write 'bodies:' and 'responses:' as block lists of '- ' entries",
                  "skriv 'bodies:' och 'responses:' som blocklistor med '- '-rader"),
    "consultation.unknown": ("no consultation '{id}'", "ingen remiss '{id}'"),
    "consultation.no-plan": ("consultation '{id}' names '{plan}', which is not a plan of this repository",
                             "remissen '{id}' anger '{plan}', som inte är en plan i det här arkivet"),
    "consultation.body": ("'{body}' is not a body of consultation '{id}'",
                          "'{body}' är inte en remissinstans i remissen '{id}'"),
    "consultation.exists": ("{path} exists and may hold a response ({count} workbooks in the way); use --force "
                            "to replace them",
                            "{path} finns och kan innehålla ett svar ({count} arbetsböcker i vägen); ange --force "
                            "för att ersätta dem"),
    "consultation.written": ("wrote {count} response workbooks into {path}",
                             "skrev {count} arbetsböcker för remissvar i {path}"),
    "consultation.none": ("no workbooks in {path}", "inga arbetsböcker i {path}"),
    "consultation.summary": ("{workbooks} read, {points}", "{workbooks} lästa, {points}"),
}



def register() -> None:
    """Add these messages to the shared table (idempotent)."""
    for key, value in MESSAGES.items():
        SHARED.setdefault(key, value)


register()
