"""``mtfix fix``: repair files (writing the fixed text, diff, HTML and JSON reports) or stdin to stdout."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..decisions import Decisions, for_input, mark_findings
from ..inputs import collect_inputs
from ..model import Rule
from ..options import add_rule_options, resolve
from ..progress import progress
from ..reports.diff import unified_diff
from ..reports.html import html_report
from ..reports.ledger import json_report
from ..runner import Result, fix_text
from ..textio import Document, InputError, decode, encode, read_document, write_atomic


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``fix`` and its options."""
    parser = subparsers.add_parser(
        "fix",
        help="repair files or stdin",
        description="Repair each NAME.txt into OUTPUT/NAME.txt with NAME.diff, NAME.html and NAME.json "
        "reports, following a reviewer's NAME.decisions.json beside NAME.txt when it was made for the same "
        "text. With '-', read stdin and write the fixed text (or --diff) to stdout.",
    )
    parser.add_argument("paths", nargs="*", default=["raw"], metavar="PATH",
                        help="files or folders to repair, or '-' for stdin (default: raw/)")
    parser.add_argument("-o", "--output", default="fixed", metavar="DIR",
                        help="folder for the fixed text and reports (default: fixed/)")
    parser.add_argument("--diff", action="store_true", help="with '-': print the unified diff instead of the text")
    add_rule_options(parser)
    parser.set_defaults(run=run)


@dataclass(frozen=True)
class Outputs:
    """The four output files of one input, as bytes, ready to be written."""

    name: str
    files: dict[str, bytes]
    result: Result


def render_outputs(doc: Document, path: Path, output: Path, result: Result, config: Config) -> Outputs:
    """Build NAME.txt, NAME.diff, NAME.html and NAME.json for one repaired document."""
    stem = path.name.removesuffix(".txt")
    report = json_report(result, str(path), config)
    return Outputs(
        stem,
        {
            f"{stem}.txt": encode(doc, result.text),
            f"{stem}.diff": unified_diff(result.raw, result.text, str(path), str(output / path.name)).encode(),
            f"{stem}.html": html_report(report, result.raw, result.text, path.name).encode(),
            f"{stem}.json": (json.dumps(report, ensure_ascii=False, indent=1) + "\n").encode(),
        },
        result,
    )


def prepare_output(output: Path, inputs: list[Path]) -> None:
    """Create the output folder; refuse one that is an input folder or not writable."""
    if any(p.parent.resolve() == output.resolve() for p in inputs):
        raise InputError(f"{output}: output folder is an input folder; fixed files would replace the inputs")
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{output}: cannot create output folder ({error.strerror})") from None
    if not os.access(output, os.W_OK | os.X_OK):
        raise InputError(f"{output}: output folder is not writable")


def repair(doc: Document, rules: tuple[Rule, ...], config: Config, decisions: Decisions | None = None) -> Result:
    """Run the selected rules over one document, with a reviewer's decisions when there are any."""
    result = fix_text(doc.text, rules, apply_review=config.apply_review,
                      verdicts=decisions.verdicts() if decisions else None)
    result.findings = mark_findings(result.findings, decisions)
    return result


def _run_stdin(args: argparse.Namespace, config: Config, rules: tuple[Rule, ...]) -> int:
    doc = decode(sys.stdin.buffer.read(), "<stdin>")
    result = repair(doc, rules, config)
    if args.diff:
        sys.stdout.write(unified_diff(result.raw, result.text, "<stdin>", "<fixed>"))
    else:
        sys.stdout.buffer.write(encode(doc, result.text))
    return 0


def run(args: argparse.Namespace) -> int:
    """Repair the inputs; exit 0 when done, 2 on bad input (nothing is written then)."""
    config, rules = resolve(args)
    if args.paths == ["-"]:
        return _run_stdin(args, config, rules)
    if "-" in args.paths:
        raise InputError("-: stdin cannot be mixed with files")
    inputs = collect_inputs(args.paths)
    docs = [read_document(p) for p in inputs]
    output = Path(args.output)
    prepare_output(output, inputs)
    size = sum(len(d.text) for d in docs)
    rendered = [
        render_outputs(doc, path, output, repair(doc, rules, config, for_input(path, doc.text)), config)
        for path, doc in progress(list(zip(inputs, docs, strict=True)), size, "fix")
    ]
    for outputs in rendered:
        for name, data in outputs.files.items():
            write_atomic(output / name, data)
    for path, outputs in zip(inputs, rendered, strict=True):
        r = outputs.result
        print(f"{path} -> {output / path.name}: {len(r.applied)} edits, {len(r.suggestions)} review "
              f"suggestions, {len(r.findings)} findings")
    return 0
