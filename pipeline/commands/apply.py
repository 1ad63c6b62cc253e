"""``mtfix apply``: rewrite ``fixed/NAME.*`` following a reviewer's ``NAME.decisions.json``.

The pipeline runs again on the raw text with the rejected edits suppressed and the accepted
suggestions applied, so edits that depended on a rejected one are not made and the ledger still
rebuilds the fixed text. The decisions are kept beside the raw text, where ``fix`` finds them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..decisions import check_matches, decisions_path, load, to_json
from ..inputs import report_stem
from ..outputs import write_outputs
from ..textio import InputError, read_document
from . import fix


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``apply`` and its options (those of ``fix`` for one input)."""
    parser = subparsers.add_parser(
        "apply",
        help="rewrite the fixed text and reports following a reviewer's decisions",
        description="Run the repair again on the raw text named in DECISIONS (or --raw), rejecting and "
        "accepting the changes the reviewer decided, and write OUTPUT/NAME.txt, .diff, .html and .json. "
        "The decisions are saved as NAME.decisions.json beside the raw text. Decisions made for a "
        "different raw text are refused (exit 2).",
    )
    parser.add_argument("decisions", metavar="DECISIONS", help="a NAME.decisions.json exported from the report")
    parser.add_argument("--raw", metavar="FILE", help="the raw text (default: the input named in DECISIONS)")
    fix.add_repair_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Apply the decisions; exit 0 when done, 2 on bad input (nothing is written then)."""
    source = Path(args.decisions)
    decisions = load(source)
    raw_name = args.raw or decisions.input
    if not raw_name:
        raise InputError(f"{source}: names no input; give the raw text with --raw")
    raw_path = Path(raw_name)
    if not args.raw and (raw_path.is_absolute() or ".." in raw_path.parts):
        raise InputError(f"{source}: its input {raw_name} lies outside the current folder; "
                         "give the raw text with --raw if it is meant")
    check_matches(decisions, read_document(raw_path).text, str(source))
    args.paths, args.diff = [str(raw_path)], False
    status = fix.run(args, decisions, reads=[source])
    kept = decisions_path(raw_path)
    if not kept.exists() or not kept.samefile(source):
        data = (json.dumps(to_json(decisions), ensure_ascii=False, indent=1) + "\n").encode()
        write_outputs(kept.parent, {kept.name: data}, [raw_path, source])
    report = json.loads((Path(args.output) / f"{report_stem(raw_path)}.json").read_text("utf-8"))
    followed = sum(1 for key in ("edits", "suggestions", "rejected", "findings", "grammar")
                   for e in report[key]
                   if e.get("decision"))
    print(f"{len(decisions.decisions)} decisions: {followed} followed, "
          f"{len(decisions.decisions) - followed} no longer match")
    return status
