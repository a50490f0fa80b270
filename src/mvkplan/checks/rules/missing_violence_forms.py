"""The target groups leave out forms of violence in the national definition.

Why: the national strategy defines "mäns våld mot kvinnor" by five forms: sexualised
violence, violence in close relationships, honour-related violence and oppression,
prostitution and trafficking for sexual purposes, and the people who use or risk using
violence against those close to them. A plan whose target groups leave one out tends to
leave out the work against it too, and honour-related violence and prostitution are the ones
most often forgotten.

How to fix: name every form under ``target_groups``: as ids in ``violence_forms``
(``[sexualiserat-vald, vald-i-nara-relation, hedersrelaterat-vald,
prostitution-och-manniskohandel, vald-utovare]``), or in the definition text, which counts
when it contains the form's name or one of its aliases from the violence-forms catalog. By
default regional and local plans are checked; set ``kinds`` to change that.

Passing:
    ```yaml
    target_groups:
      violence_forms: [sexualiserat-vald, vald-i-nara-relation, hedersrelaterat-vald,
                       prostitution-och-manniskohandel, vald-utovare]
    ```

Failing:
    ```yaml
    target_groups:
      violence_forms: [vald-i-nara-relation]
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from mvkplan.checks.rules.base import Finding, LintContext, RuleOptions
from mvkplan.messages.i18n import N_
from mvkplan.messages.problems import Severity
from mvkplan.models import CatalogEntry, PlanBase

CODE = "MVK011"
NAME = "missing-violence-forms"
SEVERITY = Severity.WARNING
# The rule's messages, by catalog key (the words are in mvkplan/messages/locale).
MESSAGES = (
    N_("MVK011.summary"),
    N_("MVK011.message"),
    N_("MVK011.message.none"),
    N_("MVK011.hint"),
)
NATIONAL_DEFINITION = "violence-forms"


class Options(RuleOptions):
    """Options of missing-violence-forms."""

    kinds: list[str] = ["regional-plan", "local-plan"]
    """Document kinds that must name every form of violence."""


def check(context: LintContext, options: Options) -> Iterator[Finding]:
    """Forms of the shipped violence-forms catalog that a plan's target groups do not name."""
    forms = [
        (item.obj, [_folded(name) for name in (item.obj.name, *item.obj.aliases)])
        for item in context.index.items.get(NATIONAL_DEFINITION, {}).values()
        if isinstance(item.obj, CatalogEntry)
    ]
    for document, plan in context.plans():
        if getattr(plan, "kind", None) not in options.kinds:
            continue
        named, text = (plan.target_groups.violence_forms if plan.target_groups else ()), _written(plan)
        missing = [form for form, names in forms
                   if form.id not in named and not any(name in text for name in names)]
        if not missing:
            continue
        values = {
            "missing": ", ".join(f"'{form.name}'" for form in missing),
            "ids": ", ".join(form.id for form in missing),
        }
        key = document.key_position(("target_groups",))
        if key is None:
            yield Finding(document, ("id",), "message.none", values)
        else:
            yield Finding(document, values=values, position=key)


def _written(plan: PlanBase) -> str:
    """The plan's target-group texts, casefolded, with runs of whitespace as one space."""
    groups = plan.target_groups
    if groups is None:
        return ""
    texts = [groups.intro, groups.outro, *groups.definition]
    texts += [text for group in groups.groups for text in (group.title, group.description)]
    return " ".join(_folded(t) for t in texts if t)


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())
