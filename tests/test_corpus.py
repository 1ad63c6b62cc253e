"""``mtfix corpus`` on a 2-worker local Dask cluster writes what ``mtfix fix`` writes for each file."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from mtfix import fix_lines
from mtfix.cli import main
from mtfix.commands import corpus
from mtfix.config import Config
from mtfix.runner import fix_text
from mtfix.textio import InputError, decode

CORPUS = Path(__file__).resolve().parent / "fixtures" / "wmt22"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    files = {
        "online.txt": (CORPUS / "hyp.Online-B.en").read_bytes(),
        "lan.txt": (CORPUS / "hyp.Lan-Bridge.en").read_bytes()[:30000],
        "seed.txt": (REPO / "raw" / "soviet-turkish-treaty-1921.txt").read_bytes(),
        "crlf.txt": "\ufeffat 08: 15 , then\r\n“ quoted ”\r\nWeâ€™re here".encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return sorted(folder.iterdir())


@pytest.mark.slow
def test_corpus_equals_fix_on_each_file(inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus, "BATCH_LINES", 700)  # several batches per file
    out = tmp_path / "out"
    summary = corpus.run_corpus(inputs, out, Config(), workers=2)
    fixed = tmp_path / "fixed"
    assert main(["fix", *map(str, inputs), "-o", str(fixed), "--no-grammar"]) == 0
    ledger = [json.loads(line) for line in (out / "edits.jsonl").read_text(encoding="utf-8").splitlines()]
    by_rule: dict[str, int] = {}
    for path in inputs:
        assert (out / path.name).read_bytes() == (fixed / path.name).read_bytes()
        report = json.loads((fixed / f"{path.stem}.json").read_text(encoding="utf-8"))
        want = [(e["rule"], e["line"], e["col"], e["raw_start"], e["before"], e["after"], e["applied"])
                for e in report["edits"] + report["suggestions"]]
        got = [(e["rule"], e["line"], e["col"], e["raw_start"], e["before"], e["after"], e["applied"])
               for e in ledger if e["file"] == str(path)]
        assert sorted(got) == sorted(want)
        for rule, count in report["counts"]["by_rule"].items():
            by_rule[rule] = by_rule.get(rule, 0) + count
    assert summary["by_rule"] == dict(sorted(by_rule.items()))
    assert summary["lines"] == sum(decode(p.read_bytes(), p.name).line_count for p in inputs)
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["files"] == len(inputs)
    assert sorted(p.name for p in out.iterdir()) == sorted([*(p.name for p in inputs), "edits.jsonl", "summary.json"])


def test_corpus_refuses_bad_input_before_writing(inputs: list[Path], tmp_path: Path) -> None:
    inputs[0].write_bytes(b"fine\n\xff\n")
    out = tmp_path / "out"
    with pytest.raises(InputError, match="not UTF-8"):
        corpus.run_corpus(inputs, out, Config(), workers=1)
    assert not out.exists() or not any(out.iterdir())
    assert main(["corpus", str(tmp_path / "nothing" / "*.txt"), "-o", str(out)]) == 2


def test_fix_lines_is_fix_text_by_lines() -> None:
    lines = (CORPUS / "hyp.Lan-Bridge.en").read_text(encoding="utf-8").splitlines()[:400]
    fixed, edits = fix_lines(lines, Config())
    result = fix_text("\n".join(lines))
    assert fixed == result.text.split("\n")
    assert edits == result.edits
    assert fix_lines([], Config()) == ([], [])
    with pytest.raises(ValueError, match="line break"):
        fix_lines(["a\nb"], Config())


@pytest.mark.slow
def test_corpus_runs_on_the_scheduler_it_is_given(inputs: list[Path], tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    out, fixed = tmp_path / "out", tmp_path / "fixed"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        before = cluster.scheduler.transition_counter
        assert main(["corpus", str(inputs[0].parent / "*.txt"), "-o", str(out), "--scheduler",
                     cluster.scheduler_address]) == 0
        assert cluster.scheduler.transition_counter > before  # its tasks went through this scheduler
    assert main(["fix", *map(str, inputs), "-o", str(fixed), "--no-grammar"]) == 0
    for path in inputs:
        assert (out / path.name).read_bytes() == (fixed / path.name).read_bytes()
