"""The lint rules: one module per rule, listed here in code order.

Adding a rule means writing its module (see :mod:`mvkplan.checks.rules.base` for its parts and any
existing rule for an example), adding it to the list below, and adding a fixture
``tests/rules/<CODE>.yaml`` with a passing and a failing case. Codes are never reused: a
retired rule keeps its code out of circulation.
"""

from __future__ import annotations

from mvkplan.checks.rules import (
    activity_without_goal,
    body_without_response,
    chain_to_national_strategy,
    done_without_date,
    draft_after_deadline,
    duplicate_goal_title,
    follow_up_year_missing,
    framework_goal_not_covered,
    goal_without_follow_up_value,
    goal_without_indicator,
    id_convention,
    implied_link,
    incomplete_indicator,
    link_to_example,
    missing_violence_forms,
    no_framework_link,
    period_outside_framework,
    personal_contact,
    placeholder_text,
    point_without_decision,
    superseded_regulation,
    superseded_still_adopted,
    suppression_comment,
    suspect_link,
    target_without_year,
    unknown_catalog_entry,
)
from mvkplan.checks.rules.base import Finding, LintContext, Rule, RuleOptions

RULES: tuple[Rule, ...] = tuple(Rule.from_module(module) for module in (
    goal_without_indicator,       # MVK001
    incomplete_indicator,         # MVK002
    activity_without_goal,        # MVK003
    no_framework_link,            # MVK004
    framework_goal_not_covered,   # MVK005
    superseded_regulation,        # MVK006
    unknown_catalog_entry,        # MVK007
    period_outside_framework,     # MVK008
    superseded_still_adopted,     # MVK009
    duplicate_goal_title,         # MVK010
    missing_violence_forms,       # MVK011
    personal_contact,             # MVK012
    placeholder_text,             # MVK013
    id_convention,                # MVK014
    implied_link,                 # MVK015
    chain_to_national_strategy,   # MVK016
    suppression_comment,          # MVK017
    link_to_example,              # MVK018
    goal_without_follow_up_value,  # MVK019
    target_without_year,          # MVK020
    follow_up_year_missing,       # MVK021
    done_without_date,            # MVK022
    draft_after_deadline,         # MVK023
    point_without_decision,       # MVK024
    body_without_response,        # MVK025
    suspect_link,                 # MVK026
))

__all__ = ["RULES", "Finding", "LintContext", "Rule", "RuleOptions", "find_rule", "select_rules"]


def find_rule(selector: str) -> Rule | None:
    """The rule with this code or name (case-insensitive), if any."""
    wanted = selector.strip()
    for rule in RULES:
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            return rule
    return None


def select_rules(selector: str) -> list[Rule]:
    """The rules a selector names: a code, a name, a code prefix such as 'MVK01', or 'ALL'."""
    rule = find_rule(selector)
    if rule is not None:
        return [rule]
    prefix = selector.strip().upper()
    if prefix == "ALL":
        return list(RULES)
    if prefix.startswith("MVK"):
        return [rule for rule in RULES if rule.code.startswith(prefix)]
    return []
