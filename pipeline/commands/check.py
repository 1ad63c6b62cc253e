"""``mtfix check``: lint mode for pre-publication gates; exit 0 clean, 1 problems found, 2 bad input."""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

from ..config import Config
from ..decisions import decisions_path, for_input, unsettled
from ..inputs import collect_inputs
from ..model import Rule
from ..options import add_rule_options, add_run_options, resolve
from ..profiling import Profile
from ..reports.lint import FORMATS, Problem, problems, render
from ..runner import fix_text
from ..sources import add_source_option, aligned_source, source_lines, source_paths
from ..stream import Settings, default_jobs, stream
from ..textio import InputError, open_binary, printable, read_document, stdin_binary, writing


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
    add_run_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the inputs, each read in chunks of lines, and print the problems."""
    config, rules = resolve(args)
    if args.paths == ["-"]:
        paths: list[Path | None] = [None]
        sources = [Path(args.source) if args.source else None]
    elif "-" in args.paths:
        raise InputError("-: stdin cannot be mixed with files")
    else:
        paths = list(collect_inputs(args.paths))
        sources = source_paths(args.source, paths)
    jobs = args.jobs or default_jobs()
    profile = Profile() if args.profile else None
    started, lines, found = time.perf_counter(), 0, []
    for path, source_path in zip(paths, sources, strict=True):
        if path is not None and decisions_path(path).is_file():
            found += _check_with_decisions(path, source_path, config, rules)
            continue
        with contextlib.ExitStack() as stack:
            handle = stdin_binary() if path is None else stack.enter_context(open_binary(path))
            name = "<stdin>" if path is None else printable(str(path))  # no raw newline or escape in a report
            settings = Settings(config, name, "check", profile is not None)
            source = source_lines(source_path) if source_path else None
            for chunk in stream(handle, settings, jobs, source, source_path):
                found += chunk.problems
                lines += chunk.lines
                if profile is not None and chunk.profile is not None:
                    profile.merge(chunk.profile)
    with writing("<stdout>"):
        sys.stdout.write(render(found, args.output_format))
    if profile is not None:
        sys.stderr.write(profile.render(time.perf_counter() - started, lines))
    return 1 if found else 0


def _check_with_decisions(path: Path, source_path: Path | None, config: Config,
                          rules: tuple[Rule, ...]) -> list[Problem]:
    """Check a whole document beside a NAME.decisions.json, leaving out what the reviewer settled."""
    doc = read_document(path)
    decisions = for_input(path, doc.text)
    result = fix_text(doc.text, rules, apply_review=config.apply_review, source=aligned_source(doc, source_path),
                      verdicts=decisions.verdicts() if decisions else None)
    return problems(printable(str(path)), *unsettled(result, decisions))
