"""Lint output for ``check``: one problem per edit, suggestion or finding, in four formats.

>>> message = "Space after the colon of a clock time: '08: 15' -> '08:15'"
>>> p = Problem("a.txt", 3, 7, "typo.clock_time", message, "warning")
>>> print(render([p], "text"), end="")
a.txt:3:7: typo.clock_time Space after the colon of a clock time: '08: 15' -> '08:15'
>>> print(render([p], "github"), end="")
::warning file=a.txt,line=3,col=7,title=typo.clock_time::Space after the colon of a clock time: '08: 15' -> '08:15'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from .. import __version__
from ..model import Edit, Finding, Tier

FORMATS = ("text", "json", "github", "sarif")


@dataclass(frozen=True)
class Problem:
    """One thing ``check`` reports, located in the raw text (1-based line and column)."""

    path: str
    line: int
    col: int
    rule: str
    message: str
    level: str


def problems(path: str, edits: Iterable[Edit], findings: Iterable[Finding]) -> list[Problem]:
    """Problems for every edit (applied or suggested) and finding, sorted by position."""
    found = [
        Problem(path, e.line, e.col, e.rule_id, f"{e.message}: {e.context[0]!r} -> {e.context[1]!r}",
                "warning" if e.tier is Tier.SAFE else "note")
        for e in edits
    ]
    found += [Problem(path, f.line, f.col, f.rule_id, f.message, "warning") for f in findings]
    return sorted(found, key=lambda p: (p.path, p.line, p.col, p.rule))


def _escape_github(value: str, *, prop: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def _sarif(found: Sequence[Problem]) -> dict[str, object]:
    rule_ids = sorted({p.rule for p in found})
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mtfix",
                        "version": __version__,
                        "rules": [{"id": rule_id} for rule_id in rule_ids],
                    }
                },
                "results": [
                    {
                        "ruleId": p.rule,
                        "ruleIndex": rule_ids.index(p.rule),
                        "level": p.level,
                        "message": {"text": p.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": p.path},
                                    "region": {"startLine": p.line, "startColumn": p.col},
                                }
                            }
                        ],
                    }
                    for p in found
                ],
            }
        ],
    }


def render(found: Sequence[Problem], output_format: str) -> str:
    """The problems in ``output_format`` (one of ``FORMATS``), ending with a newline when not empty."""
    if output_format == "json":
        return json.dumps([asdict(p) for p in found], ensure_ascii=False, indent=1) + "\n"
    if output_format == "sarif":
        return json.dumps(_sarif(found), ensure_ascii=False, indent=1) + "\n"
    if output_format == "github":
        return "".join(
            f"::{'notice' if p.level == 'note' else 'warning'} file={_escape_github(p.path, prop=True)},"
            f"line={p.line},col={p.col},title={_escape_github(p.rule, prop=True)}::"
            f"{_escape_github(p.message, prop=False)}\n"
            for p in found
        )
    return "".join(f"{p.path}:{p.line}:{p.col}: {p.rule} {p.message}\n" for p in found)
