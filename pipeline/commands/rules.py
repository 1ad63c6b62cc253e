"""``mtfix rules``: list every rule (and the QA checks of translation files), or show one's examples."""

from __future__ import annotations

import argparse

from ..qa import CHECKS, Check
from ..registry import RegistryError, all_rules


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``rules``."""
    parser = subparsers.add_parser(
        "rules",
        help="list the rules, or show one rule's examples",
        description="Without ID: every rule with its stage, tier, message and number of examples. "
        "With ID: that rule's documentation and examples.",
    )
    parser.add_argument("rule_id", nargs="?", metavar="ID", help="a rule id, e.g. typo.clock_time")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the rule table or one rule."""
    rules = all_rules()
    if args.rule_id is None:
        width = max(len(r.id) for r in (*rules, *CHECKS))
        print(f"{'id':{width}}  {'stage':10}  {'tier':7}  {'ex':>3}  {'keep':>4}  message")
        for r in rules:
            print(f"{r.id:{width}}  {r.stage:10}  {r.tier:7}  {len(r.examples):3}  {len(r.leave_alone):4}  {r.message}")
        for c in CHECKS:
            print(f"{c.id:{width}}  {'qa':10}  {'finding':7}  {len(c.examples):3}  {len(c.leave_alone):4}  {c.message}")
        return 0
    check = next((c for c in CHECKS if c.id == args.rule_id), None)
    if check is not None:
        _print_check(check)
        return 0
    rule = next((r for r in rules if r.id == args.rule_id), None)
    if rule is None:
        raise RegistryError(f"unknown rule id {args.rule_id!r}")
    print(f"{rule.id}  (stage {rule.stage}, tier {rule.tier})\n{rule.message}\n\nrepairs:")
    sources = dict(rule.sources)
    for before, after in rule.examples:
        print(f"  {before}\n    -> {after}")
        if before in sources:
            print(f"    source: {sources[before]}")
    print("leaves alone:")
    for text in rule.leave_alone:
        print(f"  {text}")
        if text in sources:
            print(f"    source: {sources[text]}")
    return 0


def _print_check(check: Check) -> None:
    """A QA check's message and its example files, one unit a line (source -> target)."""
    print(f"{check.id}  (QA check of translation files, finding)\n{check.message}\n\nflags:")
    for kind, files in (("flags", check.examples), ("leaves alone", check.leave_alone)):
        if kind != "flags":
            print(f"{kind}:")
        for units in files:
            for unit in units:
                codes = f"  [{' '.join(unit.source_codes)} -> {' '.join(unit.target_codes)}]" if (
                    unit.source_codes or unit.target_codes) else ""
                print(f"  {unit.source!r} -> {unit.target!r}{codes}")
            if len(units) > 1:
                print()
