"""The source on the command line: ``--source FILE`` for fix, check and stdin, ``NAME.src.txt`` beside inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TRANSLATION = "There are more than XNUMX thousand mercenaries.\nIt concluded in autumn 2002.\n"
SOURCE = "Там более 7 тыс. наемников.\nЗаключено осенью 2022 года.\n"


def test_stdin_with_source_restores_the_placeholder(mtfix, tmp_path: Path) -> None:
    (tmp_path / "src.txt").write_text(SOURCE)
    proc = mtfix("fix", "-", "--source", str(tmp_path / "src.txt"), stdin=TRANSLATION.encode())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == TRANSLATION.replace("XNUMX", "7")


def test_stdin_without_source_leaves_the_placeholder(mtfix) -> None:
    proc = mtfix("fix", "-", stdin=TRANSLATION.encode())
    assert proc.stdout.decode() == TRANSLATION


def test_companion_src_file_is_picked_up(mtfix, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "news.txt").write_text(TRANSLATION)
    (raw / "news.src.txt").write_text(SOURCE)
    out = tmp_path / "fixed"
    proc = mtfix("fix", str(raw), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert (out / "news.txt").read_text() == TRANSLATION.replace("XNUMX", "7")
    report = json.loads((out / "news.json").read_text())
    assert [e["rule"] for e in report["edits"]] == ["placeholder.restore"]
    assert not (out / "news.src.txt").exists()


def test_check_reports_number_findings_with_exit_1(mtfix, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TRANSLATION.replace("XNUMX", "7"))
    (tmp_path / "a.src.txt").write_text(SOURCE)
    proc = mtfix("check", str(tmp_path / "a.txt"), "--select", "number")
    assert proc.returncode == 1
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 1 and "number.mismatch" in lines[0] and "2022 года" in lines[0], lines
    explicit = mtfix("check", str(tmp_path / "a.txt"), "--select", "number", "--source", str(tmp_path / "a.src.txt"))
    assert explicit.returncode == 1 and explicit.stdout == proc.stdout
    (tmp_path / "a.txt").write_text(TRANSLATION.replace("XNUMX", "7").replace("2002", "2022"))
    assert mtfix("check", str(tmp_path / "a.txt"), "--select", "number").returncode == 0


@pytest.mark.parametrize("command", [("fix",), ("check",), ("fix", "-")])
def test_line_count_mismatch_is_one_line_exit_2_and_writes_nothing(mtfix, tmp_path: Path, command) -> None:
    (tmp_path / "a.txt").write_text(TRANSLATION)
    (tmp_path / "short.txt").write_text("Одна строка.\n")
    out = tmp_path / "out"
    args = [*command] if command == ("fix", "-") else [*command, str(tmp_path / "a.txt")]
    if command == ("fix",):
        args += ["-o", str(out)]
    proc = mtfix(*args, "--source", str(tmp_path / "short.txt"), stdin=TRANSLATION.encode())
    assert proc.returncode == 2 and proc.stdout == b""
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtfix: error: "), lines
    assert "short.txt" in lines[0] and "1 lines" in lines[0] and "has 2" in lines[0]
    assert not out.exists()


def test_companion_with_other_line_count_stops_the_whole_run(mtfix, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("at 08: 15\n")
    (raw / "b.txt").write_text(TRANSLATION)
    (raw / "b.src.txt").write_text(SOURCE + "лишняя строка\n")
    out = tmp_path / "fixed"
    proc = mtfix("fix", str(raw), "-o", str(out))
    assert proc.returncode == 2
    assert "b.src.txt: source has 3 lines, but" in proc.stderr.decode() and "b.txt has 2" in proc.stderr.decode()
    assert not out.exists()


def test_source_option_needs_one_input(mtfix, tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "s.txt"):
        (tmp_path / name).write_text("x\n")
    proc = mtfix("check", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--source", str(tmp_path / "s.txt"))
    assert proc.returncode == 2 and "--source needs exactly one input, got 2" in proc.stderr.decode()
