"""``mtfix corpus``: repair many text files on a Dask cluster (a local one unless ``--scheduler`` names one).

A ``dask.bag`` holds the input files; each task reads one file, computes its document facts, and
maps ``pipeline.fix_lines`` over batches of its lines, writing the fixed file and its ledger as
they come (so a task's memory is one file plus one batch). Workers write into OUT_DIR, which must
therefore be shared storage on a multi-machine cluster. Files are written under temporary names
and renamed only when every task has succeeded: bad input leaves no half-written output.

OUT_DIR receives NAME.txt per input (byte-identical to ``mtfix fix``), ``edits.jsonl`` (one applied
edit or review suggestion per line, with its file and position in that file) and ``summary.json``
(counts per rule and per file, wall time, lines per second).
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import logging
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..batch import file_facts, fix_lines
from ..config import Config
from ..options import add_rule_options, jobs_count, resolve
from ..outputs import check_folder, guard, make_folder, remove_folders, signals_held
from ..stream import default_jobs
from ..textio import Document, InputError, encode, read_document

BATCH_LINES = 5000
LEDGER = "edits.jsonl"
SUMMARY = "summary.json"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``corpus`` and its options."""
    parser = subparsers.add_parser(
        "corpus",
        help="repair many files on a Dask cluster",
        description="Repair every file matching IN_GLOB into OUT_DIR/NAME.txt, with OUT_DIR/edits.jsonl "
        "(the ledger) and OUT_DIR/summary.json (counts per rule). Runs on the Dask scheduler at ADDRESS, "
        "or on a local cluster. The workers read the inputs and write OUT_DIR themselves: with a scheduler "
        "elsewhere, both must lie at the same paths on every worker (shared storage), and the workers need "
        "mtfix installed.",
    )
    parser.add_argument("pattern", metavar="IN_GLOB", help="input files, e.g. 'corpus/**/*.txt' (quote it)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT_DIR", help="folder for the outputs")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                        "(default: start a local cluster)")
    parser.add_argument("--workers", type=jobs_count, default=None, metavar="N",
                        help="workers of the local cluster (default: all cores)")
    add_rule_options(parser)
    parser.set_defaults(run=run)


def _inputs(pattern: str, output: Path) -> list[Path]:
    """The files matching ``pattern``, once the outputs they give are checked (``outputs.guard``)."""
    found = sorted(Path(p) for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
    if not found:
        raise InputError(f"{pattern}: no files match")
    names: dict[str, Path] = {}
    for path in found:
        if path.resolve().parent == output.resolve():
            raise InputError(f"{path}: is inside the output folder; fixed files would replace the inputs")
        other = names.setdefault(path.name, path)
        if other != path:
            raise InputError(f"{path}: same name as {other}; their outputs would overwrite each other")
    check_folder(output, found)
    guard(output, [*names, LEDGER, SUMMARY], found)
    return found


def _temporary(output: Path, name: str) -> Path:
    return output / f".{name}.part"


def fix_file(path: str, output: str, config: Config) -> dict[str, Any]:
    """Repair one file in batches of lines into temporary outputs; return its counts (runs on a worker)."""
    doc = read_document(Path(path))
    out = Path(output)
    name = Path(path).name
    lines = doc.text.split("\n")
    facts = file_facts(doc.text, config)
    by_rule: Counter[str] = Counter()
    suggestions = 0
    char_offset = 0
    with _temporary(out, name).open("wb") as text_out, _temporary(out, name + ".jsonl").open("w") as ledger:
        for first in range(0, len(lines), BATCH_LINES):
            batch = lines[first : first + BATCH_LINES]
            fixed, edits = fix_lines(batch, config, doc=facts, first_line=first)
            part = Document(name, "", doc.endings[first : first + BATCH_LINES], doc.bom and first == 0)
            text_out.write(encode(part, "\n".join(fixed)))
            for edit in edits:
                record = {"file": path, **edit.to_json()}
                for key in ("step", "start", "end"):  # positions within the batch's passes
                    del record[key]
                record.update(line=edit.line + first, raw_start=edit.raw_start + char_offset,
                              raw_end=edit.raw_end + char_offset)
                ledger.write(json.dumps(record, ensure_ascii=False) + "\n")
                if edit.applied:
                    by_rule[edit.rule_id] += 1
                else:
                    suggestions += 1
            char_offset += sum(map(len, batch)) + len(batch)
    return {"file": path, "lines": doc.line_count, "edits": sum(by_rule.values()), "suggestions": suggestions,
            "by_rule": dict(sorted(by_rule.items()))}


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """A ``distributed.Client`` of the scheduler at ``scheduler``, or of a new local cluster."""
    from dask.distributed import Client, LocalCluster

    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
    logging.getLogger("distributed").setLevel(logging.ERROR)
    with LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def run_corpus(paths: list[Path], output: Path, config: Config, scheduler: str | None = None,
               workers: int | None = None) -> dict[str, Any]:
    """Repair ``paths`` on a Dask cluster into ``output``; returns the summary (also written there)."""
    import dask.bag as db

    for path in paths:  # bad input fails here, before any task runs
        read_document(path)
    created = make_folder(output)
    started = time.perf_counter()
    try:
        with _client(scheduler, workers) as client:
            computing = time.perf_counter()
            bag = db.from_sequence([str(p) for p in paths], npartitions=len(paths))
            counts = bag.map(fix_file, str(output), config).compute(scheduler=client)
            compute_seconds = time.perf_counter() - computing
        with _temporary(output, LEDGER).open("wb") as ledger:
            for path in paths:
                with _temporary(output, path.name + ".jsonl").open("rb") as part:
                    shutil.copyfileobj(part, ledger)
        summary = _summary(counts, time.perf_counter() - started, compute_seconds)
        _temporary(output, SUMMARY).write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n",
                                               encoding="utf-8")
        with signals_held():
            for name in (*(p.name for p in paths), LEDGER, SUMMARY):
                os.replace(_temporary(output, name), output / name)
    except BaseException:
        remove_folders(created)
        raise
    finally:
        for path in paths:
            for name in (path.name, path.name + ".jsonl"):
                _temporary(output, name).unlink(missing_ok=True)
        for name in (LEDGER, SUMMARY):
            _temporary(output, name).unlink(missing_ok=True)
    return summary


def _summary(counts: list[dict[str, Any]], seconds: float, compute_seconds: float) -> dict[str, Any]:
    """``summary.json``: counts per rule and per file, wall time, lines per second."""
    lines = sum(c["lines"] for c in counts)
    total: Counter[str] = Counter()
    for c in counts:
        total.update(c["by_rule"])
    return {
        "files": len(counts),
        "lines": lines,
        "edits": sum(total.values()),
        "suggestions": sum(c["suggestions"] for c in counts),
        "by_rule": dict(sorted(total.items())),
        "seconds": round(seconds, 3),
        "compute_seconds": round(compute_seconds, 3),
        "lines_per_second": round(lines / seconds),
        "compute_lines_per_second": round(lines / compute_seconds),
        "per_file": counts,
    }


def run(args: argparse.Namespace) -> int:
    """Repair the corpus and print a one-line summary."""
    config, _ = resolve(args)
    output = Path(args.output)
    paths = _inputs(args.pattern, output)
    summary = run_corpus(paths, output, config, args.scheduler, args.workers)
    print(f"corpus: {summary['files']} files, {summary['lines']} lines, {summary['edits']} edits, "
          f"{summary['suggestions']} review suggestions in {summary['seconds']}s wall, "
          f"{summary['lines_per_second']} lines/s ({summary['compute_seconds']}s, "
          f"{summary['compute_lines_per_second']} lines/s once the cluster is up) -> {output}")
    return 0
