"""Numbers compared by value in every form translations use: properties over generated renderings.

A number rendered in one form on each side (digits grouped by commas or spaces, English, Russian and
Ukrainian words in any case, scale words, clock times and dates in either notation) parses to the same value
and draws no finding; the same line with one digit changed is flagged. Renderings in words come from
num2words.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from num2words import num2words

from mtfix.crosscheck import compare_numbers
from mtfix.numbers import parse_english, parse_russian
from mtfix.numwords import english_words, russian_words

CASES = ("n", "g", "d", "a", "i", "p")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
             "ноября", "декабря")


@settings(max_examples=300, deadline=None)
@given(st.integers(2, 999_999), st.sampled_from(CASES))
def test_russian_words_in_any_case_read_as_their_value(n: int, case: str) -> None:
    text = num2words(n, lang="ru", case=case)
    assume(text != "семью")  # alone, the instrumental of семь is the word "family" (a run reads it right)
    [word] = russian_words(f"около {text} человек")
    assert word.value == n and word.text == text


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 999_999))
def test_ukrainian_words_read_as_their_value(n: int) -> None:
    text = num2words(n, lang="uk")
    [word] = russian_words(f"близько {text} людей")
    assert word.value == n and word.text == text


def test_a_ukrainian_source_matches_its_translation_by_value() -> None:
    pairs = (
        ("He is thirty-two years old", "Йому тридцять два роки"),
        ("The cost is 1.7 billion euros.", "Вартість становить 1,7 мільярда євро."),
        ("Germany will allocate 1 million euros.", "Німеччина виділить 1 мільйон євро."),
        ("Over the past 24 hours, six tanks were destroyed.", "За минулу добу знищено шість танків."),
        ("If it is more than 300,000, she will be stunned.", "Якщо вийде понад 300 тисяч, вона буде приголомшена."),
        ("They waited forty-five days.", "Вони чекали сорок пʼять днів."),
    )
    for english, ukrainian in pairs:
        assert list(compare_numbers(english, ukrainian)) == [], english
    assert [d.kind for d in compare_numbers("He is thirty-three years old", "Йому тридцять два роки")] == ["mismatch"]
    assert list(compare_numbers("On February 24, 2022 the war began.", "24 лютого 2022 року почалася війна.")) == []
    assert list(compare_numbers("Is it possible on Monday, April 25?", "Можна в понеділок 25.04.?")) == []
    assert [d.kind for d in compare_numbers("Can we meet on Monday, April 26?", "Можна в понеділок 25.04.?")] == [
        "mismatch"]
    assert [d.kind for d in compare_numbers("On February 25, 2022 it began.", "24 лютого 2022 почалося.")] == ["date"]


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 999_999), st.booleans())
def test_english_words_read_as_their_value(n: int, capital: bool) -> None:
    text = num2words(n).replace(",", "")
    text = text[0].upper() + text[1:] if capital else text
    [word] = english_words(f"{text} people came")
    assert word.value == n


def _grouped(n: int, separator: str) -> str:
    return f"{n:,}".replace(",", separator)


@settings(max_examples=200, deadline=None)
@given(st.integers(1000, 99_999_999), st.sampled_from(["\u00a0", " ", "\u202f"]), st.sampled_from([",", " "]))
def test_grouped_thousands_match_in_either_convention(n: int, ru_sep: str, en_sep: str) -> None:
    # English "5 200" with a plain space may be two numbers ("on May 5 200 people"): grouped from 10 000 on
    assume(en_sep != " " or n >= 10_000 or n % 1000 == 0)
    source, translation = f"выплатили {_grouped(n, ru_sep)} рублей", f"paid {_grouped(n, en_sep)} rubles"
    assert [x.value for x in parse_russian(source)] == [n]
    assert [x.value for x in parse_english(translation)] == [n]
    assert compare_numbers(translation, source) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 999), st.sampled_from([(10**6, "млн", ["million", "mln", "m"]),
                                             (10**9, "млрд", ["billion", "bn", "bln"]),
                                             (10**12, "трлн", ["trillion", "tln", "trln"])]), st.data())
def test_scale_words_match_any_english_abbreviation(mantissa: int, scale, data) -> None:
    value, ru, english = scale
    word = data.draw(st.sampled_from(english))
    amount = f"${mantissa}{word}" if word in ("m", "bn") else f"${mantissa} {word}"
    source, translation = f"долг в {mantissa} {ru} долларов", f"a debt of {amount}"
    assert {x.value for x in parse_english(translation)} == {mantissa * value}
    assert compare_numbers(translation, source) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 23), st.integers(0, 59), st.sampled_from([":", "."]), st.booleans())
def test_clock_times_match_in_either_notation(hour: int, minute: int, ru_sep: str, twelve_hour: bool) -> None:
    source = f"в {hour}{ru_sep}{minute:02d} по Москве"
    if twelve_hour:
        translation = f"at {(hour + 11) % 12 + 1}:{minute:02d} {'p.m.' if hour >= 12 else 'a.m.'} Moscow time"
    else:
        translation = f"at {hour}:{minute:02d} Moscow time"
    assert compare_numbers(translation, source) == []


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 23))
def test_whole_hours_with_a_dash_are_times(hour: int) -> None:
    assert compare_numbers(f"open from {hour}:00", f"работает с {hour}-00") == []


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 28), st.integers(1, 12), st.integers(1950, 2030), st.sampled_from(["ru", "en-us", "en-gb"]))
def test_numeric_dates_match_dates_with_a_month_name(day: int, month: int, year: int, style: str) -> None:
    source = f"с {day:02d}.{month:02d}.{year}"
    if style == "ru":
        translation = f"from {day:02d}.{month:02d}.{year}"
    elif style == "en-us":
        translation = f"from {MONTHS_EN[month - 1]} {day}, {year}"
    else:
        translation = f"from {day} {MONTHS_EN[month - 1]} {year}"
    assert compare_numbers(translation, source) == []
    written_out = f"с {day} {MONTHS_RU[month - 1]} {year} года"
    assert compare_numbers(f"from {MONTHS_EN[month - 1]} {day}, {year}", written_out) == []


@settings(max_examples=300, deadline=None)
@given(st.integers(10, 99_999), st.data())
def test_one_changed_digit_is_flagged(n: int, data) -> None:
    text = str(n)
    i = data.draw(st.integers(0, len(text) - 1))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != text[i] and not (i == 0 and d == "0")]))
    changed = text[:i] + digit + text[i + 1:]
    source = f"Всего {n} участников из {num2words(7, lang='ru')} стран"
    assert compare_numbers(f"A total of {n} participants from seven countries", source) == []
    assert compare_numbers(f"A total of {changed} participants from seven countries", source) != []


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 99), st.integers(2, 99))
def test_a_changed_number_word_is_flagged(n: int, other: int) -> None:
    assume(n != other)
    source = f"Погибли {num2words(n, lang='ru')} человек"
    assert compare_numbers(f"{num2words(n).capitalize()} people died", source) == []
    assert compare_numbers(f"{num2words(other).capitalize()} people died", source) != []


LOOK_ALIKES = [
    ("1. The first point", "1. Первый пункт"),
    ("The first point", "1. Первый пункт"),
    ("2) Second", "2) Во-вторых"),
    ("The shop is open 24/7.", "Магазин работает круглосуточно."),
    ("They reached the quarterfinals.", "Они вышли в 1/4 финала."),
    ("They reached the round of 16.", "Они вышли в 1/8 финала."),
    ("the B13 model", "модель В13"),
    ("Details at example.com/2021.", "Подробности на example.com/2021."),
    ("the 5G network", "сеть 5G"),
    ("within a day", "в течение суток"),
    ("within 24 hours", "в течение суток"),
    ("up to 1 year", "до года"),
    ("about 4,000 people", "около четырех тысяч человек"),
    ("Forty-six people", "46 человек"),
    ("seventy-seven", "77"),
    ("$10m", "10 млн долларов"),
    ("10 million dollars", "10 млн долларов"),
    ("1.5 thousand", "1.5 тыс."),
    ("1 000 000 rubles", "1 000 000 рублей"),
    ("at 21:55", "в 21.55"),
    ("at 10:00", "в 10-00"),
    ("on February 14, 2021", "14.02.2021"),
    ("forty days", "сорок дней"),
    ("nine of them", "девять из них"),
    ("a two-factor authentication", "двухфакторная аутентификация"),
    ("in sixty countries", "в шести десятках стран"),
    ("a couple of times", "пару раз"),
    ("in the '70s", "в 1970-х"),
    ("sentenced to three and a half years", "приговорили к трем с половиной годам"),
    ("It happened at noon.", "Это произошло в 12:00."),
    ("in the 4th quarter", "в IV квартале"),
    ("in the 20th century", "в ХХ веке"),
    ("more than a thousand protesters", "более тысячи манифестантов"),
    ("thousands of people", "тысячи людей"),
    ("a 24-hour hotline", "круглосуточная горячая линия"),
    ("one and a half times", "в полтора раза"),
    ("LC Waikiki opened", "LC Waikiki открылся"),
    ("5,000-7,000 people", "5-7 тыс. человек"),
    ("from 5 million to 7 million", "от 5 до 7 млн"),
    ("for the first time", "в первый раз"),
    ("Wait a second, he is the first.", "Подождите, он первый."),
    ("the second course", "второе блюдо"),
]


def test_look_alikes_are_not_flagged() -> None:
    flagged = [(t, s, compare_numbers(t, s)) for t, s in LOOK_ALIKES]
    assert [f for f in flagged if f[2]] == []


def test_words_and_digits_of_the_same_value_pair() -> None:
    [source] = [n for n in parse_russian("около четырех тысяч человек") if n.word]
    assert source.value == Decimal(4000)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789 .,-–/:%$mkXNUMxnumthаяоеийтысячмлнсуткагодпятьсорокfivetyhund\n")),
       st.text(alphabet=st.sampled_from("0123456789 .,-–/:%тысячмлнсуткагодпятьсорокдвухшестидесяткахXIV\n")))
def test_any_text_parses_without_error(translation: str, source: str) -> None:
    for line, other in zip(translation.split("\n"), source.split("\n"), strict=False):
        compare_numbers(line, other)
