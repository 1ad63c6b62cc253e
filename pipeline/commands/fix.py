"""``mtfix fix``: repair files (writing the fixed text, diff, HTML and JSON reports) or stdin to stdout."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..config import Config
from ..decisions import Decisions, decisions_path
from ..documents import DocumentJob, FixSettings, Outputs, fix_documents, repair
from ..formats.files import is_document, read_segments
from ..grammar_lt import open_session
from ..grammar_repair import check_repair
from ..inputs import collect_inputs, fixed_name, output_names
from ..model import Rule
from ..options import add_rule_options, add_run_options, resolve
from ..outputs import check_folder, guard, write_outputs
from ..profiling import Profile
from ..progress import progress
from ..quality import Measurer, QualitySettings, summary_report
from ..references import find_references
from ..reports.diff import unified_diff
from ..reports.index import IndexEntry, index_html
from ..reports.quality import terminal_summary
from ..sources import add_source_option, aligned_source, source_lines, source_paths
from ..stream import Settings, default_jobs, stream
from ..textio import (
    InputError,
    copy_out,
    decode,
    encode,
    printable,
    read_document,
    reading,
    stdin_binary,
    stdout_binary,
    writing,
)
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




def _run_stdin(args: argparse.Namespace, config: Config, rules: tuple[Rule, ...], profile: Profile | None) -> int:
    source_path = Path(args.source) if args.source else None
    grammar = grammar_settings(args, default="off", jobs=args.jobs or default_jobs())
    if args.diff or grammar.enabled:  # both need the whole fixed text
        session = open_session(grammar, _notice) if grammar.enabled else None
        if session is not None and grammar.jobs > 1:
            session.warm_up()
        timing = profile if profile is not None else Profile()
        with timing.step("read"), reading("<stdin>"):
            doc = decode(stdin_binary().read(), "<stdin>")
        with timing.step("repair (rules)"):
            result = repair(doc, rules, config, aligned_source(doc, source_path), profile)
        if session is not None:
            with timing.step(f"grammar ({grammar.scope})"):
                report = check_repair(result.raw, result.text, session, grammar)
            for finding in report.findings if report else ():
                _notice(f"<stdin>:{finding.line}:{finding.col}: {finding.rule_id} {finding.message}")
        out = unified_diff(result.raw, result.text, "<stdin>", "<fixed>").encode() if args.diff else encode(
            doc, result.text)
        with timing.step("write"), writing("<stdout>"):
            stdout_binary().write(out)
        return doc.line_count
    lines = 0
    settings = Settings(config, "<stdin>", "fix", profile is not None)
    source = source_lines(source_path) if source_path else None
    # Held back until the whole input is repaired: bad input late in it must leave stdout empty.
    out = stdout_binary()
    with tempfile.TemporaryFile() as spool:
        for chunk in stream(stdin_binary(), settings, args.jobs or default_jobs(), source, source_path):
            with writing("<stdout>"):  # the spool is a temporary file: a full disk is the same failure
                spool.write(chunk.data)
            lines += chunk.lines
            if profile is not None and chunk.profile is not None:
                profile.merge(chunk.profile)
        with writing("<stdout>"):
            copy_out(spool, out)
    return lines


def _notice(message: str) -> None:
    print(message, file=sys.stderr)


def _run_files(args: argparse.Namespace, config: Config, rules: tuple[Rule, ...], profile: Profile | None,
               decisions: Decisions | None, reads: Sequence[Path]) -> int:
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
    read = [*inputs, *reads, *(p for p in (*source_files, *references.values()) if p is not None),
            *(decisions_path(p) for p in inputs)]
    check_folder(output, inputs)
    names = [name for p in inputs for name in output_names(p)]
    guard(output, [*names, *(["summary.json", "index.html"] if decisions is None else [])], read)
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
    rendered, noticed = [], set()
    done = fix_documents(work, settings, rules, processes, background=jobs > 1, profile=profile)
    for result in progress(done, len(work), size, "fix"):
        rendered.append(result.outputs)
        for notice in result.notices:
            if notice not in noticed:
                noticed.add(notice)
                _notice(notice)
        if profile is not None and result.profile is not None:
            profile.merge(result.profile)
    shown = {path: Path(printable(str(output / fixed_name(path)))) for path in inputs}
    with timing.step("write"):
        files = {name: data for outputs in rendered for name, data in outputs.files.items()}
        if decisions is None:
            measured = [(Path(printable(str(path))), shown[path], o.result, o.quality)
                        for path, o in zip(inputs, rendered, strict=True)]
            summary = summary_report(measured, Measurer(rules, quality, _notice))
            files["summary.json"] = (json.dumps(summary, ensure_ascii=False, indent=1) + "\n").encode()
            entries = [_entry(path, o) for path, o in zip(inputs, rendered, strict=True)]
            files["index.html"] = index_html(entries, args.changed_only).encode()
        write_outputs(output, files, read)
    _print_run(inputs, shown, output, rendered, args.verbose or len(inputs) == 1, decisions is None)
    return sum(d.line_count for d in docs)


def _entry(path: Path, outputs: Outputs) -> IndexEntry:
    r = outputs.result
    changed = len({edit.line for edit in r.applied})
    return IndexEntry(printable(path.name), f"{outputs.name}.html", len(r.applied), len(r.suggestions),
                      len(r.findings), r.raw.count("\n") + 1, changed)


def _print_run(inputs: list[Path], shown: dict[Path, Path], output: Path, rendered: list[Outputs], each: bool,
               indexed: bool) -> None:
    """One line per input (and its quality figures) when ``each``; with several inputs, one line of totals."""
    if each:
        for path, outputs in zip(inputs, rendered, strict=True):
            r = outputs.result
            print(f"{printable(str(path))} -> {shown[path]}: {len(r.applied)} edits, {len(r.suggestions)} review "
                  f"suggestions, {len(r.findings)} findings")
            if outputs.quality is not None:
                print(terminal_summary(outputs.quality))
    if len(inputs) > 1:
        results = [o.result for o in rendered]
        changed = sum(r.text != r.raw for r in results)
        index = f"; review: {printable(str(output / 'index.html'))}" if indexed else ""
        print(f"{len(inputs)} files repaired into {printable(str(output))} ({changed} changed, "
              f"{len(inputs) - changed} unchanged): {sum(len(r.applied) for r in results)} edits, "
              f"{sum(len(r.suggestions) for r in results)} review suggestions, "
              f"{sum(len(r.findings) for r in results)} findings{index}")


def run(args: argparse.Namespace, decisions: Decisions | None = None, reads: Sequence[Path] = ()) -> int:
    """Repair the inputs; exit 0 when done, 2 on bad input (nothing is written then).

    ``decisions`` (from ``apply``, for its one input) replace the NAME.decisions.json beside the input;
    ``summary.json`` is then left as it is, since it covers every input of the folder. ``reads`` are
    further files the run reads (``apply``'s decisions file), which no output may replace.
    """
    config, rules = resolve(args)
    profile = Profile() if args.profile else None
    started = time.perf_counter()
    stdin = args.paths == ["-"]
    if stdin:
        lines = _run_stdin(args, config, rules, profile)
    else:
        lines = _run_files(args, config, rules, profile, decisions, reads)
    if profile is not None:
        sys.stderr.write(profile.render(time.perf_counter() - started, lines))
    return 0

