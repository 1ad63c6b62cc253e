"""Reference scores: equal to sacrebleu's own API, sacrebleu's published WMT22 figures, a reproducible test."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from sacrebleu.metrics import BLEU, CHRF, TER

from mtfix import __version__
from mtfix.registry import all_rules
from mtfix.runner import fix_text
from mtfix.scores import ScoreError, corpus_scores, pipeline_signature, ruleset_hash, score_texts

SCORES = FIXTURES / "scores"
SAMPLE = ROOT / "raw" / "soviet-turkish-treaty-1921"


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").removesuffix("\n").split("\n")


def sacrebleu_api(hyp: list[str], ref: list[str]) -> dict[str, tuple[float, str]]:
    """Each metric's score and signature, straight from sacrebleu."""
    found = {}
    for name, metric in (("BLEU", BLEU()), ("chrF2", CHRF()), ("TER", TER())):
        score = metric.corpus_score(hyp, [ref]).score
        found[name] = (score, metric.get_signature().format())
    return found


def test_raw_and_fixed_scores_equal_sacrebleus_api() -> None:
    raw, fixed, ref = lines(SCORES / "raw.txt"), lines(SCORES / "fixed.txt"), lines(SCORES / "ref.txt")
    scores = score_texts(raw, fixed, ref, resamples=100)
    want_raw, want_fixed = sacrebleu_api(raw, ref), sacrebleu_api(fixed, ref)
    assert {m.name: (m.raw, m.signature) for m in scores.metrics} == want_raw
    assert {m.name: (m.fixed, m.signature) for m in scores.metrics} == want_fixed
    assert scores.metric("BLEU").improved and scores.metric("TER").improved
    assert scores.metric("TER").fixed < scores.metric("TER").raw


@pytest.mark.slow
def test_wmt22_almanach_figures_match_sacrebleu() -> None:
    hyp, ref = lines(FIXTURES / "wmt22" / "hyp.ALMAnaCH-Inria.en"), lines(FIXTURES / "wmt22" / "ref.en")
    assert len(hyp) == len(ref) == 2016
    got = corpus_scores(hyp, ref)
    assert {name: round(score, 2) for name, score in got.items()} == {"BLEU": 30.33, "chrF2": 57.89, "TER": 55.84}


def test_p_value_is_the_same_in_every_run(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = lines(SAMPLE.with_suffix(".txt"))
    ref = lines(SAMPLE.with_suffix(".ref.txt"))
    fixed = fix_text("\n".join(raw)).text.split("\n")
    first = score_texts(raw, fixed, ref, resamples=200)
    monkeypatch.setenv("SACREBLEU_SEED", "none")
    second = score_texts(raw, fixed, ref, resamples=200)
    assert [m.p_value for m in first.metrics] == [m.p_value for m in second.metrics]
    assert all(m.p_value is not None and 0 < m.p_value <= 1 for m in first.metrics)
    assert os.environ["SACREBLEU_SEED"] == "none"  # restored after the test
    other_seed = score_texts(raw, fixed, ref, resamples=200, seed=7)
    assert [m.raw for m in other_seed.metrics] == [m.raw for m in first.metrics]


def test_identical_text_has_no_significance_test() -> None:
    raw, ref = lines(SCORES / "raw.txt"), lines(SCORES / "ref.txt")
    scores = score_texts(raw, raw, ref)
    assert scores.identical and all(m.p_value is None and m.raw == m.fixed for m in scores.metrics)
    assert scores.to_json()["significance"].startswith("none")


def test_line_counts_must_agree() -> None:
    raw, ref = lines(SCORES / "raw.txt"), lines(SCORES / "ref.txt")
    with pytest.raises(ScoreError, match="5 lines, but the reference has 6"):
        score_texts(raw[:5], raw[:5], ref)


def test_fixed_signature_names_the_pipeline() -> None:
    safe = pipeline_signature(all_rules(), apply_review=False)
    review = pipeline_signature(all_rules(), apply_review=True)
    fewer = pipeline_signature(all_rules()[:1], apply_review=False)
    assert safe.startswith(f"mtfix:{__version__}|rules:") and safe.endswith("|tiers:safe")
    assert review.endswith("|tiers:safe+review") and fewer != safe
    raw, fixed, ref = lines(SCORES / "raw.txt"), lines(SCORES / "fixed.txt"), lines(SCORES / "ref.txt")
    bleu = score_texts(raw, fixed, ref, resamples=50, pipeline=safe).metric("BLEU")
    assert bleu.fixed_signature == f"{bleu.signature}|{safe}"


def test_ruleset_hash_follows_what_rules_do_not_their_source_text(tmp_path: Path) -> None:
    """A comment in a rule module leaves the hash (and the committed snapshots) alone; a message does not."""
    import importlib.util

    import mtfix.rules.typo as module

    copy = tmp_path / "typo_copy.py"
    copy.write_text(Path(module.__file__).read_text(encoding="utf-8") + "\n# a comment changes nothing\n",
                    encoding="utf-8")
    spec = importlib.util.spec_from_file_location("typo_copy", copy)
    assert spec is not None and spec.loader is not None
    twin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(twin)
    rules = [dataclasses.replace(rule, stage=module.STAGE) for rule in module.RULES]
    twins = [dataclasses.replace(rule, stage=module.STAGE) for rule in twin.RULES]
    assert ruleset_hash(twins) == ruleset_hash(rules) == ruleset_hash(rules[::-1])
    reworded = [dataclasses.replace(rules[0], message=rules[0].message + "!"), *rules[1:]]
    assert ruleset_hash(reworded) != ruleset_hash(rules)
    more = [dataclasses.replace(rules[0], leave_alone=(*rules[0].leave_alone, "one more")), *rules[1:]]
    assert ruleset_hash(more) != ruleset_hash(rules)
