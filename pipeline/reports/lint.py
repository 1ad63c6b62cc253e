"""Lint output for ``check``: one problem per edit, suggestion or finding, in four formats.

Columns are 1-based and count code points (as Python does) in the text, JSON and GitHub formats;
SARIF counts UTF-16 code units, its default ``columnKind``, so that editors and code-scanning
services that index strings in UTF-16 put the region on the right characters after an emoji.

>>> message = "Space after the colon of a clock time: '08: 15' -> '08:15'"
>>> p = Problem("a.txt", 3, 7, "typo.clock_time", message, "warning")
>>> print(render([p], "text"), end="")
a.txt:3:7: typo.clock_time Space after the colon of a clock time: '08: 15' -> '08:15'
>>> print(render([p], "github"), end="")
::warning file=a.txt,line=3,col=7,title=typo.clock_time::Space after the colon of a clock time: '08: 15' -> '08:15'
>>> artifact_uri("my article.txt"), artifact_uri("<stdin>")
('my%20article.txt', '%3Cstdin%3E')
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

from .. import __version__, registry
from ..model import Edit, Finding, Rule, Tier

FORMATS = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TIERS = ("safe", "review", "finding")
LEVELS = {"safe": "warning", "review": "note", "finding": "warning"}


@dataclass(frozen=True)
class Problem:
    """One thing ``check`` reports, located in the raw text (1-based line and column, in code points).

    ``end_line``/``end_col`` end the region (the column just past it); ``col16``/``end_col16`` are the
    same columns in UTF-16 code units. ``tier`` is the rule's (``safe``, ``review`` or ``finding``);
    ``fix`` is the replacement of the region when fix would apply it (a safe edit), else ``None``.
    """

    path: str
    line: int
    col: int
    rule: str
    message: str
    level: str
    tier: str = "safe"
    end_line: int = 0
    end_col: int = 0
    col16: int = 0
    end_col16: int = 0
    fix: str | None = None


def _astral(text: str) -> int:
    """How many characters of ``text`` take two UTF-16 units."""
    return 0 if text.isascii() else sum(ord(ch) > 0xFFFF for ch in text)


def _problem(path: str, text: str, first_line: int, rule: str, message: str, tier: str,
             where: tuple[int, int, int, int], fix: str | None) -> Problem:
    """A problem at ``where`` (line and column of its start, its start and end offsets in ``text``)."""
    line, col, start, end = where
    col16 = col + _astral(text[start - (col - 1):start])
    span = text[start:end]
    breaks = span.count("\n")
    if breaks:
        tail = span[span.rfind("\n") + 1:]
        end_line, end_col, end_col16 = line + breaks, len(tail) + 1, len(tail) + 1 + _astral(tail)
    else:
        end_line, end_col, end_col16 = line, col + len(span), col16 + len(span) + _astral(span)
    return Problem(path, line + first_line, col, rule, message, LEVELS[tier], tier,
                   end_line + first_line, end_col, col16, end_col16, fix)


def problems(path: str, edits: Iterable[Edit], findings: Iterable[Finding], text: str,
             first_line: int = 0) -> list[Problem]:
    """Problems for every edit (applied or suggested) and finding of ``text``, sorted by position.

    Offsets index ``text``; ``first_line`` is added to every line (a chunk of a larger document).
    """
    found = [
        _problem(path, text, first_line, e.rule_id, f"{e.message}: {e.context[0]!r} -> {e.context[1]!r}",
                 str(e.tier), (e.line, e.col, e.raw_start, e.raw_end),
                 e.after if e.tier is Tier.SAFE and text[e.raw_start:e.raw_end] == e.before else None)
        for e in edits
    ]
    found += [_problem(path, text, first_line, f.rule_id, f.message, "finding", (f.line, f.col, f.raw_start, f.raw_end),
                       None) for f in findings]
    return sorted(found, key=lambda p: (p.path, p.line, p.col, p.rule))


def fails(found: Iterable[Problem], fail_on: str) -> bool:
    """Whether any problem is at least as grave as ``fail_on`` (``safe`` < ``review`` < ``finding``)."""
    threshold = TIERS.index(fail_on)
    return any(TIERS.index(p.tier) >= threshold for p in found)


def tally(found: Sequence[Problem]) -> str:
    """One summary line, as Ruff ends its report: ``Found 3 problems (2 safe fixes, 1 finding).``"""
    if not found:
        return "All checks passed."
    names = {"safe": ("safe fix", "safe fixes"), "review": ("review suggestion", "review suggestions"),
             "finding": ("finding", "findings")}
    parts = []
    for tier in TIERS:
        count = sum(p.tier == tier for p in found)
        if count:
            parts.append(f"{count} {names[tier][count != 1]}")
    return f"Found {len(found)} problem{'s' if len(found) != 1 else ''} ({', '.join(parts)})."


def artifact_uri(path: str) -> str:
    """A path as a SARIF URI: relative paths percent-encoded with ``/``, absolute ones as ``file://`` URIs."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"), safe="/")


def _escape_github(value: str, *, prop: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.replace(".", "_").split("_"))


def _rule_metadata(rule_id: str, rule: Rule | None, fallback: str) -> dict[str, object]:
    """``reportingDescriptor`` of one rule: names, descriptions, help with its examples, default level."""
    if rule is None:  # reported by the runner itself (a conflict), not by a rule module
        return {"id": rule_id, "name": _pascal(rule_id), "shortDescription": {"text": fallback},
                "defaultConfiguration": {"level": "warning"}}
    tier = str(rule.tier)
    what = {"safe": "applied by `mtfix fix`", "review": "a review suggestion, applied with --apply-review "
            "or a reviewer's accept", "finding": "reported only, never applied"}[tier]
    repairs = "; ".join(f"{e.input!r} -> {e.expected!r}" for e in rule.examples[:3])
    keeps = "; ".join(repr(e.input) for e in rule.kept[:3])
    shown = "flags" if tier == "finding" else "repairs"
    help_text = (f"{rule.message}. Tier {tier}: {what}. Examples it {shown}: {repairs}. "
                 f"Left alone: {keeps}. `mtfix rules {rule.id}` lists every example.")
    return {
        "id": rule.id,
        "name": _pascal(rule.id),
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": f"{rule.message} (stage {rule.stage}, tier {tier}: {what})."},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[tier]},
        "properties": {"tier": tier, "stage": rule.stage},
    }


def _region(p: Problem) -> dict[str, int]:
    return {"startLine": p.line, "startColumn": p.col16 or p.col, "endLine": p.end_line or p.line,
            "endColumn": p.end_col16 or p.end_col or p.col16 or p.col}


def _result(p: Problem, index: int) -> dict[str, object]:
    location = {"artifactLocation": {"uri": artifact_uri(p.path)}, "region": _region(p)}
    result: dict[str, object] = {
        "ruleId": p.rule,
        "ruleIndex": index,
        "level": p.level,
        "message": {"text": p.message},
        "locations": [{"physicalLocation": location}],
    }
    if p.fix is not None:
        result["fixes"] = [{
            "description": {"text": f"{p.rule}: replace with {p.fix!r}"},
            "artifactChanges": [{
                "artifactLocation": {"uri": artifact_uri(p.path)},
                "replacements": [{"deletedRegion": _region(p), "insertedContent": {"text": p.fix}}],
            }],
        }]
    return result


def _sarif(found: Sequence[Problem]) -> dict[str, object]:
    rule_ids = sorted({p.rule for p in found})
    known = {rule.id: rule for rule in registry.all_rules()}
    first_message = {p.rule: p.message for p in reversed(found)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mtfix",
                        "version": __version__,
                        "rules": [_rule_metadata(i, known.get(i), first_message[i]) for i in rule_ids],
                    }
                },
                "columnKind": "utf16CodeUnits",
                "results": [_result(p, rule_ids.index(p.rule)) for p in found],
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
