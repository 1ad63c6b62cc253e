"""Numbers in Russian and English conventions: value, kind, unit and English rendering of each format."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mtfix.numbers import parse_english, parse_russian


def one(numbers: list, text: str):
    found = [n for n in numbers if n.text.startswith(text)]
    assert len(found) == 1, [n.text for n in numbers]
    return found[0]


@pytest.mark.parametrize(
    ("line", "text", "value", "kind", "english"),
    [
        ("вернуть 1 500 артефактов", "1 500", "1500", "cardinal", "1,500"),
        ("вернуть 1\u00a0500 артефактов", "1\u00a0500", "1500", "cardinal", "1,500"),
        ("вернуть 1\u2009500 артефактов", "1\u2009500", "1500", "cardinal", "1,500"),
        ("вернуть 1\u202f500 артефактов", "1\u202f500", "1500", "cardinal", "1,500"),
        ("подростки - 144 613, беременные", "144 613", "144613", "cardinal", "144,613"),
        ("скорость 1,5 узла", "1,5", "1.5", "cardinal", "1.5"),
        ("сэкономлено 336 млн листов", "336 млн", "336000000", "cardinal", "336 million"),
        ("на сумму 1,2 млрд рублей", "1,2 млрд", "1200000000", "cardinal", "1.2 billion"),
        ("более 5 тыс. человек", "5 тыс.", "5000", "cardinal", "5,000"),
        ("около 75,9 тыс. машин", "75,9 тыс.", "75900", "cardinal", "75,900"),
        ("выплатят 20 тысяч долларов", "20 тысяч", "20000", "cardinal", "20,000"),
        ("договор 1921 г. подписан", "1921 г.", "1921", "year", "1921"),
        ("в 2021 году экономика", "2021 году", "2021", "year", "2021"),
        ("в 1917-1921 гг. шла война", "1921 гг.", "1921", "year", "1921"),
        ("в конце 1920-х годов", "1920-х", "1920", "decade", "1920s"),
        ("в 90-е годы", "90-е", "90", "decade", "90s"),
        ("5-й полк вышел", "5-й", "5", "ordinal", "5th"),
        ("на 22-м этаже", "22-м", "22", "ordinal", "22nd"),
        ("Году в 1985-м приходилось ездить", "1985-м", "1985", "ordinal", "1985"),
        ("в XX веке", "XX веке", "20", "century", "20th century"),
        ("XXI век начался", "XXI век", "21", "century", "21st century"),
        ("подешевела на 29% к доллару", "29%", "29", "cardinal", "29"),
        ("хлопок 5 %, полиэстер", "5 %", "5", "cardinal", "5"),
        ("рост на 3,5 процента", "3,5 процента", "3.5", "cardinal", "3.5"),
        ("в 3600 евро", "3600 евро", "3600", "cardinal", "3,600"),
        ("артикул: 12008).", "12008", "12008", "cardinal", "12008"),
        ("полумасок 3M 6000 и 3M 7500", "6000", "6000", "cardinal", "6000"),
        ("в 15:30 по Москве", "15:30", "930", "time", "15:30"),
    ],
)
def test_russian_formats(line: str, text: str, value: str, kind: str, english: str) -> None:
    number = one(parse_russian(line), text)
    assert (number.value, number.kind, number.english) == (Decimal(value), kind, english)


def test_russian_range_is_two_numbers() -> None:
    numbers = parse_russian("в 1917–1921 годах, знают 3-4 языка")
    assert [(n.text, n.value) for n in numbers] == [
        ("1917", 1917), ("1921 годах", 1921), ("3", 3), ("4", 4)]


def test_russian_units_and_percent() -> None:
    numbers = parse_russian("длиной 183 метра, до 6 мм, 68-летний, 25% голосов, 3 дня")
    assert [n.unit for n in numbers] == ["m", "mm", "age", "%", "day"]


@pytest.mark.parametrize(
    ("line", "day", "month", "year"),
    [
        ("заключён 16 марта 1921 г.", 16, 3, 1921),
        ("с 1 января 2020 года", 1, 1, 2020),
        ("к 9 мая", 9, 5, None),
        ("в марте 1921 года", None, 3, 1921),
        ("на февраль 2022 года", None, 2, 2022),
        ("1-го сентября 1939 г.", 1, 9, 1939),
        ("в июне 1941", None, 6, 1941),
    ],
)
def test_russian_dates_in_any_case(line: str, day: int | None, month: int, year: int | None) -> None:
    numbers = parse_russian(line)
    if day is not None:
        assert [(n.value, n.kind, n.month) for n in numbers if n.kind == "day"] == [(day, "day", month)]
    if year is not None:
        assert [(n.value, n.month) for n in numbers if n.kind == "year"] == [(year, month)]


def test_may_the_month_and_other_words_starting_alike() -> None:
    assert [n.kind for n in parse_russian("9 мая и 9 маленьких")] == ["day", "cardinal"]


def test_russian_number_words_are_marked_as_words() -> None:
    numbers = parse_russian("в четыре часа, две дозы, пять месяцев, полтора года, Большая семерка")
    assert [(n.value, n.word) for n in numbers] == [
        (4, True), (2, True), (5, True), (Decimal("1.5"), True), (7, True)]


def test_model_codes_and_exponents_are_not_thousands() -> None:
    numbers = parse_russian("Шина R20 108V, телефон +7 905 989 9172, 116 г/м², S1000 130х185")
    assert [n.text for n in numbers] == ["20", "108", "7", "905", "989", "9172", "116 г", "1000", "130", "185"]


@pytest.mark.parametrize(
    ("line", "text", "value", "kind"),
    [
        ("returned 29,300 artifacts", "29,300", "29300", "cardinal"),
        ("1.5 million people", "1.5 million", "1500000", "cardinal"),
        ("5.2 mln cases", "5.2 mln", "5200000", "cardinal"),
        ("a million people", "a million", "1000000", "cardinal"),
        ("seven people were killed", "seven", "7", "cardinal"),
        ("twenty-four hours", "twenty-four", "24", "cardinal"),
        ("in the 1920s", "1920s", "1920", "decade"),
        ("in the '90s", "'90s", "90", "decade"),
        ("the 5th regiment", "5th", "5", "ordinal"),
        ("in the 20th century", "20th", "20", "century"),
        ("in the XX century", "XX century", "20", "century"),
        ("at 3 p.m. sharp", "3 p.m.", "900", "time"),
        ("a 183-meter-long yacht", "183-meter", "183", "cardinal"),
        ("about 55% of residents", "55%", "55", "cardinal"),
        ("in 2021, the economy", "2021", "2021", "year"),
    ],
)
def test_english_formats(line: str, text: str, value: str, kind: str) -> None:
    number = one(parse_english(line), text)
    assert (number.value, number.kind) == (Decimal(value), kind)


def test_english_dates_attach_days_to_months() -> None:
    numbers = parse_english("on March 16, 1921 and on 7 December 1920")
    assert [(n.value, n.kind, n.month) for n in numbers] == [
        (16, "day", 3), (1921, "year", None), (7, "day", 12), (1920, "year", 12)]


def test_may_the_verb_is_no_month() -> None:
    assert [n.kind for n in parse_english("It may 5 times fail; on May 5 it did")] == ["cardinal", "day"]


@pytest.mark.parametrize(
    ("line", "texts"),
    [
        ("1. Первый пункт", ["Первый"]),
        ("2) Второй пункт: 5 мест", ["Второй", "5"]),
        ("Магазин работает 24/7", []),
    ],
)
def test_list_numbers_and_round_the_clock_are_no_numbers(line: str, texts: list[str]) -> None:
    assert [n.text for n in parse_russian(line)] == texts


def test_english_list_numbers_and_round_the_clock_are_no_numbers() -> None:
    assert [n.text for n in parse_english("1. Open 24/7 for 3 days")] == ["3 days"]


@pytest.mark.parametrize("parse", [parse_russian, parse_english])
def test_numeric_dates_are_a_day_of_a_month_and_a_year(parse) -> None:
    numbers = parse("14.02.2021 и 1.3.21")
    assert [(n.value, n.kind, n.month) for n in numbers] == [
        (14, "day", 2), (2021, "year", None), (1, "day", 3), (2021, "year", None)]


@pytest.mark.parametrize(
    ("line", "keys"),
    [
        ("в 21.55 по Москве", {("time", Decimal(1315)), ("time", Decimal(595)), ("n", Decimal("21.55"))}),
        ("с 10-00 утра", {("time", Decimal(600)), ("time", Decimal(1320)), ("n", Decimal(10))}),
        ("в 1/4 финала", {("n", Decimal("0.25")), ("n", Decimal(4)), ("n", Decimal(8))}),
    ],
)
def test_point_and_dash_times_and_stage_fractions(line: str, keys) -> None:
    [number] = parse_russian(line)
    assert number.keys == keys


def test_a_dash_between_numbers_is_a_range_unless_whole_hours() -> None:
    assert [n.value for n in parse_russian("знают 3-45 языков")] == [3, 45]


@pytest.mark.parametrize(
    ("line", "text", "value"),
    [
        ("a debt of $10m", "10m", 10**7),
        ("£5bn in loans", "5bn", 5 * 10**9),
        ("$3 tln", "3 tln", 3 * 10**12),
        ("9.7 bln tenge", "9.7 bln", 9_700_000_000),
        ("paid 1 000 000 rubles", "1 000 000", 10**6),
        ("paid 25\u00a0000 rubles", "25\u00a0000", 25000),
        ("Forty-six people", "Forty-six", 46),
        ("one hundred and five", "one hundred and five", 105),
        ("two and a half years", "two and a half", Decimal("2.5")),
        ("a three-way valve", "three", 3),
    ],
)
def test_english_scales_groups_and_words(line: str, text: str, value) -> None:
    assert [n.value for n in parse_english(line) if n.text.startswith(text)] == [value]


def test_a_glued_m_without_currency_is_meters_or_millions() -> None:
    [number] = parse_english("a 10m tower")
    assert {("n", Decimal(10)), ("n", Decimal(10**7))} <= number.keys


@pytest.mark.parametrize(
    ("line", "values"),
    [
        ("около четырех тысяч человек", [4000]),
        ("в течение суток", [24]),
        ("сорока пяти минут", [45]),
        ("в шести десятках стран", [60]),
        ("двухфакторная защита", [2]),
        ("мы купили семью квартиру", []),
        ("несколько тысяч человек", []),
        ("в ХХ веке", [20]),
    ],
)
def test_russian_number_words_and_idioms(line: str, values: list) -> None:
    assert [n.value for n in parse_russian(line)] == values


def test_stray_digits_are_soft() -> None:
    soft = {n.text: n.soft for n in parse_russian("Матрас В13, сеть 5G, сноска[1], сайт www.a.ru/77, 40 кг")}
    assert soft == {"13": True, "5": True, "1": True, "77": True, "40 кг": False}
