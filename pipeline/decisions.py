"""A reviewer's decisions on one document: which edits to reject or accept, which findings are settled.

The HTML report exports them as ``NAME.decisions.json``; ``mtfix apply`` reruns the pipeline with
them, and ``fix`` and ``check`` pick up ``raw/NAME.decisions.json`` when it was made for the same raw
text. An edit is identified by its rule id, raw span, before and after (``runner.edit_key``); a
finding by its rule id, raw span and text. The raw text is identified by the SHA-256 of its UTF-8
bytes as the runner sees it (lines joined by LF, no BOM).

>>> d = parse({"format": FORMAT, "raw_sha256": raw_hash("a"), "decisions": [
...     {"rule": "x.y", "raw_start": 0, "raw_end": 1, "before": "a", "after": "b", "verdict": "reject"}]}, "d.json")
>>> d.verdicts()
{('x.y', 0, 1, 'a', 'b'): False}
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .model import Edit, Finding
from .runner import EditKey, Result
from .textio import InputError, open_binary

FORMAT = "mtfix-decisions/1"
EDIT_VERDICTS = ("accept", "reject")
FINDING_VERDICTS = ("dismiss",)


def raw_hash(raw: str) -> str:
    """The SHA-256 (hex) of the raw text as the runner sees it."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def decisions_path(raw_path: Path) -> Path:
    """Where ``fix`` and ``check`` look for the decisions of input ``raw_path``: ``NAME.decisions.json`` beside it."""
    return raw_path.with_name(f"{raw_path.name.removesuffix('.txt')}.decisions.json")


@dataclass(frozen=True)
class Decision:
    """One verdict: ``accept``/``reject`` on an edit (with before/after), ``dismiss`` on a finding (with text)."""

    rule: str
    raw_start: int
    raw_end: int
    verdict: str
    before: str = ""
    after: str = ""
    text: str = ""


@dataclass(frozen=True)
class Decisions:
    """Every verdict on one raw text, with the input it was made for."""

    raw_sha256: str
    decisions: tuple[Decision, ...]
    input: str = ""

    def verdicts(self) -> dict[EditKey, bool]:
        """The runner's verdict map: edit key to apply (accept) or not (reject)."""
        return {
            (d.rule, d.raw_start, d.raw_end, d.before, d.after): d.verdict == "accept"
            for d in self.decisions
            if d.verdict in EDIT_VERDICTS
        }

    def dismissed(self) -> set[tuple[str, int, int, str]]:
        """Keys (rule id, raw start, raw end, text) of the findings a reviewer dismissed."""
        return {(d.rule, d.raw_start, d.raw_end, d.text) for d in self.decisions if d.verdict == "dismiss"}


def _field(entry: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = entry.get(key, "" if kind is str else None)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise InputError(f"{where}: {key!r} must be a {kind.__name__}")
    return value


def parse(data: Any, name: str) -> Decisions:
    """Check a decoded decisions file; anything malformed raises ``InputError`` naming the file."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"{name}: not an mtfix decisions file (expected \"format\": \"{FORMAT}\")")
    sha = data.get("raw_sha256")
    entries = data.get("decisions")
    if not isinstance(sha, str) or not isinstance(entries, list):
        raise InputError(f"{name}: needs 'raw_sha256' (string) and 'decisions' (list)")
    found = []
    for i, entry in enumerate(entries):
        where = f"{name}: decision {i + 1}"
        if not isinstance(entry, dict):
            raise InputError(f"{where}: not an object")
        verdict = _field(entry, "verdict", str, where)
        if verdict not in EDIT_VERDICTS + FINDING_VERDICTS:
            raise InputError(f"{where}: unknown verdict {verdict!r} (accept, reject or dismiss)")
        found.append(
            Decision(_field(entry, "rule", str, where), _field(entry, "raw_start", int, where),
                     _field(entry, "raw_end", int, where), verdict, _field(entry, "before", str, where),
                     _field(entry, "after", str, where), _field(entry, "text", str, where))
        )
    return Decisions(sha, tuple(found), data.get("input", "") if isinstance(data.get("input"), str) else "")


def load(path: Path) -> Decisions:
    """Read and check a decisions file."""
    with open_binary(path) as handle:
        data = handle.read()
    try:
        data = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: not valid JSON ({error})") from None
    except RecursionError:
        raise InputError(f"{path}: not a decisions file (JSON nested too deeply)") from None
    return parse(data, str(path))


def to_json(decisions: Decisions) -> dict[str, Any]:
    """The decisions as the JSON the report exports."""
    entries = []
    for d in decisions.decisions:
        entry: dict[str, Any] = {"rule": d.rule, "raw_start": d.raw_start, "raw_end": d.raw_end}
        entry.update({"text": d.text} if d.verdict == "dismiss" else {"before": d.before, "after": d.after})
        entry["verdict"] = d.verdict
        entries.append(entry)
    return {"format": FORMAT, "input": decisions.input, "raw_sha256": decisions.raw_sha256, "decisions": entries}


def check_matches(decisions: Decisions, raw: str, name: str) -> None:
    """Refuse decisions made for another raw text."""
    if decisions.raw_sha256 != raw_hash(raw):
        raise InputError(f"{name}: made for a different raw text (sha256 {decisions.raw_sha256[:12]}…, "
                         f"the raw text is {raw_hash(raw)[:12]}…)")


class Dismissable(Protocol):
    """A finding a reviewer may dismiss (a rule's ``Finding``, a ``GrammarFinding``): a dataclass named by
    its rule id, raw span and text."""

    rule_id: str
    raw_start: int
    raw_end: int
    text: str
    decision: str


AnyFinding = TypeVar("AnyFinding", bound=Dismissable)


def mark_findings(findings: Sequence[AnyFinding], decisions: Decisions | None) -> list[AnyFinding]:
    """The findings, with ``decision="dismiss"`` on those the reviewer dismissed."""
    dismissed = decisions.dismissed() if decisions else set()
    return [
        dataclasses.replace(f, decision="dismiss") if (f.rule_id, f.raw_start, f.raw_end, f.text) in dismissed else f
        for f in findings
    ]


def unsettled(result: Result, decisions: Decisions | None) -> tuple[list[Edit], list[Finding]]:
    """The edits and findings of a run that no reviewer decided: what a gate still has to report."""
    findings = mark_findings(result.findings, decisions)
    return [e for e in result.edits if not e.decision], [f for f in findings if not f.decision]


def for_input(raw_path: Path, raw: str) -> Decisions | None:
    """The decisions beside input ``raw_path``, if there are any for this raw text.

    A decisions file made for another version of the raw text is ignored with a warning on stderr.
    """
    path = decisions_path(raw_path)
    if not path.is_file():
        return None
    decisions = load(path)
    try:
        check_matches(decisions, raw, str(path))
    except InputError as error:
        print(f"mtfix: warning: {error}; ignored", file=sys.stderr)
        return None
    return decisions
