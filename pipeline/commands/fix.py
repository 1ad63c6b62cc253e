"""``mtfix fix``: repair files (writing the fixed text, diff, HTML and JSON reports) or stdin to stdout."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..config import Config
from ..inputs import collect_inputs, companion
from ..model import Rule
from ..options import add_rule_options, resolve
from ..progress import progress
from ..quality import (
    Measurer,
    Quality,
    add_quality_options,
    open_grammar,
    quality_html,
    terminal_summary,
    total_counts,
)
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
        "reports. With '-', read stdin and write the fixed text (or --diff) to stdout.",
    )
    parser.add_argument("paths", nargs="*", default=["raw"], metavar="PATH",
                        help="files or folders to repair, or '-' for stdin (default: raw/)")
    parser.add_argument("-o", "--output", default="fixed", metavar="DIR",
                        help="folder for the fixed text and reports (default: fixed/)")
    parser.add_argument("--diff", action="store_true", help="with '-': print the unified diff instead of the text")
    parser.add_argument("--ref", metavar="FILE",
                        help="reference translation of the one input (default: NAME.ref.txt beside each input)")
    add_rule_options(parser)
    add_quality_options(parser)
    parser.set_defaults(run=run)


@dataclass(frozen=True)
class Outputs:
    """The four output files of one input, as bytes, ready to be written."""

    name: str
    files: dict[str, bytes]
    result: Result
    quality: Quality | None = None


def render_outputs(
    doc: Document, path: Path, output: Path, result: Result, config: Config, quality: Quality | None = None
) -> Outputs:
    """Build NAME.txt, NAME.diff, NAME.html and NAME.json for one repaired document."""
    stem = path.name.removesuffix(".txt")
    report = json_report(result, str(path), config)
    if quality is not None:
        report["quality"] = quality.to_json()
    return Outputs(
        stem,
        {
            f"{stem}.txt": encode(doc, result.text),
            f"{stem}.diff": unified_diff(result.raw, result.text, str(path), str(output / path.name)).encode(),
            f"{stem}.html": html_report(result, path.name, quality_html(quality) if quality else "").encode(),
            f"{stem}.json": (json.dumps(report, ensure_ascii=False, indent=1) + "\n").encode(),
        },
        result,
        quality,
    )


def _prepare_output(output: Path, inputs: list[Path]) -> None:
    if any(p.parent.resolve() == output.resolve() for p in inputs):
        raise InputError(f"{output}: output folder is an input folder; fixed files would replace the inputs")
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{output}: cannot create output folder ({error.strerror})") from None
    if not os.access(output, os.W_OK | os.X_OK):
        raise InputError(f"{output}: output folder is not writable")


def repair(doc: Document, rules: tuple[Rule, ...], config: Config) -> Result:
    """Run the selected rules over one document."""
    return fix_text(doc.text, rules, apply_review=config.apply_review)


def _run_stdin(args: argparse.Namespace, config: Config, rules: tuple[Rule, ...]) -> int:
    doc = decode(sys.stdin.buffer.read(), "<stdin>")
    result = repair(doc, rules, config)
    session = open_grammar(args, stdin=True)
    checked = session.check([result.text]) if session else None
    for issue in checked[0].issues if checked else ():
        print(f"<stdin>:{issue.line}:{issue.col}: {issue.rule_id} {issue.message}", file=sys.stderr)
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
    references = _references(args, inputs, docs)
    _prepare_output(output, inputs)
    measurer = Measurer(rules, config.apply_review, args.resamples, open_grammar(args, stdin=False))
    size = sum(len(d.text) for d in docs)
    rendered = []
    for path, doc in progress(list(zip(inputs, docs, strict=True)), size, "fix"):
        result = repair(doc, rules, config)
        rendered.append(render_outputs(doc, path, output, result, config, measurer.measure(result, references[path])))
    for outputs in rendered:
        for name, data in outputs.files.items():
            write_atomic(output / name, data)
    write_atomic(output / "summary.json", _summary(inputs, output, rendered, measurer))
    for path, outputs in zip(inputs, rendered, strict=True):
        r = outputs.result
        print(f"{path} -> {output / path.name}: {len(r.applied)} edits, {len(r.suggestions)} review "
              f"suggestions, {len(r.findings)} findings")
        if outputs.quality is not None:
            print(terminal_summary(outputs.quality))
    return 0


def _references(args: argparse.Namespace, inputs: list[Path], docs: list[Document]) -> dict[Path, Path | None]:
    """Each input's reference: ``--ref`` for a single input, else ``NAME.ref.txt`` when it exists.

    A reference that is unreadable or has another number of lines than its input is an input error.
    """
    if args.ref is not None:
        if len(inputs) != 1:
            raise InputError(f"{args.ref}: --ref needs exactly one input, got {len(inputs)}")
        found: dict[Path, Path | None] = {inputs[0]: Path(args.ref)}
    else:
        found = {p: ref if (ref := companion(p, "ref")).is_file() else None for p in inputs}
    for doc, reference in zip(docs, found.values(), strict=True):
        if reference is not None and (n := read_document(reference).line_count) != doc.line_count:
            raise InputError(f"{reference}: reference does not fit the input "
                             f"({doc.line_count} lines, but the reference has {n})")
    return found


def _summary(inputs: list[Path], output: Path, rendered: list[Outputs], measurer: Measurer) -> bytes:
    """``summary.json``: every input's counts and, with a reference, its scores; then all inputs together."""
    entries = []
    for path, outputs in zip(inputs, rendered, strict=True):
        r, measured = outputs.result, outputs.quality.to_json() if outputs.quality else {}
        entries.append({
            "input": str(path),
            "output": str(output / path.name),
            "edits": len(r.applied),
            "suggestions": len(r.suggestions),
            "findings": len(r.findings),
            "reference": measured.get("reference"),
            "scores": measured.get("scores"),
            "counts": measured.get("counts"),
        })
    scored = [(o.result, o.quality.reference) for o in rendered if o.quality and o.quality.reference]
    summary = {
        "tool": {"name": "mtfix", "version": __version__},
        "inputs": entries,
        "all": {
            "counts": total_counts([o.quality.counts for o in rendered if o.quality]),
            "scores": measurer.all_scores(scored).to_json() if len(scored) > 1 else None,
        },
    }
    return (json.dumps(summary, ensure_ascii=False, indent=1) + "\n").encode()
