"""``make bench``: throughput and peak memory of ``mtfix fix -`` against ``ftfy.fix_text`` on ~50 MB of real MT text.

Builds bench/mt-50mb.txt by repeating the WMT22 system outputs, then runs, each in its own process
(wall time and peak RSS measured by the parent with ``os.wait4``): ``mtfix fix -j 1 -``,
``ftfy.fix_text`` alone over the same input, ``mtfix fix -j 1 --profile -`` (time per stage and rule)
and ``mtfix fix -j 2 -``, whose output must equal the one-process output. Numbers, not a test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("MTFIX_CORPUS", REPO.parent.parent / "shared" / "corpus" / "wmt22-ru-en"))
FALLBACK_CORPUS = Path("/work/shared/corpus/wmt22-ru-en")
WORK = REPO / "bench"
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
    """Wall seconds, peak RSS (MB) and stderr of ``command`` run on ``stdin``."""
    with stdin.open("rb") as source, (stdout or Path(os.devnull)).open("wb") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdin=source, stdout=sink, stderr=subprocess.PIPE, cwd=REPO)
        stderr = process.stderr.read().decode() if process.stderr else ""
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed ({process.returncode}): {stderr}")
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, "stderr": stderr}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                      if line.startswith("model name")), "")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{model or platform.processor()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; load average before the run: {load}")


def best(command: list[str], source: Path, repeat: int, stdout: Path | None = None) -> dict[str, float | str]:
    runs = [measure(command, source, stdout) for _ in range(repeat)]
    return min(runs, key=lambda r: r["seconds"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the fastest counts")
    parser.add_argument("--select", help="passed to mtfix fix (default: every rule)")
    args = parser.parse_args()
    source = build_input(args.megabytes)
    size_mb = source.stat().st_size / 1_000_000
    mtfix = [sys.executable, "-m", "pipeline", "fix", *(["--select", args.select] if args.select else [])]
    print(f"machine: {machine()}")
    lines = source.read_bytes().count(b"\n")
    print(f"input: {source.relative_to(REPO)}, {size_mb:.1f} MB, {lines} lines; rules: {args.select or 'all'}")
    one_out, two_out = WORK / "out-j1.txt", WORK / "out-j2.txt"
    one = best([*mtfix, "-j", "1", "-"], source, args.repeat, one_out)
    ftfy = best([sys.executable, "-c", FTFY], source, args.repeat)
    two = best([*mtfix, "-j", "2", "-"], source, args.repeat, two_out)
    profiled = measure([*mtfix, "-j", "1", "--profile", "-"], source)
    rows = {
        "mtfix fix -j 1 -": one,
        "ftfy.fix_text": ftfy,
        "mtfix fix -j 2 -": two,
    }
    print(f"{'command':22} {'seconds':>8} {'MB/s':>7} {'peak MB':>8}")
    for name, row in rows.items():
        print(f"{name:22} {row['seconds']:8.2f} {size_mb / row['seconds']:7.1f} {row['peak_mb']:8.1f}")
    same = digest(one_out) == digest(two_out)
    print(f"fix -j 1 vs ftfy.fix_text: {ftfy['seconds'] / one['seconds']:.2f}x the speed")
    print(f"fix -j 2 speed-up over -j 1: {one['seconds'] / two['seconds']:.2f}x; output identical: {same}")
    print("per stage and rule (fix -j 1 --profile):")
    print(profiled["stderr"], end="")
    results = {name: {k: v for k, v in row.items() if k != "stderr"} for name, row in rows.items()}
    results["input_mb"] = size_mb
    results["jobs_identical"] = same
    (WORK / f"results-{args.select or 'all'}.json").write_text(json.dumps(results, indent=1) + "\n")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
