"""Numbers written in words, in Russian and in English, read by number-parser with pymorphy3's lemmas.

number-parser knows the cardinal words of both languages and reads a run of them as one value, Russian
inflections included (``четырех тысяч`` is 4000, ``сорока пяти`` 45, ``Forty-six`` 46); pymorphy3 tells
a numeral from a look-alike (``семью`` is "family", not "seven") and gives the lemma of the idioms
number-parser lacks: ``сутки`` (24 hours), ``полтора`` (1.5), a bare ``год`` / ``месяц`` / ``час``
(one of the unit: ``до года`` is "up to 1 year"), collective numerals (``двое``, ``пятеро``) and the
ordinals ``первый`` to ``десятый``. pymorphy3's dictionaries load on the first Russian word that looks
like a number, so a run without a source never pays for them. A Ukrainian source (the uk-en systems')
is read with number-parser's Ukrainian words where they differ from the Russian ones (``тридцять два``,
``шість``, ``мільярди``, ``пʼять``) and a few idioms in their inflected forms (``добу`` is 24 hours).

>>> [(w.text, w.value) for w in russian_words("около четырех тысяч человек за сорок пять суток")]
[('четырех тысяч', Decimal('4000')), ('сорок пять', Decimal('45')), ('суток', Decimal('24'))]
>>> [(w.text, w.value, w.ordinal) for w in english_words("Forty-six people, the twenty-first of them")]
[('Forty-six', Decimal('46'), False), ('twenty-first', Decimal('21'), True)]
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex
from number_parser import parse_number as _np_parse_number
from number_parser import parse_ordinal as _np_parse_ordinal
from number_parser.data.en import info as _EN_INFO
from number_parser.data.ru import info as _RU_INFO
from number_parser.data.uk import info as _UK_INFO

_VOCABULARY_KEYS = ("UNIT_NUMBERS", "DIRECT_NUMBERS", "TENS", "HUNDREDS", "BIG_POWERS_OF_TEN")
RU_VOCABULARY: frozenset[str] = frozenset(w for key in _VOCABULARY_KEYS for w in _RU_INFO[key])
EN_VOCABULARY: frozenset[str] = frozenset(w for key in _VOCABULARY_KEYS for w in _EN_INFO[key])
# The Ukrainian cardinals spelled unlike any Russian one ("тридцять", "шість", "мільйон"): a Ukrainian
# source writes its numbers with them (and with the words both languages share: "два", "сто").
UK_VOCABULARY: frozenset[str] = frozenset(
    w.replace("'", "ʼ") for key in _VOCABULARY_KEYS for w in _UK_INFO[key]) - RU_VOCABULARY
_UK_POWERS_PLURAL = ("тисяч", "мільйонів", "мільярдів", "трильйонів")
_UK_POWERS_SINGULAR = ("тисяча", "тисячу", "мільйон", "мільярд", "трильйон")
_EN_ORDINAL_ENDINGS = ("first", "second", "third", "th")

# What number-parser does not read: (value, unit the word carries or None).
RU_IDIOMS: dict[str, tuple[Decimal, str | None]] = {
    "сутки": (Decimal(24), "hour"), "полтора": (Decimal("1.5"), None), "полгода": (Decimal(6), "month"),
    "полчаса": (Decimal(30), "minute"), "год": (Decimal(1), "year"), "месяц": (Decimal(1), "month"),
    "неделя": (Decimal(1), "week"), "час": (Decimal(1), "hour"), "десяток": (Decimal(10), None),
    "дюжина": (Decimal(12), None), "сотня": (Decimal(100), None), "оба": (Decimal(2), None),
    "двое": (Decimal(2), None), "трое": (Decimal(3), None), "четверо": (Decimal(4), None),
    "пятеро": (Decimal(5), None), "шестеро": (Decimal(6), None), "семеро": (Decimal(7), None),
    "восьмеро": (Decimal(8), None), "девятеро": (Decimal(9), None), "десятеро": (Decimal(10), None),
    "пара": (Decimal(2), None), "тройка": (Decimal(3), None), "пятерка": (Decimal(5), None),
    "семерка": (Decimal(7), None), "восьмерка": (Decimal(8), None), "десятка": (Decimal(10), None),
    "двадцатка": (Decimal(20), None), "круглосуточно": (Decimal(24), "hour"),
    "круглосуточный": (Decimal(24), "hour"),
}
# The same idioms in a Ukrainian source, in the forms they take (no Ukrainian morphology is loaded).
UK_IDIOMS: dict[str, tuple[Decimal, str | None]] = {
    **{form: (Decimal(24), "hour") for form in ("доба", "добу", "доби", "добі", "добою", "цілодобово", "цілодобовий")},
    **{form: (Decimal("1.5"), None) for form in ("півтора", "півтори")},
}
RU_ORDINALS: dict[str, int] = {
    "первый": 1, "второй": 2, "третий": 3, "четвертый": 4, "пятый": 5, "шестой": 6, "седьмой": 7,
    "восьмой": 8, "девятый": 9, "десятый": 10,
}
# English idioms number-parser does not read; a decade word stands for its tens.
EN_IDIOMS: dict[str, Decimal] = {
    "dozen": Decimal(12), "dozens": Decimal(12), "both": Decimal(2), "twice": Decimal(2), "half": Decimal("0.5"),
    "quarter": Decimal(4), "thirds": Decimal(3), "double": Decimal(2), "triple": Decimal(3), "once": Decimal(1),
    "single": Decimal(1), "pair": Decimal(2), "couple": Decimal(2), "twenties": Decimal(20),
    "thirties": Decimal(30), "forties": Decimal(40), "fifties": Decimal(50), "sixties": Decimal(60),
    "seventies": Decimal(70), "eighties": Decimal(80), "nineties": Decimal(90),
    **{f"{stage}{dash}final{s}": value for stage, value in (("quarter", Decimal(4)), ("semi", Decimal(2)))
       for dash in ("", "-") for s in ("", "s")},
}
_BARE_UNITS = frozenset(("год", "месяц", "неделя", "час"))
_COUNTED_IDIOMS = _BARE_UNITS | {"десяток", "десятка", "дюжина", "сотня", "пара"}
_RU_POWERS = frozenset(_RU_INFO["BIG_POWERS_OF_TEN"]) | (frozenset(_UK_INFO["BIG_POWERS_OF_TEN"]) & UK_VOCABULARY)
# The genitive forms that begin a compound adjective (двух-, трех-, пяти-, сорока-), from number-parser's words.
_RU_COMBINING = frozenset(w for key in ("UNIT_NUMBERS", "DIRECT_NUMBERS", "TENS") for w in _RU_INFO[key]
                          if w.endswith(("х", "и")) or w == "сорока") - {"три", "одни"}


# Which words are worth asking pymorphy3 about: numerals, compounds' heads, the stems of idioms and ordinals.
_RU_COMPOUND_HEADS = frozenset(w[:4] for w in _RU_COMBINING)
_RU_STEMS = tuple(sorted({w[:-2] if len(w) > 4 else w[:3] for w in (*RU_IDIOMS, *RU_ORDINALS)}
                         | {"полутор", "обо", "обе", "сотен", "пар"}))


def _worth_parsing(plain: str) -> bool:
    return plain in RU_VOCABULARY or plain[:4] in _RU_COMPOUND_HEADS or plain.startswith(_RU_STEMS)


@dataclass(frozen=True)
class WordNumber:
    """A number written in words: span, value, and what kind of word it is.

    ``ordinal`` marks ``twenty-first`` / ``третьего``; ``unit`` is the unit an idiom carries (``суток``
    is 24 hours); ``idiom`` marks a word number-parser does not read (``both``, ``года``, ``двое``).
    """

    start: int
    end: int
    text: str
    value: Decimal
    ordinal: bool = False
    unit: str | None = None
    idiom: bool = False


@lru_cache(maxsize=65536)
def parse_number(text: str, language: str) -> int | None:
    """number-parser's value of a run of number words (it rebuilds its tables on each call: cached)."""
    return _np_parse_number(text, language=language)


@lru_cache(maxsize=4096)
def parse_ordinal(text: str, language: str) -> int | None:
    """number-parser's value of an ordinal (``twenty-first``), cached."""
    return _np_parse_ordinal(text, language=language)


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _plain(word: str) -> str:
    """The word lower-cased, "ё" as "е", a Ukrainian apostrophe as number-parser writes it ("пʼять")."""
    return word.lower().replace("ё", "е").replace("'", "ʼ").replace("’", "ʼ")


@lru_cache(maxsize=256)
def _grammatical_number(word: str) -> str:
    """``sing`` (``тысячу``, ``миллиона``), ``plur`` (``тысяч``, ``миллионов``) or ``both`` (``тысячи``)."""
    plain = _plain(word)
    if plain in UK_VOCABULARY:  # Ukrainian: no morphology loaded, read by the ending
        return "plur" if plain in _UK_POWERS_PLURAL else "sing" if plain in _UK_POWERS_SINGULAR else "both"
    numbers = {"sing" if "sing" in p.tag else "plur" for p in _morph().parse(word.lower())}
    return numbers.pop() if len(numbers) == 1 else "both"


@lru_cache(maxsize=65536)
def _ru_token(word: str) -> tuple[str, Decimal, str | None] | None:
    """How one Russian word reads: (kind, value, unit) or ``None``.

    Kinds: ``cardinal``, ``ambiguous`` (a numeral only inside a run: ``семью``), ``ordinal``, ``idiom``,
    ``unit`` (``года``), ``multiplier`` (``десятков``), ``compound`` (``двухфакторной``).
    """
    plain = _plain(word)
    if plain in UK_VOCABULARY:
        value = parse_number(plain, language="uk")
        return ("cardinal", Decimal(value), None) if value is not None else None
    if plain in UK_IDIOMS:
        return "idiom", *UK_IDIOMS[plain]
    if not _worth_parsing(plain):
        return None
    parses = _morph().parse(word.lower())
    top = parses[0]
    lemma = _plain(top.normal_form)
    if plain in RU_VOCABULARY:
        # A numeral unless the likeliest reading is another word (``семью`` is "family").
        value = parse_number(plain, language="ru")
        if value is None:
            return None
        return ("cardinal" if lemma in RU_VOCABULARY or lemma in RU_IDIOMS else "ambiguous"), Decimal(value), None
    if lemma in RU_IDIOMS:
        value, unit = RU_IDIOMS[lemma]
        if lemma in _COUNTED_IDIOMS and "sing" not in top.tag:
            # "сотен", "десятков": a multiplier after a number ("шесть десятков"), else no count
            return ("multiplier", value, None) if lemma not in _BARE_UNITS else None
        return ("unit" if lemma in _BARE_UNITS else "idiom"), value, unit
    # "второе" reads first as a noun ("the main course"), then as the ordinal: any ordinal reading counts
    ordinal = next((RU_ORDINALS[_plain(p.normal_form)] for p in parses
                    if "Anum" in p.tag and _plain(p.normal_form) in RU_ORDINALS), None)
    if ordinal is not None:
        return "ordinal", Decimal(ordinal), None
    return _compound(plain)


def _compound(plain: str) -> tuple[str, Decimal, str | None] | None:
    """The number of a compound adjective (``двухфакторной``, ``трехкомнатная``, ``пятиэтажный``)."""
    for size in range(min(len(plain) - 3, 14), 3, -1):
        head, rest = plain[:size], plain[size:]
        if head in _RU_COMBINING and _morph().word_is_known(rest) and "ADJF" in _morph().parse(rest)[0].tag:
            value = parse_number(head, language="ru")
            return ("compound", Decimal(value), None) if value is not None else None
    return None


_COUNTED_BEFORE = regex.compile(r"\d[\s\u00a0]*(?:(?:тыс|млн|млрд)\.?[\s\u00a0]*)?$", regex.IGNORECASE)
_SPACES = regex.compile(r"\s+")
_RU_AND_A_HALF = regex.compile(r"\s+с\s+половиной\b", regex.IGNORECASE)
_RU_WORD = regex.compile(r"(?<![\p{L}\d])[а-яёіїєґ]+(?:['ʼ’][а-яёіїєґ]+)*(?![\p{L}\d])", regex.IGNORECASE)


def russian_words(line: str) -> list[WordNumber]:
    """The numbers a Russian line writes in words, a run of cardinal words read as one value."""
    found: list[WordNumber] = []
    run: list[regex.Match[str]] = []

    def close() -> None:
        lone_power = len(run) == 1 and _plain(run[0].group()) in _RU_POWERS
        number = _grammatical_number(run[0].group()) if lone_power else "sing"
        if number == "plur":
            run.clear()  # "тысяч людей", "миллионов": thousands, millions, no count
        elif number == "both":  # "более тысячи" is a thousand, "тысячи людей" thousands: a counterpart only
            m = run.pop()
            found.append(WordNumber(m.start(), m.end(), m.group(), _ru_token(m.group())[1], idiom=True))
        if len(run) == 1 and _ru_token(run[0].group())[0] == "ambiguous":
            run.clear()  # "семью" alone is "family"; in "двадцатью семью", "семью тысячами" it is seven
        if run:
            words = [_plain(m.group()) for m in run]
            language = "uk" if any(w in UK_VOCABULARY for w in words) else "ru"
            value = parse_number(" ".join(words), language=language)
            if value is not None:
                half = _RU_AND_A_HALF.match(line, run[-1].end())  # "трем с половиной": 3.5
                end = half.end() if half else run[-1].end()
                found.append(WordNumber(run[0].start(), end, line[run[0].start():end],
                                        Decimal(value) + (Decimal("0.5") if half else 0)))
            else:
                found.extend(WordNumber(m.start(), m.end(), m.group(), token[1]) for m in run
                             if (token := _ru_token(m.group()))[0] == "cardinal")
            run.clear()

    for m in _RU_WORD.finditer(line):
        token = _ru_token(m.group())
        if token is None:
            close()
            continue
        kind, value, unit = token
        if kind in ("cardinal", "ambiguous"):
            if run and not _SPACES.fullmatch(line, run[-1].end(), m.start()):
                close()
            run.append(m)
            continue
        close()
        after_word = bool(found) and not line[found[-1].end:m.start()].strip()
        if kind == "multiplier":
            if after_word and not found[-1].idiom:  # "шесть десятков" is 60
                last = found.pop()
                found.append(WordNumber(last.start, m.end(), line[last.start:m.end()], last.value * value))
            continue
        if kind == "unit" and (after_word or _COUNTED_BEFORE.search(line[: m.start()])):
            continue  # "четыре часа", "5 лет": the unit of a number, not one of it
        found.append(WordNumber(m.start(), m.end(), m.group(), value, kind == "ordinal", unit,
                                kind in ("unit", "idiom")))
    close()
    return found


@lru_cache(maxsize=65536)
def _en_token(word: str) -> tuple[str, Decimal] | None:
    """How one English word reads (``forty-six``, ``hundred``, ``first``, ``dozen``), or ``None``."""
    lower = word.lower()
    parts = lower.split("-")
    if all(p in EN_VOCABULARY for p in parts):
        value = parse_number(lower.replace("-", " "), language="en")
        return ("cardinal", Decimal(value)) if value is not None else None
    if all(p in EN_VOCABULARY for p in parts[:-1]) and parts[-1].endswith(_EN_ORDINAL_ENDINGS):
        value = parse_ordinal(lower.replace("-", " "), language="en")
        return ("ordinal", Decimal(value)) if value is not None else None
    if lower in EN_IDIOMS:
        return "idiom", EN_IDIOMS[lower]
    return None


# Words that may be numbers: those starting like one (``seventh``, ``tenant``: _en_token decides), "a", "and".
_EN_STARTS = sorted({*EN_VOCABULARY, *(w.split("-")[0] for w in EN_IDIOMS), "first", "second", "third", "fifth",
                     "eighth", "ninth", "twelfth", "a", "and"}, key=len, reverse=True)
_EN_WORD = regex.compile(r"(?<![\p{L}\d])(?i:" + "|".join(_EN_STARTS) + r")[A-Za-z]*(?:-[A-Za-z]+)?(?![\p{L}\d])")
_EN_JOIN = regex.compile(r"\s+")
_EN_JOIN_AFTER_POWER = regex.compile(r"\s+(?:and\s+)?")  # "hundred and five"
_EN_POWERS = frozenset(("hundred", "thousand", "million", "billion", "trillion"))
_AND_A_HALF = regex.compile(r"\s+and\s+a\s+half\b", regex.IGNORECASE)
_POWER_AFTER = regex.compile(r"\s+(?:hundred|thousand|million|billion|trillion)\b", regex.IGNORECASE)


def english_words(line: str) -> list[WordNumber]:
    """The numbers an English line writes in words (``one hundred and five``, ``a million``, ``third``)."""
    found: list[WordNumber] = []
    run: list[regex.Match[str]] = []

    def close() -> None:
        if len(run) == 1 and run[0].group().lower() in _EN_POWERS:
            run.clear()  # "hundreds", "million" alone: no count
        if run:
            words = ["one" if m.group().lower() == "a" else m.group().lower().replace("-", " ") for m in run]
            value = parse_number(" ".join(words), language="en")
            start = run[0].start()
            if value is None:
                found.extend(WordNumber(m.start(), m.end(), m.group(), token[1])
                             for m in run if (token := _en_token(m.group())) is not None)
            else:
                half = _AND_A_HALF.match(line, run[-1].end())  # "two and a half"
                end = half.end() if half else run[-1].end()
                found.append(WordNumber(start, end, line[start:end], Decimal(value) + (Decimal("0.5") if half else 0)))
            run.clear()

    last = 0
    for m in _EN_WORD.finditer(line):
        if run and not _SPACES.fullmatch(line, last, m.start()):
            close()  # another word stands between
        last = m.end()
        if m.group().lower() == "and" and run and run[-1].group().lower() in _EN_POWERS:
            continue  # "one hundred and five"
        token = _en_token(m.group())
        head, dash, _ = m.group().partition("-")
        if token is None and dash and (head_token := _en_token(head)) is not None:
            close()  # "three-way", "two-thirds", "five-storey": the number is the first part
            found.append(WordNumber(m.start(), m.start() + len(head), head, head_token[1], head_token[0] == "ordinal",
                                    None, head_token[0] == "idiom"))
            continue
        if token is None:
            if not (m.group().lower() == "a" and _POWER_AFTER.match(line, m.end())):
                close()
                continue
            token = ("cardinal", Decimal(1))
        kind, value = token
        if kind == "cardinal":
            join = _EN_JOIN_AFTER_POWER if run and run[-1].group().lower() in _EN_POWERS else _EN_JOIN
            if run and not join.fullmatch(line[run[-1].end():m.start()]):
                close()
            run.append(m)
            continue
        close()
        if m.group().lower() == "dozen" and found and not found[-1].idiom and _SPACES.fullmatch(
                line, found[-1].end, m.start()):  # "six dozen" is 72
            counted = found.pop()
            found.append(WordNumber(counted.start, m.end(), line[counted.start:m.end()], counted.value * 12))
            continue
        found.append(WordNumber(m.start(), m.end(), m.group(), value, kind == "ordinal", None, kind == "idiom"))
    close()
    return found
