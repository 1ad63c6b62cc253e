"""Where the time goes: seconds, lines examined and proposals per rule, for ``fix --profile``.

>>> from pipeline.registry import all_rules
>>> profile = Profile()
>>> rule = all_rules()[0]
>>> profile.add(rule, 0.5, 10, 2)
>>> profile.add(rule, 0.25, 5, 0)
>>> profile.rows[rule.id]
[0.75, 15, 2]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Rule


@dataclass
class Profile:
    """Seconds, candidate lines and proposals of each rule, summed over every pass and chunk."""

    rows: dict[str, list[float | int]] = field(default_factory=dict)
    stages: dict[str, str] = field(default_factory=dict)

    def add(self, rule: Rule, seconds: float, lines: int, proposals: int) -> None:
        """Count one run of ``rule`` over ``lines`` lines."""
        row = self.rows.setdefault(rule.id, [0.0, 0, 0])
        row[0] += seconds
        row[1] += lines
        row[2] += proposals
        self.stages[rule.id] = rule.stage

    def merge(self, other: Profile) -> None:
        """Add another profile (from a worker process) to this one."""
        for rule_id, (seconds, lines, proposals) in other.rows.items():
            row = self.rows.setdefault(rule_id, [0.0, 0, 0])
            row[0] += seconds
            row[1] += lines
            row[2] += proposals
        self.stages.update(other.stages)

    def render(self, total_seconds: float, total_lines: int) -> str:
        """A table: per stage, then per rule, slowest first; seconds are CPU time summed over workers."""
        rules_time = sum(row[0] for row in self.rows.values())
        out = [f"profile: {total_lines} lines in {total_seconds:.3f}s wall; rules {rules_time:.3f}s "
               f"(seconds summed over processes)",
               f"{'stage / rule':34} {'seconds':>8} {'share':>6} {'lines':>10} {'proposals':>9}"]
        by_stage: dict[str, list[str]] = {}
        for rule_id in self.rows:
            by_stage.setdefault(self.stages[rule_id], []).append(rule_id)
        for stage, ids in by_stage.items():
            seconds = sum(self.rows[i][0] for i in ids)
            out.append(f"{stage:34} {seconds:8.3f} {_share(seconds, rules_time):>6}")
            for rule_id in sorted(ids, key=lambda i: -self.rows[i][0]):
                sec, lines, proposals = self.rows[rule_id]
                out.append(f"  {rule_id:32} {sec:8.3f} {_share(sec, rules_time):>6} {lines:10d} {proposals:9d}")
        return "\n".join(out) + "\n"


def _share(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"
