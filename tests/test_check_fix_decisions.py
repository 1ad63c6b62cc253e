"""``check --fix`` beside a reviewer's decisions: those still open move onto the repaired text, or nothing moves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from review_rules import REVIEW, register

from mtfix.cli import main
from mtfix.decisions import FORMAT, raw_hash
from mtfix.runner import fix_text

RAW = "Signed at 08: 15 in the Nakhchivan region , then at 09: 30 .\nIt cost xnumx rubles.\n"


def _decide(raw: Path, rules: tuple, extra: list[dict] | None = None) -> None:
    """Reject the 08: 15 repair and the Nakhchivan suggestion, dismiss the placeholder findings."""
    result = fix_text(raw.read_text(), rules)
    text = raw.read_text().removesuffix("\n")
    clock = next(e for e in result.edits if e.rule_id == "typo.clock_time" and e.line == 1 and e.col < 20)
    review = next(e for e in result.edits if e.rule_id == REVIEW.id)
    entries = [{"rule": e.rule_id, "raw_start": e.raw_start, "raw_end": e.raw_end, "before": e.before,
                "after": e.after, "verdict": "reject"} for e in (clock, review)]
    entries += [{"rule": f.rule_id, "raw_start": f.raw_start, "raw_end": f.raw_end, "text": f.text,
                 "verdict": "dismiss"} for f in result.findings]
    body = {"format": FORMAT, "input": str(raw), "raw_sha256": raw_hash(text), "decisions": entries + (extra or [])}
    raw.with_name("a.decisions.json").write_text(json.dumps(body))


def test_open_decisions_follow_the_text_that_fix_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    rules = register(monkeypatch)
    raw = tmp_path / "a.txt"
    raw.write_text(RAW)
    _decide(raw, rules)
    assert main(["check", "--fix", str(tmp_path)]) == 0
    fixed = "Signed at 08: 15 in the Nakhchivan region, then at 09:30.\nIt cost xnumx rubles.\n"
    assert raw.read_text() == fixed
    carried = json.loads(raw.with_name("a.decisions.json").read_text())
    assert carried["raw_sha256"] == raw_hash(fixed.removesuffix("\n"))
    spans = [(d["rule"], fixed[d["raw_start"]:d["raw_end"]], d["verdict"]) for d in carried["decisions"]]
    assert spans[:2] == [("typo.clock_time", " ", "reject"), (REVIEW.id, "chi", "reject")]
    assert {s[0] for s in spans[2:]} == {"placeholder.xnumx", "testfinding.placeholder"}
    assert {s[1:] for s in spans[2:]} == {("xnumx", "dismiss")}
    assert "cannot be carried" not in capsys.readouterr().err
    assert main(["check", "--fix", str(tmp_path)]) == 0  # the rejected repair stays rejected
    assert raw.read_text() == fixed
    assert main(["check", str(tmp_path)]) == 0


def test_decisions_that_cannot_be_carried_leave_the_file_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    rules = register(monkeypatch)
    raw = tmp_path / "a.txt"
    raw.write_text(RAW)
    stale = {"rule": "typo.clock_time", "raw_start": 2, "raw_end": 3, "before": "g", "after": "G", "verdict": "reject"}
    _decide(raw, rules, [stale])
    before = raw.with_name("a.decisions.json").read_bytes()
    assert main(["check", "--fix", str(tmp_path)]) == 1
    assert raw.read_text() == RAW and raw.with_name("a.decisions.json").read_bytes() == before
    err = capsys.readouterr().err
    assert "a.decisions.json cannot be carried over" in err and "not fixed in place" in err
