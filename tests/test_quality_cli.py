"""``fix`` and ``score`` with references and grammar, as users run them."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FIXTURES
from lt_server import languagetool_server
from sacrebleu.metrics import BLEU, CHRF, TER

from mtfix.config import Config
from mtfix.documents import DocumentJob, FixSettings, fix_documents
from mtfix.grammar import GrammarSettings
from mtfix.quality import QualitySettings
from mtfix.registry import select_rules
from mtfix.textio import read_document

SCORES = FIXTURES / "scores"


def corpus(tmp_path: Path, ref_lines: int = 6) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_bytes((SCORES / "raw.txt").read_bytes())
    ref = (SCORES / "ref.txt").read_text().splitlines()[:ref_lines]
    (raw / "a.ref.txt").write_text("\n".join(ref) + "\n")
    return raw


def test_fix_scores_counts_and_summary(mtfix, tmp_path: Path) -> None:
    raw = corpus(tmp_path)
    (raw / "b.txt").write_text("The meeting began at 08: 15 , as planned.\n")
    (raw / "b.ref.txt").write_text("The meeting began at 08:15, as planned.\n")
    out = tmp_path / "fixed"
    proc = mtfix("fix", str(raw), "-o", str(out), "--no-grammar", "--resamples", "100", "--verbose")
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "a.json").read_text())
    quality = report["quality"]
    fixed = (out / "a.txt").read_text().removesuffix("\n").split("\n")
    ref = (SCORES / "ref.txt").read_text().removesuffix("\n").split("\n")
    raw_lines = (SCORES / "raw.txt").read_text().removesuffix("\n").split("\n")
    metrics = quality["scores"]["metrics"]
    assert metrics["BLEU"]["raw"] == BLEU().corpus_score(raw_lines, [ref]).score
    assert metrics["BLEU"]["fixed"] == BLEU().corpus_score(fixed, [ref]).score
    assert metrics["chrF2"]["fixed"] == CHRF().corpus_score(fixed, [ref]).score
    assert metrics["TER"]["fixed"] == TER().corpus_score(fixed, [ref]).score
    assert "|mtfix:" in metrics["BLEU"]["fixed_signature"] and quality["grammar"] is None
    assert quality["counts"]["artifacts"]["total"]["before"] > quality["counts"]["artifacts"]["total"]["after"]
    assert "BLEU" in proc.stdout.decode() and "artifacts per 1,000 words" in proc.stdout.decode()
    assert 'class="scores"' in (out / "a.html").read_text()
    summary = json.loads((out / "summary.json").read_text())
    assert [e["input"] for e in summary["inputs"]] == [str(raw / "a.txt"), str(raw / "b.txt")]
    assert summary["inputs"][0]["scores"] == quality["scores"]
    assert summary["all"]["scores"]["lines"] == 7
    assert summary["all"]["counts"]["words"]["before"] == sum(e["counts"]["words"]["before"] for e in summary["inputs"])
    again = tmp_path / "again"
    mtfix("fix", str(raw), "-o", str(again), "--no-grammar", "--resamples", "100")
    assert (again / "a.json").read_bytes() == (out / "a.json").read_bytes()  # same input, same numbers


def test_reference_that_does_not_fit_is_an_input_error(mtfix, tmp_path: Path) -> None:
    raw = corpus(tmp_path, ref_lines=5)
    out = tmp_path / "fixed"
    proc = mtfix("fix", str(raw), "-o", str(out), "--no-grammar")
    assert proc.returncode == 2 and not out.exists()
    assert proc.stderr.decode().strip().endswith("a.ref.txt: reference does not fit the input "
                                                 "(6 lines, but the reference has 5)")
    proc = mtfix("fix", str(raw / "a.txt"), str(raw / "a.ref.txt"), "--ref", str(raw / "a.ref.txt"), "-o", str(out))
    assert proc.returncode == 2 and b"--ref needs exactly one input" in proc.stderr


def test_languagetool_failure_is_a_notice_and_fix_exits_0(mtfix, tmp_path: Path) -> None:
    raw = corpus(tmp_path)
    out = tmp_path / "fixed"
    with languagetool_server("500") as server:
        proc = mtfix("fix", str(raw), "-o", str(out), "--languagetool", server.url, "--resamples", "50")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.decode().splitlines() == [proc.stderr.decode().strip()]
    assert proc.stderr.decode().startswith("grammar: LanguageTool unavailable (")
    grammar = json.loads((out / "a.json").read_text())["quality"]["grammar"]
    assert grammar["checker"].startswith("harper-py")
    assert (out / "a.txt").read_bytes() != b""


def test_languagetool_findings_in_the_report(mtfix, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Chicherin recieved the the note at 08: 15 .\nNothing to repair here.\n")
    out = tmp_path / "fixed"
    with languagetool_server() as server:
        proc = mtfix("fix", str(raw), "-o", str(out), "--languagetool", server.url, "--grammar", "full")
    assert proc.returncode == 0 and proc.stderr == b"", proc.stderr
    report = json.loads((out / "a.json").read_text())
    grammar = report["quality"]["grammar"]
    assert grammar["checker"] == f"LanguageTool ({server.url})"
    assert grammar["names_skipped"] == 1  # "Chicherin": a proper name, not a misspelling
    assert (grammar["scope"], grammar["lines"], grammar["before"], grammar["after"]) == ("full", 2, 2, 1)
    found = [(g["rule"], g["text"], g["change"], g["line"], g["col"]) for g in report["grammar"]]
    assert found == [
        ("grammar.lt.MORFOLOGIK_RULE_EN_US", "recieved", "left", 1, 11),
        ("grammar.lt.ENGLISH_WORD_REPEAT_RULE", "the the", "removed", 1, 20),
    ]
    assert len(server.checks) == 2  # raw and fixed, one chunk each
    page = (out / "a.html").read_text()
    assert "grammar.lt.ENGLISH_WORD_REPEAT_RULE" in page


def test_default_grammar_checks_the_changed_lines_and_reports_what_the_repair_removed(mtfix, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("He went to the the shop at 08: 15 .\nThe programme was recieved.\n")
    out = tmp_path / "fixed"
    proc = mtfix("fix", str(raw), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "a.json").read_text())
    assert [(g["rule"], g["change"], g["line"], g["col"], g["text"]) for g in report["grammar"]] == [
        ("grammar.harper.RepeatedWords", "removed", 1, 12, "the the"),
    ]
    grammar = report["quality"]["grammar"]
    assert (grammar["scope"], grammar["lines"], grammar["removed"], grammar["brought"]) == ("changed", 1, 1, 0)
    assert "1 brought" not in proc.stdout.decode() and "0 brought and 1 removed by the repair" in proc.stdout.decode()
    assert report["grammar"][0]["message"].endswith("(removed by the repair)")
    assert "grammar.harper.RepeatedWords" in (out / "a.html").read_text()


def test_check_reports_grammar_only_when_asked(mtfix, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("He went to the the shop.\nThe programme was recieved at 08: 15 .\n")
    plain = mtfix("check", str(text))
    assert plain.returncode == 1 and b"grammar." not in plain.stdout
    asked = mtfix("check", str(text), "--grammar", "full", "--output-format", "json")
    assert asked.returncode == 1, asked.stderr
    problems = json.loads(asked.stdout)
    grammar = [(p["line"], p["col"], p["rule"], p["level"]) for p in problems if p["rule"].startswith("grammar.")]
    assert grammar == [(1, 12, "grammar.harper.RepeatedWords", "note"), (2, 19, "grammar.harper.SpellCheck", "note")]
    rules_only = [p for p in problems if not p["rule"].startswith("grammar.")]
    assert rules_only == json.loads(mtfix("check", str(text), "--output-format", "json").stdout)


def test_stdin_has_no_grammar_unless_asked(mtfix) -> None:
    text = b"The programme was recieved at 08: 15 .\nHe went to the the shop."
    quiet = mtfix("fix", "-", stdin=text)
    assert quiet.returncode == 0 and quiet.stderr == b""
    asked = mtfix("fix", "-", "--grammar", stdin=text)
    assert asked.stdout == quiet.stdout
    assert asked.stderr.decode().splitlines() == [
        "<stdin>:2:12: grammar.harper.RepeatedWords Did you mean to repeat this word? (removed by the repair)"]
    full = mtfix("fix", "-", "--grammar", "full", stdin=text)
    assert full.stderr.decode().startswith("<stdin>:1:19: grammar.harper.SpellCheck ")


def test_documents_on_two_processes_give_the_same_bytes(tmp_path: Path) -> None:
    lines = (SCORES / "raw.txt").read_text().splitlines()
    jobs = []
    for i in range(4):
        path = tmp_path / f"doc{i}.txt"
        path.write_text("\n".join(lines[i:] + lines[:i] if i else [*lines[:-1], "He went to the the shop."]) + "\n")
        jobs.append(DocumentJob(path, read_document(path), reference=SCORES / "ref.txt" if i == 0 else None))
    config = Config()
    settings = FixSettings(config, QualitySettings(resamples=50, grammar=GrammarSettings()), tmp_path / "out")
    rules = select_rules()
    one, two = (list(fix_documents(jobs, settings, rules, processes)) for processes in (1, 2))
    assert [d.outputs.files for d in one] == [d.outputs.files for d in two]
    assert len(one) == 4 and all(len(d.outputs.files) == 4 for d in one)
    assert b"grammar.harper.RepeatedWords" in two[0].outputs.files["doc0.json"]
    assert one[0].outputs.quality is not None and one[0].outputs.quality.scores is not None


def test_profile_names_every_step(mtfix, tmp_path: Path) -> None:
    raw = corpus(tmp_path)
    proc = mtfix("fix", str(raw), "-o", str(tmp_path / "out"), "--profile", "--resamples", "50")
    assert proc.returncode == 0, proc.stderr
    steps = [line.split("  ")[0] for line in proc.stderr.decode().splitlines()]
    for step in ("read", "repair (rules)", "scores", "rules again on the fixed text (counts)", "grammar (changed)",
                 "reports (text, diff, HTML, JSON)", "write"):
        assert step in steps, proc.stderr.decode()


def test_score_reproduces_sacrebleu_and_scores_the_repair(mtfix, tmp_path: Path) -> None:
    hyp, ref = SCORES / "raw.txt", SCORES / "ref.txt"
    proc = mtfix("score", "--hyp", str(hyp), str(hyp), "--ref", str(ref), "--format", "json", "--resamples", "100")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    hyp_lines, ref_lines = hyp.read_text().splitlines(), ref.read_text().splitlines()
    first, second = report["systems"]
    assert first["scores"] == second["scores"]
    assert first["scores"]["metrics"]["BLEU"]["raw"] == BLEU().corpus_score(hyp_lines, [ref_lines]).score
    assert first["scores"]["metrics"]["TER"]["raw"] == TER().corpus_score(hyp_lines, [ref_lines]).score
    fixed_lines = mtfix("fix", "-", stdin=hyp.read_bytes()).stdout.decode().splitlines()
    assert fixed_lines != hyp_lines
    assert first["scores"]["metrics"]["BLEU"]["fixed"] == BLEU().corpus_score(fixed_lines, [ref_lines]).score
    assert first["edits"] > 0 and report["seconds"] > 0
    text = mtfix("score", "--hyp", str(hyp), "--ref", str(ref), "--resamples", "100").stdout.decode()
    assert "BLEU" in text and "TER|nrefs:1" in text and "1 systems scored in" in text
    short = tmp_path / "short.txt"
    short.write_text("one line\n")
    bad = mtfix("score", "--hyp", str(short), "--ref", str(ref))
    assert bad.returncode == 2 and bad.stderr.decode().startswith("mtfix: error: ")
    assert b"1 lines, but the reference has 6" in bad.stderr
