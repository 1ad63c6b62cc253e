"""Reference scores: BLEU, chrF and TER of raw and fixed text against a reference, through sacrebleu's API.

Each metric is built once, with the reference cached, and scored with sacrebleu's paired bootstrap
resampling (``sacrebleu.significance.PairedTest``) between raw (the baseline) and fixed. The scores it
reports are sacrebleu's ``corpus_score`` figures; the p-value says whether the difference between raw
and fixed could be chance. The resampling seed is fixed, so the same input gives the same numbers in
every run. Every figure carries sacrebleu's signature; the fixed text's signature is extended with the
pipeline's (mtfix version, rule set, applied tiers): compare scores only when the signatures match.

>>> ref = ["The treaty was concluded on 16 March 1921."]
>>> s = score_texts(["The treaty was concluded 16 in March 1921."], ref, ref)
>>> [(m.name, round(m.raw, 2), round(m.fixed, 2)) for m in s.metrics]
[('BLEU', 44.63, 100.0), ('chrF2', 81.59, 100.0), ('TER', 25.0, 0.0)]
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import __version__
from .model import Rule

if TYPE_CHECKING:
    from sacrebleu.metrics.base import Metric

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 12345


class ScoreError(ValueError):
    """Hypotheses and reference that cannot be scored together (different line counts)."""


@dataclass(frozen=True)
class MetricScore:
    """One metric on raw and fixed text: the two corpus scores, the p-value, the signatures."""

    name: str
    raw: float
    fixed: float
    p_value: float | None
    signature: str
    pipeline: str
    higher_is_better: bool

    @property
    def fixed_signature(self) -> str:
        """sacrebleu's signature extended with the pipeline's: what produced the fixed text."""
        return f"{self.signature}|{self.pipeline}" if self.pipeline else self.signature

    @property
    def improved(self) -> bool:
        """Whether the fixed text scores better than the raw text."""
        return self.fixed > self.raw if self.higher_is_better else self.fixed < self.raw

    def to_json(self) -> dict[str, Any]:
        """The metric as a JSON-ready mapping (scores unrounded, as sacrebleu computes them)."""
        return {
            "raw": self.raw,
            "fixed": self.fixed,
            "delta": self.fixed - self.raw,
            "p_value": self.p_value,
            "higher_is_better": self.higher_is_better,
            "signature": self.signature,
            "fixed_signature": self.fixed_signature,
        }


@dataclass(frozen=True)
class Scores:
    """Every metric of one hypothesis file (raw and fixed) against its reference."""

    metrics: tuple[MetricScore, ...]
    lines: int
    resamples: int
    seed: int
    identical: bool

    def metric(self, name: str) -> MetricScore:
        """The metric called ``name`` (``BLEU``, ``chrF2`` or ``TER``)."""
        return next(m for m in self.metrics if m.name == name)

    def to_json(self) -> dict[str, Any]:
        """The scores as a JSON-ready mapping."""
        test = (
            "none: the fixed text is identical to the raw text"
            if self.identical
            else f"paired bootstrap resampling (sacrebleu), {self.resamples} resamples, seed {self.seed}"
        )
        return {
            "lines": self.lines,
            "significance": test,
            "metrics": {m.name: m.to_json() for m in self.metrics},
        }


def build_metrics(references: Sequence[str]) -> dict[str, Metric]:
    """BLEU, chrF and TER with sacrebleu's default settings, each with ``references`` cached."""
    from sacrebleu.metrics import BLEU, CHRF, TER  # with numpy, a quarter second that repairs alone never need

    refs = [list(references)]
    return {"BLEU": BLEU(references=refs), "chrF2": CHRF(references=refs), "TER": TER(references=refs)}


def corpus_scores(hypotheses: Sequence[str], references: Sequence[str]) -> dict[str, float]:
    """sacrebleu's own ``corpus_score`` of each metric, for one hypothesis stream."""
    _check_lengths(hypotheses, references)
    return {name: metric.corpus_score(list(hypotheses), None).score for name, metric in
            build_metrics(references).items()}


def _check_lengths(hypotheses: Sequence[str], references: Sequence[str]) -> None:
    if len(hypotheses) != len(references):
        raise ScoreError(f"{len(hypotheses)} lines, but the reference has {len(references)}")


@contextlib.contextmanager
def _sacrebleu_seed(seed: int) -> Iterator[None]:
    """sacrebleu reads its resampling seed from ``SACREBLEU_SEED``; pin it while the test is built."""
    previous = os.environ.get("SACREBLEU_SEED")
    os.environ["SACREBLEU_SEED"] = str(seed)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SACREBLEU_SEED"]
        else:
            os.environ["SACREBLEU_SEED"] = previous


def _metric_score(
    name: str, metric: Metric, raw: float, fixed: float, p_value: float | None, pipeline: str
) -> MetricScore:
    return MetricScore(name, raw, fixed, p_value, metric.get_signature().format(), pipeline,
                       higher_is_better=name != "TER")


def score_texts(
    raw: Sequence[str],
    fixed: Sequence[str],
    references: Sequence[str],
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    pipeline: str = "",
) -> Scores:
    """Score raw and fixed lines against the reference lines, with a paired bootstrap test between them.

    ``seed`` must be non-zero (sacrebleu treats 0 as "no seed"). When the fixed text is identical to
    the raw text, or a metric gives both exactly the same score, there is nothing to test and that
    ``p_value`` is ``None``.
    """
    if seed == 0 or resamples < 1:
        raise ValueError("the seed must be non-zero and resamples at least 1")
    _check_lengths(raw, references)
    _check_lengths(fixed, references)
    metrics = build_metrics(references)
    identical = list(raw) == list(fixed)
    scored = []
    if identical:
        for name, metric in metrics.items():
            score = metric.corpus_score(list(raw), None).score
            scored.append(_metric_score(name, metric, score, score, None, pipeline))
        return Scores(tuple(scored), len(references), resamples, seed, identical)
    from sacrebleu.significance import PairedTest

    with _sacrebleu_seed(seed):
        test = PairedTest([("raw", list(raw)), ("fixed", list(fixed))], metrics, None, test_type="bs",
                          n_samples=resamples)
    _, results = test()
    for name, metric in metrics.items():
        raw_result, fixed_result = results[name]
        # sacrebleu's test calls an exactly equal score significant (p = 1/(resamples+1)): no change, no test
        p_value = None if raw_result.score == fixed_result.score else fixed_result.p_value
        scored.append(_metric_score(name, metric, raw_result.score, fixed_result.score, p_value, pipeline))
    return Scores(tuple(scored), len(references), resamples, seed, identical)


def ruleset_hash(rules: Sequence[Rule]) -> str:
    """A short hash of what the rules that ran do: each one's id, tier, stage, message, pattern, flags,
    trigger, examples and leave-alone texts (with their sources). Not the source text of their modules: a comment
    or a refactoring that changes none of these leaves the hash, and the snapshots carrying it, alone.
    """
    digest = hashlib.sha256()
    for rule in sorted(rules, key=lambda r: r.id):
        behaviour = (rule.id, str(rule.tier), rule.stage, rule.message, rule.pattern, int(rule.flags), rule.group,
                     rule.prefilter, rule.examples, rule.kept, rule.needs_source)
        digest.update(f"{behaviour!r}\n".encode())
    return digest.hexdigest()[:12]


def pipeline_signature(rules: Sequence[Rule], apply_review: bool) -> str:
    """The pipeline's part of a fixed text's signature: ``mtfix:VERSION|rules:HASH|tiers:safe[+review]``."""
    tiers = "safe+review" if apply_review else "safe"
    return f"mtfix:{__version__}|rules:{ruleset_hash(rules)}|tiers:{tiers}"


def format_table(scores: Scores, title: str = "") -> str:
    """A small text table: each metric raw → fixed, the change and its p-value, then the signatures."""
    lines = [title] if title else []
    for m in scores.metrics:
        p = "no change" if m.p_value is None else f"p = {m.p_value:.4f}"
        lines.append(f"  {m.name:<6} {m.raw:6.2f} -> {m.fixed:6.2f}  ({m.fixed - m.raw:+.2f}, {p})")
    for m in scores.metrics:
        lines.append(f"  {m.name}|{m.fixed_signature}")
    return "\n".join(lines)
