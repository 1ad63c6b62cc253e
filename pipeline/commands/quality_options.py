"""The quality options of ``fix``, ``apply``, ``check`` and ``score`` (``--resamples``, ``--grammar``,
``--languagetool``) and the settings they make: the only place that reads them from the command line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..grammar import DEFAULT_TIMEOUT, SCOPES, GrammarSettings, load_names
from ..scores import DEFAULT_RESAMPLES

NAMES_FILE = Path("rules") / "names.txt"


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def add_resamples_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--resamples`` (the paired bootstrap of the scores) to ``parser``."""
    parser.add_argument("--resamples", type=_positive, default=DEFAULT_RESAMPLES, metavar="N",
                        help=f"paired bootstrap resamples for the raw/fixed significance test "
                        f"(default: {DEFAULT_RESAMPLES}; fixed seed)")


def add_grammar_options(parser: argparse.ArgumentParser, default: str) -> None:
    """Add ``--grammar [changed|full]``, ``--no-grammar`` and the LanguageTool options to ``parser``."""
    parser.add_argument("--grammar", nargs="?", const="changed", choices=SCOPES[:2], default=None,
                        metavar="changed|full",
                        help="grammar issues the repair brought or removed, as advisory findings: 'changed' "
                        "checks the lines the repair changed, 'full' every line, on --jobs processes "
                        f"(default: {default})")
    parser.add_argument("--no-grammar", dest="grammar", action="store_const", const="off",
                        help="no grammar check")
    parser.add_argument("--languagetool", default=None, metavar="auto|local|URL|off",
                        help="grammar through LanguageTool: a server URL, 'local' (language-tool-python starts "
                        "it), 'auto' (server in MTFIX_LANGUAGETOOL_URL, else one on disk), or 'off' "
                        "(default: off, the embedded Harper checker)")
    parser.add_argument("--languagetool-timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"seconds to wait for LanguageTool (default: {DEFAULT_TIMEOUT:g})")


def grammar_settings(args: argparse.Namespace, default: str, jobs: int = 1) -> GrammarSettings:
    """The grammar settings the options ask for. Without ``--grammar``/``--no-grammar`` the scope is
    ``default``, or ``changed`` when ``--languagetool`` names a checker."""
    scope = args.grammar
    if scope is None:
        scope = "changed" if args.languagetool not in (None, "off") else default
    return GrammarSettings(scope=scope, languagetool=args.languagetool or "off", timeout=args.languagetool_timeout,
                           names=frozenset(load_names(NAMES_FILE)) if scope != "off" else frozenset(), jobs=jobs)
