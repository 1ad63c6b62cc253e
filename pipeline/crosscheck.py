"""Compares a translation line with its source: restores lost numbers, reports number and date mismatches.

Pure functions, no I/O. ``restore_placeholders`` replaces an ``XNUMX`` placeholder by the one source number
missing from the translation that fits its context; ``compare_numbers`` lists the numbers and dates that
disagree; ``date_from_source`` lets the dates rules settle an ambiguous date from the source.

Matching. The numbers of both lines (``pipeline.numbers``) are paired greedily by value (``keys``): a
source number without a counterpart is *missing*, a translation number without one is *extra*. Number
words count as counterparts on both sides; they are reported only against each other (``семь`` translated
``eight``), never as missing or extra, and ``soft`` numbers (idioms, stray digits) never.

Restoration refuses (and says why, listing the candidates) unless exactly one missing source number fits
the placeholder: same scale word (``XNUMX thousand`` ← ``75,9 тыс.``), a percent sign on both or neither,
no clash of units (``XNUMX cm`` never takes ``6 мм``), a day of the same month after a month name, a decade
(``1920-х``) or a numeral with a case ending (``3-х``, rendered ``3``) for ``XNUMX-s`` / ``xnumx's``, an
ordinal or century for ``XNUMXth`` (``XIX век`` gives ``19th``).
Several placeholders on a line are restored only when exactly one assignment fits them all. A number the
source spells out is a candidate like digits (``около четырех тысяч`` fills ``XNUMX thousand`` with 4), but
only for a placeholder of its own unit (``в течение суток`` fills ``XNUMX-hour``, ``до года`` fills
``XNUMX year``), and ``один`` / ``одна`` (nearly always "a") never. A scale word after the placeholder
(``$XNUMX tln``) keeps the mantissa alone: ``$3 tln``, not ``$3 trillion tln``.

>>> restore_placeholders("More than XNUMX thousand mercenaries.", "Более 7 тыс. наемников.")[0].replacement
'7'
>>> restore_placeholders("from 553 of XNUMX borrowers", "553 из 603 заемщиков")[0].replacement
'603'
>>> r = restore_placeholders("up to XNUMX cm", "до 6 мм")[0]
>>> r.replacement, r.reason
(None, 'no missing source number fits')
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import regex

from .numbers import (
    EN_GLUED_SCALE,
    EN_MONTH_NUMBERS,
    EN_MONTH_PATTERN,
    EN_SCALE_PATTERN,
    EN_SCALE_VALUES,
    EN_UNIT_PATTERN,
    RU_MONTH_PATTERN,
    UNIT_NAMES,
    Number,
    ordinal_suffix,
    parse_english,
    parse_russian,
)

PLACEHOLDER = regex.compile(
    r"(?<![\p{L}\d])(?i:xnumx)(?:(?P<ordinal>-?(?i:st|nd|rd|th))|(?P<decade>['’]s|-s|s))?"
    r"(?:(?<=[$€£](?i:xnumx))(?=(?P<glued>k|m|mn|bn|b|tn)\b)|(?![\p{L}\d]))")


@dataclass(frozen=True)
class Restoration:
    """The verdict on one placeholder: span, replacement (``None`` when refused) and the candidates."""

    start: int
    end: int
    text: str
    replacement: str | None
    candidates: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True)
class Discrepancy:
    """A number or date that disagrees between source and translation; either side may be absent."""

    kind: str
    source: Number | DateMention | None
    target: Number | DateMention | None

    @property
    def message(self) -> str:
        """One line naming both spans (source columns are 1-based)."""
        src = f'source "{self.source.text}" (col {self.source.start + 1})' if self.source else ""
        tgt = f'"{self.target.text}"' if self.target else ""
        if self.kind == "date":
            return f"date {tgt} differs from the {src}"
        if self.kind == "mismatch":
            return f"number {tgt} differs from the {src}"
        if self.kind == "missing":
            return f"{src[0].upper()}{src[1:]} has no counterpart in the translation"
        return f"number {tgt} does not appear in the source"


@dataclass(frozen=True)
class DateMention:
    """A date written in either line: its span, the day and year when written, the month always."""

    start: int
    end: int
    text: str
    day: int | None
    month: int
    year: int | None


def match_numbers(source: Sequence[Number], target: Sequence[Number]) -> tuple[list[Number], list[Number]]:
    """Pair the numbers of both sides by value; return the unpaired source and target numbers, in order.

    Numbers in digits are paired first, so that a word (``one of``) never takes a digit's counterpart.
    """
    used: set[int] = set()
    ordered = sorted(range(len(source)), key=lambda i: source[i].word)
    paired_source: set[int] = set()
    for i in ordered:
        number = source[i]
        keys = number.keys
        options = [j for j, t in enumerate(target) if j not in used and keys & t.keys]
        if options:
            best = min(options, key=lambda j: (target[j].word, target[j].unit != number.unit,
                                               target[j].kind != number.kind))
            used.add(best)
            paired_source.add(i)
    missing = [n for i, n in enumerate(source) if i not in paired_source]
    extra = [t for j, t in enumerate(target) if j not in used]
    return missing, extra


@dataclass(frozen=True)
class _Slot:
    """What the text around a placeholder says about the number it hides."""

    scale: int
    percent: bool
    unit: str | None
    month: int | None
    decade: bool
    ordinal: bool = False


def _slot(line: str, m: regex.Match[str]) -> _Slot:
    after = line[m.end():]
    before = line[: m.start()]
    scale = EN_GLUED_SCALE[m["glued"]] if m["glued"] else 1  # "$XNUMXm", "£XNUMXbn"
    after = after[len(m["glued"] or ""):]
    sm = regex.match(rf"[\s-]({EN_SCALE_PATTERN})", after, regex.IGNORECASE)
    if sm:
        scale = EN_SCALE_VALUES[sm[1].rstrip(".").lower()]
        after = after[sm.end():]
    unit = None
    um = EN_UNIT_PATTERN.match(regex.sub(r"^[\s-]", "", after, count=1))
    if um and um.lastgroup:
        unit = UNIT_NAMES[int(um.lastgroup[1:])]
    elif regex.match(r"\s*(?:[ap]\.?m\b|o['’]clock)", after, regex.IGNORECASE):
        unit = "hour"  # "at XNUMX am" hides "в четыре часа утра"
    month = None
    bm = regex.search(rf"(?:{EN_MONTH_PATTERN.pattern})\s+$", before)
    am = regex.match(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{EN_MONTH_PATTERN.pattern})", after)
    for found in (bm, am):
        if found:
            word = regex.search(EN_MONTH_PATTERN.pattern, found.group())
            month = EN_MONTH_NUMBERS.get(word.group().rstrip(".")) if word else None
    return _Slot(scale, unit == "%", None if unit == "%" else unit, month, bool(m["decade"]), bool(m["ordinal"]))


def _rendering(number: Number, slot: _Slot) -> str | None:
    """How ``number`` fills ``slot``, or ``None`` if it does not fit."""
    if number.soft and not number.word:
        return None  # a Roman "V" in "Спутник V", digits glued to a word, a fraction: counterparts only
    if slot.ordinal:  # "the XNUMXth century" takes "XIX век", "19-го", "девятнадцатый"
        fits = number.kind in ("ordinal", "century", "cardinal", "day") and number.value == int(number.value) \
            and 0 < number.value < 1000 and number.scale == 1 and number.unit != "%" \
            and (not number.word or number.kind == "ordinal")
        return f"{int(number.value)}{ordinal_suffix(int(number.value))}" if fits else None
    if slot.decade and number.inflected:
        return str(int(number.value)) if number.value == int(number.value) else None
    if slot.decade != (number.kind == "decade"):
        return None
    if number.word and (number.kind == "ordinal" or (number.value == 1 and number.unit is None)
                        or number.unit != slot.unit or _vague(number)):
        return None  # "одна" is nearly always "a"; a word fills a slot of its own unit only
    if slot.percent != (number.unit == "%"):
        return None
    if slot.unit and number.unit and slot.unit != number.unit and number.unit != "%":
        return None
    if number.kind == "day" and slot.month != number.month:
        return None
    if slot.month is not None:
        whole = number.value == int(number.value) and not number.word
        is_year = number.kind == "year" or (whole and 1000 <= number.value <= 2100)
        if not ((number.kind == "day" and number.month == slot.month) or is_year):
            return None
        if number.month is not None and number.month != slot.month:
            return None
        return str(int(number.value))
    if number.kind == "decade":
        return number.english
    if number.kind == "century":
        return None
    if number.kind in ("year", "ordinal", "time"):
        return str(int(number.value)) if number.kind != "time" else None
    return number.english_scaled(slot.scale) if slot.scale > 1 else number.english


def _fitting(numbers: Sequence[Number], slot: _Slot) -> str | None:
    """The rendering of the first of ``numbers`` (all of one value) that fits ``slot``."""
    return next((r for n in numbers if (r := _rendering(n, slot)) is not None), None)


def restore_placeholders(translation: str, source: str) -> list[Restoration]:
    """A verdict for every placeholder of ``translation``, from the numbers of ``source``."""
    holders = list(PLACEHOLDER.finditer(translation))
    if not holders:
        return []
    masked = PLACEHOLDER.sub(lambda m: "#" * len(m.group()), translation)
    src_numbers = parse_russian(source)
    missing, _ = match_numbers(src_numbers, parse_english(masked))
    # Which of several equal source numbers in digits is the missing one is arbitrary: its twins may fit too.
    twins = {n.start: [n] if n.word else [n, *(t for t in src_numbers if not t.word and t.value == n.value
                                               and t is not n)] for n in missing}
    slots = [_slot(translation, m) for m in holders]
    options = [{n.start: r for n in missing if (r := _fitting(twins[n.start], slot)) is not None} for slot in slots]
    verdicts: list[str | None] = [None] * len(holders)
    reason = ""
    if len(holders) == 1:
        fits = set(options[0].values())
        if len(fits) == 1:
            verdicts[0] = next(iter(fits))
        else:
            reason = "no missing source number fits" if not fits else "more than one source number fits"
    else:
        assignments = [combo for combo in itertools.product(*(opt.items() for opt in options))
                       if len({start for start, _ in combo}) == len(combo)]
        renderings = {tuple(r for _, r in combo) for combo in assignments}
        if len(renderings) == 1:
            verdicts = list(next(iter(renderings)))
        else:
            reason = "no assignment fits every placeholder" if not renderings else "several assignments fit"
    out = []
    for m, verdict, opt in zip(holders, verdicts, options, strict=True):
        candidates = tuple(sorted(set(opt.values()))) if opt else tuple(n.text for n in missing)
        out.append(Restoration(m.start(), m.end(), m.group(), verdict, candidates, "" if verdict else reason))
    return out


_RU_DATE = regex.compile(
    rf"(?:(?<![\d.,])(?P<d>[0-3]?\d)(?:-?го)?\s+)?(?P<mon>{RU_MONTH_PATTERN.pattern})(?:\s+(?P<y>\d{{4}})(?!\d))?",
    regex.IGNORECASE)
_EN_DATE = regex.compile(
    rf"(?:(?<![\d.,])(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<mon>{EN_MONTH_PATTERN.pattern})"
    rf"(?:\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d.,]\d|\d))?(?:,?\s+(?P<y>\d{{4}})(?!\d))?")


def _dates(line: str, english: bool) -> list[DateMention]:
    found = []
    for m in (_EN_DATE if english else _RU_DATE).finditer(line):
        if english:
            month = EN_MONTH_NUMBERS.get(m["mon"].rstrip("."))
            day_text = m["d1"] or m["d2"]
            if month is None or (m["mon"] == "May" and not (day_text or m["y"])):
                continue
        else:
            month = next(int(k[1:]) for k, v in m.groupdict().items() if k[0] == "m" and k != "mon" and v)
            day_text = m["d"]
        day = int(day_text) if day_text and 1 <= int(day_text) <= 31 else None
        year = int(m["y"]) if m["y"] else None
        if day is None and year is None:
            continue
        found.append(DateMention(m.start(), m.end(), m.group(), day, month, year))
    return found


def source_dates(source: str) -> list[DateMention]:
    """The dates of a Russian line (``16 марта 1921 г.``, ``в марте 1921``, ``12 декабря``).

    >>> [(d.day, d.month, d.year) for d in source_dates("договор от 16 марта 1921 г. и 12 декабря")]
    [(16, 3, 1921), (12, 12, None)]
    """
    return _dates(source, english=False)


def date_from_source(source: str | None, month: int, numbers: Sequence[int]) -> DateMention | None:
    """The one source date in ``month`` whose written day and year are all among ``numbers``.

    The dates rules call this when a broken date is ambiguous ("December 7 1920", "1922 in April 5"):
    the numbers found around the month name go in, the source says which is the day and which the year.
    ``None`` when there is no source, no such date, or more than one.

    >>> d = date_from_source("7 декабря 1920 г. Пленум", 12, [7, 1920])
    >>> (d.day, d.month, d.year)
    (7, 12, 1920)
    >>> date_from_source("7 декабря 1920 г.", 12, [8, 1920]) is None
    True
    """
    if source is None:
        return None
    fits = [d for d in source_dates(source) if d.month == month
            and (d.day is None or d.day in numbers) and (d.year is None or d.year in numbers)
            and (d.day is not None or d.year is not None)]
    return fits[0] if len(fits) == 1 else None


def _named(translation: str, number: Number, source: str) -> bool:
    """A number completing a name the source writes without it (``COVID-19`` for ``COVID-паспортов``)."""
    m = regex.search(r"(?<![\p{L}])([A-Za-z]{2,})-$", translation[: number.start])
    return bool(m) and m[1].lower() in source.lower()


def _vague(number: Number) -> bool:
    """A lone ``тысячи`` / ``миллионы``: a thousand, or thousands."""
    return number.word and number.soft and number.value in (1000, 10**6, 10**9, 10**12)


def _ordinal_word(line: str, number: Number) -> bool:
    """An ordinal word that is one: "second" only after "the" ("the second round", not "a second")."""
    return number.text.lower() != "second" or line[: number.start].lower().endswith("the ")


def _similar(a: Number, b: Number) -> bool:
    """Whether ``b`` reads as a corrupted ``a``: one digit changed, dropped or added, or the scale changed.

    Compared as written (``336 млн`` / ``36 million``) and as full values (``10 тыс.`` / ``100,000``).
    """
    if (a.unit or b.unit) and a.unit != b.unit and "%" in (a.unit, b.unit):
        return False
    same_measure = a.scale == b.scale > 1 or (a.unit is not None and a.unit == b.unit)
    written = (_digits(a.mantissa if a.mantissa is not None else a.value),
               _digits(b.mantissa if b.mantissa is not None else b.value))
    if written[0] == written[1]:
        return a.scale != b.scale
    return any(_one_digit_apart(x, y, same_measure) for x, y in (written, (_digits(a.value), _digits(b.value))))


def _digits(value: Decimal) -> str:
    return format(value, "f").replace(".", "")


def _one_digit_apart(x: str, y: str, same_measure: bool) -> bool:
    if x == y:
        return False
    if len(x) == len(y):
        return sum(c != d for c, d in zip(x, y, strict=True)) == 1 and len(x) > 1
    short, long = sorted((x, y), key=len)
    return len(long) - len(short) == 1 and (len(short) > 1 or same_measure) and any(
        long[:i] + long[i + 1:] == short for i in range(len(long)))


def compare_numbers(translation: str, source: str) -> list[Discrepancy]:
    """The numbers and dates on which ``translation`` and ``source`` disagree.

    A line holding a placeholder reports no missing numbers (the placeholder rules do). A date whose
    day, month or year differs is one ``date`` discrepancy; a number close to a missing one (``2022`` →
    ``2002``, ``336 млн`` → ``36 million``) is a ``mismatch``; the rest are ``missing`` or ``extra``.

    >>> [(d.kind, d.source.text, d.target.text) for d in compare_numbers("in 2002", "в 2022 году")]
    [('mismatch', '2022 году', '2002')]
    >>> [(d.kind, d.target.text) for d in compare_numbers("on March 15, 1921", "16 марта 1921 г.")]
    [('date', 'March 15, 1921')]
    >>> compare_numbers("about 1.5 million people, in the 1920s", "около 1,5 млн человек, в 1920-х гг.")
    []
    """
    src_numbers = parse_russian(source)
    has_placeholder = bool(PLACEHOLDER.search(translation))
    masked = PLACEHOLDER.sub(lambda m: "#" * len(m.group()), translation)
    tgt_numbers = parse_english(masked)
    missing, extra = match_numbers(src_numbers, tgt_numbers)
    out: list[Discrepancy] = []
    src_dates, tgt_dates = source_dates(source), _dates(masked, english=True)
    consumed: set[int] = set()
    for sd in src_dates:
        same_month = [td for td in tgt_dates if td.month == sd.month]
        if len(same_month) != 1 or sum(d.month == sd.month for d in src_dates) != 1:
            continue
        td = same_month[0]
        day_differs = sd.day is not None and td.day is not None and sd.day != td.day
        year_differs = sd.year is not None and td.year is not None and sd.year != td.year
        src_values = {n.value for n in src_numbers if not n.word}
        tgt_values = {n.value for n in tgt_numbers if not n.word}
        day_differs = day_differs and sd.day not in tgt_values and td.day not in src_values
        year_differs = year_differs and sd.year not in tgt_values and td.year not in src_values
        if day_differs or year_differs:
            out.append(Discrepancy("date", sd, td))
            consumed |= {id(n) for n in missing if sd.start <= n.start < sd.end}
            consumed |= {id(n) for n in extra if td.start <= n.start < td.end}
    missing = [n for n in missing if id(n) not in consumed]
    extra = [n for n in extra if id(n) not in consumed and not n.soft and not _named(masked, n, source)]
    # A number word is reported only against a number word: "семь" translated "eight".
    for number in [n for n in missing if n.word and not _vague(n) and (n.value >= 2 or n.kind == "ordinal")]:
        twin = next((t for t in extra if t.word and (
            (t.kind == "cardinal" and t.value >= 2 and number.value >= 2)
            or (t.kind == "ordinal" and number.kind == "ordinal" and _ordinal_word(masked, t)))), None)
        if twin is not None and not has_placeholder:
            out.append(Discrepancy("mismatch", number, twin))
            extra.remove(twin)
    missing = [n for n in missing if not n.word]
    extra = [n for n in extra if not n.word]
    for number in list(missing):
        twin = next((t for t in extra if _similar(number, t)), None)
        if twin is not None and not has_placeholder:
            out.append(Discrepancy("mismatch", number, twin))
            missing.remove(number)
            extra.remove(twin)
    if not has_placeholder:
        out.extend(Discrepancy("missing", n, None) for n in missing if not n.soft)
    out.extend(Discrepancy("extra", None, t) for t in extra)
    return sorted(out, key=_order)


def _order(d: Discrepancy) -> tuple[int, int]:
    if d.target is not None:
        return 0, d.target.start
    return 1, d.source.start if d.source is not None else 0

