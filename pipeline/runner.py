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
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import regex

from .model import Context, Edit, Finding, Proposal, Rule, Tier
from .prefilter import Gate, gate, line_starts
from .profiling import Profile
from .protect import protected_spans
from .registry import STAGES, all_rules, doc_fact_functions

MAX_PASSES = 4
MAX_SETTLE = 4
FACT_WINDOW = 1024 * 1024

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
    """Every rule module's document facts, computed once from the start of the raw text.

    Facts are statistics of a document (its date style, its names), settled long before
    ``FACT_WINDOW`` characters; reading only that much gives a stream, a split file and a whole file
    the same facts.
    """
    head = raw[:FACT_WINDOW]
    return {name: function(head) for name, function in doc_fact_functions().items()}


def fact_head(text: str) -> str:
    """The lines document facts are read from: the whole lines that cover the first ``FACT_WINDOW`` characters."""
    end = text.find("\n", FACT_WINDOW) if len(text) > FACT_WINDOW else -1
    return text if end == -1 else text[:end]


def settle_facts(raw: str, fix: Callable[[str, Mapping[str, Any]], Result]) -> tuple[dict[str, Any], Result]:
    """Document facts that a repair does not change, and ``fix(fact_head(raw), facts)`` under them.

    Facts read from the raw text can be tipped by the repair itself (repaired dates add votes to a
    date style, a repaired name becomes attested), and a second run would then change more. So
    the head is repaired under the raw text's facts, the facts are read again from the repaired
    head, and this repeats until those the rules read stay the same: the fixed text then has the
    facts it was repaired under, and fixing it again changes nothing. At most ``MAX_SETTLE`` rounds; facts that
    swing between states give the repair under the raw text's facts.
    """
    head = fact_head(raw)
    facts = document_facts(head)
    first: tuple[dict[str, Any], Result] | None = None
    for _ in range(MAX_SETTLE):
        read = _ReadFacts(facts)
        result = fix(head, read)
        again = document_facts(result.text)
        if all(again.get(name) == facts.get(name) for name in read.names):
            # No fact the rules read has changed: the repair under the new facts is this one.
            return again, result
        first = first or (facts, result)
        facts = again
    # The facts swing between states (a repair attests a name, which withdraws the repair): keep
    # the repair under the raw text's facts, whose output settles (its facts withdraw no edit).
    assert first is not None
    return first


class _ReadFacts(dict[str, Any]):
    """Document facts that note which of them the rules read (a fact nobody read cannot matter)."""

    def __init__(self, facts: Mapping[str, Any]) -> None:
        super().__init__(facts)
        self.names: set[str] = set()

    def __getitem__(self, name: str) -> Any:
        self.names.add(name)
        return super().__getitem__(name)

    def get(self, name: str, default: Any = None) -> Any:
        self.names.add(name)
        return super().get(name, default)

    def __contains__(self, name: object) -> bool:
        self.names.add(str(name))
        return super().__contains__(name)


def gates_of(rules: Iterable[Rule]) -> dict[str, Gate]:
    """Each rule's gate, built once per prefilter (case-insensitive when the rule is)."""
    return {rule.id: gate(rule.prefilter, rule.flags & regex.IGNORECASE) for rule in rules}


class _WholeText:
    """One pass of a stage over the whole text: every rule reads everything (the reference runner)."""

    def __init__(self, text: str, ctx: Context) -> None:
        self.text = text
        self.ctx = replace(ctx, line_starts=line_starts(text.split("\n")), scans={})
        protected = protected_spans(text)
        self._protected = protected
        self._starts = [s for s, _ in protected]

    def proposals(self, rule: Rule, profile: Profile | None) -> list[Proposal]:
        started = time.perf_counter()
        found = list(rule.propose(self.text, self.ctx))
        if profile is not None:
            profile.add(rule, time.perf_counter() - started, len(self.ctx.line_starts), len(found))
        return found

    def protected(self, span: tuple[int, int]) -> bool:
        return bool(self._protected) and _protected(span, self._protected, self._starts)

    def line_of(self, pos: int) -> int:
        return bisect.bisect_right(self.ctx.line_starts, pos) - 1

    def first_pass(self) -> _WholeText:
        """The same text, as the first pass of the next stage sees it."""
        return self

    def apply(self, accepted: Sequence[tuple[int, int, str]]) -> _WholeText:
        pieces, cursor = [], 0
        for start, end, after in accepted:
            pieces.append(self.text[cursor:start])
            pieces.append(after)
            cursor = end
        pieces.append(self.text[cursor:])
        return _WholeText("".join(pieces), self.ctx)


class _GatedLines:
    """One pass of a stage that shows each rule only its candidate lines.

    On a stage's first pass a rule sees the lines its gate picks; on later passes only those of
    them the previous pass edited (an unedited line would propose what it proposed before).
    Rules judge a line on its own, so their proposals, moved back to whole-text offsets, are the
    reference runner's.
    """

    def __init__(self, text: str, lines: list[str], starts: list[int], ctx: Context,
                 gates: Mapping[str, Gate], changed: Sequence[int] | None) -> None:
        self.text, self.lines, self.starts, self.ctx = text, lines, starts, replace(ctx, scans={})
        self.gates, self.changed = gates, changed
        self._protected: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}
        self._picked: dict[int, list[int]] = {}  # by gate: rules sharing a prefilter share its scan
        self._texts: dict[int, tuple[str, list[int], Context]] = {}  # and the text of the lines it picks

    def _candidates(self, rule: Rule) -> list[int]:
        gate = self.gates[rule.id]
        if id(gate) not in self._picked:
            if self.changed is None:
                self._picked[id(gate)] = gate.lines(self.text, self.starts)
            else:
                self._picked[id(gate)] = [i for i in self.changed if gate.matches(self.lines[i])]
        return self._picked[id(gate)]

    def _shown(self, picked: list[int]) -> tuple[str, list[int], Context]:
        """The picked lines as one text, where they start in it, and the context that locates them."""
        if id(picked) not in self._texts:
            shown = [self.lines[i] for i in picked]
            starts = line_starts(shown)
            self._texts[id(picked)] = ("\n".join(shown), starts, replace(self.ctx, line_starts=starts,
                                                                          line_numbers=picked))
        return self._texts[id(picked)]

    def proposals(self, rule: Rule, profile: Profile | None) -> list[Proposal]:
        started = time.perf_counter()
        picked = self._candidates(rule)
        gated = time.perf_counter()
        found: list[Proposal] = []
        if len(picked) == len(self.lines):
            found = list(rule.propose(self.text, replace(self.ctx, line_starts=self.starts)))
        elif picked:
            starts = self.starts
            sub, sub_starts, ctx = self._shown(picked)

            def whole(pos: int) -> int:
                k = bisect.bisect_right(sub_starts, pos) - 1
                return starts[picked[k]] + pos - sub_starts[k]

            found = [replace(p, start=whole(p.start), end=whole(p.end)) for p in rule.propose(sub, ctx)]
        if profile is not None:
            profile.add(rule, time.perf_counter() - started, len(picked), len(found), gated - started)
        return found

    def protected(self, span: tuple[int, int]) -> bool:
        k = bisect.bisect_right(self.starts, span[0]) - 1
        if k not in self._protected:
            base = self.starts[k]
            spans = [(s + base, e + base) for s, e in protected_spans(self.lines[k])]
            self._protected[k] = (spans, [s for s, _ in spans])
        spans, starts = self._protected[k]
        return bool(spans) and _protected(span, spans, starts)

    def line_of(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def apply(self, accepted: Sequence[tuple[int, int, str]]) -> _GatedLines:
        lines, starts = list(self.lines), self.starts
        by_line: dict[int, list[tuple[int, int, str]]] = {}
        for start, end, after in accepted:
            by_line.setdefault(bisect.bisect_right(starts, start) - 1, []).append((start, end, after))
        for k, edits in by_line.items():
            line, base = lines[k], starts[k]
            pieces, cursor = [], 0
            for start, end, after in edits:
                pieces.append(line[cursor : start - base])
                pieces.append(after)
                cursor = end - base
            pieces.append(line[cursor:])
            lines[k] = "".join(pieces)
        return _GatedLines("\n".join(lines), lines, line_starts(lines), self.ctx, self.gates, sorted(by_line))

    def first_pass(self) -> _GatedLines:
        """The same text, as the first pass of the next stage sees it."""
        return _GatedLines(self.text, self.lines, self.starts, self.ctx, self.gates, None)


_View = _WholeText | _GatedLines


@dataclass(frozen=True)
class _Candidate:
    """One proposed edit of a pass, trimmed to what it changes and located in the raw text."""

    rule: Rule
    order: int  # the rule's place in its stage: of two edits of the same span, the earlier rule's wins
    message: str
    start: int
    end: int
    before: str
    after: str
    context: tuple[str, str]  # the whole span the rule matched, before and after
    raw_start: int
    raw_end: int
    line: int
    col: int

    @property
    def key(self) -> EditKey:
        """What identifies the edit across runs (see ``edit_key``)."""
        return (self.rule.id, self.raw_start, self.raw_end, self.before, self.after)


class _Ledger:
    """The state of one ``fix_text`` run: the passes applied so far and what was recorded of them.

    Each pass goes through three steps: ``collect`` the rules' proposals (findings are recorded
    there), ``resolve`` which of them apply (listing review suggestions and conflicts), ``record``
    the applied ones.
    """

    def __init__(self, raw: str, lines: Sequence[str], apply_review: bool,
                 verdicts: Mapping[EditKey, bool] | None) -> None:
        self.result = Result(raw=raw, text=raw)
        self.raw_line_starts = line_starts(lines)
        self.apply_review, self.verdicts = apply_review, verdicts
        self.history: list[_Pass] = []
        self.listed: set[tuple[str, int, int, str]] = set()
        self.step = 0

    def locate(self, start: int, end: int) -> tuple[int, int, int, int]:
        """Raw start and end, 1-based line and column of a span of the current text."""
        raw_start = _map_back(start, self.history, is_end=False)
        raw_end = max(raw_start, _map_back(end, self.history, is_end=True))
        line = bisect.bisect_right(self.raw_line_starts, raw_start) - 1
        return raw_start, raw_end, line + 1, raw_start - self.raw_line_starts[line] + 1

    def _first_listing(self, key: tuple[str, int, int, str]) -> bool:
        """Whether ``key`` (rule id, raw span, after) is listed for the first time in this run."""
        if key in self.listed:
            return False
        self.listed.add(key)
        return True

    def collect(self, view: _View, rules: Sequence[Rule], stage: str,
                profile: Profile | None) -> list[_Candidate]:
        """Every rule's edits on the current text, in the order they are considered; findings recorded."""
        text = view.text
        candidates: list[_Candidate] = []
        for order, rule in enumerate(rules):
            for proposal in view.proposals(rule, profile):
                if view.protected((proposal.start, proposal.end)):
                    continue
                message = proposal.message or rule.message
                if rule.tier is Tier.FINDING:
                    raw_start, raw_end, line, col = self.locate(proposal.start, proposal.end)
                    if self._first_listing((rule.id, raw_start, raw_end, "")):
                        self.result.findings.append(Finding(
                            rule_id=rule.id, message=message, text=text[proposal.start : proposal.end],
                            raw_start=raw_start, raw_end=raw_end, line=line, col=col, stage=stage))
                    continue
                start, end, after = _trim(text, proposal.start, proposal.end, proposal.after or "")
                before = text[start:end]
                if before == after:
                    continue
                if "\n" in before or "\n" in after:
                    raise ValueError(f"rule {rule.id} proposed an edit across a line break: {before!r}")
                context = (text[proposal.start : proposal.end], proposal.after or "")
                candidates.append(_Candidate(rule, order, message, start, end, before, after, context,
                                             *self.locate(start, end)))
        candidates.sort(key=lambda c: (c.start, c.start - c.end, c.order))
        return candidates

    def resolve(self, candidates: Sequence[_Candidate], view: _View,
                stage: str) -> list[_Candidate]:
        """The candidates that apply, left to right; the others listed as suggestions or conflicts."""
        accepted: list[_Candidate] = []
        on_line: dict[int, list[_Candidate]] = {}
        reach: dict[int, int] = {}  # the furthest end of the edits accepted on each line
        for candidate in candidates:
            applies = candidate.rule.tier is Tier.SAFE or self.apply_review
            if self.verdicts:
                applies = self.verdicts.get(candidate.key, applies)
            if not applies:
                if self._first_listing((candidate.rule.id, candidate.raw_start, candidate.raw_end, candidate.after)):
                    self.result.edits.append(self._edit(candidate, stage, applied=False))
                continue
            # Edits stay within a line, so only edits accepted on the same line can overlap. They come
            # by start, so one can overlap only if the furthest end reached passes this start or the
            # last one starts here: the scan for the clash runs only then (linear time on a line with
            # thousands of edits).
            k = view.line_of(candidate.start)
            neighbours = on_line.setdefault(k, [])
            span = (candidate.start, candidate.end)
            clash = None
            if neighbours and (reach[k] > candidate.start or neighbours[-1].start == candidate.start):
                clash = next((a for a in neighbours if _overlaps((a.start, a.end), span)), None)
            if clash is not None:
                self.result.conflicts.append(Conflict(candidate.rule.id, clash.rule.id, candidate.line,
                                                      candidate.col, candidate.before, candidate.after))
                continue
            neighbours.append(candidate)
            reach[k] = max(reach.get(k, candidate.end), candidate.end)
            accepted.append(candidate)
        return accepted

    def record(self, accepted: Sequence[_Candidate], stage: str) -> list[_Candidate]:
        """Add the applied edits of a pass to the ledger and count the pass; the edits, left to right."""
        accepted = sorted(accepted, key=lambda c: c.start)
        self.result.edits.extend(self._edit(c, stage, applied=True) for c in accepted)
        self.history.append(_make_pass([(c.start, c.end, len(c.after)) for c in accepted]))
        self.step += 1
        return accepted

    def _edit(self, candidate: _Candidate, stage: str, applied: bool) -> Edit:
        return Edit(
            rule_id=candidate.rule.id, message=candidate.message, tier=candidate.rule.tier, stage=stage,
            step=self.step, start=candidate.start, end=candidate.end, before=candidate.before,
            after=candidate.after, raw_start=candidate.raw_start, raw_end=candidate.raw_end,
            line=candidate.line, col=candidate.col, applied=applied, context=candidate.context,
            decision=_decision(self.verdicts, candidate.key),
        )


def fix_text(
    raw: str,
    rules: Sequence[Rule] | None = None,
    *,
    apply_review: bool = False,
    source: Sequence[str] | None = None,
    glossary: Iterable[tuple[str, str, str]] = (),
    doc: Mapping[str, Any] | None = None,
    gated: bool = True,
    profile: Profile | None = None,
    first_line: int = 0,
    verdicts: Mapping[EditKey, bool] | None = None,
) -> Result:
    """Run every stage of ``rules`` (default: all) over ``raw``; LF-joined lines, no BOM.

    ``gated`` (the default) shows each rule only the lines its prefilter picks; ``gated=False``
    runs every rule over the whole text, the reference the gated runner must equal. ``profile``
    collects the time spent in each rule. When ``raw`` is a chunk of a larger document,
    ``first_line`` is the document line it starts at (rules may name lines in messages).
    ``verdicts`` forces (``True``) or suppresses (``False``) the edits with those keys.
    """
    rules = all_rules() if rules is None else rules
    if doc is None:
        def fix_head(head: str, facts: Mapping[str, Any]) -> Result:
            aligned = source[: head.count("\n") + 1] if source is not None else None
            return fix_text(head, rules, apply_review=apply_review, source=aligned, glossary=glossary, doc=facts,
                            gated=gated, profile=profile, first_line=first_line, verdicts=verdicts)

        doc, settled = settle_facts(raw, fix_head)
        if settled.raw == raw:
            return settled
    facts = doc
    source_lines = tuple(source) if source is not None else None
    if source_lines is None:
        rules = [rule for rule in rules if not rule.needs_source]
    base_ctx = Context(doc=facts, source=source_lines, glossary=tuple(glossary), first_line=first_line)
    lines = raw.split("\n")
    ledger = _Ledger(raw, lines, apply_review, verdicts)
    view: _View
    if gated:
        view = _GatedLines(raw, lines, ledger.raw_line_starts, base_ctx, gates_of(rules), None)
    else:
        view = _WholeText(raw, base_ctx)
    for stage in STAGES:
        stage_rules = [r for r in rules if r.stage == stage]
        if stage_rules:
            view = _run_stage(ledger, view.first_pass(), stage_rules, stage, profile)
    ledger.result.text = view.text
    return ledger.result


def _run_stage(ledger: _Ledger, view: _View, rules: Sequence[Rule], stage: str, profile: Profile | None) -> _View:
    """Run the passes of one stage until one makes no edit; the text as the stage leaves it."""
    for pass_number in range(MAX_PASSES + 1):
        accepted = ledger.resolve(ledger.collect(view, rules, stage, profile), view, stage)
        if not accepted:
            break
        if pass_number == MAX_PASSES:
            names = sorted({c.rule.id for c in accepted})
            raise ConvergenceError(f"stage {stage} did not converge; rules still editing: {', '.join(names)}")
        view = view.apply([(c.start, c.end, c.after) for c in ledger.record(accepted, stage)])
    return view


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
