"""Hostile and unlucky inputs: nothing a run reads is overwritten, a failure is one line, nothing half-written."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from mtfix import cli, fix_lines
from mtfix.config import Config
from mtfix.decisions import FORMAT, raw_hash

DATED = "The law was signed 15 in March 2022.\n"


def _one_line_error(proc: subprocess.CompletedProcess[bytes], *needles: str) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.startswith("mtfix: error: ") and err.count("\n") == 1, err
    assert all(n in err for n in needles), err
    return err


def _main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = cli.main(list(argv))
    return code, capsys.readouterr().err


# --- nothing the run reads is overwritten ---------------------------------------------------------


def test_an_input_reached_through_a_symlink_is_not_overwritten(mtfix, tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "links").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(DATED)
    (tmp_path / "links" / "a.txt").symlink_to("../corpus/a.txt")
    proc = mtfix("fix", "links/a.txt", "-o", "corpus", cwd=tmp_path)
    _one_line_error(proc, "corpus")
    assert (tmp_path / "corpus" / "a.txt").read_text() == DATED


def test_an_output_that_is_a_link_to_an_input_is_refused(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "in" / "a.txt").write_text(DATED)
    (tmp_path / "out" / "a.json").symlink_to(tmp_path / "in" / "a.txt")
    from mtfix import outputs

    with pytest.raises(ValueError, match="a file this run reads"):
        outputs.guard(tmp_path / "out", ["a.txt", "a.json"], [tmp_path / "in" / "a.txt"])


def test_the_source_file_is_not_overwritten(mtfix, tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "ru").mkdir()
    (tmp_path / "en" / "a.txt").write_text("He left 15 in March 2022.\n")
    (tmp_path / "ru" / "a.txt").write_text("Он уехал 15 марта 2022 г.\n")
    proc = mtfix("fix", "en/a.txt", "--source", "ru/a.txt", "-o", "ru", cwd=tmp_path)
    _one_line_error(proc, "ru/a.txt", "this run reads")
    assert (tmp_path / "ru" / "a.txt").read_text() == "Он уехал 15 марта 2022 г.\n"
    assert sorted(p.name for p in (tmp_path / "ru").iterdir()) == ["a.txt"]


@pytest.mark.parametrize(("names", "needle"), [(["a", "a.txt"], "rename one"), (["summary.txt"], "summary.json")])
def test_outputs_of_one_run_never_share_a_name(mtfix, tmp_path: Path, names: list[str], needle: str) -> None:
    for name in names:
        (tmp_path / name).write_text("x 08: 15\n")
    proc = mtfix("fix", *names, "-o", "out", cwd=tmp_path)
    _one_line_error(proc, needle)
    assert not (tmp_path / "out").exists()


def test_a_folder_named_like_an_output_is_refused_before_anything_is_written(mtfix, tmp_path: Path) -> None:
    (tmp_path / "out" / "b.html").mkdir(parents=True)
    (tmp_path / "b.txt").write_text("x 08: 15\n")
    proc = mtfix("fix", "b.txt", "-o", "out", cwd=tmp_path)
    _one_line_error(proc, "out/b.html", "is a folder")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["b.html"]


def test_decisions_naming_an_input_outside_the_current_folder_are_refused(mtfix, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "work").mkdir()
    (tmp_path / "elsewhere" / "notes.txt").write_text("x\n")
    decisions = {"format": FORMAT, "input": "../elsewhere/notes.txt", "raw_sha256": raw_hash("x"), "decisions": []}
    (tmp_path / "work" / "notes.decisions.json").write_text(json.dumps(decisions))
    proc = mtfix("apply", "notes.decisions.json", "-o", "out", cwd=tmp_path / "work")
    _one_line_error(proc, "outside the current folder")
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("device", ["fifo", "/dev/zero"])
def test_a_fifo_or_a_device_is_refused_without_reading_it(mtfix, tmp_path: Path, device: str) -> None:
    if device == "fifo":
        os.mkfifo(tmp_path / "fifo")
    proc = subprocess.run([sys.executable, "-m", "mtfix", "fix", device, "-o", "out"], cwd=tmp_path,
                          capture_output=True, check=False, timeout=60)
    _one_line_error(proc, "not a regular file")


def test_fix_lines_takes_any_iterable_of_lines_and_refuses_a_str() -> None:
    assert fix_lines((line for line in ["at 08: 15", "clean"]), Config())[0] == ["at 08:15", "clean"]
    with pytest.raises(TypeError, match="single str"):
        fix_lines("at 08: 15", Config())  # type: ignore[arg-type]


# --- output names, modes, escapes -----------------------------------------------------------------


def test_printed_and_recorded_output_names_are_the_files_written(mtfix, tmp_path: Path) -> None:
    (tmp_path / "X.en").write_text("x 08: 15\n")
    proc = mtfix("fix", "X.en", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "X.en -> out/X.en.txt:" in proc.stdout.decode()
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["inputs"][0]["output"] == "out/X.en.txt"
    assert (tmp_path / "out" / "X.en.diff").read_text().splitlines()[:2] == ["--- X.en", "+++ out/X.en.txt"]
    assert (tmp_path / "out" / "X.en.txt").read_text() == "x 08:15\n"


def test_output_files_follow_the_umask(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x 08: 15\n")
    proc = subprocess.run([sys.executable, "-m", "mtfix", "fix", "a.txt", "-o", "out"], cwd=tmp_path,
                          capture_output=True, check=False, preexec_fn=lambda: os.umask(0o022))
    assert proc.returncode == 0, proc.stderr
    # the fixed text, its three reports, summary.json and index.html
    assert sorted(oct(p.stat().st_mode & 0o777) for p in (tmp_path / "out").iterdir()) == ["0o644"] * 6


def test_names_with_newlines_escapes_or_bad_bytes_are_shown_escaped(mtfix, tmp_path: Path) -> None:
    name = os.fsencode("n\nl\x1b[31m.txt")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / os.fsdecode(name)).write_text("x 08: 15\n")
    (tmp_path / "in" / os.fsdecode(b"lat\xe9.txt")).write_text("y 08: 15\n")
    proc = mtfix("fix", "in", "-o", "out", "-v", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "in/lat\\xe9.txt -> out/lat\\xe9.txt" in out and "in/n\\nl\\x1b[31m.txt ->" in out and "\x1b" not in out
    diff = (tmp_path / "out" / os.fsdecode(b"n\nl\x1b[31m.diff")).read_text()
    assert diff.splitlines()[:2] == ["--- in/n\\nl\\x1b[31m.txt", "+++ out/n\\nl\\x1b[31m.txt"]
    check = mtfix("check", "in", cwd=tmp_path).stdout.decode()
    assert check.count("\n") == 2 and "\x1b" not in check and "in/n\\nl\\x1b[31m.txt:1:" in check


# --- one line and exit 2, never a traceback ---------------------------------------------------------


def test_a_bad_tool_table_is_one_line(mtfix, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool]\nmtfix = 5\n")
    _one_line_error(mtfix("fix", "-", stdin=b"x\n", cwd=tmp_path), "pyproject.toml", "must be a table")


def test_an_unreadable_pyproject_or_input_folder_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.mtfix]\n")
    (tmp_path / "raw").mkdir()
    real_read = Path.read_text

    def deny(path: Path, *args: object, **kwargs: object) -> str:
        if path.name == "pyproject.toml":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_read(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", deny)
    code, err = _main(capsys, "fix", "raw", "-o", "out")
    assert code == 2 and err.startswith("mtfix: error: ") and err.count("\n") == 1
    assert "pyproject.toml: " in err and "Permission denied" in err
    monkeypatch.setattr(Path, "read_text", real_read)

    def no_listing(path: Path) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(Path, "iterdir", no_listing)
    code, err = _main(capsys, "fix", "raw", "-o", "out")
    assert code == 2 and err == "mtfix: error: raw: cannot read (Permission denied)\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["fix", "check"])
@pytest.mark.parametrize(("shell", "needle"), [("<&-", "<stdin>: closed"), (">&-", "<stdout>: closed")])
def test_a_closed_standard_stream_is_one_line(tmp_path: Path, command: str, shell: str, needle: str) -> None:
    proc = subprocess.run(f"echo x | {sys.executable} -m mtfix {command} - {shell}", shell=True,
                          capture_output=True, check=False, cwd=tmp_path)
    _one_line_error(proc, needle)


@pytest.mark.parametrize("args", [["fix", "-"], ["check", "-"], ["rules"]])
def test_a_full_disk_on_stdout_is_one_line(tmp_path: Path, args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "mtfix", *args], input=b"at 08: 15\n" * 20000,
                              stdout=full, stderr=subprocess.PIPE, check=False, cwd=tmp_path)
    _one_line_error(proc, "<stdout>: ", "No space left on device")


def test_a_full_disk_while_writing_files_keeps_the_old_set(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "raw").mkdir()
    for name in "abc":
        (tmp_path / "raw" / f"{name}.txt").write_text(f"{name} 08: 15\n")
    assert cli.main(["fix", "raw", "-o", "out"]) == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    for name in "abc":
        (tmp_path / "raw" / f"{name}.txt").write_text(f"{name} changed 08: 15\n")
    written = []

    class Full(io.BytesIO):
        def write(self, data: object) -> int:
            if len(written) == 5:
                raise OSError(errno.ENOSPC, "No space left on device")
            written.append(data)
            return 0

    from mtfix import outputs

    monkeypatch.setattr(outputs, "create_file", lambda path: Full())
    capsys.readouterr()
    assert cli.main(["fix", "raw", "-o", "out"]) == 2
    assert capsys.readouterr().err == "mtfix: error: out/b.diff: cannot write (No space left on device)\n"
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before
    assert cli.main(["fix", "raw", "-o", "new/out"]) == 2
    assert not (tmp_path / "new").exists(), "a failed run leaves no output folder behind"


@pytest.mark.parametrize(
    ("content", "needle"),
    [(b"\0{}", "not valid JSON"), (b"[" * 100_000 + b"]" * 100_000, "nested too deeply")],
    ids=["nul", "deep"],
)
def test_a_broken_decisions_file_is_one_line(mtfix, tmp_path: Path, content: bytes, needle: str) -> None:
    (tmp_path / "a.decisions.json").write_bytes(content)
    _one_line_error(mtfix("apply", "a.decisions.json", cwd=tmp_path), "a.decisions.json", needle)


def test_a_very_long_missing_name_is_one_line(mtfix, tmp_path: Path) -> None:
    _one_line_error(mtfix("fix", "x" * 300 + ".txt", "-o", "out", cwd=tmp_path), "x" * 300)


@pytest.mark.parametrize(
    "args",
    [["fix", "-j", "99999999", "-"], ["check", "--jobs", "0", "-"],
     ["corpus", "a/*.txt", "-o", "o", "--workers", "-1"]],
    ids=["jobs-huge", "jobs-zero", "workers-negative"],
)
def test_process_counts_are_bounded(mtfix, tmp_path: Path, args: list[str]) -> None:
    proc = mtfix(*args, stdin=b"x\n", cwd=tmp_path)
    assert proc.returncode == 2 and "expected a number of processes from 1 to" in proc.stderr.decode()


def test_corpus_into_a_file_is_one_line(mtfix, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DATED)
    (tmp_path / "b.txt").write_text("not a folder\n")
    _one_line_error(mtfix("corpus", "a.txt", "-o", "b.txt", cwd=tmp_path), "b.txt", "not a folder")


# --- signals ----------------------------------------------------------------------------------------


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of a process and its children (documents may be repaired in a pool)."""
    total = _cpu_seconds(pid)
    for child in _children(pid):
        with contextlib.suppress(OSError):  # a child may end meanwhile
            total += _cpu_seconds(child)
    return total


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(c) for c in (task / "children").read_text().split())
    return found


@pytest.mark.parametrize(("sig", "code", "line"), [(signal.SIGINT, 130, "interrupted"),
                                                   (signal.SIGTERM, 143, "terminated")])
def test_a_signal_during_a_folder_run_leaves_nothing_half_written(
    tmp_path: Path, sig: signal.Signals, code: int, line: str
) -> None:
    (tmp_path / "raw").mkdir()
    body = (ROOT / "tests/fixtures/wmt22/ref.en").read_text()
    for i in range(60):
        (tmp_path / "raw" / f"doc{i:02}.txt").write_text(body)
    proc = subprocess.Popen([sys.executable, "-m", "mtfix", "fix", "raw", "-o", "out", "--no-grammar"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _tree_cpu_seconds(proc.pid) < 3 and time.monotonic() < deadline:  # past its imports, repairing
        time.sleep(0.1)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err.decode() == f"mtfix: {line}; nothing was written\n"
    assert not (tmp_path / "out").exists()


def test_workers_end_with_their_parent(tmp_path: Path) -> None:
    data = b"At 08: 15 , the meeting began.\n" * 300_000  # 9 MB: split across workers
    (tmp_path / "big.txt").write_bytes(data)
    with (tmp_path / "big.txt").open("rb") as stdin:
        proc = subprocess.Popen([sys.executable, "-m", "mtfix", "fix", "-j", "2", "--select", "typo", "-"],
                                stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path)
        deadline = time.monotonic() + 30
        while len(workers := _children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(workers) >= 2, "the run did not start its workers"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 143 and err.decode() == "mtfix: terminated; nothing was written\n"
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if Path(f"/proc/{w}").exists()]
