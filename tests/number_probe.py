"""The number-QA probe: correct reference lines with ONE number changed each, to be flagged against the source.

``probe(pairs, seed)`` takes (reference, source) pairs and changes, per line that holds a number, one number
chosen at random with a fixed seed: a digit of a number in digits replaced by another digit (never a leading
zero), or a number word replaced by another one (``seven`` → ``nine``, ``forty-six`` → ``fifty-six``).
Left out as candidates: list numbering at the line start ("1.", "2)"), which the QA ignores by design,
``24/7``, and the word ``one`` (mostly a pronoun: "one of them"). ``flagged`` says whether the ``number``
rules report something on the changed line that they do not report on the original.

Run as a script to print the false alarms on the unchanged references and the probe's flag rate:
``python tests/number_probe.py tests/fixtures/wmt22/ref.en tests/fixtures/wmt22/src.ru``.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path

import regex

from mtfix.registry import select_rules
from mtfix.runner import fix_text

RULES = select_rules(("number",))
_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
          "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand")
_NUMBER_WORD = regex.compile(
    r"(?<![\p{L}-])(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|"
    r"seven|eight|nine)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?![\p{L}])"
)
_DIGITS = regex.compile(r"\d+")
_LIST_NUMBER = regex.compile(r"^\s*\d{1,2}[.)](?=\s)")


@dataclass(frozen=True)
class Probe:
    """One changed line: the original, the changed text and what was changed."""

    original: str
    source: str
    changed: str
    before: str
    after: str


def candidates(line: str) -> list[tuple[int, int, str]]:
    """The numbers of ``line`` the probe may change: (start, end, "digits" | "word")."""
    skip = [m.span() for m in _LIST_NUMBER.finditer(line)] + [m.span() for m in regex.finditer(r"24/7", line)]
    found = [(m.start(), m.end(), "digits") for m in _DIGITS.finditer(line)]
    found += [(m.start(), m.end(), "word") for m in _NUMBER_WORD.finditer(line)]
    return [c for c in found if not any(s <= c[0] < e for s, e in skip)]


def _change(text: str, kind: str, rng: random.Random) -> str:
    if kind == "digits":
        i = rng.randrange(len(text))
        choices = [d for d in "0123456789" if d != text[i] and not (d == "0" and i == 0 and len(text) > 1)]
        return text[:i] + rng.choice(choices) + text[i + 1:]
    head, dash, tail = text.partition("-")
    if dash:  # "forty-six": change the tens or the unit
        return (rng.choice([w for w in _WORDS[18:20] if w != head.lower()]) + dash + tail if rng.random() < 0.5
                else head + dash + rng.choice([w for w in _WORDS[:8] if w != tail.lower()]))
    word = rng.choice([w for w in _WORDS[:20] if w != text.lower()])
    return word.capitalize() if text[0].isupper() else word


def probe(pairs: list[tuple[str, str]], seed: int = 14) -> list[Probe]:
    """One changed line per pair whose reference holds a number (see the module docstring)."""
    rng = random.Random(seed)
    out = []
    for ref, src in pairs:
        found = candidates(ref)
        if not found:
            continue
        start, end, kind = rng.choice(found)
        after = _change(ref[start:end], kind, rng)
        out.append(Probe(ref, src, ref[:start] + after + ref[end:], ref[start:end], after))
    return out


def _reported(line: str, source: str) -> set[tuple[str, str]]:
    return {(f.rule_id, f.message) for f in fix_text(line, RULES, source=[source]).findings}


def flagged(p: Probe) -> bool:
    """Whether the number rules report something on the changed line beyond what the original gets."""
    return bool(_reported(p.changed, p.source) - _reported(p.original, p.source))


def load(reference: Path, source: Path) -> list[tuple[str, str]]:
    """The (reference, source) line pairs of two line-aligned files."""
    refs = reference.read_text(encoding="utf-8").splitlines()
    srcs = source.read_text(encoding="utf-8").splitlines()
    assert len(refs) == len(srcs), (reference, source)
    return list(zip(refs, srcs, strict=True))


if __name__ == "__main__":
    pairs = load(Path(sys.argv[1]), Path(sys.argv[2]))
    alarms = sum(bool(_reported(ref, src)) for ref, src in pairs)
    print(f"reference lines flagged: {alarms} of {len(pairs)} = {1000 * alarms / len(pairs):.2f} per 1,000")
    probes = probe(pairs)
    missed = [p for p in probes if not flagged(p)]
    for p in missed:
        print(f"missed: {p.before!r} -> {p.after!r}: {p.changed[:150]!r}")
    print(f"probe: flagged {len(probes) - len(missed)} of {len(probes)} = {1 - len(missed) / len(probes):.4f}")
