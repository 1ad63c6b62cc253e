"""Where the time goes, for ``--profile``: the seconds of each step of a run (reading, repair, the
rules again on the fixed text, scores, grammar, reports, writing) and, within the repair, seconds
(all, and in the gate), lines examined and proposals per rule.

>>> from mtfix.registry import all_rules
>>> profile = Profile()
>>> rule = all_rules()[0]
>>> profile.add(rule, 0.5, 10, 2, 0.125)
>>> profile.add(rule, 0.25, 5, 0)
>>> profile.rows[rule.id]
[0.75, 15, 2, 0.125]
>>> with profile.step("grammar"):
...     pass
>>> list(profile.steps)
['grammar']
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .model import Rule


@dataclass
class Profile:
    """Seconds, candidate lines, proposals and gate seconds of each rule, summed over every pass and chunk.

    The gate seconds are the part of the seconds spent finding the candidate lines; rules sharing a
    prefilter share its scan, which counts for the first of them.
    """

    rows: dict[str, list[float | int]] = field(default_factory=dict)
    stages: dict[str, str] = field(default_factory=dict)
    steps: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Add the seconds spent in the ``with`` block to the step ``name``."""
        began = time.perf_counter()
        try:
            yield
        finally:
            self.steps[name] = self.steps.get(name, 0.0) + time.perf_counter() - began

    def add(self, rule: Rule, seconds: float, lines: int, proposals: int, gate_seconds: float = 0.0) -> None:
        """Count one run of ``rule`` over ``lines`` lines."""
        row = self.rows.setdefault(rule.id, [0.0, 0, 0, 0.0])
        row[0] += seconds
        row[1] += lines
        row[2] += proposals
        row[3] += gate_seconds
        self.stages[rule.id] = rule.stage

    def merge(self, other: Profile) -> None:
        """Add another profile (from a worker process) to this one."""
        for rule_id, values in other.rows.items():
            row = self.rows.setdefault(rule_id, [0.0, 0, 0, 0.0])
            for i, value in enumerate(values):
                row[i] += value
        self.stages.update(other.stages)
        for name, seconds in other.steps.items():
            self.steps[name] = self.steps.get(name, 0.0) + seconds

    def render(self, total_seconds: float, total_lines: int) -> str:
        """A table: the steps, then per stage and rule, slowest first; seconds are summed over workers."""
        rules_time = sum(row[0] for row in self.rows.values())
        out = [f"profile: {total_lines} lines in {total_seconds:.3f}s wall; rules {rules_time:.3f}s "
               f"(seconds summed over processes)"]
        if self.steps:
            out.append(f"{'step':34} {'seconds':>8}")
            out += [f"{name:34} {seconds:8.3f}" for name, seconds in self.steps.items()]
        out.append(f"{'stage / rule':34} {'seconds':>8} {'share':>6} {'gate':>8} {'lines':>10} {'proposals':>9}")
        by_stage: dict[str, list[str]] = {}
        for rule_id in self.rows:
            by_stage.setdefault(self.stages[rule_id], []).append(rule_id)
        for stage, ids in by_stage.items():
            seconds = sum(self.rows[i][0] for i in ids)
            gate = sum(self.rows[i][3] for i in ids)
            out.append(f"{stage:34} {seconds:8.3f} {_share(seconds, rules_time):>6} {gate:8.3f}")
            for rule_id in sorted(ids, key=lambda i: -self.rows[i][0]):
                sec, lines, proposals, gate = self.rows[rule_id]
                out.append(f"  {rule_id:32} {sec:8.3f} {_share(sec, rules_time):>6} {gate:8.3f} {lines:10d} "
                           f"{proposals:9d}")
        return "\n".join(out) + "\n"


def _share(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"
