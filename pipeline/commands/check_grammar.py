"""``check --grammar``: the grammar issues a repair brought or removed, as lint problems beside the rules'.

The whole document is repaired at once (the grammar check compares each raw line with its fixed line),
leaving out what a reviewer settled in NAME.decisions.json; grammar problems are notes, never errors.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..config import Config
from ..decisions import for_input, mark_findings, unsettled
from ..documents import repair
from ..grammar import GrammarSession, GrammarSettings
from ..grammar_repair import check_repair
from ..model import Rule
from ..profiling import Profile
from ..reports.lint import Problem, problems
from ..sources import aligned_source
from ..textio import decode, read_document


def check_with_grammar(path: Path | None, source_path: Path | None, config: Config, rules: tuple[Rule, ...],
                       grammar: GrammarSettings, session: GrammarSession,
                       profile: Profile | None) -> tuple[list[Problem], int]:
    """The problems of one input (``None``: stdin) with its grammar findings, and its number of lines."""
    timing = profile if profile is not None else Profile()
    doc = decode(sys.stdin.buffer.read(), "<stdin>") if path is None else read_document(path)
    name = "<stdin>" if path is None else str(path)
    decisions = for_input(path, doc.text) if path is not None else None
    with timing.step("repair (rules)"):
        result = repair(doc, rules, config, aligned_source(doc, source_path), profile, decisions)
    found = problems(name, *unsettled(result, decisions), result.raw)
    with timing.step(f"grammar ({grammar.scope})"):
        report = check_repair(result.raw, result.text, session, grammar)
    advisory = mark_findings(report.findings if report else (), decisions)
    found += [Problem(name, f.line, f.col, f.rule_id, f.message, "note") for f in advisory if not f.decision]
    return sorted(found, key=lambda p: (p.path, p.line, p.col, p.rule)), doc.line_count
