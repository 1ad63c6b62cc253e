"""Translation QA across source and target: the checks CAT-tool QA (Xbench, Verifika, CheckMate) runs.

A translation file is a list of ``Unit``s, each a source and its target with the inline codes of both
(XLIFF/TMX tags, PO format specifiers) as opaque keys. Each ``Check`` is data plus a small function
over the whole file, so checks that compare units (consistency) and checks of one unit share one
shape; every check carries its examples (files it must flag) and leave-alone files, which the tests run.
Findings carry ids ``qa.*`` and name the unit they are about; the format layer locates them in the file.

>>> [h.rule_id for h in run_checks([Unit("1", "Где он?", "Where is he.")])]
['qa.final_punct']
>>> run_checks([Unit("1", "Где он?", "Where is he?")])
[]
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import regex

from mtfix.config import ConfigError
from mtfix.protect import protected_spans
from mtfix.rules.term import GLOSSARY_TSV, glossary_rows

ATOM = "\ufffc"  # how an inline code stands in a unit's text


@dataclass(frozen=True)
class Unit:
    """One translation unit: its id, source and target texts, and their inline codes in order.

    Texts hold ``ATOM`` where an inline code stands; ``source_codes``/``target_codes`` are keys that
    identify each code (``"g#1"``, ``"/g#1"``, ``"%s"``), equal in source and target for the same code.
    ``ordered`` says that the order of codes matters: it does for tags and positional printf specifiers
    (``%s``), not for named or numbered placeholders (``%(name)s``, ``{0}``, ``%1$s``), made to be reordered.
    """

    id: str
    source: str
    target: str
    source_codes: tuple[str, ...] = ()
    target_codes: tuple[str, ...] = ()
    ordered: bool = True


@dataclass(frozen=True)
class Hit:
    """A QA finding: the check's id, the index of the unit it is about, a message and the text at fault."""

    rule_id: str
    index: int
    message: str
    text: str


CheckFunction = Callable[[Sequence[Unit]], Iterator[tuple[int, str, str]]]


@dataclass(frozen=True)
class Check:
    """One QA check: id, message, function over a file's units, and the files it must and must not flag."""

    id: str
    message: str
    function: CheckFunction
    examples: tuple[tuple[Unit, ...], ...]
    leave_alone: tuple[tuple[Unit, ...], ...]

    def run(self, units: Sequence[Unit]) -> list[Hit]:
        """Every finding of this check on ``units``."""
        return [Hit(self.id, index, f"{self.message}: {detail}", text) for index, detail, text in self.function(units)]


def _per_unit(function: Callable[[Unit], Iterable[tuple[str, str]]]) -> CheckFunction:
    """A check function over a file from a function over one unit yielding (detail, text)."""

    def over_file(units: Sequence[Unit]) -> Iterator[tuple[int, str, str]]:
        for index, unit in enumerate(units):
            for detail, text in function(unit):
                yield index, detail, text

    return over_file


def _plain(text: str) -> str:
    """The text without inline codes, its runs of white space as one space, stripped."""
    return " ".join(text.replace(ATOM, " ").split())


def _untranslated(unit: Unit) -> Iterator[tuple[str, str]]:
    if _plain(unit.source) and not _plain(unit.target):
        yield f"source {_plain(unit.source)[:60]!r} has no translation", unit.target


_WORD = regex.compile(r"\p{L}{2,}", regex.V1)


def _same_as_source(unit: Unit) -> Iterator[tuple[str, str]]:
    """A target equal to its source, when that text is Cyrillic or has 3 words: a short Latin one is a name."""
    plain = _plain(unit.target)
    if plain and plain == _plain(unit.source) and (
        regex.search(r"\p{Cyrillic}", plain) or len(_WORD.findall(plain)) >= 3
    ):
        yield "the target repeats the source", unit.target


_CYRILLIC_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{Cyrillic}+(?:[-’']\p{Cyrillic}+)*(?![\p{L}\p{N}])", regex.V1)


def _cyrillic(unit: Unit) -> Iterator[tuple[str, str]]:
    """A Cyrillic word of the source copied into the target, outside URLs and e-mail addresses."""
    source_words = {m.group().casefold() for m in _CYRILLIC_WORD.finditer(unit.source)}
    kept = protected_spans(unit.target)
    for m in _CYRILLIC_WORD.finditer(unit.target):
        if any(s <= m.start() < e for s, e in kept):
            continue
        if len(m.group()) > 1 and m.group().casefold() in source_words:
            yield f"{m.group()!r} copied from the source untranslated", m.group()


def _codes(unit: Unit) -> Iterator[tuple[str, str]]:
    missing = _minus(unit.source_codes, unit.target_codes)
    extra = _minus(unit.target_codes, unit.source_codes)
    if missing:
        yield f"missing from the target: {', '.join(missing)}", " ".join(missing)
    if extra:
        yield f"not in the source: {', '.join(extra)}", " ".join(extra)


def _minus(these: Sequence[str], those: Sequence[str]) -> list[str]:
    """The items of ``these`` left after taking out one of each item of ``those`` (a multiset difference)."""
    left = list(those)
    out = []
    for item in these:
        if item in left:
            left.remove(item)
        else:
            out.append(item)
    return out


def _code_order(unit: Unit) -> Iterator[tuple[str, str]]:
    if not unit.ordered or sorted(unit.source_codes) != sorted(unit.target_codes):
        return
    if unit.source_codes != unit.target_codes:
        yield f"{' '.join(unit.source_codes)} in the source, {' '.join(unit.target_codes)} in the target", " ".join(
            unit.target_codes)


def _nested(unit: Unit) -> Iterator[tuple[str, str]]:
    """Paired codes closed in another order than opened, or closed before they open (``</g#1>`` first)."""
    if sorted(unit.source_codes) != sorted(unit.target_codes):
        return
    open_codes: list[str] = []
    for code in unit.target_codes:
        if code.startswith("/"):
            if not open_codes or open_codes[-1] != code[1:]:
                yield f"{code} does not close the code opened last in the target", code
                return
            open_codes.pop()
        elif ("/" + code) in unit.target_codes:
            open_codes.append(code)


_URL = regex.compile(r"\b(?:https?|ftp)://[^\s<>\"“”«»]+|\bwww\.[^\s<>\"“”«»]+", regex.V1)
_EMAIL = regex.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", regex.V1)
_HASHTAG = regex.compile(r"(?<![\p{L}\p{N}_&#/])#[\p{L}_][\p{L}\p{N}_]*", regex.V1)
_TRAILING = ".,;:!?)]}'’"


def _found(pattern: regex.Pattern[str], text: str) -> list[str]:
    return [m.group().rstrip(_TRAILING) for m in pattern.finditer(text.replace(ATOM, " "))]


def _differing(pattern: regex.Pattern[str], what: str) -> Callable[[Unit], Iterator[tuple[str, str]]]:
    def differ(unit: Unit) -> Iterator[tuple[str, str]]:
        source, target = _found(pattern, unit.source), _found(pattern, unit.target)
        for item in _minus(source, target):
            yield f"{what} {item!r} of the source is not in the target", item
        for item in _minus(target, source):
            yield f"{what} {item!r} is not in the source", item

    return differ


def _hashtags(unit: Unit) -> Iterator[tuple[str, str]]:
    """Hashtags: a Latin one must come through as it is; a Cyrillic one may be translated, but not lost."""
    source, target = _found(_HASHTAG, unit.source), _found(_HASHTAG, unit.target)
    kept = [tag for tag in source if not regex.search(r"\p{Cyrillic}", tag)]
    for tag in _minus(kept, target):
        yield f"hashtag {tag!r} of the source is not in the target", tag
    if len(source) != len(target):
        yield f"{len(source)} hashtags in the source, {len(target)} in the target", " ".join(target)


_FINAL = regex.compile(r"(?P<marks>(?:[?!:…]|\.\.\.)*)(?P<closing>[\"'’”»)\]]*)\s*$", regex.V1)


def _final_marks(text: str) -> tuple[frozenset[str], bool]:
    """The set of ``?!:…`` ending the text, and whether they stand inside closing quotes or brackets."""
    m = _FINAL.search(_plain(text))
    if m is None:
        return frozenset(), False
    return frozenset(m["marks"].replace("...", "…")), bool(m["marks"] and m["closing"])


def _final_punct(unit: Unit) -> Iterator[tuple[str, str]]:
    """Ends that differ; a mark inside closing quotes on one side only is a quoted title's, left alone."""
    if not _plain(unit.target) or not _plain(unit.source):
        return
    (source, source_quoted), (target, target_quoted) = _final_marks(unit.source), _final_marks(unit.target)
    if source != target and source_quoted == target_quoted:
        ends = " and ".join(f"{''.join(sorted(m)) or 'no ?!:…'}" for m in (source, target))
        yield f"the source and the target end in {ends}", _plain(unit.target)[-10:]


_NOT_ALNUM = regex.compile(r"[^\p{L}\p{N}]+", regex.V1)


def _key(text: str) -> str:
    """What two texts must share to count as the same: letters and digits, case folded, ё as е."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold().replace("ё", "е"))


def _inconsistent(by: Callable[[Unit], str], other: Callable[[Unit], str], what: str) -> CheckFunction:
    """Units with the same ``by`` text whose ``other`` texts differ: each unit after the first is flagged."""

    def check(units: Sequence[Unit]) -> Iterator[tuple[int, str, str]]:
        first: dict[str, tuple[int, str]] = {}
        for index, unit in enumerate(units):
            key, other_key = _key(by(unit)), _key(other(unit))
            if not key or not other_key:
                continue
            seen, seen_key = first.setdefault(key, (index, other_key))
            if seen != index and seen_key != other_key:
                yield index, f"{what} unit {units[seen].id}: {_plain(other(units[seen]))[:60]!r}", other(unit)

    return check


@cache
def _glossary() -> tuple[tuple[regex.Pattern[str], regex.Pattern[str], str, str], ...]:
    """(source pattern, target pattern, source term, right term) for each glossary row with a source term.

    A source term is a stem found at the start of a word, in its case ("Госдум" finds "Госдуме"); the right
    term must be a word of the target in any case, or one with an adjective or possessive ending ("Georgian",
    "Azerbaijani", "Kars's"), but not another word ("Karsk" is not "Kars").
    """
    return tuple(
        (regex.compile(rf"(?<![\p{{L}}\p{{N}}-]){regex.escape(source)}", regex.V1),
         regex.compile(rf"(?<![\p{{L}}\p{{N}}-]){regex.escape(right)}(?:n|i|ian|['’]s)?(?![\p{{L}}\p{{N}}])",
                       regex.V1 | regex.IGNORECASE),
         source, right)
        for _, right, _, source in glossary_rows(GLOSSARY_TSV)
        if source
    )


def _glossary_terms(unit: Unit) -> Iterator[tuple[str, str]]:
    if not _plain(unit.target):
        return
    for source_pattern, target_pattern, source, right in _glossary():
        if source_pattern.search(unit.source) and not target_pattern.search(unit.target):
            yield f"the source has {source!r}, the target lacks {right!r}", right


def _u(source: str, target: str, *codes: tuple[str, ...], ordered: bool = True) -> tuple[Unit, ...]:
    """A one-unit file for the examples: source, target and, optionally, their codes."""
    source_codes, target_codes = codes if codes else ((), ())
    return (Unit("1", source, target, source_codes, target_codes, ordered),)


def _file(*pairs: tuple[str, str]) -> tuple[Unit, ...]:
    return tuple(Unit(str(i), s, t) for i, (s, t) in enumerate(pairs, start=1))


A = ATOM

CHECKS = (
    Check("qa.untranslated", "Untranslated: the target is empty", _per_unit(_untranslated),
          examples=(_u("Привет.", ""), _u("Привет.", "   "), _u(f"Нажмите {A}", A, ("x#1",), ("x#1",))),
          leave_alone=(_u("Привет.", "Hello."), _u("", ""), _u(A, A, ("x#1",), ("x#1",)))),
    Check("qa.same_as_source", "Target identical to the source", _per_unit(_same_as_source),
          examples=(_u("Привет, мир.", "Привет, мир."), _u("Read more here", "Read more here"),
                    _u("Москва  2022", "Москва 2022")),
          leave_alone=(_u("2022", "2022"), _u("Москва", "Moscow"), _u("Teath-In.", "Teath-In."))),
    Check("qa.cyrillic", "Cyrillic left in the target", _per_unit(_cyrillic),
          examples=(_u("Газета «Правда» писала", "The newspaper Правда wrote"),
                    _u("Он сказал: спасибо", "He said: спасибо"), _u("ООО «Ромашка»", "ООО Romashka")),
          leave_alone=(_u("Газета «Правда» писала", "The newspaper Pravda wrote"),
                       _u("Пункт а)", "Item a)"), _u("Сайт https://премия.рф", "Website https://премия.рф"))),
    Check("qa.codes", "Inline codes of the source and the target differ", _per_unit(_codes),
          examples=(_u(f"Нажмите {A}Сохранить{A}", "Click Save", ("g#1", "/g#1"), ()),
                    _u("Файл %s удалён", "File %s deleted %d", ("%s",), ("%s", "%d")),
                    _u(f"{A} из {A}", f"{A} of {A}", ("{0}", "{1}"), ("{0}", "{0}"))),
          leave_alone=(_u(f"Нажмите {A}Сохранить{A}", f"Click {A}Save{A}", ("g#1", "/g#1"), ("g#1", "/g#1")),
                       _u(f"{A} из {A}", f"{A} of {A}", ("{0}", "{1}"), ("{1}", "{0}")),
                       _u("Привет", "Hello"))),
    Check("qa.code_order", "Inline codes in another order than in the source", _per_unit(_code_order),
          examples=(_u(f"{A} и {A}", f"{A} and {A}", ("%s", "%d"), ("%d", "%s")),
                    _u(f"{A}{A}{A}", f"{A}{A}{A}", ("%s", "%s", "%d"), ("%d", "%s", "%s")),
                    _u(f"{A}а{A} {A}", f"{A} {A}a{A}", ("g#1", "/g#1", "x#2"), ("x#2", "g#1", "/g#1"))),
          leave_alone=(_u(f"{A} и {A}", f"{A} and {A}", ("%s", "%d"), ("%s", "%d")),
                       _u(f"{A} и {A}", f"{A} and {A}", ("%(a)s", "%(b)s"), ("%(b)s", "%(a)s"), ordered=False),
                       _u(f"{A} и {A}", f"{A} and {A}", ("%s", "%d"), ("%d",)))),
    Check("qa.code_nesting", "Paired inline codes closed out of order in the target", _per_unit(_nested),
          examples=(_u(f"{A}а{A}", f"{A}a{A}", ("g#1", "/g#1"), ("/g#1", "g#1")),
                    _u(f"{A}{A}а{A}{A}", f"{A}{A}a{A}{A}", ("g#1", "g#2", "/g#2", "/g#1"),
                       ("g#1", "g#2", "/g#1", "/g#2")),
                    _u(f"{A}а{A}{A}б{A}", f"{A}a{A}{A}b{A}", ("g#1", "/g#1", "g#2", "/g#2"),
                       ("g#1", "g#2", "/g#1", "/g#2"))),
          leave_alone=(_u(f"{A}а{A}", f"{A}a{A}", ("g#1", "/g#1"), ("g#1", "/g#1")),
                       _u(f"{A}а{A}{A}б{A}", f"{A}b{A}{A}a{A}", ("g#1", "/g#1", "g#2", "/g#2"),
                          ("g#2", "/g#2", "g#1", "/g#1")),
                       _u(f"{A}а{A}", f"{A}a", ("x#1", "x#2"), ("x#1",)))),
    Check("qa.url", "URL of the source and the target differ", _per_unit(_differing(_URL, "URL")),
          examples=(_u("См. https://example.org/a.", "See https://example.org/b."),
                    _u("Сайт www.kremlin.ru", "The website"), _u("Текст", "Text http://spam.example")),
          leave_alone=(_u("См. https://example.org/a.", "See https://example.org/a."),
                       _u("Сайт www.kremlin.ru,", "The website www.kremlin.ru"), _u("Текст", "Text"))),
    Check("qa.email", "E-mail address of the source and the target differ", _per_unit(_differing(_EMAIL, "e-mail")),
          examples=(_u("Пишите на info@mail.ru", "Write to info@mail.com"),
                    _u("Пишите на info@mail.ru", "Write to us"), _u("Пишите нам", "Write to a@b.org")),
          leave_alone=(_u("Пишите на info@mail.ru.", "Write to info@mail.ru"), _u("Пишите", "Write"),
                       _u("в 10@ утра", "at 10@ a.m."))),
    Check("qa.hashtag", "Hashtags of the source and the target differ", _per_unit(_hashtags),
          examples=(_u("Новости #COVID19", "News #COVID"), _u("Новости #COVID19 #вакцина", "News #COVID19"),
                    _u("Новости", "News #fake")),
          leave_alone=(_u("Новости #COVID19 #вакцина", "News #COVID19 #vaccine"), _u("Дом №5", "House #5"),
                       _u("Новости", "News C# and F#"))),
    Check("qa.final_punct", "Final punctuation of the source and the target differs", _per_unit(_final_punct),
          examples=(_u("Где он?", "Where is he."), _u("Стой!", "Stop."), _u("Вот список:", "Here is the list")),
          leave_alone=(_u("Где он?", "Where is he?"), _u("И так далее...", "And so on…"),
                       _u("«Стой!»", "\"Stop!\""), _u("Фильм «Куда ты идешь, Аида?»", "The film Quo Vadis, Aida"))),
    Check("qa.inconsistent_target", "Same source translated differently",
          _inconsistent(lambda u: u.source, lambda u: u.target, "the same source reads differently in"),
          examples=(_file(("Да.", "Yes."), ("Да.", "Right.")), _file(("Отмена", "Cancel"), ("Отмена", "Abort")),
                    _file(("Дом", "House"), ("Сад", "Garden"), ("дом", "Home"))),
          leave_alone=(_file(("Да.", "Yes."), ("Да!", "Yes!")), _file(("Да.", "Yes."), ("Нет.", "No.")),
                       _file(("Дом", "House"), ("Дом", "house")))),
    Check("qa.inconsistent_source", "One target used for different sources",
          _inconsistent(lambda u: u.target, lambda u: u.source, "the same target translates another source in"),
          examples=(_file(("Да.", "Yes."), ("Конечно.", "Yes.")), _file(("Отмена", "Cancel"), ("Отменить", "Cancel")),
                    _file(("Дом", "House"), ("Сад", "Garden"), ("Здание", "house"))),
          leave_alone=(_file(("Да.", "Yes."), ("Да!", "Yes!")), _file(("Да.", "Yes."), ("Нет.", "No.")),
                       _file(("Лёгкость мытья.", "Easy to wash."), ("Легкость мытья.", "Easy to wash.")))),
    Check("qa.glossary", "Glossary term not used", _per_unit(_glossary_terms),
          examples=(_u("Госдума приняла закон", "The Duma passed the law"),
                    _u("в Грузии", "in Gruziya"), _u("Карсская область", "the Karsk region")),
          leave_alone=(_u("Госдума приняла закон", "The State Duma passed the law"),
                       _u("грузить уголь", "to load coal"), _u("Карсская область", "the Kars region"))),
)


def run_checks(units: Sequence[Unit], checks: Iterable[Check] = CHECKS) -> list[Hit]:
    """Every finding of ``checks`` on a file's units, by unit and then check order."""
    hits = [hit for check in checks for hit in check.run(units)]
    order = {check.id: i for i, check in enumerate(CHECKS)}
    return sorted(hits, key=lambda h: (h.index, order.get(h.rule_id, len(order))))


class UnknownCheckError(ConfigError):
    """A ``qa`` selector that names no check."""


def is_qa(selector: str) -> bool:
    """Whether a ``--select``/``--ignore`` selector names QA checks (``qa`` or ``qa.…``), not rules."""
    return selector == "qa" or selector.startswith("qa.")


def _matches(check_id: str, prefix: str) -> bool:
    return check_id == prefix or check_id.startswith(prefix.rstrip(".") + ".")


def select_checks(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[Check, ...]:
    """The checks the selectors pick, among rule selectors too (``--select typo,qa.url``).

    An empty selection picks every check; a selection of rules only picks none. A ``qa`` selector that
    names no check raises ``UnknownCheckError``.
    """
    select, ignore = tuple(select), tuple(ignore)
    wanted = [s for s in select if is_qa(s)]
    unwanted = [s for s in ignore if is_qa(s)]
    for selector in (*wanted, *unwanted):
        if not any(_matches(check.id, selector) for check in CHECKS):
            raise UnknownCheckError(f"unknown QA check id or prefix {selector!r}")
    if select and not wanted:
        return ()
    picked = [c for c in CHECKS if not wanted or any(_matches(c.id, p) for p in wanted)]
    return tuple(c for c in picked if not any(_matches(c.id, p) for p in unwanted))


__all__ = ["ATOM", "CHECKS", "Check", "Hit", "Unit", "UnknownCheckError", "is_qa", "run_checks",
           "select_checks"]
