"""A reviewer's decisions: the runner's verdicts, ``mtfix apply``, and ``fix``/``check`` following them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from review_rules import FINDING, REVIEW, register

from mtfix import registry
from mtfix.cli import main
from mtfix.decisions import FORMAT, raw_hash
from mtfix.model import EditRule, Example, Tier
from mtfix.runner import apply_ledger, edit_key, fix_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "soviet-turkish-treaty-1921"

BRITISH = EditRule(
    id="testspell.colour", message="British spelling", tier=Tier.SAFE, pattern=r"\bcolour\b",
    fix=lambda m, ctx: "color", examples=(Example("colour", "color"),), leave_alone=("color",), stage="unicode",
)
ORDER = EditRule(
    id="testorder.color_red", message="Adjective after noun", tier=Tier.SAFE, pattern=r"\bcolor red\b",
    fix=lambda m, ctx: "red color", examples=(Example("color red", "red color"),), leave_alone=("red color",),
    stage="typo",
)


def test_rejecting_an_edit_drops_the_edits_that_depended_on_it() -> None:
    raw = "the colour red and 08: 15"
    rules = (BRITISH, ORDER, *registry.select_rules(("typo.clock_time",)))
    first = fix_text(raw, rules)
    assert first.text == "the red color and 08:15"
    spelling = next(e for e in first.edits if e.rule_id == BRITISH.id)
    second = fix_text(raw, rules, verdicts={edit_key(spelling): False})
    assert second.text == "the colour red and 08:15"
    assert [e.rule_id for e in second.rejected] == [BRITISH.id]
    assert ORDER.id not in {e.rule_id for e in second.edits}
    assert apply_ledger(raw, second.edits) == second.text


def test_accepting_a_suggestion_applies_it_and_marks_it() -> None:
    raw = "The troops left the Nakhchivan region."
    listed = fix_text(raw, (REVIEW,))
    assert listed.text == raw and len(listed.suggestions) == 1
    accepted = fix_text(raw, (REVIEW,), verdicts={edit_key(listed.suggestions[0]): True})
    assert accepted.text == "The troops left the Nakhichevan region."
    assert [(e.rule_id, e.decision, e.applied) for e in accepted.edits] == [(REVIEW.id, "accept", True)]
    assert apply_ledger(raw, accepted.edits) == accepted.text


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with raw/SAMPLE.txt, the test rules registered, as the current directory."""
    (tmp_path / "raw").mkdir()
    shutil.copy(ROOT / "raw" / f"{SAMPLE}.txt", tmp_path / "raw")
    monkeypatch.chdir(tmp_path)
    register(monkeypatch)
    return tmp_path


def _decisions(report: dict, *entries: tuple[dict, str]) -> dict:
    decisions = []
    for entry, verdict in entries:
        keys = ("rule", "raw_start", "raw_end", "text") if verdict == "dismiss" else (
            "rule", "raw_start", "raw_end", "before", "after")
        decisions.append({**{k: entry[k] for k in keys}, "verdict": verdict})
    return {"format": FORMAT, "input": report["input"], "raw_sha256": report["raw_sha256"], "decisions": decisions}


@pytest.mark.slow
def test_apply_then_fix_and_check_keep_the_decisions(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fix", "raw", "-o", "fixed"]) == 0
    report = json.loads((workdir / "fixed" / f"{SAMPLE}.json").read_text())
    assert report["raw_sha256"] == raw_hash((workdir / "raw" / f"{SAMPLE}.txt").read_text())
    clock = next(e for e in report["edits"] if e["rule"] == "typo.clock_time")
    suggestion = next(e for e in report["suggestions"] if e["rule"] == REVIEW.id)
    finding = next(f for f in report["findings"] if f["rule"] == FINDING.id)
    exported = workdir / "downloaded.json"
    exported.write_text(json.dumps(_decisions(report, (clock, "reject"), (suggestion, "accept"), (finding, "dismiss"))))
    capsys.readouterr()
    assert main(["check", "raw"]) == 1
    before_check = capsys.readouterr().out

    assert main(["apply", str(exported)]) == 0
    assert "3 decisions: 3 followed, 0 no longer match" in capsys.readouterr().out
    fixed = (workdir / "fixed" / f"{SAMPLE}.txt").read_text()
    raw_line = (workdir / "raw" / f"{SAMPLE}.txt").read_text().split("\n")[clock["line"] - 1]
    assert clock["context"]["before"] in fixed.split("\n")[clock["line"] - 1]
    assert "Nakhichevan region" in fixed and "Nakhchivan" not in fixed and clock["context"]["before"] in raw_line
    kept = json.loads((workdir / "raw" / f"{SAMPLE}.decisions.json").read_text())
    assert [d["verdict"] for d in kept["decisions"]] == ["reject", "accept", "dismiss"]

    assert main(["fix", "raw", "-o", "again"]) == 0
    assert (workdir / "again" / f"{SAMPLE}.txt").read_text() == fixed
    again = json.loads((workdir / "again" / f"{SAMPLE}.json").read_text())
    assert [e["decision"] for e in again["rejected"]] == ["reject"]
    assert [f.get("decision") for f in again["findings"] if f["rule"] == FINDING.id] == ["dismiss"]

    capsys.readouterr()
    main(["check", "raw"])
    after_check = capsys.readouterr().out
    for item in (clock, suggestion, finding):
        row = f"{SAMPLE}.txt:{item['line']}:{item['col']}: {item['rule']} "
        assert row in before_check and row not in after_check
    assert len(after_check.splitlines()) == len(before_check.splitlines()) - 3


def test_decisions_for_another_raw_text_are_refused(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fix", "raw", "-o", "fixed"]) == 0
    report = json.loads((workdir / "fixed" / f"{SAMPLE}.json").read_text())
    exported = workdir / "d.json"
    exported.write_text(json.dumps(_decisions(report, (report["edits"][0], "reject"))))
    before = (workdir / "fixed" / f"{SAMPLE}.txt").read_bytes()
    raw = workdir / "raw" / f"{SAMPLE}.txt"
    raw.write_text(raw.read_text() + "One more line.\n")
    capsys.readouterr()
    assert main(["apply", str(exported)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mtfix: error: {exported}: made for a different raw text") and err.count("\n") == 1
    assert (workdir / "fixed" / f"{SAMPLE}.txt").read_bytes() == before
    assert not (workdir / "raw" / f"{SAMPLE}.decisions.json").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not valid JSON"),
        ('{"format": "other"}', "not an mtfix decisions file"),
        (json.dumps({"format": FORMAT, "raw_sha256": "x", "decisions": [{"rule": "a", "verdict": "maybe"}]}),
         "unknown verdict"),
    ],
)
def test_malformed_decisions_are_a_one_line_error(
    workdir: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    bad = workdir / "bad.json"
    bad.write_text(content)
    assert main(["apply", str(bad), "--raw", f"raw/{SAMPLE}.txt"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mtfix: error: {bad}") and message in err and err.count("\n") == 1
