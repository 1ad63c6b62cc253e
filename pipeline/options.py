"""Options shared by the commands that run rules: ``--select``, ``--ignore``, ``--apply-review``, ``--jobs``."""

from __future__ import annotations

import argparse
from pathlib import Path

from .config import Config, ConfigError, build_config, find_config, start_folder
from .model import Rule
from .qa import is_qa, select_checks
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
    parser.add_argument("--config", metavar="FILE",
                        help="settings file: an mtfix.toml, or a pyproject.toml with [tool.mtfix] (default: the "
                        "nearest one found from the inputs' folder upwards)")


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
                        help="processes (default: all cores) for large inputs of 'fix -' and 'check', split "
                        "by lines; for 'fix' with several files, a document each; for '--grammar full'; "
                        "the output does not depend on it")
    parser.add_argument("--profile", action="store_true",
                        help="print the time spent in each step (reading, repair, measures, grammar, reports, "
                        "writing), stage and rule to stderr")


def config_file(args: argparse.Namespace) -> Path | None:
    """The settings file of a run: ``--config``, else the nearest one above the inputs (``paths`` or ``hyp``)."""
    if getattr(args, "config", None):
        path = Path(args.config)
        if not path.is_file():
            raise ConfigError(f"{path}: no such file (given with --config)")
        return path
    return find_config(start_folder(getattr(args, "paths", None) or getattr(args, "hyp", None) or []))


def resolve(args: argparse.Namespace) -> tuple[Config, tuple[Rule, ...]]:
    """The configuration (options over the settings file) and the rules it selects.

    Selectors ``qa``/``qa.*`` pick the QA checks of translation files (``qa.select_checks``), not rules:
    a selection of QA checks only runs no rule.
    """
    config = build_config(args.select, args.ignore, args.apply_review, config_file(args))
    select_checks(config.select, config.ignore)
    rule_select = tuple(s for s in config.select if not is_qa(s))
    if config.select and not rule_select:
        return config, ()
    return config, select_rules(rule_select, tuple(s for s in config.ignore if not is_qa(s)))
