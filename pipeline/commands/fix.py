"""``mtfix fix``: repair files (writing the fixed text, diff, HTML and JSON reports) or stdin to stdout."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..decisions import Decisions, decisions_path, for_input, mark_findings
from ..inputs import collect_inputs, output_stem
from ..model import Rule
from ..options import add_rule_options, add_run_options, resolve
from ..outputs import check_folder, guard, write_outputs
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
from ..reports.ledger import json_report
from ..runner import Result, fix_text
from ..sources import add_source_option, aligned_source, source_lines, source_paths
from ..stream import Settings, default_jobs, stream
from ..textio import (
    Document,
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
    parser.add_argument("--diff", action="store_true", help="with '-': print the unified diff instead of the text")
    add_repair_options(parser)
    parser.set_defaults(run=run)


def add_repair_options(parser: argparse.ArgumentParser) -> None:
    """The options of a repair into an output folder, shared by ``fix`` and ``apply``."""
    parser.add_argument("-o", "--output", default="fixed", metavar="DIR",
                        help="folder for the fixed text and reports (default: fixed/)")
    parser.add_argument("--ref", metavar="FILE",
                        help="reference translation of the one input (default: NAME.ref.txt beside each input)")
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
    doc: Document, path: Path, output: Path, result: Result, config: Config, quality: Quality | None = None
) -> Outputs:
    """Build NAME.txt, NAME.diff, NAME.html and NAME.json for one repaired document.

    File names are shown escaped (``textio.printable``) in the reports: a newline or a terminal
    escape in a name cannot break a diff header or reach a terminal.
    """
    stem = output_stem(path)
    shown = printable(str(path))
    report = json_report(result, shown, config)
    if quality is not None:
        report["quality"] = quality.to_json()
    return Outputs(
        stem,
        {
            f"{stem}.txt": encode(doc, result.text),
            f"{stem}.diff": unified_diff(result.raw, result.text, shown, printable(str(output / f"{stem}.txt")))
            .encode(),
            f"{stem}.html": html_report(report, result.raw, result.text, printable(path.name),
                                        quality_html(quality) if quality else "").encode(),
            f"{stem}.json": (json.dumps(report, ensure_ascii=False, indent=1) + "\n").encode(),
        },
        result,
        quality,
    )


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
        with reading("<stdin>"):
            doc = decode(stdin_binary().read(), "<stdin>")
        result = repair(doc, rules, config, aligned_source(doc, source_path), profile)
        checked = session.check([result.text]) if session else None
        for issue in checked[0].issues if checked else ():
            print(f"<stdin>:{issue.line}:{issue.col}: {issue.rule_id} {issue.message}", file=sys.stderr)
        out = unified_diff(result.raw, result.text, "<stdin>", "<fixed>").encode() if args.diff else encode(
            doc, result.text)
        with writing("<stdout>"):
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


def _run_files(args: argparse.Namespace, config: Config, rules: tuple[Rule, ...], profile: Profile | None,
               decisions: Decisions | None, reads: Sequence[Path]) -> int:
    if "-" in args.paths:
        raise InputError("-: stdin cannot be mixed with files")
    inputs = collect_inputs(args.paths)
    docs = [read_document(p) for p in inputs]
    source_files = source_paths(args.source, inputs)
    sources = [aligned_source(d, s) for d, s in zip(docs, source_files, strict=True)]
    output = Path(args.output)
    references = find_references(args.ref, inputs, docs)
    read = [*inputs, *reads, *(p for p in (*source_files, *references.values()) if p is not None),
            *(decisions_path(p) for p in inputs)]
    check_folder(output, inputs)
    names = [f"{output_stem(p)}.{kind}" for p in inputs for kind in ("txt", "diff", "html", "json")]
    guard(output, [*names, *(["summary.json"] if decisions is None else [])], read)
    measurer = Measurer(rules, config.apply_review, args.resamples, open_grammar(args, stdin=False))
    size = sum(len(d.text) for d in docs)
    rendered = []
    for path, doc, source in progress(list(zip(inputs, docs, sources, strict=True)), size, "fix"):
        result = repair(doc, rules, config, source, profile, decisions or for_input(path, doc.text))
        quality = measurer.measure(result, references[path], source)
        rendered.append(render_outputs(doc, path, output, result, config, quality))
    files = {name: data for outputs in rendered for name, data in outputs.files.items()}
    shown = {path: Path(printable(str(output / f"{output_stem(path)}.txt"))) for path in inputs}
    measured = [(Path(printable(str(path))), shown[path], o.result, o.quality)
                for path, o in zip(inputs, rendered, strict=True)]
    if decisions is None:
        summary = summary_report(measured, measurer)
        files["summary.json"] = (json.dumps(summary, ensure_ascii=False, indent=1) + "\n").encode()
    write_outputs(output, files, read)
    for path, outputs in zip(inputs, rendered, strict=True):
        r = outputs.result
        print(f"{printable(str(path))} -> {shown[path]}: {len(r.applied)} edits, {len(r.suggestions)} review "
              f"suggestions, {len(r.findings)} findings")
        if outputs.quality is not None:
            print(terminal_summary(outputs.quality))
    return sum(d.line_count for d in docs)


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

