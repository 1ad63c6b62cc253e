"""Quality measures of repaired documents, for ``fix``: reference scores, counts, the grammar check.

``Measurer`` measures one document: scores when there is a reference, reference-free counts, and the
grammar issues the repair brought or removed when grammar is on (``grammar_repair``). Nothing here
times anything that goes into a report: the same input gives the same report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import __version__
from .counts import per_thousand, reference_free_counts
from .grammar import GrammarSession, GrammarSettings, Notice
from .grammar_lt import open_session
from .grammar_repair import GrammarReport, check_repairs
from .model import Rule
from .profiling import Profile
from .references import read_lines
from .runner import Result, fix_text
from .scores import DEFAULT_RESAMPLES, ScoreError, Scores, pipeline_signature, score_texts
from .textio import InputError


@dataclass(frozen=True)
class QualitySettings:
    """How documents are measured: the tier setting of the repair, bootstrap resamples, grammar."""

    apply_review: bool = False
    resamples: int = DEFAULT_RESAMPLES
    grammar: GrammarSettings = field(default_factory=lambda: GrammarSettings(scope="off"))


@dataclass(frozen=True)
class Quality:
    """What was measured on one document."""

    scores: Scores | None
    reference: str | None
    counts: dict[str, Any]
    grammar: GrammarReport | None

    def to_json(self) -> dict[str, Any]:
        """The measures as a JSON-ready mapping (no timings: reports are reproducible)."""
        return {
            "reference": self.reference,
            "scores": self.scores.to_json() if self.scores else None,
            "counts": self.counts,
            "grammar": self.grammar.to_json() if self.grammar else None,
        }


class Measurer:
    """Measures documents with one set of rules, one grammar session (opened on first use) and one
    reference policy. Notices (a checker that is unavailable) go to ``notice``."""

    def __init__(self, rules: Sequence[Rule], settings: QualitySettings, notice: Notice) -> None:
        self.rules = tuple(rules)
        self.settings = settings
        self.notice = notice
        self.pipeline = pipeline_signature(self.rules, settings.apply_review)
        self._session: GrammarSession | None = None

    def session(self) -> GrammarSession:
        """The run's grammar session, opened on first use."""
        if self._session is None:
            self._session = open_session(self.settings.grammar, self.notice)
        return self._session

    def prepare(self) -> None:
        """Open the grammar session now, when grammar is on, and let Harper load on a background thread
        (``GrammarSession.warm_up``): for a caller that has a second core to give it."""
        if self.settings.grammar.enabled:
            self.session().warm_up()

    def scores(self, result: Result, reference: Path) -> Scores:
        """The scores of one repaired text against the reference file; unequal line counts are input errors."""
        try:
            return score_texts(result.raw.split("\n"), result.text.split("\n"), read_lines(reference),
                               resamples=self.settings.resamples, pipeline=self.pipeline)
        except ScoreError as error:
            raise InputError(f"{reference}: reference does not fit the input ({error})") from None

    def all_scores(self, scored: Sequence[tuple[Result, str]]) -> Scores:
        """One set of scores over every (repaired text, reference file) pair, as one corpus."""
        raw, fixed, refs = [], [], []
        for result, reference in scored:
            raw += result.raw.split("\n")
            fixed += result.text.split("\n")
            refs += read_lines(Path(reference))
        return score_texts(raw, fixed, refs, resamples=self.settings.resamples, pipeline=self.pipeline)

    def measure(self, result: Result, reference: Path | None, source: Sequence[str] | None = None,
                profile: Profile | None = None, grammar: bool = True) -> Quality:
        """Scores (with a reference), counts and, with ``grammar``, the grammar of one repaired document.

        ``source`` is the document's line-aligned source, if any: the rules re-run on the fixed text
        with the same evidence as the repair had. ``profile`` gets the seconds of each step.
        """
        timing = profile if profile is not None else Profile()
        with timing.step("scores"):
            scores = self.scores(result, reference) if reference is not None else None
        with timing.step("rules again on the fixed text (counts)"):
            after = fix_text(result.text, self.rules, apply_review=self.settings.apply_review, source=source)
        quality = Quality(scores, str(reference) if reference else None, reference_free_counts(result, after), None)
        return self.add_grammar([(quality, result)], profile)[0] if grammar else quality

    def add_grammar(self, measured: Sequence[tuple[Quality, Result]], profile: Profile | None = None) -> list[Quality]:
        """Each (quality, result) pair's quality with the grammar check of its result (findings and counts),
        all checked in one call of the checker."""
        timing = profile if profile is not None else Profile()
        with timing.step(f"grammar ({self.settings.grammar.scope})"):
            reports = self.check_grammar([result for _, result in measured])
        return [with_grammar(quality, report) for (quality, _), report in zip(measured, reports, strict=True)]

    def check_grammar(self, results: Sequence[Result]) -> list[GrammarReport | None]:
        """The grammar check of each result, all in one call of the checker; ``None`` for each when grammar
        is off or no checker works. Safe on a thread of its own while this thread goes on measuring."""
        reports = None
        if self.settings.grammar.enabled:
            reports = check_repairs([(r.raw, r.text) for r in results], self.session(), self.settings.grammar)
        return list(reports) if reports is not None else [None] * len(results)


def with_grammar(quality: Quality, report: GrammarReport | None) -> Quality:
    """``quality`` with a grammar check's report and its counts (``None`` when there was none)."""
    return replace(quality, counts={**quality.counts, "grammar": report.counts() if report else None}, grammar=report)


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
    """The counts of several documents added up: words, artifacts, findings and grammar issues.

    Grammar issues are per 1,000 words of the lines the grammar check saw.
    """
    words = [sum(c["words"][side] for c in counts) for side in ("before", "after")]
    total: dict[str, Any] = {"words": {"before": words[0], "after": words[1]}}
    for kind in ("artifacts", "findings", "grammar"):
        rows = [c[kind]["total"] if kind != "grammar" else c[kind] for c in counts if c[kind] is not None]
        before, after = sum(r["before"] for r in rows), sum(r["after"] for r in rows)
        seen = words
        if kind == "grammar":
            seen = [sum(r["words"][side] for r in rows) for side in ("before", "after")]
        total[kind] = {"before": before, "after": after, "before_per_1000": per_thousand(before, seen[0]),
                       "after_per_1000": per_thousand(after, seen[1])} if rows else None
    return total
