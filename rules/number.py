"""Numbers checked against the source, once every repair is made: what the translation lacks, adds or changed.

What it reports: a source number the translation lacks or changed ("2022 года" → "2002", "336 млн" →
"36 million"), a translation number the source lacks, a date whose day or year differs from the source's.
Why: MT systems drop or mistype digits; the source is the only evidence of the number. The stage runs
last, on the text the other stages repaired, so that an artifact they mend ("20: 00", "25, 000", "16 in
March") is not reported as a number that differs. Tier: findings; ``pipeline.crosscheck`` reads the
numbers of both sides by value (digits, words, scales, dates and times in either notation). Every rule
does nothing on a line without a source.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from mtfix.crosscheck import Discrepancy, compare_numbers
from mtfix.model import Context, Example, FindingRule, Proposal

STAGE = "number"


@lru_cache(maxsize=8192)
def _discrepancies(line: str, source: str) -> tuple[Discrepancy, ...]:
    return tuple(compare_numbers(line, source))


def _number_finder(kind: str):
    """The ``find`` function reporting the discrepancies of one ``kind``."""

    def find(text: str, ctx: Context) -> Iterator[Proposal]:
        for offset, line, source in ctx.lines_with_source(text):
            for d in _discrepancies(line, source):
                if d.kind != kind:
                    continue
                if d.target is None:
                    yield Proposal(offset, offset + len(line), None, d.message)
                else:
                    yield Proposal(offset + d.target.start, offset + d.target.end, None, d.message)

    return find


MISMATCH = FindingRule(
    id="number.mismatch",
    stage=STAGE,
    message="A number differs from the source's",
    needs_source=True,
    find=_number_finder("mismatch"),
    examples=(
        Example("The fourth vaccination will be required in autumn 2002.", flagged="2002",
                source="Четвертая вакцинация потребуется осенью 2022 года."),
        Example("At that time, 36 million paper sheets were saved.", flagged="36 million",
                source="За это время сэкономлено 336 млн бумажных листов."),
        Example("Of them 53 entities received a deferral.", flagged="53",
                source="Из них отсрочку получили 553 субъекта."),
        Example("Egypt returned about 300,000 artifacts", flagged="300,000",
                source="Египет вернул около 30 тыс. артефактов"),
        Example("Nine doses of the vaccine are not enough.", flagged="Nine", source="Двух доз вакцины недостаточно."),
    ),
    leave_alone=(
        Example("The fourth vaccination will be required in autumn 2022.",
                source="Четвертая вакцинация потребуется осенью 2022 года."),
        Example("At that time, 336 million paper sheets were saved.",
                source="За это время сэкономлено 336 млн бумажных листов."),
        Example("Of them 553 entities received a deferral of 9.7 billion tenge.",
                source="Из них отсрочку получили 553 субъекта на сумму 9,7 млрд тенге."),
        Example("Two doses of the vaccine are not enough.", source="Двух доз вакцины недостаточно."),
        Example("Forty-six people were evacuated.", source="Эвакуировали 46 человек."),
        Example("The debt reached $10m.", source="Долг достиг 10 млн долларов."),
    ),
)

MISSING = FindingRule(
    id="number.missing",
    stage=STAGE,
    message="A number of the source is missing from the translation",
    needs_source=True,
    find=_number_finder("missing"),
    examples=(
        Example("the order of the Agency of 9 April 2021 was adopted",
                flagged="the order of the Agency of 9 April 2021 was adopted",
                source="принят приказ Агентства от 9 апреля 2021 года № 127"),
        Example("The industry's results were worse than last year.",
                flagged="The industry's results were worse than last year.",
                source="Показатели индустрии по итогам 11 месяцев оказались хуже."),
        Example("Prices rose in November.", flagged="Prices rose in November.", source="Цены выросли на 5% в ноябре."),
    ),
    leave_alone=(
        Example("the order of the Agency of 9 April 2021 No. 127 was adopted",
                source="принят приказ Агентства от 9 апреля 2021 года № 127"),
        Example("Egypt returned about 30 thousand artifacts", source="Египет вернул около 30 тыс. артефактов"),
        Example("At least seven people were killed and 175 injured.",
                source="Не менее 7 человек погибли и 175 пострадали."),
        Example("The quarterfinals start today.", source="Сегодня стартует 1/4 финала."),
        Example("The store opened on February 14, 2021.", source="Магазин открылся 14.02.2021."),
        Example("The first point: prices.", source="1. Первый пункт: цены."),
        Example("The Dimax B13 mattress.", source="Матрас Dimax В13."),
    ),
)

EXTRA = FindingRule(
    id="number.extra",
    stage=STAGE,
    message="A number of the translation does not appear in the source",
    needs_source=True,
    find=_number_finder("extra"),
    prefilter=r"\d",
    examples=(
        Example("In Moscow, the winners of the Arseniev Prize KXan 36 were named", flagged="36",
                source="В Москве назвали победителей премии имени Арсеньева"),
        Example("He arrived with 3 bags.", flagged="3", source="Он приехал с сумками."),
        Example("The Udmurts know 3 or 5 languages.", flagged="5", source="Удмурты знают 3-4 языка."),
    ),
    leave_alone=(
        Example("Spain protests against COVID-19 passports", source="В Испании прошли протесты против COVID-паспортов"),
        Example("Fabric density: 116 g/m2.", source="Плотность ткани - 116 г/м²."),
        Example("G7 warned Russia of massive consequences.",
                source="\"Большая семерка\" предупредила Россию о последствиях."),
        Example("The Udmurts know 3 or 4 languages.", source="Удмурты знают 3-4 языка."),
        Example("The shop is open 24/7.", source="Магазин работает круглосуточно."),
        Example("Results come within 24 hours.", source="Результаты приходят в течение суток."),
        Example("The term is up to 1 year.", source="Срок - до года."),
        Example("The train leaves at 21:55, the office opens at 10:00.",
                source="Поезд уходит в 21.55, офис открывается в 10-00."),
        Example("They paid 1 000 000 rubles.", source="Они заплатили 1 000 000 рублей."),
    ),
)

DATE = FindingRule(
    id="number.date",
    stage=STAGE,
    message="A date differs from the source's",
    needs_source=True,
    find=_number_finder("date"),
    prefilter=r"\d",
    examples=(
        Example("This was reported on December 1 by an adviser.", flagged="December 1",
                source="Об этом 11 декабря сообщил советник."),
        Example("The requirements apply from 15 March 2002.", flagged="15 March 2002",
                source="Требования действуют с 15 марта 2022 года."),
        Example("The treaty was concluded on March 16, 1922.", flagged="March 16, 1922",
                source="Договор заключён 16 марта 1921 г."),
    ),
    leave_alone=(
        Example("This was reported on December 11 by an adviser.", source="Об этом 11 декабря сообщил советник."),
        Example("The summit was held on December 9-10.", source="Саммит прошел с 9 по 10 декабря."),
        Example("The treaty was concluded on 16 March 1921.", source="Договор заключён 16 марта 1921 г."),
    ),
)

RULES = [MISMATCH, MISSING, EXTRA, DATE]
