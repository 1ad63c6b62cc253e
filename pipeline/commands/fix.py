"""``mtfix fix``: repair files (writing the fixed text, diff, HTML and JSON reports) or stdin to stdout."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..decisions import Decisions, for_input, mark_findings
from ..formats.document import Prose
from ..formats.files import is_document, label_entries, mark_review, read_segments, repair_file
from ..inputs import collect_inputs, report_stem
from ..model import Rule
from ..options import add_rule_options, add_run_options, resolve
from ..profiling import Profile
from ..progress import progress
from ..quality import (
    Measurer,
    Quality,
    add_quality_options,
    find_references,
    open_grammar,
    quality_html,
    summary_report,
    terminal_summary,
)
from ..reports.diff import unified_diff
from ..reports.html import html_report
from ..reports.index import IndexEntry, index_html
from ..reports.ledger import json_report
from ..runner import Result, fix_text
from ..sources import add_source_option, aligned_source, source_lines, source_paths
from ..stream import Settings, default_jobs, stream
from ..textio import Document, InputError, copy_out, decode, encode, read_document, write_atomic


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``fix`` and its options."""
    parser = subparsers.add_parser(
        "fix",
        help="repair files or stdin",
        description="Repair each NAME.txt into OUTPUT/NAME.txt with NAME.diff, NAME.html and NAME.json "
        "reports, following a reviewer's NAME.decisions.json beside NAME.txt when it was made for the same "
        "text, then write OUTPUT/index.html (every document, worst first) and OUTPUT/summary.json; several "
        "inputs print one line of totals. Markdown, HTML, SRT and WebVTT files (NAME.md, .html, .htm, .srt, "
        ".vtt) and translation files (.xlf, .xliff, .tmx, .po, .tsv) have only their prose repaired, markup "
        "untouched, into OUTPUT/NAME.md with NAME.md.diff, NAME.md.html and NAME.md.json. "
        "With '-', read stdin and write the fixed text (or --diff) to stdout.",
    )
    parser.add_argument("paths", nargs="*", default=["raw"], metavar="PATH",
                        help="files or folders to repair, or '-' for stdin (default: raw/)")
    parser.add_argument("--diff", action="store_true", help="with '-': print the unified diff instead of the text")
    add_repair_options(parser)
    parser.set_defaults(run=run)


def add_repair_options(parser: argparse.ArgumentParser) -> None:
    """The options of a repair into an output folder, shared by ``fix`` and ``apply``."""
    parser.add_argument("-o", "--output", default="fixed", metavar="DIR",
                        help="folder for the fixed text and reports (default: fixed/)")
    parser.add_argument("--ref", metavar="FILE",
                        help="reference translation of the one input (default: NAME.ref.txt beside each input)")
    parser.add_argument("--changed-only", action="store_true",
                        help="open the review pages on changed lines only and index.html on changed documents only")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="with several inputs, also print one line and the quality figures per input")
    parser.add_argument("--mark-review", action="store_true",
                        help="mark each repaired unit of a translation file for review (XLIFF "
                        "state=needs-review-translation, 2.x state=translated subState=mtfix:repaired; PO fuzzy)")
    add_rule_options(parser)
    add_source_option(parser)
    add_quality_options(parser)
    add_run_options(parser)


@dataclass(frozen=True)
class Outputs:
    """The four output files of one input, as bytes, ready to be written."""

    name: str
    files: dict[str, bytes]
    result: Result
    quality: Quality | None = None


def render_outputs(
    doc: Document, path: Path, output: Path, result: Result, config: Config, quality: Quality | None = None,
    changed_only: bool = False, prose: Result | None = None, layout: Prose | None = None,
) -> Outputs:
    """Build the fixed file (named as the input), NAME.diff, NAME.html and NAME.json for one repaired document.

    For a document format, ``result`` is the repair in file offsets (fixed file, diff, ledger) and
    ``prose`` the same repair in prose offsets, which the review page shows (its decisions name them);
    ``layout`` (the document's prose) names the segment (unit, cue) of each entry.
    """
    stem = report_stem(path)
    report = json_report(result, str(path), config)
    if layout is not None:
        label_entries(report, layout)
    if quality is not None:
        report["quality"] = quality.to_json()
    page, page_raw, page_fixed = report, result.raw, result.text
    if prose is not None:
        page = {**json_report(prose, str(path), config), "raw_sha256": report["raw_sha256"]}
        page_raw, page_fixed = prose.raw, prose.text
    return Outputs(
        stem,
        {
            path.name: encode(doc, result.text),
            f"{stem}.diff": unified_diff(result.raw, result.text, str(path), str(output / path.name)).encode(),
            f"{stem}.html": html_report(page, page_raw, page_fixed, path.name,
                                        quality_html(quality) if quality else "", changed_only).encode(),
            f"{stem}.json": (json.dumps(report, ensure_ascii=False, indent=1) + "\n").encode(),
        },
        result,
        quality,
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


def repair(
    doc: Document,
    rules: tuple[Rule, ...],
    config: Config,
    source: list[str] | None = None,
    profile: Profile | None = None,
    decisions: Decisions | None = None,
) -> Result:
    """Run the selected rules over one document, with its line-aligned source and a reviewer's decisions."""
    result = fix_text(doc.text, rules, apply_review=config.apply_review, source=source, profile=profile,
                      verdicts=decisions.verdicts() if decisions else None)
    result.findings = mark_findings(result.findings, decisions)
    return result


def _run_stdin(args: argparse.Namespace, config: Config, rules: tuple[Rule, ...], profile: Profile | None) -> int:
    source_path = Path(args.source) if args.source else None
    session = open_grammar(args, stdin=True)
    if args.diff or session is not None:  # both need the whole fixed text
        doc = decode(sys.stdin.buffer.read(), "<stdin>")
        result = repair(doc, rules, config, aligned_source(doc, source_path), profile)
        checked = session.check([result.text]) if session else None
        for issue in checked[0].issues if checked else ():
            print(f"<stdin>:{issue.line}:{issue.col}: {issue.rule_id} {issue.message}", file=sys.stderr)
        if args.diff:
            sys.stdout.write(unified_diff(result.raw, result.text, "<stdin>", "<fixed>"))
        else:
            sys.stdout.buffer.write(encode(doc, result.text))
        return doc.line_count
    lines = 0
    settings = Settings(config, "<stdin>", "fix", profile is not None)
    source = source_lines(source_path) if source_path else None
    # Held back until the whole input is repaired: bad input late in it must leave stdout empty.
    with tempfile.TemporaryFile() as spool:
        for chunk in stream(sys.stdin.buffer, settings, args.jobs or default_jobs(), source, source_path):
            spool.write(chunk.data)
            lines += chunk.lines
            if profile is not None and chunk.profile is not None:
                profile.merge(chunk.profile)
        copy_out(spool, sys.stdout.buffer)
    return lines


def _run_files(args: argparse.Namespace, config: Config, rules: tuple[Rule, ...], profile: Profile | None,
               decisions: Decisions | None) -> int:
    if "-" in args.paths:
        raise InputError("-: stdin cannot be mixed with files")
    inputs = collect_inputs(args.paths)
    docs = [read_document(p) for p in inputs]
    source_files = source_paths(args.source, inputs)
    sources = [aligned_source(d, s) for d, s in zip(docs, source_files, strict=True)]
    output = Path(args.output)
    texts = [(p, d) for p, d in zip(inputs, docs, strict=True) if not is_document(p)]
    if args.ref is not None and len(inputs) == 1 and not texts:
        raise InputError(f"{args.ref}: --ref is for a text input; documents are measured without a reference")
    references = find_references(args.ref, [p for p, _ in texts], [d for _, d in texts])
    parsed = {p: read_segments(p, d) for p, d in zip(inputs, docs, strict=True) if is_document(p)}
    prepare_output(output, inputs)
    measurer = Measurer(rules, config.apply_review, args.resamples, open_grammar(args, stdin=False))
    size = sum(len(d.text) for d in docs)
    rendered = []
    for path, doc, source in progress(list(zip(inputs, docs, sources, strict=True)), size, "fix"):
        decided = decisions or for_input(path, doc.text)
        if path in parsed:
            done = repair_file(path, doc, rules, config, source, profile, decided, parsed[path])
            if args.mark_review:
                doc, done.file.text = mark_review(path, doc, done.file.text)
            quality = measurer.measure(done.prose, None, done.layout.source)
            rendered.append(render_outputs(doc, path, output, done.file, config, quality, args.changed_only,
                                           done.prose, done.layout))
            continue
        result = repair(doc, rules, config, source, profile, decided)
        quality = measurer.measure(result, references[path], source)
        rendered.append(render_outputs(doc, path, output, result, config, quality, args.changed_only))
    for outputs in rendered:
        for name, data in outputs.files.items():
            write_atomic(output / name, data)
    measured = [(path, output / path.name, o.result, o.quality) for path, o in zip(inputs, rendered, strict=True)]
    if decisions is None:
        summary = summary_report(measured, measurer)
        write_atomic(output / "summary.json", (json.dumps(summary, ensure_ascii=False, indent=1) + "\n").encode())
        entries = [_entry(path, o) for path, o in zip(inputs, rendered, strict=True)]
        write_atomic(output / "index.html", index_html(entries, args.changed_only).encode())
    _print_run(inputs, output, rendered, args.verbose or len(inputs) == 1, decisions is None)
    return sum(d.line_count for d in docs)


def _entry(path: Path, outputs: Outputs) -> IndexEntry:
    r = outputs.result
    changed = len({edit.line for edit in r.applied})
    return IndexEntry(path.name, f"{outputs.name}.html", len(r.applied), len(r.suggestions),
                      len(r.findings), r.raw.count("\n") + 1, changed)


def _print_run(inputs: list[Path], output: Path, rendered: list[Outputs], each: bool, indexed: bool) -> None:
    """One line per input (and its quality figures) when ``each``; with several inputs, one line of totals."""
    if each:
        for path, outputs in zip(inputs, rendered, strict=True):
            r = outputs.result
            print(f"{path} -> {output / path.name}: {len(r.applied)} edits, {len(r.suggestions)} review "
                  f"suggestions, {len(r.findings)} findings")
            if outputs.quality is not None:
                print(terminal_summary(outputs.quality))
    if len(inputs) > 1:
        results = [o.result for o in rendered]
        changed = sum(r.text != r.raw for r in results)
        index = f"; review: {output / 'index.html'}" if indexed else ""
        print(f"{len(inputs)} files repaired into {output} ({changed} changed, {len(inputs) - changed} unchanged): "
              f"{sum(len(r.applied) for r in results)} edits, {sum(len(r.suggestions) for r in results)} review "
              f"suggestions, {sum(len(r.findings) for r in results)} findings{index}")


def run(args: argparse.Namespace, decisions: Decisions | None = None) -> int:
    """Repair the inputs; exit 0 when done, 2 on bad input (nothing is written then).

    ``decisions`` (from ``apply``, for its one input) replace the NAME.decisions.json beside the input;
    ``summary.json`` is then left as it is, since it covers every input of the folder.
    """
    config, rules = resolve(args)
    profile = Profile() if args.profile else None
    started = time.perf_counter()
    stdin = args.paths == ["-"]
    lines = _run_stdin(args, config, rules, profile) if stdin else _run_files(args, config, rules, profile, decisions)
    if profile is not None:
        sys.stderr.write(profile.render(time.perf_counter() - started, lines))
    return 0

