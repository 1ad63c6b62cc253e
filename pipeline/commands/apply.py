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
from ..options import add_rule_options, resolve
from ..runner import edit_key
from ..textio import InputError, read_document, write_atomic
from .fix import prepare_output, render_outputs, repair


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``apply`` and its options."""
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
    parser.add_argument("-o", "--output", default="fixed", metavar="DIR",
                        help="folder for the fixed text and reports (default: fixed/)")
    add_rule_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Apply the decisions; exit 0 when done, 2 on bad input (nothing is written then)."""
    config, rules = resolve(args)
    source = Path(args.decisions)
    decisions = load(source)
    raw_name = args.raw or decisions.input
    if not raw_name:
        raise InputError(f"{source}: names no input; give the raw text with --raw")
    raw_path = Path(raw_name)
    doc = read_document(raw_path)
    check_matches(decisions, doc.text, str(source))
    output = Path(args.output)
    prepare_output(output, [raw_path])
    result = repair(doc, rules, config, decisions)
    outputs = render_outputs(doc, raw_path, output, result, config)
    for name, data in outputs.files.items():
        write_atomic(output / name, data)
    kept = decisions_path(raw_path)
    if not kept.exists() or kept.resolve() != source.resolve():
        write_atomic(kept, (json.dumps(to_json(decisions), ensure_ascii=False, indent=1) + "\n").encode())
    matched = {edit_key(e) for e in result.edits if e.decision}
    matched |= {(f.rule_id, f.raw_start, f.raw_end, f.text) for f in result.findings if f.decision}
    unmatched = sum(
        1 for d in decisions.decisions
        if ((d.rule, d.raw_start, d.raw_end, d.text) if d.verdict == "dismiss"
            else (d.rule, d.raw_start, d.raw_end, d.before, d.after)) not in matched
    )
    print(f"{raw_path} -> {output / raw_path.name}: {len(result.applied)} edits, {len(result.suggestions)} not "
          f"applied, {len(decisions.decisions) - unmatched} decisions followed, {unmatched} no longer match")
    return 0
