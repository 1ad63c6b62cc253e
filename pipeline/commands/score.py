"""``mtfix score``: score MT outputs against a reference as sacrebleu does, then the same after repair.

For each ``--hyp`` file: BLEU, chrF and TER of the raw output (sacrebleu's own figures), of the
repaired output, and the paired bootstrap p-value between them, with signatures and the time taken.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from ..options import add_rule_options, resolve
from ..references import read_lines
from ..runner import fix_text
from ..scores import ScoreError, format_table, pipeline_signature, score_texts
from ..textio import InputError
from .quality_options import add_resamples_option


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``score`` and its options."""
    parser = subparsers.add_parser(
        "score",
        help="BLEU, chrF and TER of MT outputs before and after repair",
        description="Score each MT output (--hyp) against the reference (--ref) with sacrebleu, repair it, "
        "and score it again; a paired bootstrap test says whether the difference could be chance.",
    )
    parser.add_argument("--hyp", nargs="+", required=True, metavar="FILE", help="MT outputs, one segment a line")
    parser.add_argument("--ref", required=True, metavar="FILE", help="the reference, line-aligned with each --hyp")
    parser.add_argument("--src", metavar="FILE", help="the source, line-aligned (evidence for some repairs)")
    parser.add_argument("--output-format", "--format", dest="output_format", choices=("text", "json"), default="text",
                        help="text (default) or json; --format is another name for it")
    add_rule_options(parser)
    add_resamples_option(parser)
    parser.set_defaults(run=run)


def _lines(path: str, expected: int | None, what: str) -> list[str]:
    lines = read_lines(Path(path))
    if expected is not None and len(lines) != expected:
        raise InputError(f"{path}: {len(lines)} lines, but the reference has {expected} ({what})")
    return lines


def run(args: argparse.Namespace) -> int:
    """Score every hypothesis file; exit 0, or 2 on bad input (before any scoring)."""
    config, rules = resolve(args)
    began = time.perf_counter()
    reference = _lines(args.ref, None, "reference")
    source = _lines(args.src, len(reference), "source") if args.src else None
    hypotheses = [(path, _lines(path, len(reference), "hypothesis")) for path in args.hyp]
    pipeline = pipeline_signature(rules, config.apply_review)
    systems: list[dict[str, Any]] = []
    for path, raw in hypotheses:
        started = time.perf_counter()
        result = fix_text("\n".join(raw), rules, apply_review=config.apply_review, source=source)
        repaired = time.perf_counter()
        try:
            scores = score_texts(raw, result.text.split("\n"), reference, resamples=args.resamples, pipeline=pipeline)
        except ScoreError as error:
            raise InputError(f"{path}: {error}") from None
        done = time.perf_counter()
        systems.append({"hyp": path, "edits": len(result.applied), "suggestions": len(result.suggestions),
                        "findings": len(result.findings), "repair_seconds": round(repaired - started, 2),
                        "score_seconds": round(done - repaired, 2), "scores": scores})
        if args.output_format == "text":
            print(format_table(scores, f"{path}: {len(result.applied)} edits "
                               f"(repair {repaired - started:.1f} s, scoring {done - repaired:.1f} s)"))
    total = round(time.perf_counter() - began, 2)
    if args.output_format == "json":
        for system in systems:
            system["scores"] = system["scores"].to_json()
        print(json.dumps({"reference": args.ref, "source": args.src, "pipeline": pipeline, "systems": systems,
                          "seconds": total}, ensure_ascii=False, indent=1))
    else:
        print(f"{len(systems)} systems scored in {total:.1f} s")
    return 0
