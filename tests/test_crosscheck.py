"""Placeholder restore from the source (and its refusals), number and date QA, the dates helper."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtfix.crosscheck import compare_numbers, date_from_source, restore_placeholders
from mtfix.numbers import parse_english, parse_russian


def restored(translation: str, source: str) -> str:
    for r in reversed(restore_placeholders(translation, source)):
        if r.replacement is not None:
            translation = translation[: r.start] + r.replacement + translation[r.end :]
    return translation


@pytest.mark.parametrize(
    ("translation", "source", "want"),
    [
        ("return XNUMX artifacts.", "вернуть 29 300 артефактов.", "return 29,300 artifacts."),
        ("a fine of xnumx euros.", "штраф в размере 3600 евро.", "a fine of 3,600 euros."),
        ("about XNUMX thousand vehicles", "порядка 75,9 тыс. машин", "about 75.9 thousand vehicles"),
        ("growth to xnumx billion", "рост до 1,5 млрд", "growth to 1.5 billion"),
        ("more than XNUMX mercenaries", "более 7 тыс. наемников", "more than 7,000 mercenaries"),
        ("In XNUMX, France declared it", "В 1853 году Франция объявила", "In 1853, France declared it"),
        ("saved XNUMX sheets", "сэкономлено 336 млн листов", "saved 336 million sheets"),
        ("dropped by XNUMX% in November", "подешевела на 29% в ноябре", "dropped by 29% in November"),
        ("5% cotton, xnumx% polyester", "хлопок 5 %, полиэстер 95 %", "5% cotton, 95% polyester"),
        ("in xnumx's tt.", "в 1920-х гг.", "in 1920s tt."),
        ("in the XNUMX-s", "в 1920-х годах", "in the 1920s"),
        ("Collected cit. in xnumx's tt. T. 3.", "Собр. соч. в 3-х тт. Т. 3.", "Collected cit. in 3 tt. T. 3."),
        ("about XNUMX-s of them", "около 5-ти из них", "about 5 of them"),
        ("on Sunday, December XNUMX, he", "в воскресенье, 12 декабря, он", "on Sunday, December 12, he"),
        ("by February XNUMX", "на февраль 2022 года", "by February 2022"),
        ("in the year XNUMX", "Году в 1985-м", "in the year 1985"),
        ("the XNUMX-meter-long yacht", "яхту длиной 183 метра", "the 183-meter-long yacht"),
        ("a magnitude XNUMX earthquake", "землетрясение магнитудой 5,2", "a magnitude 5.2 earthquake"),
        ("item number: XNUMX).", "артикул: 12008).", "item number: 12008)."),
        ("3M xnumx and 3M 7500 masks", "3M 6000 и 3M 7500", "3M 6000 and 3M 7500 masks"),
        ("3 or XNUMX languages", "знают 3-4 языка", "3 or 4 languages"),
        ("applications from XNUMX borrowers, 553 of which", "заявки 603 заемщиков, из которых 553",
         "applications from 603 borrowers, 553 of which"),
        ("against COVID-XNUMX", "от COVID-19", "against COVID-19"),
        ("returning at XNUMX am", "возвращаясь в четыре часа утра", "returning at 4 am"),
        ("about XNUMX thousand people", "около четырех тысяч человек", "about 4 thousand people"),
        ("about XNUMX people came", "пришло около четырех тысяч человек", "about 4,000 people came"),
        ("XNUMX years old", "ему сорок лет", "40 years old"),
        ("XNUMX of them", "девять из них", "9 of them"),
        ("within a XNUMX-hour period", "в течение суток", "within a 24-hour period"),
        ("up to XNUMX year", "до года", "up to 1 year"),
        ("debt of $XNUMX tln", "долг в 3 трлн долларов", "debt of $3 tln"),
        ("debt of $XNUMX trillion", "долг в 3 трлн долларов", "debt of $3 trillion"),
        ("XNUMX bln rubles", "1,2 млрд рублей", "1.2 bln rubles"),
        ("in the XNUMXth century", "в XIX веке", "in the 19th century"),
        ("a debt of $XNUMXm", "долг в 10 млн долларов", "a debt of $10m"),
        ("a loan of £XNUMXbn", "кредит в 1,5 млрд фунтов", "a loan of £1.5bn"),
        ("the XNUMXth anniversary", "21-я годовщина", "the 21st anniversary"),
        ("on the XNUMXth floor of 40", "на 22-м этаже из 40", "on the 22nd floor of 40"),
    ],
)
def test_restores_the_one_fitting_number(translation: str, source: str, want: str) -> None:
    assert restored(translation, source) == want


@pytest.mark.parametrize(
    ("translation", "source", "reason", "candidates"),
    [
        ("It covered XNUMX individuals and organizations.", "Он коснулся 17 физических лиц и 11 организаций.",
         "more than one source number fits", ("11", "17")),
        ("up to XNUMX cm", "до 6 мм", "no missing source number fits", ("6 мм",)),
        ("about XNUMX% of voters", "около 55 избирателей", "no missing source number fits", ("55",)),
        ("on December XNUMX", "12 января", "no missing source number fits", ("12",)),
        ("returning at XNUMX am with bags", "возвращаясь в четыре часа утра с 5 сумками",
         "more than one source number fits", ("4", "5")),
        ("XNUMX of the candidates", "один из кандидатов", "no missing source number fits", ("один",)),
        ("within XNUMX days", "в течение суток", "no missing source number fits", ("суток",)),
        ("the xnumx's", "в 1921 году", "no missing source number fits", ("1921 году",)),
        ("XNUMX thousand", "более 5 млн", "no missing source number fits", ("5 млн",)),
    ],
)
def test_refuses_without_exactly_one_candidate(translation: str, source: str, reason: str, candidates) -> None:
    [verdict] = [r for r in restore_placeholders(translation, source) if r.text.lower().startswith("xnumx")]
    assert verdict.replacement is None
    assert (verdict.reason, verdict.candidates) == (reason, candidates)


def test_in_xnumx_with_the_year_already_in_the_translation_is_refused() -> None:
    [verdict] = restore_placeholders("In 2021 and XNUMX", "в 2021 году")
    assert verdict.replacement is None


def test_several_placeholders_need_one_assignment() -> None:
    text = "XNUMX% for and XNUMX people"
    assert restored(text, "3,51% за и 2 755 человек") == "3.51% for and 2,755 people"
    verdicts = restore_placeholders("XNUMX and XNUMX people", "17 и 11 человек")
    assert [v.replacement for v in verdicts] == [None, None]
    assert verdicts[0].reason == "several assignments fit"


def kinds(translation: str, source: str) -> list[tuple[str, str, str]]:
    return [(d.kind, d.source.text if d.source else "", d.target.text if d.target else "")
            for d in compare_numbers(translation, source)]


@pytest.mark.parametrize(
    ("translation", "source", "want"),
    [
        ("in autumn 2002.", "осенью 2022 года.", [("mismatch", "2022 года", "2002")]),
        ("36 million sheets were saved", "сэкономлено 336 млн листов", [("mismatch", "336 млн", "36 million")]),
        ("5 million people suffer", "страдают 55 млн человек", [("mismatch", "55 млн человек", "5 million people")]),
        ("the order No. was adopted", "принят приказ № 127", [("missing", "127", "")]),
        ("KXan 36 Daily News", "Российская газета", [("extra", "", "36")]),
        ("reported on December 1 by", "11 декабря сообщил", [("date", "11 декабря", "December 1")]),
        ("from 15 March 2002.", "с 15 марта 2022 года.", [("date", "15 марта 2022", "15 March 2002")]),
        ("Nine doses are not enough.", "Двух доз недостаточно.", [("mismatch", "Двух", "Nine")]),
        ("for the third time", "в первый раз", [("mismatch", "первый", "third")]),
        ("in six dozen states", "в шести десятках государств", [("mismatch", "шести десятках", "six dozen")]),
    ],
)
def test_reports_each_discrepancy_naming_both_spans(translation: str, source: str, want) -> None:
    assert kinds(translation, source) == want


def test_a_finding_message_names_both_spans() -> None:
    [d] = compare_numbers("in autumn 2002.", "осенью 2022 года.")
    assert d.message == 'number "2002" differs from the source "2022 года" (col 8)'


@pytest.mark.parametrize(
    ("translation", "source"),
    [
        ("about 1.5 million people in the 1920s", "около 1,5 млн человек в 1920-х гг."),
        ("more than 7 thousand mercenaries", "более 7 тыс. наемников"),
        ("more than 7,000 mercenaries", "более 7 тыс. наемников"),
        ("At least seven people were killed and 175 injured", "Не менее 7 человек погибли и 175 пострадали"),
        ("in the 19th century", "XIX века"),
        ("in the nineties", "в 90-е годы"),
        ("in the 1990s", "в 90-х годах"),
        ("held on December 9-10", "прошел с 9 по 10 декабря"),
        ("Spain protests against COVID-19 passports", "протесты против COVID-паспортов"),
        ("density 116 g/m2", "плотность 116 г/м²"),
        ("Your world +7 905 989 9172", "Твой мир +7 905 989 9172"),
        ("at 3 p.m.", "в 15:00"),
        ("G7 warned Russia", "\"Большая семерка\" предупредила Россию"),
        ("in the last twenty-four hours", "за последние сутки"),
        ("Mercedes believes rules 48.12 and 48.8 were broken.", "нарушены правила 48.12 и 48.8."),
    ],
)
def test_no_false_alarm_on_equivalent_renderings(translation: str, source: str) -> None:
    assert compare_numbers(translation, source) == []


def test_a_line_with_a_placeholder_leaves_missing_numbers_to_the_placeholder_rules() -> None:
    assert compare_numbers("It covered XNUMX individuals and 11 organizations.", "17 лиц и 11 организаций") == []


def test_date_from_source_settles_order_and_year() -> None:
    d = date_from_source("Пленум 7 декабря 1920 г. решил", 12, [7, 1920])
    assert d is not None and (d.day, d.month, d.year) == (7, 12, 1920)
    d = date_from_source("сообщил в апреле 1922 г.", 4, [1922])
    assert d is not None and (d.day, d.year) == (None, 1922)
    assert date_from_source("7 декабря 1920 г. и 8 декабря 1920 г.", 12, [7, 8, 1920]) is None
    assert date_from_source("7 декабря 1920 г.", 11, [7, 1920]) is None
    assert date_from_source(None, 12, [7, 1920]) is None


PIECES = st.sampled_from([
    "0", "1", "5", "12", "75", "1921", "2 755", "3,6", "1 500", " ", ", ", ".", "-", "–", "%", "XNUMX", "xnumx's",
    " тыс.", " млн", " million", " thousand", "-х", " г.", " года", " марта ", " March ", " cm", " см", " мм",
    "XX век", "1234567890123456789012345", "четыре", "seven", "Formula ", "COVID-",
    "$", "m", "bn", "th", " тысячи", " семью", " сорока", " суток", " до года", "XIX", "24/7", "14.02.2021",
    "21.55", "10-00", "1/4 финала", " and a half", " с половиной", "Forty-six", " hundred", " and ", "\n1. ",
])
LINE = st.lists(PIECES, max_size=14).map("".join)


def significant(digits: str) -> str:
    return digits.rstrip("0") or "0"


@settings(max_examples=400, deadline=None)
@given(LINE, LINE)
def test_restores_only_numbers_of_the_source_and_never_raises(translation: str, source: str) -> None:
    compare_numbers(translation, source)
    source_digits = "".join(ch for ch in source if ch.isdigit())
    spelled = {n.value for n in parse_russian(source) if n.word}
    for r in restore_placeholders(translation, source):
        assert r.text.lower().startswith("xnumx")
        if r.replacement is not None:
            digits = "".join(ch for ch in r.replacement if ch.isdigit())
            parsed = parse_english(r.replacement)
            values = {n.value for n in parsed} | {n.mantissa for n in parsed}
            from_words = any(v * scale in spelled for v in values if v is not None
                             for scale in (1, 1000, 10**6, 10**9, 10**12))
            assert digits and (significant(digits) in source_digits or from_words), (r, source)
