"""Runs the rule stages over a text and keeps the ledger of every edit.

Stages run in the order of ``rules.STAGES``; each sees the previous stage's output. Within a stage
the rules propose edits on the same input; non-overlapping edits are applied left to right, an
overlapping one is reported as a conflict and proposed again on the next pass. A stage repeats
until it makes no edit, at most ``MAX_PASSES`` times. Edits never add or remove a line break.

A reviewer's verdicts override the tiers: ``verdicts`` maps an edit's key (rule id, raw start, raw
end, before, after; see ``edit_key``) to ``True`` (apply it) or ``False`` (do not). The pipeline runs
as usual with those edits forced or suppressed, so edits that depended on a rejected one are simply
not proposed, and the ledger still rebuilds the fixed text.

>>> result = fix_text("at 08: 15 , then")
>>> result.text
'at 08:15, then'
>>> [e.rule_id for e in result.edits]
['typo.clock_time', 'typo.space_before_punct']
>>> apply_ledger("at 08: 15 , then", result.edits) == result.text
True
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .model import Context, Edit, Finding, Proposal, Rule, Tier
from .protect import protected_spans
from .registry import STAGES, all_rules, doc_fact_functions

MAX_PASSES = 4

EditKey = tuple[str, int, int, str, str]


def edit_key(edit: Edit) -> EditKey:
    """What identifies an edit across runs on the same raw text: rule id, raw span, before and after."""
    return (edit.rule_id, edit.raw_start, edit.raw_end, edit.before, edit.after)


class ConvergenceError(RuntimeError):
    """A stage still changed the text after ``MAX_PASSES`` passes: its rules undo each other."""


@dataclass(frozen=True)
class Conflict:
    """An edit that lost to an overlapping one in the same pass."""

    rule_id: str
    winner_id: str
    line: int
    col: int
    before: str
    after: str

    def to_json(self) -> dict[str, Any]:
        """The conflict as a JSON-ready mapping."""
        return {
            "rule": self.rule_id,
            "lost_to": self.winner_id,
            "line": self.line,
            "col": self.col,
            "before": self.before,
            "after": self.after,
        }


@dataclass
class Result:
    """The fixed text and everything the run did to get there."""

    raw: str
    text: str
    edits: list[Edit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def applied(self) -> list[Edit]:
        """The edits that were applied, in ledger order."""
        return [e for e in self.edits if e.applied]

    @property
    def suggestions(self) -> list[Edit]:
        """Review-tier edits that were listed but not applied."""
        return [e for e in self.edits if not e.applied and e.decision != "reject"]

    @property
    def rejected(self) -> list[Edit]:
        """Edits a reviewer rejected: proposed by the rules, not applied."""
        return [e for e in self.edits if not e.applied and e.decision == "reject"]


@dataclass(frozen=True)
class _Pass:
    """Applied edits of one pass, as (start, end, new_length) in the pass's input, sorted."""

    starts: tuple[int, ...]
    spans: tuple[tuple[int, int, int], ...]
    new_starts: tuple[int, ...]


def _make_pass(spans: list[tuple[int, int, int]]) -> _Pass:
    new_starts, delta = [], 0
    for start, end, new_len in spans:
        new_starts.append(start + delta)
        delta += new_len - (end - start)
    return _Pass(tuple(s for s, _, _ in spans), tuple(spans), tuple(new_starts))


def _map_back(pos: int, history: Sequence[_Pass], is_end: bool) -> int:
    """Map an offset of the current text back to the raw text through every applied pass."""
    for applied in reversed(history):
        i = bisect.bisect_right(applied.new_starts, pos) - 1
        if i < 0:
            continue
        start, end, new_len = applied.spans[i]
        new_start = applied.new_starts[i]
        if pos < new_start + new_len or (pos == new_start + new_len and new_len == 0 and not is_end):
            pos = end if is_end and pos > new_start else start
        else:
            pos = end + (pos - new_start - new_len)
    return pos


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return tuple(starts)


def _trim(text: str, start: int, end: int, after: str) -> tuple[int, int, str]:
    """Shrink an edit to the part that really changes (common prefix and suffix removed)."""
    before = text[start:end]
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return start + prefix, end - suffix, after[prefix : len(after) - suffix]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] < b[1] and b[0] < a[1]:
        return True
    return a[0] == b[0] and (a[0] == a[1] or b[0] == b[1])


def _protected(span: tuple[int, int], protected: Sequence[tuple[int, int]], starts: Sequence[int]) -> bool:
    """Whether ``span`` touches a protected span (an insertion inside one counts too)."""
    start, end = span
    i = (bisect.bisect_left(starts, end) if end > start else bisect.bisect_right(starts, start)) - 1
    return i >= 0 and protected[i][1] > start


def _decision(verdicts: Mapping[EditKey, bool] | None, key: EditKey) -> str:
    """The reviewer's verdict on the edit with ``key`` as ``Edit.decision``: accept, reject or none."""
    verdict = verdicts.get(key) if verdicts else None
    return "" if verdict is None else "accept" if verdict else "reject"


def document_facts(raw: str) -> dict[str, Any]:
    """Every rule module's document facts, computed once from the raw text."""
    return {name: function(raw) for name, function in doc_fact_functions().items()}


def fix_text(
    raw: str,
    rules: Sequence[Rule] | None = None,
    *,
    apply_review: bool = False,
    source: Sequence[str] | None = None,
    glossary: Iterable[tuple[str, str, str]] = (),
    doc: Mapping[str, Any] | None = None,
    verdicts: Mapping[EditKey, bool] | None = None,
) -> Result:
    """Run every stage of ``rules`` (default: all) over ``raw``; LF-joined lines, no BOM.

    ``verdicts`` forces (``True``) or suppresses (``False``) the edits with those keys.
    """
    rules = all_rules() if rules is None else rules
    facts = document_facts(raw) if doc is None else doc
    source_lines = tuple(source) if source is not None else None
    glossary_rows = tuple(glossary)
    raw_line_starts = _line_starts(raw)
    result = Result(raw=raw, text=raw)
    history: list[_Pass] = []
    seen_listed: set[tuple[str, int, int, str]] = set()
    step = 0
    text = raw

    def locate(start: int, end: int) -> tuple[int, int, int, int]:
        raw_start = _map_back(start, history, is_end=False)
        raw_end = max(raw_start, _map_back(end, history, is_end=True))
        line = bisect.bisect_right(raw_line_starts, raw_start) - 1
        return raw_start, raw_end, line + 1, raw_start - raw_line_starts[line] + 1

    for stage in STAGES:
        stage_rules = [r for r in rules if r.stage == stage]
        if not stage_rules:
            continue
        for pass_number in range(MAX_PASSES + 1):
            ctx = Context(doc=facts, source=source_lines, glossary=glossary_rows, line_starts=_line_starts(text))
            protected = protected_spans(text)
            protected_starts = [s for s, _ in protected]
            candidates: list[tuple[int, int, int, Rule, Proposal, str, tuple[str, str]]] = []
            for order, rule in enumerate(stage_rules):
                for proposal in rule.propose(text, ctx):
                    span = (proposal.start, proposal.end)
                    if protected and _protected(span, protected, protected_starts):
                        continue
                    if rule.tier is Tier.FINDING:
                        key = (rule.id, *locate(*span)[:2], "")
                        if key not in seen_listed:
                            seen_listed.add(key)
                            raw_start, raw_end, line, col = locate(*span)
                            result.findings.append(
                                Finding(rule.id, proposal.message or rule.message, text[span[0] : span[1]],
                                        raw_start, raw_end, line, col, stage)
                            )
                        continue
                    after = proposal.after or ""
                    start, end, after = _trim(text, proposal.start, proposal.end, after)
                    before = text[start:end]
                    if before == after:
                        continue
                    if "\n" in before or "\n" in after:
                        raise ValueError(f"rule {rule.id} proposed an edit across a line break: {before!r}")
                    context = (text[proposal.start : proposal.end], proposal.after or "")
                    candidates.append((start, -(end - start), order, rule, proposal, after, context))
            candidates.sort(key=lambda c: (c[0], c[1], c[2]))
            accepted: list[tuple[int, int, Rule, Proposal, str, tuple[str, str]]] = []
            for start, neg_len, _, rule, proposal, after, context in candidates:
                end = start - neg_len
                applies = rule.tier is Tier.SAFE or apply_review
                if verdicts:
                    applies = verdicts.get((rule.id, *locate(start, end)[:2], text[start:end], after), applies)
                if not applies:
                    raw_start, raw_end, line, col = locate(start, end)
                    key = (rule.id, raw_start, raw_end, after)
                    if key not in seen_listed:
                        seen_listed.add(key)
                        result.edits.append(
                            Edit(rule.id, proposal.message or rule.message, rule.tier, stage, step, start, end,
                                 text[start:end], after, raw_start, raw_end, line, col, False, context,
                                 _decision(verdicts, (rule.id, raw_start, raw_end, text[start:end], after)))
                        )
                    continue
                clash = next((a for a in accepted if _overlaps((a[0], a[1]), (start, end))), None)
                if clash is not None:
                    _, _, line, col = locate(start, end)
                    result.conflicts.append(Conflict(rule.id, clash[2].id, line, col, text[start:end], after))
                    continue
                accepted.append((start, end, rule, proposal, after, context))
            if not accepted:
                break
            if pass_number == MAX_PASSES:
                names = sorted({a[2].id for a in accepted})
                raise ConvergenceError(f"stage {stage} did not converge; rules still editing: {', '.join(names)}")
            accepted.sort(key=lambda a: a[0])
            pieces, cursor = [], 0
            for start, end, rule, proposal, after, context in accepted:
                raw_start, raw_end, line, col = locate(start, end)
                result.edits.append(
                    Edit(rule.id, proposal.message or rule.message, rule.tier, stage, step, start, end,
                         text[start:end], after, raw_start, raw_end, line, col, True, context,
                         _decision(verdicts, (rule.id, raw_start, raw_end, text[start:end], after)))
                )
                pieces.append(text[cursor:start])
                pieces.append(after)
                cursor = end
            pieces.append(text[cursor:])
            history.append(_make_pass([(s, e, len(a)) for s, e, _, _, a, _ in accepted]))
            text = "".join(pieces)
            step += 1
    result.text = text
    return result


def apply_ledger(raw: str, edits: Iterable[Edit]) -> str:
    """Replay the applied edits of a ledger on the raw text, pass by pass."""
    by_step: dict[int, list[Edit]] = {}
    for edit in edits:
        if edit.applied:
            by_step.setdefault(edit.step, []).append(edit)
    text = raw
    for step in sorted(by_step):
        pieces, cursor = [], 0
        for edit in sorted(by_step[step], key=lambda e: e.start):
            pieces.append(text[cursor : edit.start])
            pieces.append(edit.after)
            cursor = edit.end
        pieces.append(text[cursor:])
        text = "".join(pieces)
    return text
