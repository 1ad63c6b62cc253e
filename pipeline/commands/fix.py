"""``mtfix fix``: repair files (writing the fixed text, diff, HTML and JSON reports) or stdin to stdout."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from ..config import Config
from ..decisions import Decisions
from ..documents import DocumentJob, FixSettings, Outputs, fix_documents, repair
from ..formats.files import is_document, read_segments
from ..grammar_lt import open_session
from ..grammar_repair import check_repair
from ..inputs import collect_inputs
from ..model import Rule
from ..options import add_rule_options, add_run_options, resolve
from ..profiling import Profile
from ..progress import progress
from ..quality import Measurer, QualitySettings, summary_report
from ..references import find_references
from ..reports.diff import unified_diff
from ..reports.index import IndexEntry, index_html
from ..reports.quality import terminal_summary
from ..sources import add_source_option, aligned_source, source_lines, source_paths
from ..stream import Settings, default_jobs, stream
from ..textio import InputError, copy_out, decode, encode, read_document, write_atomic
from .quality_options import add_grammar_options, add_resamples_option, grammar_settings

# Below this many characters in all, documents are repaired in this process: starting processes, each
# loading its own grammar checker (half a second of CPU), would cost more than they save.
PARALLEL_MIN_CHARS = 1_000_000


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
    add_resamples_option(parser)
    add_grammar_options(parser, default="changed for files, off for '-'")
    add_run_options(parser)


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


def _run_stdin(args: argparse.Namespace, config: Config, rules: tuple[Rule, ...], profile: Profile | None) -> int:
    source_path = Path(args.source) if args.source else None
    grammar = grammar_settings(args, default="off", jobs=args.jobs or default_jobs())
    if args.diff or grammar.enabled:  # both need the whole fixed text
        session = open_session(grammar, _notice) if grammar.enabled else None
        if session is not None and grammar.jobs > 1:
            session.warm_up()
        timing = profile if profile is not None else Profile()
        with timing.step("read"):
            doc = decode(sys.stdin.buffer.read(), "<stdin>")
        with timing.step("repair (rules)"):
            result = repair(doc, rules, config, aligned_source(doc, source_path), profile)
        if session is not None:
            with timing.step(f"grammar ({grammar.scope})"):
                report = check_repair(result.raw, result.text, session, grammar)
            for finding in report.findings if report else ():
                _notice(f"<stdin>:{finding.line}:{finding.col}: {finding.rule_id} {finding.message}")
        with timing.step("write"):
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


def _notice(message: str) -> None:
    print(message, file=sys.stderr)


def _run_files(args: argparse.Namespace, config: Config, rules: tuple[Rule, ...], profile: Profile | None,
               decisions: Decisions | None) -> int:
    if "-" in args.paths:
        raise InputError("-: stdin cannot be mixed with files")
    timing = profile if profile is not None else Profile()
    with timing.step("read"):
        inputs = collect_inputs(args.paths)
        docs = [read_document(p) for p in inputs]
        source_files = source_paths(args.source, inputs)
        sources = [aligned_source(d, s) for d, s in zip(docs, source_files, strict=True)]
        texts = [(p, d) for p, d in zip(inputs, docs, strict=True) if not is_document(p)]
        if args.ref is not None and len(inputs) == 1 and not texts:
            raise InputError(f"{args.ref}: --ref is for a text input; documents are measured without a reference")
        references = find_references(args.ref, [p for p, _ in texts], [d for _, d in texts])
        parsed = {p: read_segments(p, d) for p, d in zip(inputs, docs, strict=True) if is_document(p)}
    output = Path(args.output)
    prepare_output(output, inputs)
    jobs = args.jobs or default_jobs()
    size = sum(len(d.text) for d in docs)
    processes = min(jobs, len(docs)) if size >= PARALLEL_MIN_CHARS else 1
    grammar = grammar_settings(args, default="changed", jobs=jobs)
    if processes > 1 and grammar.scope == "full":  # the pool's processes check their documents in full each
        grammar = replace(grammar, jobs=1)
    quality = QualitySettings(config.apply_review, args.resamples, grammar)
    settings = FixSettings(config, quality, output, profile is not None, args.changed_only, args.mark_review)
    work = [DocumentJob(path, doc, source, references.get(path), decisions, parsed.get(path))
            for path, doc, source in zip(inputs, docs, sources, strict=True)]
    rendered, shown = [], set()
    done = fix_documents(work, settings, rules, processes, background=jobs > 1, profile=profile)
    for result in progress(done, len(work), size, "fix"):
        rendered.append(result.outputs)
        for notice in result.notices:
            if notice not in shown:
                shown.add(notice)
                _notice(notice)
        if profile is not None and result.profile is not None:
            profile.merge(result.profile)
    with timing.step("write"):
        for outputs in rendered:
            for name, data in outputs.files.items():
                write_atomic(output / name, data)
        measured = [(path, output / path.name, o.result, o.quality) for path, o in zip(inputs, rendered, strict=True)]
        if decisions is None:
            summary = summary_report(measured, Measurer(rules, quality, _notice))
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

