"""Numbers as written in a Russian source line or an English translation line, with their English renderings.

A ``Number`` knows its span in the line, its value (scale applied: ``336 млн`` is 336000000), what kind
of number it is (cardinal, year, decade, ordinal, century, day of a month, time, percent-bearing
cardinal), its unit, and how English writes it (``english``). ``keys`` are the values it may be
matched by on the other side: ``1920-х`` matches ``1920s`` and ``the '20s``; ``XX век`` matches
``20th century``.

Russian conventions: ``1 500`` (space, no-break or thin space) groups thousands, ``1,5`` is a decimal,
``5 тыс.`` / ``336 млн`` / ``1,2 млрд`` are scaled amounts, ``1921 г.`` / ``году`` / ``гг.`` mark years,
``1920-х`` a decade, ``5-й`` an ordinal, ``XX век`` a century, ``16 марта 1921 г.`` a date (any case of
the month name), ``1917–1921`` a range (two numbers), ``25 %`` / ``25 процентов`` a percentage. Number
words, inflected or not (``четырех тысяч``, ``сорока``, ``суток``, ``до года``), are read by
``pipeline.numwords`` and parsed as ``word`` numbers.

English conventions: ``1,500`` and ``1 000 000`` group thousands, ``1.5`` is a decimal, ``1.5 million`` /
``5 thousand`` / ``2 mln`` / ``$10m`` / ``£5bn`` are scaled, ``1920s`` / ``'90s`` decades, ``5th``
ordinals, ``20th century`` / ``XX century`` centuries, ``March 16, 1921`` / ``16 March 1921`` dates,
``3 p.m.`` times. Number words (``Forty-six``, ``one hundred and five``, ``a million``, ``twenty-first``,
``three-way``) are ``word`` numbers.

Alike in both: ``14.02.2021`` is a date (day with its month, and a year), ``21.55`` and ``10-00`` are
clock times (the first also a decimal), ``1/4`` a fraction (``1/4 финала``: the quarterfinals, ``1/8``:
the round of 16), while list numbering at the line start (``1.``, ``2)``) and ``24/7`` are no numbers.
Digits glued to a word (``В13``, ``5G``), in a link or a footnote mark are ``soft``: counterparts only.

>>> [(n.text, n.english) for n in parse_russian("Более 7 тыс. человек, 1,5 млрд рублей, 16 марта 1921 г.")]
[('7 тыс. человек', '7,000'), ('1,5 млрд рублей', '1.5 billion'), ('16', '16'), ('1921 г.', '1921')]
>>> [(n.text, n.kind, n.english) for n in parse_russian("в 1920-х гг., 5-й полк, XX век, 29 300 артефактов")]
[('1920-х гг.', 'decade', '1920s'), ('5-й', 'ordinal', '5th'), ('XX век', 'century', '20th century'), \
('29 300', 'cardinal', '29,300')]
>>> [(n.text, n.value) for n in parse_english("about 1.5 million people, 10,690 teens and Forty-six dogs")]
[('1.5 million people', Decimal('1500000')), ('10,690', Decimal('10690')), ('Forty-six', Decimal('46'))]
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise

import regex

from .numwords import english_words, russian_words

SPACES = " \u00a0\u2009\u202f"
MAX_DIGITS = 18  # longer digit runs are identifiers, not amounts, and are not parsed
_SEP = f"[{SPACES}]"

# The months of a Russian source, and of a Ukrainian one (named, in the genitive of a date or the nominative,
# by words that are nothing else: "лютий" but not "трава" or "червоний").
RU_MONTHS = (
    r"январ[а-яё]*|січ(?:ня|ень)", r"феврал[а-яё]*|лют(?:ого|ий)", r"март[а-яё]*|берез(?:ня|ень)",
    r"апрел[а-яё]*|квіт(?:ня|ень)", r"ма(?:й|я|е|ю|ем)|трав(?:ня|ень)", r"июн[а-яё]*|черв(?:ня|ень)",
    r"июл[а-яё]*|лип(?:ня|ень)", r"август[а-яё]*|серп(?:ня|ень)", r"сентябр[а-яё]*|верес(?:ня|ень)",
    r"октябр[а-яё]*|жовт(?:ня|ень)", r"ноябр[а-яё]*|листопада?", r"декабр[а-яё]*|груд(?:ня|ень)",
)
EN_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)
EN_MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
                  "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}

RU_MONTH_PATTERN = regex.compile(r"\b(?:" + "|".join(f"(?P<m{i + 1}>{p})" for i, p in enumerate(RU_MONTHS)) + r")\b",
                          regex.IGNORECASE)
EN_MONTH_NUMBERS = {name: i + 1 for i, name in enumerate(EN_MONTHS)} | EN_MONTH_ABBREVIATIONS
EN_MONTH_PATTERN = regex.compile(r"\b(?:" + "|".join(sorted(EN_MONTHS, key=len, reverse=True))
                          + r"|(?:" + "|".join(EN_MONTH_ABBREVIATIONS) + r")\.?)(?![\p{L}])")

SCALES = {"thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# Scale words after a number, Russian and Ukrainian ("тис.", "мільйон", "мільярда" in a Ukrainian source).
_RU_SCALE = regex.compile(r"(?:т[ыи]с(?:яч[а-яёіїє]*|\.|\b)|млн\b\.?|миллион[а-яё]*"
                          r"|мільйон[а-яёіїє]*|млрд\b\.?|миллиард[а-яё]*|мільярд[а-яёіїє]*|трлн\b\.?"
                          r"|триллион[а-яё]*|трильйон[а-яёіїє]*)", regex.IGNORECASE)
_RU_SCALE_VALUE = (("тыс", 1000), ("тис", 1000), ("млн", 10**6), ("миллион", 10**6), ("мільйон", 10**6),
                   ("млрд", 10**9), ("миллиард", 10**9), ("мільярд", 10**9), ("трлн", 10**12),
                   ("триллион", 10**12), ("трильйон", 10**12))
EN_SCALE_VALUES = {"thousand": 1000, "million": 10**6, "mln": 10**6, "mn": 10**6, "billion": 10**9,
                   "bln": 10**9, "bn": 10**9, "mlrd": 10**9, "trillion": 10**12, "tn": 10**12, "tln": 10**12,
                   "trln": 10**12}
EN_SCALE_PATTERN = "(?:" + "|".join(sorted(EN_SCALE_VALUES, key=len, reverse=True)) + r")\b\.?"
# Glued to the digits after a currency sign: "$10m", "£5bn", "€3k".
EN_GLUED_SCALE = {"k": 1000, "m": 10**6, "mn": 10**6, "bn": 10**9, "b": 10**9, "tn": 10**12}

# Canonical unit: (Russian or Ukrainian pattern, English pattern). A unit follows the number, after an
# optional space (English also after a hyphen: "183-meter-long", "12-cm").
UNITS: dict[str, tuple[str, str]] = {
    "%": (r"%|процент[а-яёіїє]*|відсот[а-яіїє]*", r"%|per ?cent\b"),
    "km": (r"км\b|километр[а-яёіїє]*|кілометр[а-яіїє]*", r"km\b|kilomet(?:er|re)s?\b"),
    "m": (r"м\b(?!\.\s*[а-яё])|метр[а-яёіїє]*", r"m\b|met(?:er|re)s?\b"),
    "cm": (r"см\b|сантиметр[а-яёіїє]*", r"cm\b|centimet(?:er|re)s?\b"),
    "mm": (r"мм\b|миллиметр[а-яёіїє]*", r"mm\b|millimet(?:er|re)s?\b"),
    "kg": (r"кг\b|килограмм[а-яёіїє]*", r"kg\b|kilo(?:gram)?s?\b"),
    "g": (r"г\b\.?|грамм[а-яёіїє]*", r"g\b|grams?\b"),
    "t": (r"т\b\.?|тонн[а-яёіїє]*", r"t\b|tons?\b|tonnes?\b"),
    "l": (r"л\b|литр[а-яёіїє]*", r"l\b|lit(?:er|re)s?\b"),
    "ml": (r"мл\b|миллилитр[а-яёіїє]*", r"ml\b|millilit(?:er|re)s?\b"),
    "W": (r"Вт\b|ватт[а-яёіїє]*", r"W\b|watts?\b"),
    "kW": (r"кВт\b|киловатт[а-яёіїє]*", r"kW\b|kilowatts?\b"),
    "kcal": (r"ккал\b|кКал\b", r"kcal\b"),
    "age": (r"-?летн[а-яёіїє]*", r"-?years?-old\b"),
    "year": (r"лет\b|год[а-яёіїє]*|рок[а-яіїє]*|рік\b", r"years?\b"),
    "month": (r"месяц[а-яёіїє]*|мес\.", r"months?\b"),
    "day": (r"дн[а-яёіїє]*|день|сут(?:ок|ки)\b|доб[аиу]\b", r"days?\b"),
    "hour": (r"час(?:а|ов)?\b|ч\.|годин[а-яіїє]*", r"hours?\b|h\b"),
    "minute": (r"минут[а-яёіїє]*|мин\.|хвилин[а-яіїє]*|хв\.", r"minutes?\b|min\b"),
    "rub": (r"руб(?:л[а-яёіїє]*|\.)", r"rub(?:les?|\.)|roubles?\b"),
    "usd": (r"доллар[а-яёіїє]*|долл\.|долар[а-яіїє]*", r"dollars?\b|USD\b"),
    "eur": (r"евро\b|євро\b", r"euros?\b|EUR\b"),
    "uah": (r"грн\b\.?|гривень\b|гривен\b|гривн[а-яіїє]*", r"hryvnias?\b|UAH\b"),
    "times": (r"раз(?:а)?\b", r"times\b"),
    "person": (r"человек\b|чел\.", r"people\b|persons?\b"),
}
RU_UNIT_PATTERN = regex.compile("|".join(f"(?P<u{i}>{ru})" for i, (ru, _) in enumerate(UNITS.values())),
                         regex.IGNORECASE)
EN_UNIT_PATTERN = regex.compile("|".join(f"(?P<u{i}>{en})" for i, (_, en) in enumerate(UNITS.values())))
UNIT_NAMES = tuple(UNITS)

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(text: str) -> int | None:
    """The value of a Roman numeral up to 399, or ``None`` if ``text`` is not a well-formed one.

    >>> roman_value("XX"), roman_value("XXI"), roman_value("IIII")
    (20, 21, None)
    """
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN.get(ch)
        if value is None:
            return None
        nxt = _ROMAN.get(text[i + 1], 0) if i + 1 < len(text) else 0
        total += -value if value < nxt else value
    if total <= 0 or total >= 400 or _to_roman(total) != text:
        return None
    return total


def _to_roman(value: int) -> str:
    out = []
    for number, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                            (4, "IV"), (1, "I")):
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def ordinal_suffix(value: int) -> str:
    """English ordinal suffix: ``st``, ``nd``, ``rd`` or ``th``.

    >>> [f"{n}{ordinal_suffix(n)}" for n in (1, 2, 3, 4, 11, 12, 21, 102)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '21st', '102nd']
    """
    if value % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


def format_decimal(value: Decimal, grouped: bool) -> str:
    """``value`` in English digits, decimals as written: a point, and commas between thousands when ``grouped``.

    >>> format_decimal(Decimal("29300"), True), format_decimal(Decimal("43.90"), False)
    ('29,300', '43.90')
    """
    if value == value.to_integral_value():
        number = int(value)
        return f"{number:,}" if grouped else str(number)
    text = format(value, "f")
    if grouped:
        whole, _, frac = text.partition(".")
        return f"{int(whole):,}.{frac}"
    return text


def scale_word(scale: int) -> str:
    """The English word of a scale (``1000000`` gives ``million``)."""
    return next(word for word, value in SCALES.items() if value == scale)


@dataclass(frozen=True)
class Number:
    """A number found in a line: its span, value, kind, unit and how it was written.

    ``kind`` is one of ``cardinal``, ``year``, ``decade``, ``ordinal``, ``century``, ``day`` (a day of
    ``month``), ``time`` (``value`` is minutes after midnight). A cardinal may carry a case ending
    (``3-х`` for трёх, which MT renders ``xnumx's``); ``inflected`` says so. ``mantissa`` is the number as written
    before its ``scale``; ``grouped`` tells whether the source grouped thousands; ``word`` marks a number
    written in words; ``quantity`` marks a plain number followed by a counted word (rendered with
    thousands commas); ``alternatives`` are other readings of the same digits and ``also`` other keys it
    matches (``21.55`` is also the time 21:55, ``1/4 финала`` also a quarterfinal). A ``soft`` number is a
    counterpart only and never reported: an idiom (``до года``) or digits stray in the line (``В13``).
    """

    start: int
    end: int
    text: str
    value: Decimal
    kind: str = "cardinal"
    unit: str | None = None
    scale: int = 1
    mantissa: Decimal | None = None
    month: int | None = None
    grouped: bool = False
    word: bool = False
    quantity: bool = False
    alternatives: tuple[Decimal, ...] = ()
    also: frozenset[tuple[str, Decimal]] = frozenset()
    soft: bool = False

    @property
    def inflected(self) -> bool:
        """A cardinal written with a Russian case ending (``3-х``, ``5-ти``)."""
        return self.kind == "cardinal" and bool(regex.search(r"\d[-–](?:х|ех|ух|ти|ми|и)\b", self.text))

    @property
    def keys(self) -> frozenset[tuple[str, Decimal]]:
        """The values this number can be matched by on the other side of a translation."""
        keys = {("n", self.value), *(("n", alt) for alt in self.alternatives), *self.also}
        if self.kind == "decade" and self.value >= 1000:
            keys.add(("decade", self.value))
        elif self.kind == "decade":  # "the '70s" is the 1970s (or the 1870s, the 2070s), never the 1570s
            keys |= {("decade", century + self.value) for century in (1800, 1900, 2000)}
        if self.kind == "time":
            keys = {("time", self.value), ("time", (self.value + 720) % 1440), *self.also}
            if self.value % 60 == 0 and not self.soft:  # "at 3" for 15:00, but "noon" is no "12"
                keys |= {("n", self.value // 60), ("n", (self.value // 60 + 11) % 12 + 1)}
        return frozenset(keys)

    @property
    def english(self) -> str:
        """How English writes this number (``1,500``, ``1.5``, ``336 million``, ``1920s``, ``5th``)."""
        if self.kind == "decade":
            return f"{int(self.value)}s"
        if self.kind == "century":
            return f"{int(self.value)}{ordinal_suffix(int(self.value))} century"
        if self.kind == "ordinal" and not 1000 <= self.value <= 2100:
            return f"{int(self.value)}{ordinal_suffix(int(self.value))}"
        if self.kind == "time":
            return f"{int(self.value) // 60:02d}:{int(self.value) % 60:02d}"
        if self.scale > 1000 and self.mantissa is not None:
            return f"{format_decimal(self.mantissa, False)} {scale_word(self.scale)}"
        grouped = self.grouped or self.scale == 1000 or (self.quantity and self.kind == "cardinal")
        return format_decimal(self.value, grouped and self.value >= 1000)

    def english_scaled(self, scale: int) -> str | None:
        """The number as the mantissa of ``scale`` (``75 900`` at 1000 gives ``75.9``), if it reads well."""
        if scale == 1:
            return self.english
        if self.scale == scale and self.mantissa is not None:
            return format_decimal(self.mantissa, self.mantissa >= 1000)
        if not (self.scale == 1 and self.value >= scale):
            return None
        mantissa = self.value / scale
        if mantissa * 1000 != int(mantissa * 1000):
            return None
        return format_decimal(mantissa, False)


_RU_NUMBER = regex.compile(
    rf"(?<![\d.,])(?:(?<![\p{{L}}+]|\d{_SEP})(?P<num>\d{{1,3}}(?:{_SEP}\d{{3}})+(?![\d\p{{L}}]|[,.]\d)(?:,\d+)?)"
    r"|(?P<num>\d+(?:,\d+|\.\d+(?!\.\d|\d))?(?!\d)))"
    r"(?:(?P<dash>[-–—])(?P<suffix>[а-яё]+))?"
)
_RU_ROMAN_CENTURY = regex.compile(r"\b(?P<rom>[IVXLCХІС]+)(?:[-–](?:[IVXLCХІС]+))?\s+(?:век[а-яё]*|вв?\.)")
_RU_ROMAN = regex.compile(r"(?<![\p{L}\d-])[IVXLC]+(?![\p{L}\d]|-\p{L})")
_CYRILLIC_ROMAN = str.maketrans("ХІС", "XIC")  # "ХХ век" is often typed with Cyrillic letters
_RU_YEAR_MARK = regex.compile(rf"^{_SEP}?(?:гг?\.|годах|годов|год[аеуы]?\b|годом\b)")
_RU_TIME = regex.compile(r"(?<![\d:.,])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])")
_ORDINAL_SUFFIX = regex.compile(r"(?:й|я|е|го|му|м|ым|ом|ой|ую|ых|ого|ому)")
_CASE_SUFFIX = regex.compile(r"(?:х|ех|ух|ти|ми|и)")
_DECADE_SUFFIX = regex.compile(r"(?:х|е|ых|ые|ым|ыми)")

def _scaled(value: Decimal, scale: int) -> Decimal:
    """``value`` times ``scale``, without a trailing ``.0`` when the result is whole."""
    result = value * scale
    return Decimal(int(result)) if result == result.to_integral_value() else result


def _ru_decimal(text: str) -> Decimal:
    return Decimal("".join(ch for ch in text if ch not in SPACES).replace(",", "."))


def _ru_scale(rest: str) -> tuple[int, int]:
    m = regex.match(rf"{_SEP}?(?:{_RU_SCALE.pattern})", rest, regex.IGNORECASE)
    if not m:
        return 1, 0
    word = m.group().strip(SPACES).lower()
    return next(v for stem, v in _RU_SCALE_VALUE if word.startswith(stem)), m.end()


def _unit_at(rest: str, pattern: regex.Pattern[str], hyphen: bool) -> tuple[str | None, int]:
    lead = regex.match(rf"{_SEP}?-?" if hyphen else rf"{_SEP}?", rest)
    offset = lead.end() if lead else 0
    m = pattern.match(rest, offset)
    if not m or m.lastgroup is None:
        return None, 0
    return UNIT_NAMES[int(m.lastgroup[1:])], m.end()


def _months(line: str, pattern: regex.Pattern[str], english: bool) -> list[tuple[int, int, int]]:
    found = []
    for m in pattern.finditer(line):
        if english:
            month = EN_MONTH_NUMBERS.get(m.group().rstrip("."))
            if month is None or (m.group() == "May" and not _looks_like_date_may(line, m)):
                continue
        else:
            month = next(int(name[1:]) for name, value in m.groupdict().items() if value)
        found.append((m.start(), m.end(), month))
    return found


def _looks_like_date_may(line: str, m: regex.Match[str]) -> bool:
    return bool(regex.match(r"\s+\d", line[m.end():]) or regex.search(r"\d\s+(?:of\s+)?$", line[: m.start()]))


def _month_near(months: list[tuple[int, int, int]], start: int, end: int, line: str) -> int | None:
    """The month of a name directly after (``16 марта``) or before (``March 16``, ``марте 2022``) a number."""
    for m_start, m_end, month in months:
        between = line[end:m_start] if m_start >= end else line[m_end:start]
        if m_start >= end and regex.fullmatch(r"(?:[-–]?(?:го|е|ого))?\s*(?:of\s+)?", between):
            return month
        if m_end <= start and regex.fullmatch(r"\.?,?\s+(?:the\s+)?", between):
            return month
    return None


_LIST_NUMBER = regex.compile(r"^\s*\d{1,2}[.)](?=\s)")
_ROUND_THE_CLOCK = regex.compile(r"(?<![\d/])24/7(?![\d/])")
_NUMERIC_DATE = regex.compile(r"(?<![\d.,/])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{4}|\d{2})(?!\d|[.,]\d)")
# A day and month without the year, closed by a point ("в понеділок 25.04."): a date, or an amount at the
# end of a sentence ("25.04."), read both ways.
_NUMERIC_DAY_MONTH = regex.compile(r"(?<![\d.,/])(?P<d>[0-3]?\d)\.(?P<m>[01]\d)\.(?!\d)")
_FRACTION = regex.compile(r"(?<![\d/.,])(?P<a>\d{1,2})/(?P<b>\d{1,3})(?![\d/])(?P<stage>\s*(?:финал|final))?",
                          regex.IGNORECASE)
# "21.55", "10-00": a clock time written with a point or a dash (the dash only for whole hours or after "в", "с").
_POINT_TIME = regex.compile(r"(?<![\d.,:/-])(?P<h>[01]?\d|2[0-4])(?P<sep>[.-])(?P<m>[0-5]\d)(?![\d]|[.,]\d)")
_TIME_PREPOSITION = regex.compile(r"(?:^|\s)(?i:в|с|до|к|по|около|после|at|from|until|till|by)\s+$")
_AMOUNT_AFTER = regex.compile(
    r"\s?(?:%|[а-яё]*процент|тыс|тис|млн|млрд|трлн|per ?cent|thousand|million|billion|mln|bn)", regex.IGNORECASE
)


def _shared_forms(line: str) -> tuple[list[Number], list[tuple[int, int]]]:
    """Forms written alike in both languages, read before the digits: list numbers (skipped), ``24/7``
    (skipped), ``14.02.2021`` and ``25.04.`` dates, ``1/4`` fractions and ``21.55`` / ``10-00`` clock times."""
    numbers: list[Number] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_LIST_NUMBER, _ROUND_THE_CLOCK):
        taken.extend(m.span() for m in pattern.finditer(line))
    for m in _NUMERIC_DATE.finditer(line):
        day, month, year = int(m["d"]), int(m["m"]), int(m["y"])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        full_year = year if year >= 100 else year + (2000 if year <= 50 else 1900)
        numbers.append(Number(m.start("d"), m.end("m"), line[m.start("d"):m.end("m")], Decimal(day), "day",
                              month=month))
        numbers.append(Number(m.start("y"), m.end("y"), m["y"], Decimal(full_year), "year",
                              also=frozenset({("n", Decimal(year))})))
        taken.append(m.span())
    for m in _NUMERIC_DAY_MONTH.finditer(line):
        day, month = int(m["d"]), int(m["m"])
        if not (1 <= day <= 31 and 1 <= month <= 12) or _overlaps(m.start(), m.end(), taken):
            continue
        numbers.append(Number(m.start("d"), m.end("m"), line[m.start("d"):m.end("m")], Decimal(day), "day",
                              month=month, also=frozenset({("n", Decimal(f"{day}.{m['m']}"))})))
        taken.append((m.start("d"), m.end("m")))
    for m in _FRACTION.finditer(line):
        if _overlaps(m.start(), m.end(), taken):
            continue
        a, b = int(m["a"]), int(m["b"])
        if b < 2:
            continue
        also = {("n", Decimal(b)), ("n", Decimal(2 * b))} if a == 1 and m["stage"] else set()
        numbers.append(Number(m.start(), m.end("b"), line[m.start():m.end("b")], Decimal(a) / Decimal(b),
                              also=frozenset(also), soft=True))
        taken.append((m.start(), m.end("b")))
    for m in _POINT_TIME.finditer(line):
        rest = line[m.end():]
        unit = _unit_at(rest, RU_UNIT_PATTERN, False)[0] or _unit_at(rest, EN_UNIT_PATTERN, False)[0]
        if _overlaps(m.start(), m.end(), taken) or _AMOUNT_AFTER.match(line, m.end()) \
                or unit not in (None, "hour") or regex.match(r"\s*[ap]\.?m\b", rest, regex.IGNORECASE):
            continue  # "2.50 кг", "4.25 m", "1.50 million" are amounts; "9.30 pm" is read as a time later
        minutes = Decimal(int(m["h"]) * 60 + int(m["m"]))
        if m["sep"] == "-":
            if m["m"] != "00" and not _TIME_PREPOSITION.search(line[: m.start()]):
                continue
            numbers.append(Number(m.start(), m.end(), m.group(), minutes, "time"))
        else:
            written = Decimal(f"{m['h']}.{m['m']}")
            numbers.append(Number(m.start(), m.end(), m.group(), written, also=frozenset(
                {("time", minutes), ("time", (minutes + 720) % 1440)})))
        taken.append(m.span())
    return numbers, taken


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in taken)


def parse_russian(line: str) -> list[Number]:
    """Every number of a Russian line, in order (see the module docstring for the formats)."""
    months = _months(line, RU_MONTH_PATTERN, english=False)
    numbers, taken = _shared_forms(line)
    for m in _RU_TIME.finditer(line):
        if _overlaps(m.start(), m.end(), taken):
            continue
        numbers.append(Number(m.start(), m.end(), m.group(), Decimal(int(m["h"]) * 60 + int(m["m"])), "time"))
        taken.append((m.start(), m.end()))
    for m in _RU_ROMAN_CENTURY.finditer(line):
        value = roman_value(m["rom"].translate(_CYRILLIC_ROMAN))
        if value is not None:
            numbers.append(Number(m.start(), m.end(), m.group(), Decimal(value), "century"))
            taken.append((m.start(), m.end()))
    for m in _RU_ROMAN.finditer(line):  # "IV квартал", "XXV съезд": a counterpart of "4th", "25th"
        value = roman_value(m.group())
        if value is not None and not _overlaps(m.start(), m.end(), taken):
            numbers.append(Number(m.start(), m.end(), m.group(), Decimal(value), "ordinal", soft=True))
            taken.append(m.span())
    for m in _RU_NUMBER.finditer(line):
        if _overlaps(m.start(), m.end("num"), taken) or _is_exponent(line, m.start(), m.end("num")) \
                or len(m["num"]) > MAX_DIGITS:
            continue
        text = m["num"]
        value = _ru_decimal(text)
        grouped = any(ch in SPACES for ch in text)
        alternatives: tuple[Decimal, ...] = ()
        if not grouped and regex.fullmatch(r"\d{1,3},\d{3}", text):
            alternatives = (Decimal(text.replace(",", "")),)
        end = m.end("num")
        kind = "cardinal"
        suffix = m["suffix"] or ""
        if suffix and _DECADE_SUFFIX.fullmatch(suffix) and value % 10 == 0 and value >= 10 \
                and value == int(value) and "," not in text:
            kind, end = "decade", m.end()
        elif suffix and _ORDINAL_SUFFIX.fullmatch(suffix):
            kind, end = "ordinal", m.end()
        elif suffix and _CASE_SUFFIX.fullmatch(suffix):
            end = m.end()
        rest = line[end:]
        year = _RU_YEAR_MARK.match(rest)
        if year and regex.fullmatch(r"\d{3,4}", text):
            kind = "year" if kind != "decade" else kind
            end += year.end()
            rest = line[end:]
        scale, scale_len = (1, 0) if kind != "cardinal" else _ru_scale(rest)
        end += scale_len
        unit, unit_len = _unit_at(line[end:], RU_UNIT_PATTERN, hyphen=True)
        four_digits = bool(regex.fullmatch(r"\d{4}", text)) and 1000 <= value <= 2100
        if kind in ("year", "decade") or (unit == "g" and kind == "cardinal" and four_digits):
            unit, unit_len = (None, 0) if kind in ("year", "decade") else ("year", unit_len)
            kind = "year" if unit == "year" else kind
            unit = None if kind == "year" else unit
        end += unit_len
        month = _month_near(months, m.start(), m.end("num"), line)
        if month is not None and kind in ("cardinal", "ordinal") and value <= 31 and value == int(value):
            kind = "day"
        elif month is not None and kind == "cardinal" and regex.fullmatch(r"\d{4}", text):
            kind = "year"
        quantity = kind == "cardinal" and scale == 1 and unit is None and _counted_word_follows(
            line[end:]) and not _code_like(line, m.start())
        quantity = quantity or (kind == "cardinal" and unit is not None and not _code_like(line, m.start()))
        numbers.append(Number(m.start(), end, line[m.start():end], _scaled(value, scale), kind, unit, scale, value,
                              month, grouped, quantity=quantity, alternatives=alternatives,
                              soft=_stray(line, m.start(), m.end("num"))))
        taken.append((m.start(), end))
    for word in russian_words(line):
        if _overlaps(word.start, word.end, taken):
            continue
        power = word.value in (1000, 10**6, 10**9, 10**12) and not word.idiom
        scale, scale_len = _ru_scale(line[word.end:]) if not power else (1, 0)
        end = word.end + scale_len
        kind = "ordinal" if word.ordinal else "cardinal"
        unit, unit_len = (word.unit, 0) if word.unit or word.ordinal else _unit_at(line[end:], RU_UNIT_PATTERN, False)
        end += unit_len
        numbers.append(Number(word.start, end, line[word.start:end], _scaled(word.value, scale), kind, unit,
                              scale, word.value, grouped=True, word=True, soft=word.idiom))
        taken.append((word.start, end))
    return _scaled_ranges(sorted(numbers, key=lambda n: n.start), line)


_RANGE_BETWEEN = regex.compile(r"\s*[-–—]\s*|\s+(?:до|или|to|or|and|и)\s+")


def _scaled_ranges(numbers: list[Number], line: str) -> list[Number]:
    """The first number of a scaled range also reads with the scale: ``5-7 тыс.`` may be "5,000-7,000"."""
    out = list(numbers)
    for i, (first, second) in enumerate(pairwise(numbers)):
        if first.scale == 1 and second.scale > 1 and first.kind == "cardinal" and not first.word \
                and _RANGE_BETWEEN.fullmatch(line, first.end, second.start):
            out[i] = replace(first, also=first.also | {("n", _scaled(first.value, second.scale))})
    return out


_FUNCTION_WORDS = frozenset(
    ("и", "или", "а", "в", "во", "на", "по", "с", "со", "к", "ко", "о", "об", "от", "до", "из", "за", "для",
     "при", "у", "без", "не", "же", "ли"))
_CODE_BEFORE = regex.compile(r"(?:\p{L}-?|[/#№]\s?|\b[A-Z]{2,}\s|\b\d+[A-Za-z]+\s|(?i:артикул)\S*\s*)$")


_STRAY_TOKEN = regex.compile(r"\S*(?:://|@|www\.)\S*|#\S+")


def _stray(line: str, start: int, end: int) -> bool:
    """Digits stray in a line: glued to a word (``В13``, ``5G``), a footnote (``[1]``), in a link or handle."""
    before, after = line[start - 1:start], line[end:end + 1]
    if before.isalpha() or (regex.match(r"[A-Za-z]", after) and not regex.match(
            r"[A-Za-z]{2}", line[end:end + 2]) and after not in "xX"):
        return True
    if before == "[" and after == "]":
        return True
    if not any(mark in line for mark in ("://", "@", "www.", "#")):
        return False
    return any(s <= start < e for s, e in (t.span() for t in _STRAY_TOKEN.finditer(line)))


def _is_exponent(line: str, start: int, end: int) -> bool:
    """The ``2`` of ``m2`` or ``см3``: a power of a length unit, not a number."""
    return line[start:end] in ("2", "3") and bool(regex.search(r"(?<![\p{L}])[кcсmмdд]?[mм]$", line[:start]))


def _code_like(line: str, start: int) -> bool:
    """Digits of a model or item code (``FC-160``, ``S1000``, ``3M 6000``, ``TFK 18``, ``артикул: 12008``)."""
    return bool(_CODE_BEFORE.search(line[max(0, start - 16):start]))


def _counted_word_follows(rest: str) -> bool:
    """Whether a counted noun follows (``3600 евро``), not a conjunction or preposition (``6000 и``)."""
    m = regex.match(rf"{_SEP}([а-яё]+)", rest, regex.IGNORECASE)
    return bool(m) and m[1].lower() not in _FUNCTION_WORDS


_EN_NUMBER = regex.compile(
    r"(?<![\d.,])(?P<apos>['’])?(?P<num>"
    rf"(?<![\p{{L}}+]|\d{_SEP})(?:\d{{2,3}}(?:{_SEP}\d{{3}})+|\d(?:{_SEP}\d{{3}}){{2,}}|\d{_SEP}000"
    r"|\d[\u00a0\u2009\u202f]\d{3})(?![\d\p{L}]|[,.]\d)"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d{1,3},\d{1,2}(?![\d,])|\d+(?:\.\d+)?(?!\d))"
    r"(?P<suffix>st|nd|rd|th|['’]?s)?"
)
# A decimal comma copied from the source ("27,9 kg"): one or two digits after the comma, never thousands.
_EN_DECIMAL_COMMA = regex.compile(r"\d{1,3},\d{1,2}")
# Thousands grouped with dots as in the source's neighbours ("75.000 people"): read either way.
_EN_DOT_THOUSANDS = regex.compile(r"\d{1,3}(?:\.\d{3})+")
_EN_TIME = regex.compile(r"(?<![\d:.,])(?P<h>[01]?\d|2[0-3])(?:(?::|\.(?=\d\d\s*[ap]\.?m\b))(?P<m>[0-5]\d))?(?![\d:])"
                         r"(?:\s*(?P<ap>[ap])\.?m\b\.?)?", regex.IGNORECASE)
_EN_ROMAN_CENTURY = regex.compile(r"\b(?P<rom>[IVXLC]+)(?:st|nd|rd|th)?\s+(?:century|centuries)\b")
_EN_SCALE_AFTER = regex.compile(rf"[\s-]?{EN_SCALE_PATTERN}", regex.IGNORECASE)
_EN_GLUED_AFTER = regex.compile(r"(?:k|m|mn|bn|b|tn)\b")
_EN_NOON = regex.compile(r"\b(?i:noon|midday|midnight)\b")
_EN_YEAR_WORD = regex.compile(r"^(?:\s+(?:year|AD|BC)\b)")

def parse_english(line: str) -> list[Number]:
    """Every number of an English line, in order (see the module docstring for the formats)."""
    months = _months(line, EN_MONTH_PATTERN, english=True)
    numbers, taken = _shared_forms(line)
    for m in _EN_ROMAN_CENTURY.finditer(line):
        value = roman_value(m["rom"])
        if value is not None:
            numbers.append(Number(m.start(), m.end(), m.group(), Decimal(value), "century"))
            taken.append((m.start(), m.end()))
    for m in _EN_NOON.finditer(line):  # a counterpart of "12:00", "00:00"
        numbers.append(Number(m.start(), m.end(), m.group(), Decimal(0 if "night" in m.group().lower() else 720),
                              "time", soft=True))
        taken.append(m.span())
    for m in _EN_TIME.finditer(line):
        if (m["m"] is None and m["ap"] is None) or _overlaps(m.start(), m.end(), taken):
            continue
        hour = int(m["h"]) % 12 + (12 if (m["ap"] or "").lower() == "p" else 0) if m["ap"] else int(m["h"])
        numbers.append(Number(m.start(), m.end(), m.group(), Decimal(hour * 60 + int(m["m"] or 0)), "time"))
        taken.append((m.start(), m.end()))
    for m in _EN_NUMBER.finditer(line):
        if _overlaps(m.start("num"), m.end("num"), taken) or _is_exponent(line, m.start("num"), m.end("num")) \
                or len(m["num"]) > MAX_DIGITS:
            continue
        text = m["num"]
        decimal_comma = _EN_DECIMAL_COMMA.fullmatch(text) is not None
        value = Decimal(text.replace(",", ".")) if decimal_comma else Decimal(regex.sub(f"[,{SPACES}]", "", text))
        alternatives = (Decimal(text.replace(".", "")),) if _EN_DOT_THOUSANDS.fullmatch(text) else ()
        suffix = (m["suffix"] or "").lstrip("'’")
        end = m.end()
        kind = "cardinal"
        if suffix == "s" and value % 10 == 0:
            kind = "decade"
        elif suffix in ("st", "nd", "rd", "th"):
            kind = "ordinal"
        elif suffix == "s":
            end = m.end("num")
        start = m.start() if kind == "decade" else m.start("num")
        scale = 1
        unit: str | None = None
        also: frozenset[tuple[str, Decimal]] = frozenset()
        if kind == "cardinal":
            sm = _EN_SCALE_AFTER.match(line, end)
            glued = _EN_GLUED_AFTER.match(line, end)
            if sm:
                scale = EN_SCALE_VALUES[sm.group().strip(" -.").lower()]
                end = sm.end()
            elif glued and line[start - 1:start] in "$€£":
                scale = EN_GLUED_SCALE[glued.group().lower()]
                end = glued.end()
            elif glued and glued.group().lower() in ("k", "m"):
                also = frozenset({("n", value * EN_GLUED_SCALE[glued.group().lower()])})
            unit, unit_len = _unit_at(line[end:], EN_UNIT_PATTERN, hyphen=True)
            end += unit_len
        if kind == "cardinal" and regex.fullmatch(r"\d{4}", text) and (
                _EN_YEAR_WORD.match(line[end:]) or 1900 <= value <= 2100):
            kind = "year"
        month = _month_near(months, m.start("num"), m.end("num"), line)
        if month is not None and kind in ("cardinal", "ordinal") and value <= 31 and value == int(value):
            kind = "day"
        if kind == "century" or regex.match(r"\s+centur", line[end:]):
            kind = "century"
        numbers.append(Number(start, end, line[start:end], _scaled(value, scale), kind, unit, scale, value, month,
                              "," in text and not decimal_comma, also=also,
                              alternatives=tuple(_scaled(a, scale) for a in alternatives)))
        taken.append((start, end))
    for word in english_words(line):
        if _overlaps(word.start, word.end, taken):
            continue
        kind = "ordinal" if word.ordinal else "decade" if word.text.lower().endswith("ies") else "cardinal"
        numbers.append(Number(word.start, word.end, word.text, word.value, kind, scale=1, mantissa=word.value,
                              word=True, soft=word.idiom))
        taken.append((word.start, word.end))
    return _scaled_ranges(sorted(numbers, key=lambda n: n.start), line)
