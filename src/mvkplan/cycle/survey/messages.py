"""Messages of the survey commands (S1xx workbook, S2xx answer cells, S3xx import and status), in English and Swedish.

Registered into :data:`mvkplan.messages.i18n.MESSAGES` on import, so the shared module needs no edit
per code.
"""

from __future__ import annotations

from mvkplan.messages.i18n import MESSAGES as SHARED

MESSAGES: dict[str, tuple[str, str]] = {
    "S101": ("not an Excel workbook (.xlsx): {what}", "inte en Excel-arbetsbok (.xlsx): {what}"),
    "S101.hint": ("save the file as 'Excel Workbook (.xlsx)' and send it again",
                  "spara filen som 'Excel-arbetsbok (.xlsx)' och skicka den igen"),
    "S102": ("workbook with macros refused: {what}", "arbetsbok med makron avvisas: {what}"),
    "S102.hint": ("save as 'Excel Workbook (.xlsx)', which keeps the answers and drops the macros",
                  "spara som 'Excel-arbetsbok (.xlsx)'; då behålls svaren och makrona tas bort"),
    "S103": ("refused: the file expands too much when unpacked ({detail})",
             "avvisas: filen blir för stor när den packas upp ({detail})"),
    "S103.hint": ("a survey workbook is a few hundred kilobytes; ask the respondent for the original file",
                  "en enkätfil är några hundra kilobyte; be den svarande om originalfilen"),
    "S104": ("refused: sheet {what} is too large ({detail})", "avvisas: bladet {what} är för stort ({detail})"),
    "S104.hint": ("delete the rows and columns added below and beside the questions",
                  "ta bort rader och kolumner som lagts till under och bredvid frågorna"),
    "S105": ("refused: the workbook links to other files ({what})",
             "avvisas: arbetsboken länkar till andra filer ({what})"),
    "S105.hint": ("type the answers as values; in Excel use Data › Edit Links › Break Link",
                  "skriv in svaren som värden; i Excel: Data › Redigera länkar › Bryt länk"),
    "S106": ("not a survey workbook from mvkplan: {detail}",
             "inte en enkätfil från mvkplan: {detail}"),
    "S106.hint": ("answers are read only from the workbooks 'mvkplan survey export' wrote",
                  "svar läses bara från filer som 'mvkplan survey export' har skrivit"),
    "S107": ("workbook layout version {found}, this mvkplan reads version {expected}",
             "arbetsboken har version {found}, denna mvkplan läser version {expected}"),
    "S108": ("refused: XML entity declarations in {what}", "avvisas: XML-entitetsdeklarationer i {what}"),
    "S109": ("cannot read the workbook: {detail}", "kan inte läsa arbetsboken: {detail}"),
    "S110": ("file is {size} bytes, over the limit of {limit} bytes",
             "filen är {size} byte, över gränsen på {limit} byte"),
    "S111": ("the workbook's identity was changed: its signature does not match plan, year, respondent and "
             "questions",
             "arbetsbokens identitet har ändrats: signaturen stämmer inte med plan, år, svarande och frågor"),
    "S111.hint": ("the hidden sheet 'mvkplan' was edited, or the workbook was signed with another key; export "
                  "a new workbook for this respondent, or import with the key that exported it",
                  "det dolda bladet 'mvkplan' har ändrats, eller arbetsboken signerades med en annan nyckel; "
                  "exportera en ny fil för den här svaranden, eller läs in med nyckeln som exporterade den"),
    "S112": ("the workbook has no signature (exported before workbooks were signed)",
             "arbetsboken saknar signatur (exporterad innan arbetsböcker signerades)"),
    "S112.hint": ("export the workbook again with this mvkplan and ask the respondent to copy the answers into it",
                  "exportera arbetsboken igen med denna mvkplan och be den svarande föra över svaren till den"),
    "S113": ("no survey key on this machine to check the workbook's signature ({path})",
             "ingen enkätnyckel på den här datorn för att kontrollera arbetsbokens signatur ({path})"),
    "S113.hint": ("copy survey.key from the machine that exported the workbooks to {path} (readable by you only), "
                  "or set {name} to the key shared between coordinators",
                  "kopiera survey.key från datorn som exporterade arbetsböckerna till {path} (läsbar bara för "
                  "dig), eller sätt {name} till nyckeln som samordnarna delar"),
    "S114": ("the survey key in {name} is shorter than {least} characters",
             "enkätnyckeln i {name} är kortare än {least} tecken"),
    "S114.file": ("cannot read or create the survey key {path}: {detail}",
                  "kan inte läsa eller skapa enkätnyckeln {path}: {detail}"),
    "S201": ("'{found}' is not a number", "'{found}' är inte ett tal"),
    "S201.hint": ("write only the number, e.g. 12 or 12,5; put explanations in the comment column",
                  "skriv bara talet, t.ex. 12 eller 12,5; förklaringar hör hemma i kommentarskolumnen"),
    "S202": ("a percentage of {found} is outside 0–100", "procentsatsen {found} ligger utanför 0–100"),
    "S202.hint": ("write the percentage as a number between 0 and 100, without a % sign",
                  "skriv procenten som ett tal mellan 0 och 100, utan procenttecken"),
    "S203": ("'{found}' is not one of the choices: {choices}", "'{found}' är inte ett av svarsalternativen: {choices}"),
    "S203.hint": ("choose an answer from the cell's drop-down list", "välj ett svar i rutans rullgardinslista"),
    "S204": ("{found} is not a whole number of 0 or more", "{found} är inte ett heltal som är 0 eller större"),
    "S204.hint": ("a count is a whole number, e.g. 3", "ett antal är ett heltal, t.ex. 3"),
    "S205": ("'{found}' is neither Ja nor Nej", "'{found}' är varken Ja eller Nej"),
    "S205.hint": ("choose Ja or Nej from the drop-down list", "välj Ja eller Nej i rullgardinslistan"),
    "S206": ("text of {length} characters, over the limit of {limit}",
             "text på {length} tecken, över gränsen på {limit}"),
    "S207": ("a formula with no saved result: {formula}", "en formel utan sparat resultat: {formula}"),
    "S207.hint": ("type the answer as a value; formulas are never calculated on import",
                  "skriv svaret som ett värde; formler räknas aldrig ut vid inläsningen"),
    "S208": ("a formula; its saved result {found} is used", "en formel; dess sparade resultat {found} används"),
    "S209": ("the question row was changed: expected '{expected}', found '{found}'",
             "frågeraden har ändrats: väntade '{expected}', hittade '{found}'"),
    "S209.hint": ("restore the row as exported (or export a new workbook); rows must not be edited, moved "
                  "or deleted",
                  "återställ raden som den exporterades (eller exportera en ny fil); rader får inte ändras, "
                  "flyttas eller tas bort"),
    "S210": ("'{found}' is not an answer (a date or an error value)",
             "'{found}' är inget svar (ett datum eller ett felvärde)"),
    "S211": ("an answer in a row with no question", "ett svar på en rad utan fråga"),
    "S211.hint": ("write answers only on the question rows", "skriv svar bara på frågeraderna"),
    "S212": ("a control character ({found}) in the cell", "ett styrtecken ({found}) i rutan"),
    "S212.hint": ("retype the text; control characters and text-direction marks often come with text copied "
                  "from other programs",
                  "skriv in texten igen; styrtecken och skrivriktningstecken följer ofta med text som kopierats "
                  "från andra program"),
    "S301": ("the workbook is for plan '{plan}', which is not in the project",
             "arbetsboken gäller planen '{plan}', som inte finns i projektet"),
    "S302": ("the workbook is for {year}, not {expected}", "arbetsboken gäller {year}, inte {expected}"),
    "S302.period": ("the workbook is for {year}, outside the plan's period {period}",
                    "arbetsboken gäller {year}, utanför planens period {period}"),
    "S303": ("unknown respondent '{respondent}'", "okänd svarande '{respondent}'"),
    "S303.hint": ("respondents are municipalities of the plan's county or organisations of the plan",
                  "svarande är kommuner i planens län eller organisationer i planen"),
    "S304": ("respondent '{respondent}' answered twice (also {other})",
             "svaranden '{respondent}' har svarat två gånger (även {other})"),
    "S304.hint": ("import one workbook per respondent; remove the older file",
                  "läs in en fil per svarande; ta bort den äldre filen"),
    "S305": ("the question '{key}' is no longer in the plan", "frågan '{key}' finns inte längre i planen"),
    "S305.hint": ("export a new workbook for this respondent", "exportera en ny fil för den här svaranden"),
    "S306": ("{key} ({respondent}) is already recorded as {old}, the workbook says {new}",
             "{key} ({respondent}) är redan registrerat som {old}, arbetsboken säger {new}"),
    "S306.hint": ("run again with --overwrite to replace recorded answers",
                  "kör igen med --overwrite för att ersätta registrerade svar"),
    "S307": ("{key} ({respondent}): {old} replaced by {new}", "{key} ({respondent}): {old} ersätts av {new}"),
    "S308": ("the workbook is for plan '{plan}', not '{expected}'",
             "arbetsboken gäller planen '{plan}', inte '{expected}'"),
    "survey.written": ("{path}: {count} workbooks written", "{path}: {count} arbetsböcker skrivna"),
    "survey.import.summary": (
        "{workbooks} workbooks, {answers} answers: {new} new, {changed} changed, {same} unchanged",
        "{workbooks} arbetsböcker, {answers} svar: {new} nya, {changed} ändrade, {same} oförändrade"),
    "survey.exists": ("{path} exists ({count} of the workbooks do); they may hold answers: use another --out, "
                      "or --force to replace them",
                      "{path} finns redan ({count} av arbetsböckerna); de kan innehålla svar: välj en annan "
                      "--out, eller --force för att ersätta dem"),
    "survey.none": ("no .xlsx workbooks in {path}", "inga .xlsx-arbetsböcker i {path}"),
    "survey.no-questions": ("plan '{plan}' has no indicator or activity to ask about",
                            "planen '{plan}' har ingen indikator eller aktivitet att fråga om"),
    "survey.respondent-no-questions": (
        "the survey of '{plan}' asks {respondents} nothing: leave them out (-r), or they would be "
        "recorded as asked and never answer",
        "enkäten för '{plan}' frågar inte {respondents} något: utelämna dem (-r), annars räknas de "
        "som tillfrågade och svarar aldrig"),
    "survey.unknown-plan": ("unknown document '{plan}'", "okänt dokument '{plan}'"),
    "survey.not-a-plan": ("'{plan}' is not a plan ({kind})", "'{plan}' är ingen plan ({kind})"),
    "survey.year": ("year {year} is outside the plan's period {period}",
                    "året {year} ligger utanför planens period {period}"),
    "survey.respondent": ("unknown respondent '{respondent}' for {county}",
                          "okänd svarande '{respondent}' för {county}"),
    "S309": ("the follow-up of {year} lists nobody as asked ('asked:'): the workbooks were exported before "
             "mvkplan recorded them, or not yet",
             "uppföljningen för {year} anger inga tillfrågade ('asked:'): arbetsböckerna exporterades innan "
             "mvkplan antecknade dem, eller inte än"),
    "S309.hint": ("export the workbooks again (with --force into the same folder) to record who is asked, "
                  "or list them under 'asked:'",
                  "exportera arbetsböckerna igen (med --force till samma mapp) för att anteckna vilka som "
                  "tillfrågas, eller skriv dem under 'asked:'"),
    "survey.asked.recorded": ("{path}: who was sent a workbook is listed under 'asked:' ({count})",
                              "{path}: vilka som fått en arbetsbok står under 'asked:' ({count})"),
    "survey.export.refused": ("nothing written, no workbook either: fix the problems above and export again",
                              "inget skrivet, ingen arbetsbok heller: rätta problemen ovan och exportera igen"),
    "survey.status.head": ("{plan} {year}: {asked} sent a workbook, {answered} answered",
                           "{plan} {year}: {asked} har fått en arbetsbok, {answered} har svarat"),
    "survey.status.follow-up": ("follow-up: {path}", "uppföljning: {path}"),
    "survey.status.none": ("no follow-up for {year} yet: 'survey export' creates it and records who is asked",
                           "ingen uppföljning för {year} än: 'survey export' skapar den och antecknar vilka "
                           "som tillfrågas"),
    "survey.status.sent": ("workbook sent", "arbetsbok skickad"),
    "survey.status.not-sent": ("no workbook sent", "ingen arbetsbok skickad"),
    "survey.status.answered": ("answered", "har svarat"),
    "survey.status.silent": ("not answered", "har inte svarat"),
    "survey.status.blank": ("{blank} of {questions} questions blank:", "{blank} av {questions} frågor tomma:"),
    "survey.status.complete": ("every question answered", "alla frågor besvarade"),
    "survey.status.remind": ("To remind ({count}): {who}", "Att påminna ({count}): {who}"),
    "survey.status.nobody": ("Nobody to remind.", "Ingen att påminna."),
}


def register() -> None:
    """Add these messages to the shared table (idempotent)."""
    for key, value in MESSAGES.items():
        SHARED.setdefault(key, value)


register()
