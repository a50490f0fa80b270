"""An id breaks the naming convention.

Why: ids become links (``kalmar-2024/likvardig-kunskap``), file names and web addresses.
Lower-case ASCII letters, digits and hyphens survive every one of those; capitals,
underscores and å, ä, ö do not, or turn into different addresses on different systems. One
convention also makes links guessable.

How to fix: rename the id as the hint suggests (å and ä become a, ö becomes o) and update
every link to it; ``mvkplan links ID`` shows what links back. Numbered goals and targets may
use dots (``5.2``, ``16.a``). Set ``pattern`` (a regular expression) for another convention.

Passing:
    ```yaml
    id: forebygga-vald
    ```

Failing:
    ```yaml
    id: Förebygga_våld
    ```
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from pydantic import field_validator

from mvkplan.checks.rules.base import Finding, LintContext, Path_, RuleOptions
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity

CODE = "MVK014"
NAME = "id-convention"
SEVERITY = Severity.WARNING
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK014.summary"),
    N_("MVK014.message"),
    N_("MVK014.hint"),
)
DEFAULT_PATTERN = r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$"


class Options(RuleOptions):
    """Options of id-convention."""

    pattern: str = DEFAULT_PATTERN
    """Regular expression every id must match in full."""

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"{value!r} is not a regular expression: {exc}") from None
        return value


def check(context: LintContext, options: Options) -> Iterator[Finding]:
    """The document id, every item id and every footnote id that does not match."""
    convention = re.compile(options.pattern)
    for document in context.documents:
        ids: list[tuple[str, Path_]] = [(document.id, ("id",))]
        # An indicator is named '<goal>/<indicator>'; only its own part is its id.
        ids += [(item.id.rsplit("/", 1)[-1], (*item.path, "id"))
                for item in context.index.items[document.id].values()]
        ids += [(note.id, ("footnotes", k, "id")) for k, note in enumerate(document.model.footnotes)]
        for value, path in ids:
            if not convention.fullmatch(value):
                yield Finding(document, path, values={"id": value, "suggestion": suggest(value)})


def suggest(value: str) -> str:
    """The id under the default convention: 'Förebygga_våld' → 'forebygga-vald'."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.]+", "-", ascii_text.lower()).strip("-.") or "id"
