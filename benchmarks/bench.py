"""``make bench``: the main job (``fix DIR -o OUT``) with and without grammar, and throughput and peak memory of
``mtfix fix -`` against ``ftfy.fix_text`` on ~50 MB of real MT text.

The main job, on lines of the WMT22 x-en MT outputs (``wmt22-x-en/mt``): a folder of 300 articles of
30 lines, and one file of 30,000 lines, each run as ``fix PATH -o OUT`` with the defaults (grammar of
the changed lines), with ``--no-grammar``, and as ``fix -`` on the same text, in interleaved rounds;
the same 30,000 lines as 60 files with ``-j 1`` and ``-j 2`` (outputs compared byte for byte), and
two ``-j 1`` runs at once on 30 of the files each (what two processes that share nothing give: the
ceiling of ``-j 2`` on this job at that moment); and
``fix FILE -o OUT --grammar full`` on 1 MB and on 8 MB, as seconds per MB.

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
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("MTFIX_CORPUS", REPO.parent.parent / "shared" / "corpus" / "wmt22-ru-en"))
FALLBACK_CORPUS = Path("/work/shared/corpus/wmt22-ru-en")
MT_LINES = Path(os.environ.get("MTFIX_MT_OUTPUTS", REPO.parent.parent / "shared" / "corpus" / "wmt22-x-en" / "mt"))
FALLBACK_MT_LINES = Path("/work/shared/corpus/wmt22-x-en/mt")
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


def measure_together(commands: list[list[str]]) -> dict[str, float | str]:
    """Wall seconds of ``commands`` run at once, each in its own process, and their CPU seconds summed."""
    started = time.perf_counter()
    processes = [subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=REPO) for command in commands]
    usages = [os.wait4(process.pid, 0) for process in processes]
    seconds = time.perf_counter() - started
    if any(os.waitstatus_to_exitcode(status) != 0 for _, status, _ in usages):
        sys.exit(f"bench: {' '.join(commands[0])} (and the others run with it) failed")
    return {"seconds": seconds, "cpu": sum(u.ru_utime + u.ru_stime for _, _, u in usages),
            "peak_mb": max(u.ru_maxrss for _, _, u in usages) / 1024, "stderr": ""}


def summary(runs: list[dict[str, float | str]]) -> dict[str, float]:
    """The best and the median wall time of ``runs``, the CPU time of the best, the highest peak RSS."""
    fastest = min(runs, key=lambda r: r["seconds"])
    return {"best": fastest["seconds"], "median": statistics.median(r["seconds"] for r in runs),
            "cpu": fastest["cpu"], "peak_mb": max(r["peak_mb"] for r in runs)}


def mt_lines() -> list[bytes]:
    """Every line of the WMT22 x-en MT outputs, file after file (with its newline)."""
    folder = MT_LINES if MT_LINES.is_dir() else FALLBACK_MT_LINES
    lines = [line for path in sorted(folder.glob("*")) for line in path.read_bytes().splitlines(keepends=True)]
    if not lines:
        sys.exit(f"bench: no MT outputs in {folder}")
    return lines


def write_once(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` unless it already holds it."""
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return path


def build_main_inputs(lines: list[bytes]) -> dict[str, Path]:
    """The main job's inputs in bench/: 300 articles (and as one file), 30,000 lines (and as 60 files), 1 and 8 MB."""
    found = {"articles": WORK / "articles-300", "60 files": WORK / "files-60"}
    for i in range(300):
        write_once(found["articles"] / f"article{i:03d}.txt", b"".join(lines[30 * i : 30 * i + 30]))
    found["articles as one file"] = write_once(WORK / "articles-300.txt", b"".join(lines[:9000]))
    found["30,000 lines"] = write_once(WORK / "lines-30000" / "mt-30000.txt", b"".join(lines[:30000]))
    for i in range(60):
        part = b"".join(lines[500 * i : 500 * i + 500])
        write_once(found["60 files"] / f"part{i:02d}.txt", part)
        write_once(WORK / f"files-60-half{1 + i // 30}" / f"part{i:02d}.txt", part)
    found["60 files, halves"] = WORK / "files-60-half1"
    found["60 files, second half"] = WORK / "files-60-half2"
    unit = b"".join(lines)
    for mb in (1, 8):
        data = (unit * (1 + mb * 1_000_000 // len(unit)))[: mb * 1_000_000]
        found[f"{mb} MB"] = write_once(WORK / f"grammar-{mb}mb" / f"mt-{mb}mb.txt", data[: data.rfind(b"\n") + 1])
    return found


def tree_digest(folder: Path) -> str:
    """One SHA-256 over the names and bytes of every file in ``folder``."""
    total = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        total.update(path.name.encode() + b"\0" + path.read_bytes())
    return total.hexdigest()


def main_job(rounds: int) -> dict[str, object]:
    """The main job as a user runs it: ``fix PATH -o OUT`` with and without grammar, ``fix -``, ``-j``, full grammar."""
    inputs = build_main_inputs(mt_lines())
    out = WORK / "out-main"
    mtfix = [sys.executable, "-m", "mtfix", "fix"]
    quiet = Path(os.devnull)
    sizes = {name: sum(p.stat().st_size for p in (path.iterdir() if path.is_dir() else [path]))
             for name, path in inputs.items()}

    def fix_to(path: Path, *options: str) -> dict[str, float | str]:
        if out.exists():
            shutil.rmtree(out)
        return measure([*mtfix, str(path), "-o", str(out), *options], quiet)

    print(f"main job: {sizes['articles'] / 1e6:.2f} MB in 300 articles, {sizes['30,000 lines'] / 1e6:.2f} MB in "
          f"30,000 lines (and as 60 files); rounds: {rounds}")
    cases = {
        "300 articles: fix DIR -o OUT": lambda: fix_to(inputs["articles"]),
        "300 articles: --no-grammar": lambda: fix_to(inputs["articles"], "--no-grammar"),
        "300 articles: fix - (one file)": lambda: measure([*mtfix, "-"], inputs["articles as one file"]),
        "30,000 lines: fix FILE -o OUT": lambda: fix_to(inputs["30,000 lines"]),
        "30,000 lines: --no-grammar": lambda: fix_to(inputs["30,000 lines"], "--no-grammar"),
        "30,000 lines: fix -": lambda: measure([*mtfix, "-"], inputs["30,000 lines"]),
        "60 files: -j 1": lambda: fix_to(inputs["60 files"], "-j", "1"),
        "60 files: -j 2": lambda: fix_to(inputs["60 files"], "-j", "2"),
        "60 files: 2 halves at once, -j 1": lambda: measure_together(
            [[*mtfix, str(inputs[half]), "-o", str(out.with_name(f"out-{n}")), "-j", "1"]
             for n, half in enumerate(("60 files, halves", "60 files, second half"))]),
    }
    runs: dict[str, list[dict[str, float | str]]] = {name: [] for name in cases}
    identical = True
    for _ in range(rounds):
        for name, run in cases.items():
            runs[name].append(run())
            if name == "60 files: -j 1":
                one = tree_digest(out)
            if name == "60 files: -j 2":
                identical = identical and tree_digest(out) == one
    rows = {name: summary(found) for name, found in runs.items()}
    print(f"{'command':34} {'best s':>7} {'median s':>9} {'CPU s':>6}")
    for name, row in rows.items():
        print(f"{name:34} {row['best']:7.2f} {row['median']:9.2f} {row['cpu']:6.2f}")

    def ratio(numerator: str, denominator: str) -> str:
        per_round = [a["seconds"] / b["seconds"] for a, b in zip(runs[numerator], runs[denominator], strict=True)]
        return (f"{rows[numerator]['median'] / rows[denominator]['median']:.2f}x median to median "
                f"(rounds: {', '.join(f'{r:.2f}' for r in per_round)})")

    for what, with_grammar in (("300 articles", "fix DIR -o OUT"), ("30,000 lines", "fix FILE -o OUT")):
        print(f"{what}, defaults / --no-grammar: {ratio(f'{what}: {with_grammar}', f'{what}: --no-grammar')}")
    print(f"60 files, -j 2 speed-up over -j 1: {ratio('60 files: -j 1', '60 files: -j 2')}; "
          f"output identical: {identical}")
    print(f"60 files, two-process ceiling (two -j 1 runs on 30 files each, at once, over -j 1 on all 60): "
          f"{ratio('60 files: -j 1', '60 files: 2 halves at once, -j 1')}")
    full: dict[int, tuple[float, float]] = {}
    for mb in (1, 8):
        run = fix_to(inputs[f"{mb} MB"], "--grammar", "full")
        megabytes = sizes[f"{mb} MB"] / 1e6
        full[mb] = (float(run["seconds"]) / megabytes, float(run["cpu"]) / megabytes)
        print(f"fix FILE -o OUT --grammar full, {mb} MB: {run['seconds']:.1f} s wall, {full[mb][0]:.1f} s per MB; "
              f"CPU {run['cpu']:.1f} s, {full[mb][1]:.1f} s per MB")
    print(f"--grammar full, 8 MB against 1 MB: {full[8][0] / full[1][0]:.2f}x the wall time per MB, "
          f"{full[8][1] / full[1][1]:.2f}x the CPU time per MB")
    return {"summary": rows, "jobs_identical": identical, "full_grammar_seconds_per_mb": full,
            "runs": {name: [{k: v for k, v in r.items() if k != "stderr"} for r in found]
                     for name, found in runs.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the four measurements (default: 3)")
    parser.add_argument("--select", help="passed to mtfix fix - (default: every rule)")
    parser.add_argument("--only", choices=("main", "stream"), help="only the main job, or only fix - against ftfy")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    main_results = main_job(args.rounds) if args.only != "stream" else None
    if args.only == "main":
        (WORK / "results-main.json").write_text(json.dumps(main_results, indent=1) + "\n")
        return 0 if main_results and main_results["jobs_identical"] else 1
    source = build_input(args.megabytes)
    halves = split_input(source)
    size_mb = source.stat().st_size / 1_000_000
    mtfix = [sys.executable, "-m", "mtfix", "fix", *(["--select", args.select] if args.select else [])]
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
    results = {"input_mb": size_mb, "jobs_identical": same, "summary": rows, "main_job": main_results,
               "runs": {name: [{k: v for k, v in run.items() if k != "stderr"} for run in found]
                        for name, found in runs.items()}}
    (WORK / f"results-{args.select or 'all'}.json").write_text(json.dumps(results, indent=1) + "\n")
    return 0 if same and (main_results is None or main_results["jobs_identical"]) else 1


if __name__ == "__main__":
    sys.exit(main())
