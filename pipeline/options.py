"""Options shared by the commands that run rules: ``--select``, ``--ignore``, ``--apply-review``, ``--jobs``."""

from __future__ import annotations

import argparse
from pathlib import Path

from .config import Config, build_config
from .model import Rule
from .registry import select_rules
from .stream import max_jobs


def _rule_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def add_rule_options(parser: argparse.ArgumentParser) -> None:
    """Add the rule-selection and tier options to ``parser``."""
    parser.add_argument("--select", action="extend", type=_rule_list, metavar="IDS",
                        help="only these rule ids or prefixes, comma-separated (e.g. date,typo.clock_time)")
    parser.add_argument("--ignore", action="extend", type=_rule_list, metavar="IDS",
                        help="leave out these rule ids or prefixes, comma-separated")
    parser.add_argument("--apply-review", action="store_true", default=None,
                        help="also apply review-tier edits (by default they are only listed)")


def jobs_count(value: str) -> int:
    """A number of processes from the command line: 1 to ``stream.max_jobs()``, else a usage error."""
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if not 1 <= jobs <= max_jobs():
        raise argparse.ArgumentTypeError(f"expected a number of processes from 1 to {max_jobs()}, got {value!r}")
    return jobs


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--jobs`` and ``--profile`` to ``parser``."""
    parser.add_argument("-j", "--jobs", type=jobs_count, default=None, metavar="N",
                        help="processes for large inputs of 'fix -' and 'check', split by lines "
                        "(default: all cores); the output does not depend on it")
    parser.add_argument("--profile", action="store_true",
                        help="print the time spent in each stage and rule to stderr")


def resolve(args: argparse.Namespace) -> tuple[Config, tuple[Rule, ...]]:
    """The configuration (options over ``[tool.mtfix]``) and the rules it selects."""
    config = build_config(args.select, args.ignore, args.apply_review, Path.cwd())
    return config, select_rules(config.select, config.ignore)
