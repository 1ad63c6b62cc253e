"""``mtfix check``: lint mode for pre-publication gates; exit 0 clean, 1 problems found, 2 bad input."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..decisions import for_input, unsettled
from ..inputs import collect_inputs
from ..options import add_rule_options, resolve
from ..reports.lint import FORMATS, problems, render
from ..runner import fix_text
from ..sources import add_source_option, aligned_source, source_paths
from ..textio import InputError, decode, read_document


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``check`` and its options."""
    parser = subparsers.add_parser(
        "check",
        help="report what fix would change and what it finds, without writing",
        description="Print one line per edit, review suggestion or finding (path:line:col: RULE message), "
        "leaving out what a reviewer settled in NAME.decisions.json beside NAME.txt. "
        "Exit 0 when there is nothing to report, 1 when there is, 2 on usage or input error.",
    )
    parser.add_argument("paths", nargs="*", default=["raw"], metavar="PATH",
                        help="files or folders to check, or '-' for stdin (default: raw/)")
    parser.add_argument("--output-format", choices=FORMATS, default="text",
                        help="text (default), json, github (workflow commands) or sarif (SARIF 2.1.0)")
    add_rule_options(parser)
    add_source_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the inputs and print the problems."""
    config, rules = resolve(args)
    if args.paths == ["-"]:
        docs = [decode(sys.stdin.buffer.read(), "<stdin>")]
        paths = [Path(args.source)] if args.source else [None]
    elif "-" in args.paths:
        raise InputError("-: stdin cannot be mixed with files")
    else:
        inputs = collect_inputs(args.paths)
        docs = [read_document(p) for p in inputs]
        paths = source_paths(args.source, inputs)
    sources = [aligned_source(doc, path) for doc, path in zip(docs, paths, strict=True)]
    found = []
    for doc, source in zip(docs, sources, strict=True):
        decisions = None if doc.name == "<stdin>" else for_input(Path(doc.name), doc.text)
        result = fix_text(doc.text, rules, apply_review=config.apply_review, source=source,
                          verdicts=decisions.verdicts() if decisions else None)
        found += problems(doc.name, *unsettled(result, decisions))
    sys.stdout.write(render(found, args.output_format))
    return 1 if found else 0
