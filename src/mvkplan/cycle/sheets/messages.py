"""Messages of ``export`` and ``import`` of plans as sheets, in English and Swedish.

T1xx the file, T2xx its cells, T3xx the plan and writing.

Registered into :data:`mvkplan.messages.i18n.MESSAGES` on import. A hostile workbook is refused
with the survey's S1xx codes, by the survey's own checks.
"""

from __future__ import annotations

from mvkplan.messages.i18n import MESSAGES as SHARED

MESSAGES: dict[str, tuple[str, str]] = {
    "T101": ("not a plan workbook from mvkplan: {detail}", "inte en planarbetsbok från mvkplan: {detail}"),
    "T101.hint": ("plans are read only from the workbooks 'mvkplan export' wrote (or their CSV)",
                  "planer läses bara från arbetsböcker som 'mvkplan export' har skrivit (eller deras CSV)"),
    "T102": ("sheet or area '{sheet}' is not one of the plan's areas",
             "bladet eller området '{sheet}' är inte ett av planens områden"),
    "T102.hint": ("keep the sheets (and the CSV's first column) as exported; areas are added in the YAML",
                  "behåll bladen (och CSV-filens första kolumn) som de exporterades; områden läggs till i YAML-filen"),
    "T103": ("the CSV file is not UTF-8 text", "CSV-filen är inte UTF-8-text"),
    "T103.hint": ("save it as 'CSV UTF-8 (comma delimited)'", "spara den som 'CSV UTF-8 (kommaavgränsad)'"),
    "T104": ("not a plan CSV from mvkplan: the first heading must be '{expected}'",
             "inte en plan-CSV från mvkplan: första rubriken ska vara '{expected}'"),
    "T105": ("the workbook holds {found}, the plan has {expected}",
             "arbetsboken innehåller {found}, planen har {expected}"),
    "T106": ("heading changed: expected '{expected}', found '{found}'",
             "rubriken har ändrats: väntade '{expected}', fann '{found}'"),
    "T106.hint": ("restore the headings as exported; a heading is changed in the plan's table_headings",
                  "återställ rubrikerna som de exporterades; en rubrik ändras i planens table_headings"),
    "T201": ("a formula is never read into a plan: {formula}", "en formel läses aldrig in i en plan: {formula}"),
    "T201.hint": ("type the text itself", "skriv in själva texten"),
    "T202": ("'{id}' cannot be an id: a new row needs an id without spaces or '/'",
             "'{id}' kan inte vara ett id: en ny rad behöver ett id utan mellanslag och '/'"),
    "T202.hint": ("the first column is the item's id; a row with a new id is a new goal or activity, "
                  "e.g. 'tidig-upptackt'",
                  "första kolumnen är postens id; en rad med ett nytt id är ett nytt mål eller en ny aktivitet, "
                  "t.ex. 'tidig-upptackt'"),
    "T203": ("item '{id}' appears twice (first in row {first})",
             "posten '{id}' finns två gånger (första på rad {first})"),
    "T204": ("item '{id}' of area '{area}' is missing from the file; nothing is deleted by an import",
             "posten '{id}' i området '{area}' saknas i filen; en inläsning tar aldrig bort något"),
    "T204.hint": ("put the row back as exported (delete the item in the YAML)",
                  "lägg tillbaka raden som den exporterades (ta bort posten i YAML-filen)"),
    "T205": ("column '{heading}' is derived from the plan and is not read back",
             "kolumnen '{heading}' härleds ur planen och läses inte tillbaka"),
    "T205.hint": ("change the indicators' frequency in the YAML; the id column names the row",
                  "ändra indikatorernas frekvens i YAML-filen; id-kolumnen anger raden"),
    "T206": ("'{heading}' and another column of the row change '{field}' differently",
             "'{heading}' och en annan kolumn på raden ändrar '{field}' olika"),
    "T206.hint": ("change the examples in one of the two columns", "ändra exemplen i en av de två kolumnerna"),
    "T207": ("a value outside the table's columns", "ett värde utanför tabellens kolumner"),
    "T207.hint": ("write only under the exported headings", "skriv bara under de exporterade rubrikerna"),
    "T301": ("cannot change the plan's file: {detail}", "kan inte ändra planens fil: {detail}"),
    "T302": ("no plan '{plan}' in this project", "ingen plan '{plan}' i projektet"),
    "T303": ("plan '{plan}' has no goal or activity tables to export",
             "planen '{plan}' har inga mål- eller aktivitetstabeller att exportera"),
    "T304": ("plan '{plan}' has both goal and activity tables; export supports one kind",
             "planen '{plan}' har både mål- och aktivitetstabeller; exporten hanterar ett slag"),
    "T305": ("the file is for plan '{found}', not '{plan}'", "filen gäller planen '{found}', inte '{plan}'"),
    "T306": ("cannot write {path}: {detail}", "kan inte skriva {path}: {detail}"),
    "T307": ("the plan's text cannot be stored in a workbook: {detail}",
             "planens text kan inte lagras i en arbetsbok: {detail}"),
    "T308": ("the plan would not validate after the import ({code} {message}); nothing written",
             "planen skulle inte bli giltig efter inläsningen ({code} {message}); inget skrivet"),
    "T309": ("cannot create plan '{plan}': the id or the file {path} exists",
             "kan inte skapa planen '{plan}': id:t eller filen {path} finns redan"),
    "sheets.refused": ("nothing written: fix the problems above and import again",
                       "inget skrivet: rätta problemen ovan och läs in igen"),
    "sheets.dry": ("dry run: nothing written", "provkörning: inget skrivet"),
    "sheets.wrote": ("wrote {path}", "skrev {path}"),
    "sheets.written": ("wrote {path} ({count} rows)", "skrev {path} ({count} rader)"),
    "sheets.same": ("{path}: no cell changed; the plan is unchanged",
                    "{path}: ingen cell ändrad; planen är oförändrad"),
    "sheets.summary": ("{cells} in {items} of {plan}", "{cells} i {items} i {plan}"),
}

SHARED.update(MESSAGES)
