"""Help texts in one language per run.

Typer's help strings are fixed when the commands are declared; this module rewrites them in
place, once, when the command line is parsed, into the language chosen by ``--lang`` (if given
on the command line), else ``MVKPLAN_LANG``, else the locale. A docstring whose first line
reads "svenska / english" is split at the slash; every other text is looked up in the
catalogs by its declared wording (msgid ``help:`` + the text, listed in :data:`TEXTS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from types import MethodType
from typing import Any

from typer.core import TyperGroup

from mvkplan.messages.i18n import N_
from mvkplan.messages.translations import keys as catalog_keys
from mvkplan.messages.translations import translations

HELP = "help:"
"""The namespace of help texts in the catalogs."""

# Declared help texts looked up by their wording; the words are in the catalogs, msgid
# 'help:' + the declared text (see mvkplan/messages/locale).
TEXTS = frozenset(key.removeprefix(HELP) for key in (
    N_("help:html, md, json, pdf eller docx."),
    N_("help:Fil att skriva, '-' för standard ut (standard: build/ID-uppfoljning-ÅR.html, .md, .json, "
       ".pdf eller .docx)."),
    N_("help:Stämpla alla länkar / stamp every link to an item, also those never reviewed."),
    N_("help:Flytta länkar till ersatta planer / move links into superseded plans (asks first)."),
    N_("help:Fråga inte / do not ask before moving links."),
    N_("help:xlsx (a sheet per area) or csv (one file)."),
    N_("help:File (default: build/tabeller/PLAN.xlsx|csv)."),
    N_("help:A workbook (.xlsx) or CSV written by 'export'."),
    N_("help:The plan to update (default: the one the file names; for a CSV, its file name)."),
    N_("help:Write a new plan ID beside the plan the file was exported from, which stays as it is."),
    N_("help:Show the change to the YAML; write nothing."),
    N_("help:text or csv."),
    N_("help:Consultation id, e.g. kalmar-2024-remiss."),
    N_("help:Body id (repeatable; default: every body)."),
    N_("help:Folder (default: build/remiss/ID)."),
    N_("help:Refuse workbooks of other consultations."),
    N_("help:Date the responses came in (default: today)."),
    N_("help:Only this KPI: a Kolada id or a catalog entry's id or name (repeatable; default: all the "
       "plan's KPIs)."),
    N_("help:Show the version."),
    N_("help:Output format."),
    N_("help:Include the shipped frameworks and catalogs."),
    N_("help:Språk för meddelanden / message language (default: locale)."),
    N_("help:regional-plan, local-plan, activity-plan, strategy or framework."),
    N_("help:The new document's id, e.g. vaxjo-2025."),
    N_("help:Title of the document."),
    N_("help:County: id, code or name, e.g. kronoberg, 07."),
    N_("help:Municipality (local plans): id, code or name, e.g. vaxjo."),
    N_("help:Start from this plan's goals (e.g. the county plan), each linked to it."),
    N_("help:With --from: only these goals (repeatable; default: all)."),
    N_("help:First year of the period (default: the year in the id, else this year)."),
    N_("help:Do not make the folder a git repository with a first commit."),
    N_("help:Folder to write to (default: plans/<county>)."),
    N_("help:Dokument eller punkt, t.ex. kalmar-2024 eller kalmar-2024/forebygga."),
    N_("help:Export the whole repository's document graph."),
    N_("help:Include links to catalogs (methods, indicator sources …)."),
    N_("help:Only documents of this county (repeatable), e.g. kalmar."),
    N_("help:Only this framework (repeatable), e.g. nationell-strategi."),
    N_("help:Filer eller mappar (standard: plans/ eller det som konfigurerats)."),
    N_("help:Exit 1 on warnings too, not only on errors."),
    N_("help:Run only these rules (codes, names or prefixes; replaces the configured 'select'). Repeat "
       "or separate with commas."),
    N_("help:Skip these rules too (added to the configured 'ignore')."),
    N_("help:Visa inte källraden under syntax- och schemafel / do not show the source line under syntax "
       "and schema errors."),
    N_("help:Run only these lint rules (codes, names or prefixes)."),
    N_("help:Skip these lint rules too."),
    N_("help:A rule's code or name, to explain that rule."),
    N_("help:Dokumentets id, t.ex. kalmar-2024."),
    N_("help:html eller md."),
    N_("help:Fil att skriva, '-' för standard ut (standard: build/ID.html eller .md)."),
    N_("help:Mapp med mallar som ersätter de inbyggda / templates overriding the shipped ones."),
    N_("help:Adress där webbplatsen från 'mvkplan build' publiceras; länkar till andra dokument pekar "
       "dit (standard: site-url i konfigurationen)."),
    N_("help:Publicera även dokument med fel; sidan visar en varning 'innehåller fel' / publish despite "
       "errors, with a banner."),
    N_("help:Publicera även utkast, märkta UTKAST / publish drafts too, marked UTKAST (standard: drafts "
       "i konfigurationen)."),
    N_("help:Mapp för webbplatsen (standard: site/ eller det som konfigurerats)."),
    N_("help:Mapp att skapa arkivet i / folder for the new repository (default: the current folder)."),
    N_("help:Your county: id, code or name, e.g. kronoberg."),
    N_("help:Port on 127.0.0.1 (0: any free one)."),
    N_("help:Templates overriding the shipped ones."),
    N_("help:Write to this file instead of stdout."),
    N_("help:Include example documents (example: true)."),
    N_("help:Dokumentet exakt som antaget, utan verktygets tillägg (länkar, kopplingar, citat, "
       "faktaruta) / without the tool's additions (standard: plain i konfigurationen)."),
    N_("help:Show this message and exit."),
    N_("help:Läs om alla filer / read every file again, ignoring .mvkplan_cache."),
    N_("help:Lägg en PDF bredvid varje dokuments sida / add a PDF beside every document page."),
    N_("help:html, md, pdf eller docx."),
    N_("help:Fil att skriva, '-' för standard ut (standard: build/ID.html, .md, .pdf eller .docx)."),
    N_("help:Planens id (eller en uppföljnings id), t.ex. kalmar-2024."),
    N_("help:Uppföljningsåret (standard: det senaste)."),
    N_("help:html, md eller json."),
    N_("help:Fil att skriva, '-' för standard ut (standard: build/ID-uppfoljning-ÅR.html, .md eller .json)."),
    N_("help:Dokumentet att jämföra från (t.ex. kalmar-2021), eller dokumentet att följa med --rev."),
    N_("help:Dokumentet att jämföra med (t.ex. kalmar-2024)."),
    N_("help:Git-revision: REV jämför REV med arbetskopian, REV..REV två revisioner."),
    N_("help:text, md, html eller json."),
    N_("help:Fil att skriva (standard: standard ut)."),
    N_("help:Write to this file (or folder, ending in '/') instead of stdout; '-' is stdout."),
    N_("help:Plan id, e.g. kalmar-2024."),
    N_("help:The year followed up."),
    N_("help:Respondent id (repeatable; default: every municipality of the county)."),
    N_("help:Folder (default: build/enkat/PLAN-YEAR)."),
    N_("help:Replace workbooks already in the folder."),
    N_("help:Returned workbooks, or folders of them."),
    N_("help:Refuse workbooks for other plans."),
    N_("help:Refuse workbooks for other years."),
    N_("help:Show what would change; write nothing."),
    N_("help:Replace answers already recorded (listed)."),
    N_("help:Saved Kolada API responses (JSON), or folders of them."),
    N_("help:Only this plan (default: every plan with a county)."),
    N_("help:Only these years (repeatable)."),
    N_("help:Replace values already recorded (listed)."),
    N_("help:Year(s) to fetch (repeatable)."),
    N_("help:Also save the responses (JSON) in this folder."),
    N_("help:API base URL."),
    N_("help:Seconds per request."),
    N_("help:Retries of a failed request."),
))

# Paragraphs of command docstrings after the bilingual first line, by their English wording
# (msgid 'help:' + the paragraph, white space collapsed): shown in English as written.
PARAGRAPHS = frozenset(key.removeprefix(HELP) for key in (
    N_("help:Exit 0 when clean, 1 when problems are found, 2 on usage, configuration or I/O errors."),
    N_("help:Exit 0 when no error remains (no warning either with --strict), 1 otherwise, 2 on usage, "
       "configuration or I/O errors. 'mvkplan rules' lists the rules."),
    N_("help:One report and one exit code: 0 when no error remains (no warning either with --strict), 1 "
       "otherwise, 2 on usage, configuration or I/O errors."),
    N_("help:A document with errors is refused (exit 1, nothing written) unless --force is given."),
    N_("help:Documents with errors stop the build (exit 1, nothing written) unless --force is given."),
    N_("help:Writes mvkplan.toml, plans/, the editor schema, .pre-commit-config.yaml, a GitHub Actions "
       "workflow running 'mvkplan check' and a README for the coordinator. Existing files are never "
       "overwritten: if any is there already, nothing is written (exit 2)."),
    N_("help:Builds the site into a temporary folder, serves it on http://127.0.0.1:PORT/ and rebuilds "
       "on every save of a plan, the configuration or a template. Errors are shown at the top of every "
       "page. Stop with Ctrl+C."),
))
DROPPED = frozenset({
    "Action plans against men's violence against women as data: validate, lint, link, publish.",
})
"""Paragraphs left out in both languages (the root's English tagline)."""


def help_language(args: Sequence[str]) -> str:
    """``--lang`` from the command line, else the project's ``lang``, else the environment and
    the locale (the order the commands follow)."""
    from mvkplan.messages.i18n import asked_language, detect_language
    from mvkplan.project.configfile import configured_language

    return detect_language(asked_language(args) or configured_language())


@cache
def _paragraph_keys() -> dict[str, str]:
    """Declared English help paragraph → its key (``help.*``) in the catalogs."""
    english = translations("en")
    return {english.gettext(key): key for key in catalog_keys("en") if key.startswith("help.")}


def _paragraph(flat: str, paragraph: str, language: str) -> str | None:
    """A paragraph after a command's first line in ``language`` (None: leave it out)."""
    key = _paragraph_keys().get(flat)
    if key is not None:
        return translations(language).gettext(key)
    if flat in DROPPED:
        return None
    if flat in PARAGRAPHS and language == "sv":
        return translations("sv").gettext(HELP + flat)
    return paragraph


def translate(text: str, language: str) -> str:
    """One declared help text in ``language``."""
    if text in TEXTS:
        return translations(language).gettext(HELP + text)
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
