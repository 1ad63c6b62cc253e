"""Discovers the rule modules in ``rules/`` and checks them: stage known, ids unique, examples present.

>>> all(rule.stage in STAGES for rule in all_rules())
True
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from functools import cache
from types import ModuleType
from typing import Any

import mtfix.rules as rules_package
from mtfix.rules import STAGES

from .model import Rule

__all__ = ["STAGES", "RegistryError", "all_rules", "doc_fact_functions", "rule_modules", "select_rules"]


class RegistryError(ValueError):
    """A rule module that breaks the registry's contract, or a selection naming no rule."""


@cache
def rule_modules() -> tuple[ModuleType, ...]:
    """Every module of the ``rules`` package that declares ``RULES``, in name order."""
    found = []
    for info in sorted(pkgutil.iter_modules(rules_package.__path__), key=lambda i: i.name):
        try:
            module = importlib.import_module(f"{rules_package.__name__}.{info.name}")
        except ValueError as error:
            raise RegistryError(f"rules.{info.name}: {error}") from None
        if not hasattr(module, "RULES"):
            continue
        stage = getattr(module, "STAGE", None)
        if stage not in STAGES:
            raise RegistryError(f"rules.{info.name}: STAGE {stage!r} is not one of {STAGES}")
        found.append(module)
    return tuple(found)


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, in stage order and, within a stage, in module and declaration order.

    A declaration with an ``unsure`` part lists two rules: itself, then the one its unsure proposals are
    reported as (see ``EditRule.variants``).
    """
    collected: list[Rule] = []
    seen: set[str] = set()
    for module in rule_modules():
        for rule in (variant for declared in module.RULES for variant in declared.variants()):
            if rule.id in seen:
                raise RegistryError(f"duplicate rule id {rule.id!r} in {module.__name__}")
            seen.add(rule.id)
            if rule.stage != module.STAGE:
                raise RegistryError(f"rule {rule.id} declares stage {rule.stage!r}, its module {module.STAGE!r}")
            collected.append(rule)
    order = {stage: i for i, stage in enumerate(STAGES)}
    return tuple(sorted(collected, key=lambda r: order[r.stage]))


def doc_fact_functions() -> Mapping[str, Callable[[str], Any]]:
    """Every module's ``DOC_FACTS``, merged: fact name to the function computing it from raw text."""
    facts: dict[str, Callable[[str], Any]] = {}
    for module in rule_modules():
        for name, function in getattr(module, "DOC_FACTS", {}).items():
            if name in facts:
                raise RegistryError(f"document fact {name!r} declared twice ({module.__name__})")
            facts[name] = function
    return facts


def _matches(rule_id: str, selector: str) -> bool:
    return rule_id == selector or rule_id.startswith(selector + ".")


def select_rules(select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """The rules picked by ``select`` (ids or dotted prefixes; empty means all) minus ``ignore``.

    A selector that names no rule raises ``RegistryError``: a typo must never silently do nothing.
    """
    rules = all_rules()
    for selector in (*select, *ignore):
        if not any(_matches(r.id, selector) for r in rules):
            raise RegistryError(f"unknown rule id or prefix {selector!r}")
    picked = [r for r in rules if not select or any(_matches(r.id, s) for s in select)]
    return tuple(r for r in picked if not any(_matches(r.id, s) for s in ignore))
