"""Quality measures of repaired documents, for ``fix`` and ``score``: reference scores, counts, grammar.

``add_quality_options`` adds the options (``--ref``, ``--resamples``, ``--grammar``, ``--languagetool``);
``Measurer`` measures one document (scores when there is a reference, reference-free counts, grammar
issues before and after when grammar is on) and renders the result for the JSON report, the HTML
report and the terminal. Nothing here times anything that goes into a report: the same input gives
the same report.
"""

from __future__ import annotations

import argparse
import html
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .counts import per_thousand, reference_free_counts
from .grammar import GrammarSession, load_names
from .grammar_lt import DEFAULT_TIMEOUT, open_session
from .inputs import companion
from .model import Rule
from .runner import Result, fix_text
from .scores import DEFAULT_RESAMPLES, ScoreError, Scores, format_table, pipeline_signature, score_texts
from .textio import Document, InputError, read_document

NAMES_FILE = Path("rules") / "names.txt"


def add_quality_options(parser: argparse.ArgumentParser, grammar: bool = True) -> None:
    """Add the scoring options, and with ``grammar`` the grammar options, to ``parser``."""
    parser.add_argument("--resamples", type=_positive, default=DEFAULT_RESAMPLES, metavar="N",
                        help=f"paired bootstrap resamples for the raw/fixed significance test "
                        f"(default: {DEFAULT_RESAMPLES}; fixed seed)")
    if not grammar:
        return
    parser.add_argument("--grammar", action=argparse.BooleanOptionalAction, default=None,
                        help="grammar issues before and after repair (default: on for files, off for '-')")
    parser.add_argument("--languagetool", default=None, metavar="auto|local|URL|off",
                        help="grammar through LanguageTool: a server URL, 'local' (language-tool-python starts "
                        "it), 'auto' (server in MTFIX_LANGUAGETOOL_URL, else one on disk), or 'off' "
                        "(default: off, the embedded Harper checker)")
    parser.add_argument("--languagetool-timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"seconds to wait for LanguageTool (default: {DEFAULT_TIMEOUT:g})")


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def read_lines(path: Path) -> list[str]:
    """The lines of a text file (read as ``fix`` reads its inputs)."""
    return read_document(path).text.split("\n")


def grammar_wanted(args: argparse.Namespace, stdin: bool) -> bool:
    """Grammar is on for files and off for stdin, unless ``--grammar``/``--no-grammar`` or
    ``--languagetool`` says otherwise."""
    if args.grammar is not None:
        return args.grammar
    return not stdin or args.languagetool is not None


def notice(message: str) -> None:
    """Print a one-line notice on stderr."""
    print(message, file=sys.stderr)


@dataclass(frozen=True)
class Quality:
    """What was measured on one document."""

    scores: Scores | None
    reference: str | None
    counts: dict[str, Any]
    grammar: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        """The measures as a JSON-ready mapping (no timings: reports are reproducible)."""
        return {
            "reference": self.reference,
            "scores": self.scores.to_json() if self.scores else None,
            "counts": self.counts,
            "grammar": self.grammar,
        }


class Measurer:
    """Measures documents with one set of rules, one grammar session and one reference policy."""

    def __init__(self, rules: Sequence[Rule], apply_review: bool, resamples: int,
                 session: GrammarSession | None) -> None:
        self.rules = tuple(rules)
        self.apply_review = apply_review
        self.resamples = resamples
        self.session = session
        self.pipeline = pipeline_signature(self.rules, apply_review)

    def scores(self, result: Result, reference: Path) -> Scores:
        """The scores of one repaired text against the reference file; unequal line counts are input errors."""
        try:
            return score_texts(result.raw.split("\n"), result.text.split("\n"), read_lines(reference),
                               resamples=self.resamples, pipeline=self.pipeline)
        except ScoreError as error:
            raise InputError(f"{reference}: reference does not fit the input ({error})") from None

    def all_scores(self, scored: Sequence[tuple[Result, str]]) -> Scores:
        """One set of scores over every (repaired text, reference file) pair, as one corpus."""
        raw, fixed, refs = [], [], []
        for result, reference in scored:
            raw += result.raw.split("\n")
            fixed += result.text.split("\n")
            refs += read_lines(Path(reference))
        return score_texts(raw, fixed, refs, resamples=self.resamples, pipeline=self.pipeline)

    def measure(self, result: Result, reference: Path | None, source: Sequence[str] | None = None) -> Quality:
        """Scores (with a reference), counts and grammar of one repaired document.

        ``source`` is the document's line-aligned source, if any: the rules re-run on the fixed text
        with the same evidence as the repair had.
        """
        scores = self.scores(result, reference) if reference is not None else None
        after = fix_text(result.text, self.rules, apply_review=self.apply_review, source=source)
        checked = self.session.check([result.raw, result.text]) if self.session else None
        counts = reference_free_counts(result, after, *(checked or (None, None)))
        grammar = None
        if checked is not None:
            before, fixed = checked
            grammar = {"checker": before.checker, "names_skipped": before.names_skipped,
                       "before": [i.to_json() for i in before.issues],
                       "after": [i.to_json() for i in fixed.issues]}
        return Quality(scores, str(reference) if reference else None, counts, grammar)


def find_references(ref: str | None, inputs: Sequence[Path], docs: Sequence[Document]) -> dict[Path, Path | None]:
    """Each input's reference: ``ref`` (``--ref``) for a single input, else ``NAME.ref.txt`` when it exists.

    A reference that is unreadable or has another number of lines than its input is an input error.
    """
    if ref is not None:
        if len(inputs) != 1:
            raise InputError(f"{ref}: --ref needs exactly one input, got {len(inputs)}")
        found: dict[Path, Path | None] = {inputs[0]: Path(ref)}
    else:
        found = {p: r if (r := companion(p, "ref")).is_file() else None for p in inputs}
    for doc, reference in zip(docs, found.values(), strict=True):
        if reference is not None and (n := read_document(reference).line_count) != doc.line_count:
            raise InputError(f"{reference}: reference does not fit the input "
                             f"({doc.line_count} lines, but the reference has {n})")
    return found


def summary_report(
    measured: Sequence[tuple[Path, Path, Result, Quality | None]], measurer: Measurer
) -> dict[str, Any]:
    """``summary.json``: each (input, output, result, quality) with its counts and scores, then all together."""
    entries = []
    for path, output, result, quality in measured:
        data = quality.to_json() if quality else {}
        entries.append({
            "input": str(path),
            "output": str(output),
            "edits": len(result.applied),
            "suggestions": len(result.suggestions),
            "findings": len(result.findings),
            "reference": data.get("reference"),
            "scores": data.get("scores"),
            "counts": data.get("counts"),
        })
    scored = [(result, q.reference) for _, _, result, q in measured if q and q.reference]
    return {
        "tool": {"name": "mtfix", "version": __version__},
        "inputs": entries,
        "all": {
            "counts": total_counts([q.counts for _, _, _, q in measured if q]),
            "scores": measurer.all_scores(scored).to_json() if len(scored) > 1 else None,
        },
    }


def total_counts(counts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The counts of several documents added up: words, artifacts, findings and grammar issues."""
    words = [sum(c["words"][side] for c in counts) for side in ("before", "after")]
    total: dict[str, Any] = {"words": {"before": words[0], "after": words[1]}}
    for kind in ("artifacts", "findings", "grammar"):
        rows = [c[kind]["total"] if kind != "grammar" else c[kind] for c in counts if c[kind] is not None]
        before, after = sum(r["before"] for r in rows), sum(r["after"] for r in rows)
        total[kind] = {"before": before, "after": after, "before_per_1000": per_thousand(before, words[0]),
                       "after_per_1000": per_thousand(after, words[1])} if rows else None
    return total


def open_grammar(args: argparse.Namespace, stdin: bool) -> GrammarSession | None:
    """The run's grammar session, or ``None`` when grammar is off."""
    if not grammar_wanted(args, stdin):
        return None
    return open_session(args.languagetool or "off", notice, timeout=args.languagetool_timeout,
                        names=load_names(NAMES_FILE))


def quality_html(quality: Quality) -> str:
    """A small HTML section: the scores table (with a reference) and the counts per 1,000 words."""
    parts = []
    if quality.scores is not None:
        rows = "".join(
            f"<tr><td>{m.name}</td><td>{m.raw:.2f}</td><td>{m.fixed:.2f}</td><td>{m.fixed - m.raw:+.2f}</td>"
            f"<td>{'no change' if m.p_value is None else f'{m.p_value:.4f}'}</td>"
            f"<td><code>{html.escape(m.fixed_signature)}</code></td></tr>"
            for m in quality.scores.metrics
        )
        parts.append(
            f"<h2>Scores against {html.escape(quality.reference or '')}</h2><table class=\"scores\">"
            "<tr><th>metric</th><th>raw</th><th>fixed</th><th>change</th><th>p (paired bootstrap)</th>"
            f"<th>signature</th></tr>{rows}</table>"
        )
    rows = []
    for kind in ("artifacts", "findings"):
        for family, row in quality.counts[kind].items():
            rows.append(_count_row(f"{kind}: {family}", row))
    if quality.counts["grammar"] is not None:
        rows.append(_count_row(f"grammar issues ({quality.counts['grammar']['checker']})", quality.counts["grammar"]))
    parts.append("<h2>Per 1,000 words</h2><table class=\"counts\"><tr><th></th><th>before</th><th>after</th></tr>"
                 f"{''.join(rows)}</table>")
    return "".join(parts)


def _count_row(label: str, row: dict[str, Any]) -> str:
    return (f"<tr><td>{html.escape(label)}</td><td>{row['before_per_1000']:.2f} ({row['before']})</td>"
            f"<td>{row['after_per_1000']:.2f} ({row['after']})</td></tr>")


def terminal_summary(quality: Quality) -> str:
    """The lines printed after ``fix``: the scores table, artifacts and grammar per 1,000 words."""
    lines = []
    if quality.scores is not None:
        lines.append(format_table(quality.scores, f"  scores against {quality.reference}:"))
    total = quality.counts["artifacts"]["total"]
    lines.append(f"  artifacts per 1,000 words: {total['before_per_1000']:.2f} -> {total['after_per_1000']:.2f}")
    grammar = quality.counts["grammar"]
    if grammar is not None:
        lines.append(f"  grammar issues per 1,000 words ({grammar['checker']}): "
                     f"{grammar['before_per_1000']:.2f} -> {grammar['after_per_1000']:.2f}")
    return "\n".join(lines)
