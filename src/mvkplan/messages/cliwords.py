"""The command line's own words: help layout, option errors, I/O errors and help paragraphs.

Merged into :data:`mvkplan.messages.i18n.MESSAGES`; key → (English, Swedish). The help and
errors of the command-line library (Typer, with the Click it carries) are printed by
:mod:`mvkplan.cli.helpformat` and :mod:`mvkplan.cli.usage` in these words instead of its own.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # help layout
    "cli.usage": ("Usage:", "Användning:"),
    "cli.usage.options": ("[OPTIONS]", "[FLAGGOR]"),
    "cli.usage.command": ("COMMAND [ARGS]...", "KOMMANDO [ARGUMENT]..."),
    "cli.panel.arguments": ("Arguments", "Argument"),
    "cli.panel.options": ("Options", "Flaggor"),
    "cli.panel.commands": ("Commands", "Kommandon"),
    "cli.default": ("[default: {value}]", "[standard: {value}]"),
    "cli.required": ("[required]", "[krävs]"),
    "cli.try": ("Try '{command} {option}' for help.", "Se '{command} {option}' för hjälp."),
    "cli.error": ("Error", "Fel"),
    "cli.aborted": ("Aborted.", "Avbrutet."),
    "cli.or": ("{first} or {last}", "{first} eller {last}"),
    # the value an option takes, shown beside it in the help
    "cli.type.int": ("NUMBER", "TAL"),
    "cli.type.float": ("NUMBER", "TAL"),
    "cli.type.path": ("PATH", "SÖKVÄG"),
    "cli.type.text": ("TEXT", "TEXT"),
    "cli.type.date": ("DATE", "DATUM"),
    # argument names, as the usage line and the help show them
    "cli.arg.paths": ("[PATHS]...", "[SÖKVÄGAR]..."),
    "cli.arg.files": ("FILES...", "FILER..."),
    "cli.arg.file": ("FILE", "FIL"),
    "cli.arg.document": ("DOCUMENT", "DOKUMENT"),
    "cli.arg.plan": ("PLAN", "PLAN"),
    "cli.arg.ref": ("[REFERENCE]", "[REFERENS]"),
    "cli.arg.rule": ("[RULE]", "[REGEL]"),
    "cli.arg.old": ("OLD", "GAMMAL"),
    "cli.arg.new": ("[NEW]", "[NY]"),
    "cli.arg.kind": ("KIND", "TYP"),
    "cli.arg.document_id": ("ID", "ID"),
    "cli.arg.folder": ("[FOLDER]", "[MAPP]"),
    "cli.arg.consultation": ("CONSULTATION", "REMISS"),
    # option errors (exit 2)
    "cli.no_such_option": ("no such option: {option}", "okänd flagga: {option}"),
    "cli.no_such_command": ("no such command: '{name}'", "okänt kommando: '{name}'"),
    "cli.did_you_mean": ("did you mean {names}?", "menade du {names}?"),
    "cli.commands_are": ("the commands are {names}", "kommandona är {names}"),
    "cli.lang_where": (
        "--lang goes before the command or after it: 'mvkplan --lang sv {command} …' or "
        "'mvkplan {command} … --lang sv'",
        "--lang står före kommandot eller efter det: 'mvkplan --lang sv {command} …' eller "
        "'mvkplan {command} … --lang sv'"),
    "cli.missing_argument": ("missing argument {name}", "argumentet {name} saknas"),
    "cli.missing_option": ("missing option {name}", "flaggan {name} saknas"),
    "cli.missing_command": ("missing command; the commands are {names}",
                            "kommando saknas; kommandona är {names}"),
    "cli.requires_value": ("option {option} needs a value", "flaggan {option} behöver ett värde"),
    "cli.takes_no_value": ("option {option} takes no value", "flaggan {option} tar inget värde"),
    "cli.extra_arguments": ("unexpected argument(s): {arguments}", "oväntade argument: {arguments}"),
    "cli.invalid_value": ("invalid value for {option}: '{value}'", "ogiltigt värde för {option}: '{value}'"),
    "cli.invalid_value_of": ("invalid value for {option}", "ogiltigt värde för {option}"),
    "cli.expect.choice": ("choose {choices}", "välj {choices}"),
    "cli.expect.int": ("write a whole number", "skriv ett heltal"),
    "cli.expect.int_range": ("write a whole number from {low} to {high}",
                             "skriv ett heltal från {low} till {high}"),
    "cli.expect.float": ("write a number", "skriv ett tal"),
    "cli.expect.date": ("write a date as YYYY-MM-DD", "skriv ett datum som ÅÅÅÅ-MM-DD"),
    "cli.expect.path": ("cannot use this path", "sökvägen kan inte användas"),
    "cli.usage_error": ("the command line cannot be read: {detail}",
                        "kommandoraden kan inte läsas: {detail}"),
    # I/O errors: the common errno values in our words (else the system's text)
    "os.ENOENT": ("no such file or folder", "filen eller mappen finns inte"),
    "os.EACCES": ("permission denied", "behörighet saknas"),
    "os.EPERM": ("operation not permitted", "åtgärden är inte tillåten"),
    "os.EISDIR": ("is a folder, not a file", "är en mapp, inte en fil"),
    "os.ENOTDIR": ("a part of the path is not a folder", "en del av sökvägen är inte en mapp"),
    "os.ENOSPC": ("no space left on the device", "det finns inget utrymme kvar på enheten"),
    "os.EROFS": ("the file system is read-only", "filsystemet är skrivskyddat"),
    "os.EEXIST": ("already exists", "finns redan"),
    "os.ENOTEMPTY": ("the folder is not empty", "mappen är inte tom"),
    "os.ENAMETOOLONG": ("the name is too long", "namnet är för långt"),
    "os.EDQUOT": ("the disk quota is used up", "diskkvoten är slut"),
    "os.EMFILE": ("too many open files", "för många öppna filer"),
    "os.EXDEV": ("cannot move across file systems", "kan inte flytta mellan filsystem"),
    "os.EBUSY": ("the file or device is busy", "filen eller enheten är upptagen"),
    "os.EIO": ("input/output error", "in- eller utmatningsfel"),
    # paragraphs of command help after the first line (matched by their English text)
    "help.build.rules": (
        "Documents with errors stop the build (exit 1, nothing written) unless --force is given. "
        "Published are adopted and superseded documents; drafts only with --drafts (marked "
        "UTKAST); a document with lint errors (placeholders, for one) is left out, and named on "
        "stderr, unless --force is given.",
        "Dokument med fel stoppar bygget (slutkod 1, inget skrivs) utan --force. Antagna och "
        "ersatta dokument publiceras; utkast bara med --drafts (märkta UTKAST); ett dokument med "
        "granskningsfel (till exempel platshållare) utelämnas, och nämns på standard fel, utan "
        "--force."),
    "help.review.what": (
        "Writes the fingerprint of each suspect link's target as it reads now beside the link "
        "(nothing else in the file changes); --all stamps every link to an item. Links into a "
        "plan that a newer one supersedes are listed with the newer plan's matching goal; "
        "--retarget moves them after a question (--yes answers it). All files or none are "
        "written. Exit 0 when no link is left suspect or in a superseded plan, 1 otherwise, 2 on "
        "usage errors.",
        "Skriver fingeravtrycket av varje misstänkt länks mål, som det lyder nu, bredvid länken "
        "(inget annat i filen ändras); --all stämplar alla länkar till en punkt. Länkar till en "
        "plan som en nyare plan ersätter listas med den nyare planens motsvarande mål; "
        "--retarget flyttar dem efter en fråga (--yes besvarar den). Alla filer skrivs, eller "
        "ingen. Avslutar med 0 när ingen länk är misstänkt eller pekar in i en ersatt plan, "
        "annars 1, och 2 vid fel i användningen."),
    "help.export.what": (
        "A sheet per area (in CSV the area's id in the first column), a row per goal or "
        "activity, the printed columns under the plan's headings, then the structured items. "
        "Exit 0, 2 on usage or I/O errors.",
        "Ett blad per område (i CSV områdets id i första kolumnen), en rad per mål eller "
        "aktivitet, de tryckta kolumnerna under planens rubriker och sedan de strukturerade "
        "posterna. Avslutar med 0, och 2 vid fel i användning eller in- och utmatning."),
    "help.import.what": (
        "Only the changed cells are written, at their place in the YAML (comments and "
        "formatting kept); a row with a new id is a new goal or activity; with --new the result "
        "is a new plan beside the old one. The plan is validated before writing; all or "
        "nothing. Exit 0, 1 on problems, 2 on usage or I/O errors.",
        "Bara de ändrade cellerna skrivs, på sin plats i YAML-filen (kommentarer och formatering "
        "behålls); en rad med ett nytt id blir ett nytt mål eller en ny aktivitet; med --new blir "
        "resultatet en ny plan bredvid den gamla. Planen valideras innan något skrivs; allt "
        "eller inget. Avslutar med 0, 1 vid problem, 2 vid fel i användning eller in- och "
        "utmatning."),
    "help.init.what": (
        "Writes mvkplan.toml, plans/, the editor schema, .pre-commit-config.yaml, a GitHub "
        "Actions workflow running 'mvkplan check' and a README for the coordinator, whose "
        "install line is where this mvkplan was installed from ('install' in mvkplan.toml), "
        "then makes the folder a git repository with a first commit (unless --no-git, or it is "
        "inside one already). Existing files are never overwritten: if any is there already, "
        "nothing is written (exit 2).",
        "Skriver mvkplan.toml, plans/, schemat för redigeraren, .pre-commit-config.yaml, ett "
        "GitHub-flöde som kör 'mvkplan check' och en README för samordnaren, vars "
        "installationsrad är den som det här mvkplan installerades från ('install' i "
        "mvkplan.toml), och gör sedan mappen till ett git-arkiv med en första commit (utom med "
        "--no-git, eller när mappen redan ligger i ett). Befintliga filer skrivs aldrig över: "
        "finns någon redan skrivs ingenting (slutkod 2)."),
    "help.survey.export.what": (
        "Records the respondents in the follow-up's 'asked:' list (created when there is none) "
        "before any workbook is written; if the follow-up cannot take it, nothing is written.",
        "Antecknar de svarande i uppföljningens lista 'asked:' (som skapas om den saknas) innan "
        "någon arbetsbok skrivs; går det inte att anteckna dem i uppföljningen skrivs ingenting."),
    "help.survey.import.what": (
        "All or nothing: if any workbook has an error, no follow-up is written. Exit 0 when "
        "recorded (or, with --dry-run, when it could be), 1 on problems, 2 on usage errors.",
        "Allt eller inget: har någon arbetsbok ett fel skrivs ingen uppföljning. Avslutar med 0 "
        "när svaren registrerats (eller, med --dry-run, kan registreras), 1 vid problem, 2 vid "
        "fel i användningen."),
    "help.survey.status.what": (
        "Per respondent: workbook sent ('asked:' in the follow-up), answered, the questions left "
        "blank; then those to remind (sent a workbook, not answered). Exit 0, 2 on usage errors.",
        "Per svarande: arbetsbok skickad ('asked:' i uppföljningen), besvarad, de frågor som "
        "lämnats tomma; sedan de som ska påminnas (fått en arbetsbok, inte svarat). Avslutar med "
        "0, och 2 vid fel i användningen."),
    "help.consultation.export.what": (
        "A row for the plan as a whole, then one per section and per goal of the draft; only "
        "the point and proposal cells can be edited, and the workbook's identity is signed. "
        "Exit 0, 2 on usage errors (nothing written).",
        "En rad för planen som helhet, sedan en per avsnitt och per mål i förslaget; bara "
        "cellerna för synpunkt och förslag kan ändras, och arbetsbokens identitet är signerad. "
        "Avslutar med 0, och 2 vid fel i användningen (inget skrivs)."),
    "help.consultation.import.what": (
        "All or nothing: if any workbook has an error, the consultation is not written. Each "
        "point becomes a response without a decision (lint reports it until one is written). "
        "Exit 0 when recorded (or, with --dry-run, when it could be), 1 on problems, 2 on usage "
        "errors.",
        "Allt eller inget: har någon arbetsbok ett fel skrivs inte remissen. Varje synpunkt blir "
        "ett remissvar utan beslut (lint påpekar det tills ett beslut skrivits). Avslutar med 0 "
        "när svaren registrerats (eller, med --dry-run, kan registreras), 1 vid problem, 2 vid "
        "fel i användningen."),
    "help.kolada.import.what": (
        "All or nothing, like 'survey import'. Exit 0 when recorded, 1 on problems, 2 on usage "
        "errors.",
        "Allt eller inget, som 'survey import'. Avslutar med 0 när värdena registrerats, 1 vid "
        "problem, 2 vid fel i användningen."),
}
