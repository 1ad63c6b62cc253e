"""The ``mtfix`` command line: parses arguments, dispatches to a command, maps errors to exit codes.

Exit codes follow linters: 0 clean, 1 findings (``check``), 2 usage or input error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .commands import apply, check, corpus, fix, rules, score
from .config import ConfigError
from .registry import RegistryError
from .runner import ConvergenceError
from .textio import InputError

COMMANDS = (fix, check, apply, rules, score, corpus)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    parser = argparse.ArgumentParser(
        prog="mtfix",
        description="Find and repair the artifacts of Russian-to-English machine translation.",
    )
    parser.add_argument("--version", action="version", version=f"mtfix {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``mtfix`` with ``argv``; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (InputError, ConfigError, RegistryError, ConvergenceError) as error:
        print(f"mtfix: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
