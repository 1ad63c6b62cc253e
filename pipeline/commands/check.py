"""``mtfix check``: lint mode for pre-publication gates; exit 0 clean, 1 problems found, 2 bad input.

Like Ruff's ``check``: ``--fix`` repairs the files in place and reports what is left, ``--diff`` prints
what ``--fix`` would change without writing, ``--exit-zero`` reports without failing, and ``--fail-on``
sets how grave a problem must be to fail the gate (``safe`` < ``review`` < ``finding``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from ..carry import carry_over
from ..config import Config
from ..decisions import Decisions, decisions_path, for_input, to_json, unsettled
from ..formats.files import is_document, repair_file
from ..grammar_lt import open_session
from ..inputs import collect_inputs
from ..model import Rule
from ..options import add_rule_options, add_run_options, resolve
from ..outputs import write_outputs
from ..profiling import Profile
from ..reports.diff import unified_diff
from ..reports.lint import FORMATS, TIERS, Problem, fails, problems, render, tally
from ..runner import Result, fix_text
from ..sources import add_source_option, aligned_source, source_lines, source_paths
from ..stream import Settings, default_jobs, stream
from ..textio import Document, InputError, decode, encode, open_binary, printable, read_document, stdin_binary, writing
from .check_grammar import check_with_grammar
from .quality_options import add_grammar_options, grammar_settings


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``check`` and its options."""
    parser = subparsers.add_parser(
        "check",
        help="report what fix would change and what it finds, without writing",
        description="Print one line per edit, review suggestion or finding (path:line:col: RULE message), "
        "leaving out what a reviewer settled in NAME.decisions.json beside NAME.txt, then a summary line on "
        "stderr. Markdown, HTML, SRT, WebVTT and translation files are checked in their prose only, at "
        "their positions in the file. Exit 0 when nothing at the --fail-on level is left, 1 when something "
        "is, 2 on usage or input error.",
    )
    parser.add_argument("paths", nargs="*", default=["raw"], metavar="PATH",
                        help="files or folders to check, or '-' for stdin (default: raw/)")
    parser.add_argument("--output-format", choices=FORMATS, default="text",
                        help="text (default), json, github (workflow commands) or sarif (SARIF 2.1.0)")
    parser.add_argument("--fail-on", choices=TIERS, default="safe",
                        help="fail (exit 1) on problems of this tier or graver: safe (default: anything), "
                        "review (review suggestions and findings) or finding (findings only)")
    parser.add_argument("--exit-zero", action="store_true",
                        help="exit 0 even when problems are reported (2 still means bad input)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--fix", action="store_true",
                      help="repair the files in place (what 'fix' would apply), then report what is left")
    mode.add_argument("--diff", action="store_true",
                      help="print the unified diff of what --fix would change, writing nothing; exit 1 if any")
    add_rule_options(parser)
    add_source_option(parser)
    add_grammar_options(parser, default="off")
    add_run_options(parser)
    parser.set_defaults(run=run)


def _inputs(args: argparse.Namespace) -> tuple[list[Path | None], list[Path | None]]:
    if args.paths == ["-"]:
        if args.fix:
            raise InputError("-: --fix rewrites files in place; repair stdin with 'mtfix fix -'")
        return [None], [Path(args.source) if args.source else None]
    if "-" in args.paths:
        raise InputError("-: stdin cannot be mixed with files")
    paths = collect_inputs(args.paths)
    return list(paths), list(source_paths(args.source, paths))


def run(args: argparse.Namespace) -> int:
    """Check the inputs (each read in chunks of lines), or fix them or show the diff; print the problems."""
    config, rules = resolve(args)
    paths, sources = _inputs(args)
    if args.fix or args.diff:
        return _fix_or_diff(args, config, rules, paths, sources)
    jobs = args.jobs or default_jobs()
    profile = Profile() if args.profile else None
    started, lines, found = time.perf_counter(), 0, []
    grammar = grammar_settings(args, default="off", jobs=jobs)
    session = open_session(grammar, lambda message: print(message, file=sys.stderr)) if grammar.enabled else None
    if session is not None and grammar.jobs > 1:
        session.warm_up()
    for path, source_path in zip(paths, sources, strict=True):
        if path is not None and is_document(path):
            found += _check_whole(path, source_path, config, rules, profile)
            continue
        if session is not None:
            problems_found, count = check_with_grammar(path, source_path, config, rules, grammar, session, profile)
            found, lines = found + problems_found, lines + count
            continue
        if path is not None and decisions_path(path).is_file():
            found += _check_whole(path, source_path, config, rules, profile)
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
    if args.output_format == "text":
        print(tally(found), file=sys.stderr)
    if profile is not None:
        sys.stderr.write(profile.render(time.perf_counter() - started, lines))
    return _status(args, fails(found, args.fail_on))


def _status(args: argparse.Namespace, failed: bool) -> int:
    return 1 if failed and not args.exit_zero else 0


def _repair(doc: Document, path: Path | None, source_path: Path | None, config: Config, rules: tuple[Rule, ...],
            decisions: Decisions | None, profile: Profile | None = None) -> Result:
    """One whole file repaired as ``fix`` would, following ``decisions``; a document format through its
    adapter, its ledger in file offsets."""
    source = aligned_source(doc, source_path)
    if path is not None and is_document(path):
        return repair_file(path, doc, rules, config, source, profile, decisions).file
    return fix_text(doc.text, rules, apply_review=config.apply_review, source=source, profile=profile,
                    verdicts=decisions.verdicts() if decisions else None)


def _repair_whole(doc: Document, path: Path | None, source_path: Path | None, config: Config,
                  rules: tuple[Rule, ...], profile: Profile | None = None) -> tuple[Result, Decisions | None]:
    """One whole file repaired as ``fix`` would, following the reviewer's decisions beside it, and the
    decisions that settle its problems: none for a document format, whose decisions name prose offsets."""
    decisions = for_input(path, doc.text) if path is not None else None
    result = _repair(doc, path, source_path, config, rules, decisions, profile)
    return result, None if path is not None and is_document(path) else decisions


@dataclass(frozen=True)
class _Rewrite:
    """What ``--fix`` does to one file: its new bytes, and the decisions carried over to them (if any)."""

    path: Path
    data: bytes
    decisions: Decisions | None


def _fix_one(path: Path, doc: Document, source_path: Path | None, result: Result, decisions: Decisions | None,
             config: Config, rules: tuple[Rule, ...]) -> tuple[_Rewrite | None, list[Problem]]:
    """The rewrite of one file (None when it stays as it is) and the problems left in it."""
    if result.text == result.raw:
        edits, findings = unsettled(result, decisions)
        return None, problems(printable(str(path)), [e for e in edits if not e.applied], findings, result.raw)
    carried: Decisions | None = None
    if is_document(path) and decisions_path(path).is_file():
        print(f"mtfix: warning: {path}: the decisions in {decisions_path(path).name} name the prose of the file and "
              "are not carried over; not fixed in place (mtfix apply writes the reviewed file)", file=sys.stderr)
        return None, problems(printable(str(path)), *unsettled(result, None), result.raw)
    if decisions is None:
        again = _repair(replace(doc, text=result.text), path, source_path, config, rules, None)
    else:
        source = aligned_source(doc, source_path)
        moved = carry_over(decisions, result, rules, config, source)
        if moved is None:
            print(f"mtfix: warning: {path}: the decisions in {decisions_path(path).name} cannot be carried over to "
                  "the repaired text; not fixed in place (mtfix apply writes the reviewed text)", file=sys.stderr)
            return None, problems(printable(str(path)), *unsettled(result, decisions), result.raw)
        carried, again = moved
    edits, findings = unsettled(again, carried)
    return _Rewrite(path, encode(doc, result.text), carried), problems(printable(str(path)), edits, findings, again.raw)


def _fix_or_diff(args: argparse.Namespace, config: Config, rules: tuple[Rule, ...],
                 paths: list[Path | None], sources: list[Path | None]) -> int:
    """``--diff``: print what would change. ``--fix``: rewrite the changed files, then report what is left."""
    docs = [decode(stdin_binary().read(), "<stdin>") if p is None else read_document(p) for p in paths]
    runs = [_repair_whole(d, p, s, config, rules) for d, p, s in zip(docs, paths, sources, strict=True)]
    if args.diff:
        changed = [(p, r) for p, (r, _) in zip(paths, runs, strict=True) if r.text != r.raw]
        for path, result in changed:
            name = "<stdin>" if path is None else str(path)
            sys.stdout.write(unified_diff(result.raw, result.text, name, name))
        word = "file" if len(changed) == 1 else "files"
        print(f"{len(changed)} {word} would be changed by --fix" if changed else "No changes to make.",
              file=sys.stderr)
        return _status(args, bool(changed))
    rewrites, found = [], []
    for path, doc, source_path, (result, decisions) in zip(paths, docs, sources, runs, strict=True):
        assert path is not None
        rewrite, left = _fix_one(path, doc, source_path, result, decisions, config, rules)
        found += left
        if rewrite is not None:
            rewrites.append((rewrite, len(result.applied)))
    for rewrite, _ in rewrites:  # every document is repaired before the first file is replaced
        _replace(rewrite.path, rewrite.data)
        if rewrite.decisions is not None:
            _replace(decisions_path(rewrite.path),
                     (json.dumps(to_json(rewrite.decisions), ensure_ascii=False, indent=1) + "\n").encode())
    sys.stdout.write(render(found, args.output_format))
    if args.output_format == "text":
        fixed = sum(count for _, count in rewrites)
        print(f"Fixed {fixed} problem{'s' if fixed != 1 else ''} in {len(rewrites)} "
              f"file{'s' if len(rewrites) != 1 else ''}. {tally(found)}", file=sys.stderr)
    return _status(args, fails(found, args.fail_on))


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` over the file ``path``, keeping its permissions."""
    mode = path.stat().st_mode & 0o7777
    write_outputs(path.parent, {path.name: data}, [])
    os.chmod(path, mode)


def _check_whole(path: Path, source_path: Path | None, config: Config, rules: tuple[Rule, ...],
                 profile: Profile | None) -> list[Problem]:
    """Check a file whole rather than in chunks: a document format (its prose, located in the file), or a
    text with a reviewer's decisions beside it, leaving out what the reviewer settled."""
    result, decisions = _repair_whole(read_document(path), path, source_path, config, rules, profile)
    return problems(printable(str(path)), *unsettled(result, decisions), result.raw)
