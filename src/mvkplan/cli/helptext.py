"""Help texts in one language per run.

Typer's help strings are fixed when the commands are declared; this module rewrites them in
place, once, when the command line is parsed, into the language chosen by ``--lang`` (if given
on the command line), else ``MVKPLAN_LANG``, else the locale. A docstring whose first line
reads "svenska / english" is split at the slash; every other text is looked up in
:data:`TEXTS` by its declared wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import MethodType
from typing import Any

from typer.core import TyperGroup

# declared text → (English, Swedish)
TEXTS: dict[str, tuple[str, str]] = {
    # report, review, export/import, survey status, consultation, kolada fetch --kpi
    "html, md, json, pdf eller docx.": ("html, md, json, pdf or docx.", "html, md, json, pdf eller docx."),
    "Fil att skriva, '-' för standard ut (standard: build/ID-uppfoljning-ÅR.html, .md, .json, .pdf eller .docx).": (
        "File to write, '-' for standard output (default: build/ID-uppfoljning-YEAR.html, .md, .json, .pdf or .docx).",
        "Fil att skriva, '-' för standard ut (standard: build/ID-uppfoljning-ÅR.html, .md, .json, .pdf eller .docx)."),
    "Stämpla alla länkar / stamp every link to an item, also those never reviewed.": (
        "Stamp every link to an item, also those never reviewed.",
        "Stämpla alla länkar till en punkt, även de som aldrig granskats."),
    "Flytta länkar till ersatta planer / move links into superseded plans (asks first).": (
        "Move links into superseded plans (asks first).",
        "Flytta länkar till ersatta planer (frågar först)."),
    "Fråga inte / do not ask before moving links.": (
        "Do not ask before moving links.", "Fråga inte innan länkar flyttas."),
    "xlsx (a sheet per area) or csv (one file).": (
        "xlsx (a sheet per area) or csv (one file).", "xlsx (ett blad per område) eller csv (en fil)."),
    "File (default: build/tabeller/PLAN.xlsx|csv).": (
        "File (default: build/tabeller/PLAN.xlsx|csv).", "Fil (standard: build/tabeller/PLAN.xlsx|csv)."),
    "A workbook (.xlsx) or CSV written by 'export'.": (
        "A workbook (.xlsx) or CSV written by 'export'.",
        "En arbetsbok (.xlsx) eller CSV som 'export' har skrivit."),
    "The plan to update (default: the one the file names; for a CSV, its file name).": (
        "The plan to update (default: the one the file names; for a CSV, its file name).",
        "Planen som ska uppdateras (standard: den filen anger; för en CSV dess filnamn)."),
    "Write a new plan ID beside the plan the file was exported from, which stays as it is.": (
        "Write a new plan ID beside the plan the file was exported from, which stays as it is.",
        "Skriv en ny plan ID bredvid planen filen exporterades från, som lämnas som den är."),
    "Show the change to the YAML; write nothing.": (
        "Show the change to the YAML; write nothing.", "Visa ändringen i YAML-filen; skriv ingenting."),
    "text or csv.": ("text or csv.", "text eller csv."),
    "Consultation id, e.g. kalmar-2024-remiss.": (
        "Consultation id, e.g. kalmar-2024-remiss.", "Remissens id, t.ex. kalmar-2024-remiss."),
    "Body id (repeatable; default: every body).": (
        "Body id (repeatable; default: every body).",
        "Remissinstansens id (kan upprepas; standard: alla instanser)."),
    "Folder (default: build/remiss/ID).": ("Folder (default: build/remiss/ID).", "Mapp (standard: build/remiss/ID)."),
    "Refuse workbooks of other consultations.": (
        "Refuse workbooks of other consultations.", "Vägra arbetsböcker från andra remisser."),
    "Date the responses came in (default: today).": (
        "Date the responses came in (default: today).", "Dag då svaren kom in (standard: i dag)."),
    "Only this KPI: a Kolada id or a catalog entry's id or name (repeatable; default: all the plan's KPIs).": (
        "Only this KPI: a Kolada id or a catalog entry's id or name (repeatable; default: all the plan's KPIs).",
        "Bara detta nyckeltal: ett id i Kolada eller en katalogposts id eller namn (kan upprepas; "
        "standard: alla planens nyckeltal)."),
    "Show the version.": ("Show the version.", "Visa versionen."),
    "Output format.": ("Output format.", "Utdataformat."),
    "Include the shipped frameworks and catalogs.": (
        "Include the shipped frameworks and catalogs.", "Ta med de inbyggda ramverken och katalogerna."),
    "Språk för meddelanden / message language (default: locale).": (
        "Message language: sv or en (default: MVKPLAN_LANG, else the locale).",
        "Språk för meddelanden: sv eller en (standard: MVKPLAN_LANG, annars systemets språk)."),
    "regional-plan, local-plan, activity-plan, strategy or framework.": (
        "regional-plan, local-plan, activity-plan, strategy or framework.",
        "regional-plan, local-plan, activity-plan, strategy eller framework."),
    "The new document's id, e.g. vaxjo-2025.": (
        "The new document's id, e.g. vaxjo-2025.", "Det nya dokumentets id, t.ex. vaxjo-2025."),
    "Title of the document.": ("Title of the document.", "Dokumentets titel."),
    "County: id, code or name, e.g. kronoberg, 07.": (
        "County: id, code or name, e.g. kronoberg, 07.", "Län: id, länskod eller namn, t.ex. kronoberg, 07."),
    "Municipality (local plans): id, code or name, e.g. vaxjo.": (
        "Municipality (local plans): id, code or name, e.g. vaxjo.",
        "Kommun (lokala planer): id, kommunkod eller namn, t.ex. vaxjo."),
    "Start from this plan's goals (e.g. the county plan), each linked to it.": (
        "Start from this plan's goals (e.g. the county plan), each linked to it.",
        "Utgå från den här planens mål (t.ex. länets plan), vart och ett länkat dit."),
    "With --from: only these goals (repeatable; default: all).": (
        "With --from: only these goals (repeatable; default: all).",
        "Med --from: bara de här målen (kan upprepas; standard: alla)."),
    "First year of the period (default: the year in the id, else this year).": (
        "First year of the period (default: the year in the id, else this year).",
        "Periodens första år (standard: året i id:t, annars i år)."),
    "Do not make the folder a git repository with a first commit.": (
        "Do not make the folder a git repository with a first commit.",
        "Gör inte mappen till ett git-arkiv med en första commit."),
    "Folder to write to (default: plans/<county>).": (
        "Folder to write to (default: plans/<county>).", "Mapp att skriva till (standard: plans/<län>)."),
    "Dokument eller punkt, t.ex. kalmar-2024 eller kalmar-2024/forebygga.": (
        "Document or item, e.g. kalmar-2024 or kalmar-2024/forebygga.",
        "Dokument eller punkt, t.ex. kalmar-2024 eller kalmar-2024/forebygga."),
    "Export the whole repository's document graph.": (
        "Export the whole repository's document graph.", "Exportera hela arkivets dokumentgraf."),
    "Include links to catalogs (methods, indicator sources …).": (
        "Include links to catalogs (methods, indicator sources …).",
        "Ta med länkar till kataloger (metoder, indikatorkällor …)."),
    "Only documents of this county (repeatable), e.g. kalmar.": (
        "Only documents of this county (repeatable): id, code or name, e.g. kalmar, 08.",
        "Bara dokument från det här länet (kan upprepas): id, länskod eller namn, t.ex. kalmar, 08."),
    "Only this framework (repeatable), e.g. nationell-strategi.": (
        "Only this framework (repeatable), e.g. nationell-strategi.",
        "Bara det här ramverket (kan upprepas), t.ex. nationell-strategi."),
    "Filer eller mappar (standard: plans/ eller det som konfigurerats).": (
        "Files or folders (default: plans/ or what is configured).",
        "Filer eller mappar (standard: plans/ eller det som konfigurerats)."),
    "Exit 1 on warnings too, not only on errors.": (
        "Exit 1 on warnings too, not only on errors.", "Avsluta med 1 även vid varningar, inte bara vid fel."),
    "Run only these rules (codes, names or prefixes; replaces the configured 'select'). Repeat or "
    "separate with commas.": (
        "Run only these rules (codes, names or prefixes; replaces the configured 'select'). Repeat "
        "or separate with commas.",
        "Kör bara de här reglerna (koder, namn eller prefix; ersätter 'select' i konfigurationen). "
        "Upprepa eller skilj med kommatecken."),
    "Skip these rules too (added to the configured 'ignore').": (
        "Skip these rules too (added to the configured 'ignore').",
        "Hoppa över även de här reglerna (läggs till 'ignore' i konfigurationen)."),
    "Visa inte källraden under syntax- och schemafel / do not show the source line under syntax "
    "and schema errors.": (
        "Do not show the source line under syntax and schema errors.",
        "Visa inte källraden under syntax- och schemafel."),
    "Run only these lint rules (codes, names or prefixes).": (
        "Run only these lint rules (codes, names or prefixes).",
        "Kör bara de här granskningsreglerna (koder, namn eller prefix)."),
    "Skip these lint rules too.": ("Skip these lint rules too.", "Hoppa över även de här granskningsreglerna."),
    "A rule's code or name, to explain that rule.": (
        "A rule's code or name, to explain that rule.", "En regels kod eller namn, för att förklara regeln."),
    "Dokumentets id, t.ex. kalmar-2024.": ("The document's id, e.g. kalmar-2024.",
                                          "Dokumentets id, t.ex. kalmar-2024."),
    "html eller md.": ("html or md.", "html eller md."),
    "Fil att skriva, '-' för standard ut (standard: build/ID.html eller .md).": (
        "File to write, '-' for standard output (default: build/ID.html or .md).",
        "Fil att skriva, '-' för standard ut (standard: build/ID.html eller .md)."),
    "Mapp med mallar som ersätter de inbyggda / templates overriding the shipped ones.": (
        "Folder of templates overriding the shipped ones.",
        "Mapp med mallar som ersätter de inbyggda."),
    "Adress där webbplatsen från 'mvkplan build' publiceras; länkar till andra dokument pekar dit "
    "(standard: site-url i konfigurationen).": (
        "Address where the site from 'mvkplan build' is published; links to other documents point "
        "there (default: site-url in the configuration).",
        "Adress där webbplatsen från 'mvkplan build' publiceras; länkar till andra dokument pekar "
        "dit (standard: site-url i konfigurationen)."),
    "Publicera även dokument med fel; sidan visar en varning 'innehåller fel' / publish despite "
    "errors, with a banner.": (
        "Publish documents with errors too; the page then shows an 'innehåller fel' banner.",
        "Publicera även dokument med fel; sidan visar då en varning 'innehåller fel'."),
    "Publicera även utkast, märkta UTKAST / publish drafts too, marked UTKAST (standard: drafts "
    "i konfigurationen).": (
        "Publish drafts too, marked UTKAST (default: drafts in the configuration).",
        "Publicera även utkast, märkta UTKAST (standard: drafts i konfigurationen)."),
    "Mapp för webbplatsen (standard: site/ eller det som konfigurerats).": (
        "Folder for the site (default: site/ or what is configured).",
        "Mapp för webbplatsen (standard: site/ eller det som konfigurerats)."),
    "Mapp att skapa arkivet i / folder for the new repository (default: the current folder).": (
        "Folder for the new repository (default: the current folder).",
        "Mapp att skapa arkivet i (standard: den aktuella mappen)."),
    "Your county: id, code or name, e.g. kronoberg.": (
        "Your county: id, code or name, e.g. kronoberg.", "Ditt län: id, länskod eller namn, t.ex. kronoberg."),
    "Port on 127.0.0.1 (0: any free one).": ("Port on 127.0.0.1 (0: any free one).",
                                             "Port på 127.0.0.1 (0: valfri ledig)."),
    "Templates overriding the shipped ones.": ("Templates overriding the shipped ones.",
                                               "Mallar som ersätter de inbyggda."),
    "Write to this file instead of stdout.": ("Write to this file instead of standard output.",
                                              "Skriv till den här filen i stället för standard ut."),
    "Include example documents (example: true).": (
        "Include example documents (example: true).", "Ta med exempeldokument (example: true)."),
    "Dokumentet exakt som antaget, utan verktygets tillägg (länkar, kopplingar, citat, faktaruta) "
    "/ without the tool's additions (standard: plain i konfigurationen).": (
        "The document exactly as adopted, without the tool's additions (links, connections, "
        "quotes, fact box) (default: plain in the configuration).",
        "Dokumentet exakt som antaget, utan verktygets tillägg (länkar, kopplingar, citat, "
        "faktaruta) (standard: plain i konfigurationen)."),
    "Show this message and exit.": ("Show this message and exit.", "Visa den här hjälpen och avsluta."),
    # smoke test: options declared after the table was written (render, report, diff, survey, kolada)
    "Läs om alla filer / read every file again, ignoring .mvkplan_cache.": (
        "Read every file again, ignoring .mvkplan_cache.", "Läs om alla filer, utan .mvkplan_cache."),
    "Lägg en PDF bredvid varje dokuments sida / add a PDF beside every document page.": (
        "Add a PDF beside every document page.", "Lägg en PDF bredvid varje dokuments sida."),
    "html, md, pdf eller docx.": ("html, md, pdf or docx.", "html, md, pdf eller docx."),
    "Fil att skriva, '-' för standard ut (standard: build/ID.html, .md, .pdf eller .docx).": (
        "File to write, '-' for standard output (default: build/ID.html, .md, .pdf or .docx).",
        "Fil att skriva, '-' för standard ut (standard: build/ID.html, .md, .pdf eller .docx)."),
    "Planens id (eller en uppföljnings id), t.ex. kalmar-2024.": (
        "The plan's id (or a follow-up's id), e.g. kalmar-2024.",
        "Planens id (eller en uppföljnings id), t.ex. kalmar-2024."),
    "Uppföljningsåret (standard: det senaste).": (
        "The year followed up (default: the latest).", "Uppföljningsåret (standard: det senaste)."),
    "html, md eller json.": ("html, md or json.", "html, md eller json."),
    "Fil att skriva, '-' för standard ut (standard: build/ID-uppfoljning-ÅR.html, .md eller .json).": (
        "File to write, '-' for standard output (default: build/ID-uppfoljning-YEAR.html, .md or .json).",
        "Fil att skriva, '-' för standard ut (standard: build/ID-uppfoljning-ÅR.html, .md eller .json)."),
    "Dokumentet att jämföra från (t.ex. kalmar-2021), eller dokumentet att följa med --rev.": (
        "The document to compare from (e.g. kalmar-2021), or the document to follow with --rev.",
        "Dokumentet att jämföra från (t.ex. kalmar-2021), eller dokumentet att följa med --rev."),
    "Dokumentet att jämföra med (t.ex. kalmar-2024).": (
        "The document to compare with (e.g. kalmar-2024).", "Dokumentet att jämföra med (t.ex. kalmar-2024)."),
    "Git-revision: REV jämför REV med arbetskopian, REV..REV två revisioner.": (
        "Git revision: REV compares REV with the working copy, REV..REV two revisions.",
        "Git-revision: REV jämför REV med arbetskopian, REV..REV två revisioner."),
    "text, md, html eller json.": ("text, md, html or json.", "text, md, html eller json."),
    "Fil att skriva (standard: standard ut).": (
        "File to write (default: standard output).", "Fil att skriva (standard: standard ut)."),
    "Write to this file (or folder, ending in '/') instead of stdout; '-' is stdout.": (
        "Write to this file (or folder, ending in '/') instead of standard output; '-' is "
        "standard output.",
        "Skriv till den här filen (eller mappen, som slutar med '/') i stället för standard ut; "
        "'-' är standard ut."),
    "Plan id, e.g. kalmar-2024.": ("Plan id, e.g. kalmar-2024.", "Planens id, t.ex. kalmar-2024."),
    "The year followed up.": ("The year followed up.", "Uppföljningsåret."),
    "Respondent id (repeatable; default: every municipality of the county).": (
        "Respondent id (repeatable; default: every municipality of the county).",
        "Den svarandes id (kan upprepas; standard: länets alla kommuner)."),
    "Folder (default: build/enkat/PLAN-YEAR).": (
        "Folder (default: build/enkat/PLAN-YEAR).", "Mapp (standard: build/enkat/PLAN-ÅR)."),
    "Replace workbooks already in the folder.": (
        "Replace workbooks already in the folder.", "Ersätt arbetsböcker som redan finns i mappen."),
    "Returned workbooks, or folders of them.": (
        "Returned workbooks, or folders of them.", "Ifyllda arbetsböcker, eller mappar med dem."),
    "Refuse workbooks for other plans.": ("Refuse workbooks for other plans.",
                                          "Avvisa arbetsböcker för andra planer."),
    "Refuse workbooks for other years.": ("Refuse workbooks for other years.",
                                          "Avvisa arbetsböcker för andra år."),
    "Show what would change; write nothing.": ("Show what would change; write nothing.",
                                               "Visa vad som skulle ändras; skriv ingenting."),
    "Replace answers already recorded (listed).": (
        "Replace answers already recorded (listed).", "Ersätt svar som redan registrerats (listas)."),
    "Saved Kolada API responses (JSON), or folders of them.": (
        "Saved Kolada API responses (JSON), or folders of them.",
        "Sparade svar från Koladas API (JSON), eller mappar med dem."),
    "Only this plan (default: every plan with a county).": (
        "Only this plan (default: every plan with a county).",
        "Bara den här planen (standard: varje plan med ett län)."),
    "Only these years (repeatable).": ("Only these years (repeatable).", "Bara de här åren (kan upprepas)."),
    "Replace values already recorded (listed).": (
        "Replace values already recorded (listed).", "Ersätt värden som redan registrerats (listas)."),
    "Year(s) to fetch (repeatable).": ("Year(s) to fetch (repeatable).", "År att hämta (kan upprepas)."),
    "Also save the responses (JSON) in this folder.": (
        "Also save the responses (JSON) in this folder.", "Spara även svaren (JSON) i den här mappen."),
    "API base URL.": ("API base URL.", "API:ets bas-URL."),
    "Seconds per request.": ("Seconds per request.", "Sekunder per anrop."),
    "Retries of a failed request.": ("Retries of a failed request.", "Nya försök efter ett misslyckat anrop."),
}

# Paragraphs of command docstrings after the bilingual first line: English → Swedish.
PARAGRAPHS: dict[str, str] = {
    "Action plans against men's violence against women as data: validate, lint, link, publish.": "",
    "Exit 0 when clean, 1 when problems are found, 2 on usage, configuration or I/O errors.":
        "Avslutar med 0 när allt är rätt, 1 när problem hittas, 2 vid fel i användning, "
        "konfiguration eller in- och utmatning.",
    "Exit 0 when no error remains (no warning either with --strict), 1 otherwise, 2 on usage, "
    "configuration or I/O errors. 'mvkplan rules' lists the rules.":
        "Avslutar med 0 när inget fel återstår (med --strict inte heller någon varning), annars 1, "
        "och 2 vid fel i användning, konfiguration eller in- och utmatning. 'mvkplan rules' listar "
        "reglerna.",
    "One report and one exit code: 0 when no error remains (no warning either with --strict), "
    "1 otherwise, 2 on usage, configuration or I/O errors.":
        "En rapport och en slutkod: 0 när inget fel återstår (med --strict inte heller någon "
        "varning), annars 1, och 2 vid fel i användning, konfiguration eller in- och utmatning.",
    "A document with errors is refused (exit 1, nothing written) unless --force is given.":
        "Ett dokument med fel publiceras inte (slutkod 1, inget skrivs) utan --force.",
    "Documents with errors stop the build (exit 1, nothing written) unless --force is given.":
        "Dokument med fel stoppar bygget (slutkod 1, inget skrivs) utan --force.",
    "Writes mvkplan.toml, plans/, the editor schema, .pre-commit-config.yaml, a GitHub Actions "
    "workflow running 'mvkplan check' and a README for the coordinator. Existing files are "
    "never overwritten: if any is there already, nothing is written (exit 2).":
        "Skriver mvkplan.toml, plans/, schemat för redigeraren, .pre-commit-config.yaml, ett "
        "GitHub Actions-flöde som kör 'mvkplan check' och en README för samordnaren. Befintliga "
        "filer skrivs aldrig över: finns någon redan skrivs ingenting (slutkod 2).",
    "Builds the site into a temporary folder, serves it on http://127.0.0.1:PORT/ and rebuilds "
    "on every save of a plan, the configuration or a template. Errors are shown at the top of "
    "every page. Stop with Ctrl+C.":
        "Bygger webbplatsen i en tillfällig mapp, visar den på http://127.0.0.1:PORT/ och bygger "
        "om varje gång en plan, konfigurationen eller en mall sparas. Felen visas överst på varje "
        "sida. Avsluta med Ctrl+C.",
}


def help_language(args: Sequence[str]) -> str:
    """``--lang`` from the command line, else the environment and the locale."""
    from mvkplan.messages.i18n import detect_language

    for number, arg in enumerate(args):
        if arg == "--lang" and number + 1 < len(args):
            return detect_language(args[number + 1])
        if arg.startswith("--lang="):
            return detect_language(arg.split("=", 1)[1])
    return detect_language()


def _paragraph_keys() -> dict[str, str]:
    """Declared English help paragraph → its key among the command line's own messages."""
    from mvkplan.messages.cliwords import MESSAGES as CLI_WORDS

    return {english: key for key, (english, _) in CLI_WORDS.items() if key.startswith("help.")}


def _paragraph(flat: str, paragraph: str, language: str) -> str | None:
    """A paragraph after a command's first line in ``language`` (None: leave it out)."""
    from mvkplan.messages.i18n import MESSAGES

    key = _paragraph_keys().get(flat)
    if key is not None:
        english, swedish = MESSAGES[key]
        return swedish if language == "sv" else english
    if flat in PARAGRAPHS:
        if not PARAGRAPHS[flat]:
            return None
        return PARAGRAPHS[flat] if language == "sv" else paragraph
    return paragraph


def translate(text: str, language: str) -> str:
    """One declared help text in ``language``."""
    if text in TEXTS:
        english, swedish = TEXTS[text]
        return swedish if language == "sv" else english
    paragraphs = text.split("\n\n")
    first = paragraphs[0]
    if " / " in first:
        swedish, english = first.split(" / ", 1)
        first = swedish if language == "sv" else english[:1].upper() + english[1:]
    elif first.startswith("Handlingsplaner mot") and language != "sv":
        first = paragraphs[1] if len(paragraphs) > 1 else first
    rest = []
    for paragraph in paragraphs[1:]:
        said = _paragraph(" ".join(paragraph.split()), paragraph, language)
        if said is not None:
            rest.append(said)
    return "\n\n".join([first, *rest])


def localize(command: Any, language: str) -> None:
    """Rewrite the help of ``command``, its parameters and its subcommands in place, and have
    its help page printed in our words (:mod:`mvkplan.cli.helpformat`)."""
    command.format_help = MethodType(_format_help, command)
    if getattr(command, "help", None):
        command.help = translate(command.help, language)
    if getattr(command, "short_help", None):
        command.short_help = translate(command.short_help, language)
    for param in getattr(command, "params", []):
        if getattr(param, "help", None):
            param.help = translate(param.help, language)
    original = getattr(command, "get_help_option", None)
    if original is not None:
        def help_option(ctx: Any, original: Any = original) -> Any:
            option = original(ctx)
            if option is not None and getattr(option, "help", None):
                option.help = translate(option.help, language)
            return option

        command.get_help_option = help_option
    for sub in getattr(command, "commands", {}).values():
        localize(sub, language)


def _format_help(command: Any, ctx: Any, formatter: Any) -> None:
    """A command's ``format_help``: the page is printed in the user's language (nothing is
    left in ``formatter``, as with Typer's own rich help)."""
    from mvkplan.cli.helpformat import print_help

    print_help(command, ctx)


class LocalizedGroup(TyperGroup):
    """The root command: localizes every help text once, before parsing, and words the
    command line's own errors in the same language."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None,
                     **extra: Any) -> Any:
        """Pick the language from the arguments, translate, then parse as usual."""
        if parent is None and not getattr(self, "_localized", False):
            from mvkplan.messages.i18n import set_language

            language = help_language(args)
            set_language(language)
            localize(self, language)
            self._localized = True
        return super().make_context(info_name, args, parent=parent, **extra)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        """Run the command line; a mistake in it is printed by us (exit 2), not by the library.

        The library runs in its non-standalone mode, which hands its errors to the caller
        instead of printing them, and returns the exit code a command asked for.
        """
        import sys

        from typer import Abort
        from typer._click.exceptions import ClickException, UsageError

        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False,
                                windows_expand_args=windows_expand_args, **extra)
        given = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(given, prog_name, complete_var, standalone_mode=False,
                                windows_expand_args=windows_expand_args, **extra)
        except UsageError as error:
            from mvkplan.cli.usage import print_usage_error

            if type(error).__name__ != "NoArgsIsHelpError":  # the help is printed already
                print_usage_error(error, given)
            sys.exit(error.exit_code)
        except Abort:
            from mvkplan.messages.i18n import t

            print(t("cli.aborted"), file=sys.stderr)
            sys.exit(1)
        except ClickException as error:  # e.g. a file the library could not open
            from mvkplan.cli.usage import print_usage_error

            print_usage_error(error, given)
            sys.exit(error.exit_code)
        sys.exit(code if isinstance(code, int) else 0)
