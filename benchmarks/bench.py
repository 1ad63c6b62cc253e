"""``make bench``: throughput and peak memory of ``mtfix fix -`` against ``ftfy.fix_text`` on ~50 MB of real MT text.

Builds bench/mt-50mb.txt by repeating the WMT22 system outputs, then runs rounds of four measurements,
each in its own process (wall time, CPU time and peak RSS measured by the parent with ``os.wait4``):
``mtfix fix -j 1 -``, ``mtfix fix -j 2 -`` (whose output must equal the one-process output),
``ftfy.fix_text`` alone over the same input, and two ``mtfix fix -j 1 -`` processes at once, one on
each half of the input: what two cores give to two processes that share nothing, the ceiling of the
``-j 2`` speed-up on this machine at that moment. Rounds interleave the measurements, so each
ratio compares runs made under the same load; the summary gives the best and the median. Then one
``mtfix fix -j 1 --profile -`` run gives the time per stage and rule. Numbers, not a test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("MTFIX_CORPUS", REPO.parent.parent / "shared" / "corpus" / "wmt22-ru-en"))
FALLBACK_CORPUS = Path("/work/shared/corpus/wmt22-ru-en")
WORK = REPO / "bench"
BLOCK = 1 << 20
FTFY = "import ftfy, sys; ftfy.fix_text(sys.stdin.buffer.read().decode('utf-8'))"


def build_input(megabytes: int) -> Path:
    """bench/mt-<N>mb.txt: the hyp.*.en files repeated to about ``megabytes`` MB (built once)."""
    corpus = CORPUS if CORPUS.is_dir() else FALLBACK_CORPUS
    unit = b"".join(p.read_bytes() for p in sorted(corpus.glob("hyp.*.en")))
    if not unit:
        sys.exit(f"bench: no hyp.*.en files in {corpus}")
    path = WORK / f"mt-{megabytes}mb.txt"
    copies = max(1, round(megabytes * 1_000_000 / len(unit)))
    if not path.exists() or path.stat().st_size != copies * len(unit):
        WORK.mkdir(exist_ok=True)
        with path.open("wb") as out:
            for _ in range(copies):
                out.write(unit)
    return path


def measure(command: list[str], stdin: Path, stdout: Path | None = None) -> dict[str, float | str]:
    """Wall seconds, CPU seconds, peak RSS (MB) and stderr of ``command`` run on ``stdin``.

    Linux starts a child's peak RSS at its parent's high-water mark, so this script reads files in
    blocks and never holds the input: otherwise every child would report the script's own peak.
    """
    with stdin.open("rb") as source, (stdout or Path(os.devnull)).open("wb") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdin=source, stdout=sink, stderr=subprocess.PIPE, cwd=REPO)
        stderr = process.stderr.read().decode() if process.stderr else ""
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed ({process.returncode}): {stderr}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
            "stderr": stderr}


def digest(path: Path) -> str:
    with path.open("rb") as data:
        return hashlib.file_digest(data, "sha256").hexdigest()


def count_lines(path: Path) -> int:
    with path.open("rb") as data:
        return sum(block.count(b"\n") for block in iter(lambda: data.read(BLOCK), b""))


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                      if line.startswith("model name")), "")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{model or platform.processor()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; load average before the run: {load}")


def split_input(source: Path) -> tuple[Path, Path]:
    """The two halves of ``source``, cut at the first line end after its middle (built once)."""
    size = source.stat().st_size
    halves = (source.with_suffix(".half1.txt"), source.with_suffix(".half2.txt"))
    with source.open("rb") as data:
        data.seek(size // 2)
        data.readline()
        middle = data.tell()
        for half, start, length in zip(halves, (0, middle), (middle, size - middle), strict=True):
            if not half.exists() or half.stat().st_size != length:
                data.seek(start)
                with half.open("wb") as out:
                    while length and (block := data.read(min(BLOCK, length))):
                        out.write(block)
                        length -= len(block)
    return halves


def measure_pair(command: list[str], halves: tuple[Path, Path]) -> dict[str, float | str]:
    """Wall seconds of ``command`` run on both halves at once, in two processes."""
    started = time.perf_counter()
    with halves[0].open("rb") as first, halves[1].open("rb") as second:
        processes = [subprocess.Popen(command, stdin=half, stdout=subprocess.DEVNULL, cwd=REPO)
                     for half in (first, second)]
        usages = [os.wait4(process.pid, 0) for process in processes]
    seconds = time.perf_counter() - started
    if any(os.waitstatus_to_exitcode(status) != 0 for _, status, _ in usages):
        sys.exit(f"bench: {' '.join(command)} failed on a half of the input")
    return {"seconds": seconds, "cpu": sum(u.ru_utime + u.ru_stime for _, _, u in usages),
            "peak_mb": max(u.ru_maxrss for _, _, u in usages) / 1024, "stderr": ""}


def summary(runs: list[dict[str, float | str]]) -> dict[str, float]:
    """The best and the median wall time of ``runs``, the CPU time of the best, the highest peak RSS."""
    fastest = min(runs, key=lambda r: r["seconds"])
    return {"best": fastest["seconds"], "median": statistics.median(r["seconds"] for r in runs),
            "cpu": fastest["cpu"], "peak_mb": max(r["peak_mb"] for r in runs)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the four measurements (default: 3)")
    parser.add_argument("--select", help="passed to mtfix fix (default: every rule)")
    args = parser.parse_args()
    source = build_input(args.megabytes)
    halves = split_input(source)
    size_mb = source.stat().st_size / 1_000_000
    mtfix = [sys.executable, "-m", "mtfix", "fix", *(["--select", args.select] if args.select else [])]
    print(f"machine: {machine()}")
    lines = count_lines(source)
    print(f"input: {source.relative_to(REPO)}, {size_mb:.1f} MB, {lines} lines; rules: {args.select or 'all'}; "
          f"rounds: {args.rounds}")
    one_out, two_out = WORK / "out-j1.txt", WORK / "out-j2.txt"
    names = ("mtfix fix -j 1 -", "mtfix fix -j 2 -", "ftfy.fix_text", "2 x fix -j 1, a half each")
    runs: dict[str, list[dict[str, float | str]]] = {name: [] for name in names}
    same = True
    for _ in range(args.rounds):
        runs[names[0]].append(measure([*mtfix, "-j", "1", "-"], source, one_out))
        runs[names[1]].append(measure([*mtfix, "-j", "2", "-"], source, two_out))
        same = same and digest(one_out) == digest(two_out)
        runs[names[2]].append(measure([sys.executable, "-c", FTFY], source))
        runs[names[3]].append(measure_pair([*mtfix, "-j", "1", "-"], halves))
    rows = {name: summary(found) for name, found in runs.items()}
    print(f"{'command':26} {'best s':>7} {'MB/s':>6} {'median s':>9} {'MB/s':>6} {'CPU s':>6} {'peak MB':>8}")
    for name, row in rows.items():
        print(f"{name:26} {row['best']:7.2f} {size_mb / row['best']:6.1f} {row['median']:9.2f} "
              f"{size_mb / row['median']:6.1f} {row['cpu']:6.2f} {row['peak_mb']:8.1f}")

    def ratios(numerator: str, denominator: str) -> str:
        per_round = [a["seconds"] / b["seconds"] for a, b in zip(runs[numerator], runs[denominator], strict=True)]
        return (f"{rows[numerator]['best'] / rows[denominator]['best']:.2f}x best to best, "
                f"{statistics.median(per_round):.2f}x median of the rounds "
                f"({', '.join(f'{r:.2f}' for r in per_round)})")

    print(f"fix -j 1 vs ftfy.fix_text: {ratios(names[2], names[0])} the speed")
    print(f"fix -j 2 speed-up over -j 1: {ratios(names[0], names[1])}; output identical: {same}")
    print(f"two processes on the halves (the machine's ceiling): {ratios(names[0], names[3])}")
    profiled = measure([*mtfix, "-j", "1", "--profile", "-"], source)
    print("per stage and rule (fix -j 1 --profile):")
    print(profiled["stderr"], end="")
    results = {"input_mb": size_mb, "jobs_identical": same, "summary": rows,
               "runs": {name: [{k: v for k, v in run.items() if k != "stderr"} for run in found]
                        for name, found in runs.items()}}
    (WORK / f"results-{args.select or 'all'}.json").write_text(json.dumps(results, indent=1) + "\n")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
