"""``mtfix rules``: list every rule and QA check, those under a prefix, or one's examples."""

from __future__ import annotations

import argparse

from ..model import Rule
from ..qa import CHECKS, Check, is_qa, select_checks
from ..registry import all_rules, select_rules


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``rules``."""
    parser = subparsers.add_parser(
        "rules",
        help="list the rules, or show one rule's examples",
        description="Without ID: every rule with its stage, tier, message and number of examples. "
        "With a rule id: that rule's documentation and examples. With a prefix (a family such as 'typo'): "
        "the table of the rules it selects, as --select would. An id or prefix naming no rule: exit 2.",
    )
    parser.add_argument("rule_id", nargs="?", metavar="ID",
                        help="a rule id (typo.clock_time) or prefix (typo), as --select takes them")
    parser.set_defaults(run=run)


def _table(rules: tuple[Rule, ...], checks: tuple[Check, ...]) -> None:
    width = max(len(item.id) for item in (*rules, *checks))
    print(f"{'id':{width}}  {'stage':10}  {'tier':7}  {'ex':>3}  {'keep':>4}  message")
    for r in rules:
        print(f"{r.id:{width}}  {r.stage:10}  {r.tier:7}  {len(r.examples):3}  {len(r.leave_alone):4}  {r.message}")
    for c in checks:
        print(f"{c.id:{width}}  {'qa':10}  {'finding':7}  {len(c.examples):3}  {len(c.leave_alone):4}  {c.message}")


def run(args: argparse.Namespace) -> int:
    """Print the table of rules and QA checks, those under a prefix, or one rule or check."""
    if args.rule_id is None:
        _table(all_rules(), CHECKS)
        return 0
    if is_qa(args.rule_id):
        checks = select_checks((args.rule_id,))
        if len(checks) > 1 or checks[0].id != args.rule_id:
            _table((), checks)
        else:
            _print_check(checks[0])
        return 0
    rules = select_rules((args.rule_id,))
    if len(rules) > 1 or rules[0].id != args.rule_id:
        _table(rules, ())
        return 0
    rule = rules[0]
    print(f"{rule.id}  (stage {rule.stage}, tier {rule.tier})\n{rule.message}\n\nrepairs:")
    for example in rule.examples:
        print(f"  {example.input}\n    -> {example.expected}")
        if example.source is not None:
            print(f"    source: {example.source}")
    print("leaves alone:")
    for kept in rule.kept:
        print(f"  {kept.input}")
        if kept.source is not None:
            print(f"    source: {kept.source}")
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
