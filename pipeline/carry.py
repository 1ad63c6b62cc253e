"""Carry a reviewer's decisions over to the text that ``check --fix`` writes in place of the raw text.

Decisions name spans of the raw text they were made for. Once ``--fix`` has written the repaired
text, the decisions still open (rejected edits, verdicts on suggestions, dismissed findings) must
name spans of the new text, or the next run would apply what the reviewer rejected. Each span is
shifted by the applied edits before it; the carried decisions are kept only if the new text holds
what each names and a run over it with them applies nothing and finds every one again. Otherwise
there is nothing to carry them with, and the caller leaves the file as it is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from .config import Config
from .decisions import Decision, Decisions, raw_hash
from .model import Edit, Rule
from .runner import Result, edit_key, fix_text


def _shift(applied: Sequence[Edit], pos: int) -> int:
    """Offset ``pos`` of the raw text in the repaired text (no applied edit straddles it)."""
    return pos + sum(len(e.after) - len(e.before) for e in applied
                     if e.raw_end <= pos and (e.raw_start < pos or e.raw_start == e.raw_end))


def _replays(result: Result) -> bool:
    """Whether the applied edits, put in the raw text where their raw spans say, give the repaired text.

    Not so when edits chain (one edits text another wrote): their raw spans do not say where the text moved.
    """
    out, pos = [], 0
    for e in sorted(result.applied, key=lambda e: (e.raw_start, e.raw_end)):
        if e.raw_start < pos or result.raw[e.raw_start:e.raw_end] != e.before:
            return False
        out += [result.raw[pos:e.raw_start], e.after]
        pos = e.raw_end
    return "".join(out) + result.raw[pos:] == result.text


def _carried(decision: Decision, applied: Sequence[Edit], text: str) -> Decision | None:
    if any(e.raw_start < decision.raw_end and e.raw_end > decision.raw_start for e in applied):
        return None
    start, end = _shift(applied, decision.raw_start), _shift(applied, decision.raw_end)
    named = decision.text if decision.verdict == "dismiss" else decision.before
    return dataclasses.replace(decision, raw_start=start, raw_end=end) if text[start:end] == named else None


def carry_over(decisions: Decisions, result: Result, rules: tuple[Rule, ...], config: Config,
               source: list[str] | None) -> tuple[Decisions, Result] | None:
    """The decisions still open, moved onto ``result.text``, with the run over it that confirms them; or None."""
    if not _replays(result):
        return None
    applied = result.applied
    done = {edit_key(e) for e in applied}
    kept = []
    for d in decisions.decisions:
        if d.verdict != "dismiss" and (d.rule, d.raw_start, d.raw_end, d.before, d.after) in done:
            continue  # an accepted suggestion or confirmed edit: now part of the text
        moved = _carried(d, applied, result.text)
        if moved is None:
            return None
        kept.append(moved)
    carried = Decisions(raw_hash(result.text), tuple(kept), decisions.input)
    again = fix_text(result.text, rules, apply_review=config.apply_review, source=source,
                     verdicts=carried.verdicts())
    decided = {edit_key(e) for e in again.edits if e.decision}
    findings = {(f.rule_id, f.raw_start, f.raw_end, f.text) for f in again.findings}
    if again.applied:
        return None
    if not all((d.rule, d.raw_start, d.raw_end, d.before, d.after) in decided if d.verdict != "dismiss"
               else (d.rule, d.raw_start, d.raw_end, d.text) in findings for d in kept):
        return None
    return carried, again
