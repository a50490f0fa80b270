"""Messages in English and Swedish.

The CLI picks the language once (``--lang``, else ``MVKPLAN_LANG``, else the locale);
every stage below formats its messages through :func:`t`. The words live in the gettext
catalogs of :mod:`mvkplan.messages.translations` (``messages/locale``), one msgid per key.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence

from mvkplan.messages.translations import LANGUAGES, translations
from mvkplan.messages.translations import keys as catalog_keys

_language = "en"
_chosen = False


def N_(key: str) -> str:  # noqa: N802  (gettext's name for a marker)
    """Mark ``key`` as a message looked up at run time, so that extraction finds it."""
    return key


class _Messages(Mapping[str, tuple[str, str]]):
    """Every message as ``key → (English, Swedish)``, read from the catalogs (for tests and tools)."""

    def __getitem__(self, key: str) -> tuple[str, str]:
        return translations("en").gettext(key), translations("sv").gettext(key)

    def __iter__(self) -> Iterator[str]:
        return iter(catalog_keys("en"))

    def __len__(self) -> int:
        return len(catalog_keys("en"))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and has(key)


MESSAGES: Mapping[str, tuple[str, str]] = _Messages()
"""Every message in both languages, read-only: the words are edited in the ``.po`` files."""

# Keys looked up at run time (problem codes passed as data, ``n.{noun}``, ``relation.{name}``):
# named here so that extraction puts them in the catalog template.
RUNTIME_KEYS = (
    N_("E101"),
    N_("E101.hint"),
    N_("E104"),
    N_("E104.hint"),
    N_("E105"),
    N_("E105.hint"),
    N_("E106"),
    N_("E106.hint"),
    N_("E107"),
    N_("E107.hint"),
    N_("E108"),
    N_("E108.hint"),
    N_("E109"),
    N_("E109.hint"),
    N_("E111"),
    N_("E112"),
    N_("E112.hint"),
    N_("E204.date"),
    N_("E204.id"),
    N_("E204.id.hint"),
    N_("E206"),
    N_("E206.hint"),
    N_("E403"),
    N_("build.left_out.missing"),
    N_("build.left_out.not_plan"),
    N_("column.activities"),
    N_("column.county"),
    N_("column.file"),
    N_("column.goals"),
    N_("column.id"),
    N_("column.kind"),
    N_("column.period"),
    N_("column.rows"),
    N_("column.status"),
    N_("kind.bool"),
    N_("kind.number"),
    N_("kind.text"),
    N_("n.activity"),
    N_("n.cell"),
    N_("n.error"),
    N_("n.file"),
    N_("n.goal"),
    N_("n.info"),
    N_("n.item"),
    N_("n.page"),
    N_("n.point"),
    N_("n.problem"),
    N_("n.question"),
    N_("n.row"),
    N_("n.warning"),
    N_("n.workbook"),
    N_("relation.annex-of"),
    N_("relation.cites"),
    N_("relation.consultation"),
    N_("relation.county"),
    N_("relation.extends"),
    N_("relation.follow-up"),
    N_("relation.indicator-source"),
    N_("relation.link"),
    N_("relation.method"),
    N_("relation.municipality"),
    N_("relation.publication"),
    N_("relation.regulation"),
    N_("relation.supersedes"),
    N_("relation.violence-form"),
    N_("severity.error"),
    N_("severity.info"),
    N_("severity.warning"),
    N_("survey.written.one"),
)


def detect_language(explicit: str | None = None) -> str:
    """``explicit`` if given, else ``MVKPLAN_LANG``, else the locale; Swedish or English."""
    candidates = [explicit, os.environ.get("MVKPLAN_LANG")]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        candidates.append(os.environ.get(var))
    for value in candidates:
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def set_language(language: str) -> None:
    """Choose the language for all messages formatted from now on."""
    global _language, _chosen
    _language = language if language in LANGUAGES else "en"
    _chosen = True


def language_chosen() -> bool:
    """Whether a language was set (by the command line or the configuration) in this process."""
    return _chosen


def get_language() -> str:
    """The language messages are formatted in."""
    return _language


def asked_language(argv: Sequence[str]) -> str | None:
    """The ``--lang`` a command line gives (``--lang sv``/``--lang=sv``; the last one, as the
    parsed command takes it), or None. A value that is no language (``--lang ax``, a mistake
    the command line will report) chooses nothing: the report is in the language asked before."""
    asked = None
    for index, arg in enumerate(argv):
        value = argv[index + 1] if arg == "--lang" and index + 1 < len(argv) else (
            arg.split("=", 1)[1] if arg.startswith("--lang=") else None)
        if value in LANGUAGES:
            asked = value
    return asked


def chosen_language(argv: list[str]) -> str:
    """The language a command line asks for before it is parsed (``--lang sv``/``--lang=sv``,
    else the environment): for what is said before the command knows its options (Ctrl-C)."""
    return detect_language(asked_language(argv))


def t(key: str, /, **values: object) -> str:
    """The message ``key`` in the current language, with ``values`` filled in."""
    return translations(_language).gettext(key).format(**values)


class Wording:
    """Messages in one given language, whatever the run's: ``say = Wording("sv")``, then
    ``say("diff.field.examples")``. A site page is Swedish under ``--lang en``; what the
    same code prints to the terminal follows the run."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "en"

    def __call__(self, key: str, /, **values: object) -> str:
        """The message ``key`` in this wording's language."""
        return translations(self.language).gettext(key).format(**values)


def count(number: int, noun: str) -> str:
    """'1 problem', '2 problems', '1 fil', '2 filer': the number with the noun ``n.<noun>``."""
    singular, plural = t(f"n.{noun}").split("|")
    return f"{number} {singular if number == 1 else plural}"


def has(key: str) -> bool:
    """Whether a message exists (for optional hints)."""
    try:
        translations("en").gettext(key)
    except KeyError:
        return False
    return True
