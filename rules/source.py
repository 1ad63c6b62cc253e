"""Source-aware rules: numbers lost to a placeholder restored from the source, numbers and dates checked.

What it fixes: "more than XNUMX thousand mercenaries" beside "более 7 тыс. наемников" becomes "more than 7
thousand mercenaries". What it reports: a placeholder the source cannot settle (none or several
candidates), a source number the translation lacks or changed ("2022 года" → "2002", "336 млн" → "36
million"), a translation number the source lacks, a date whose day or year differs from the source's.
Why: MT systems mask numbers and drop or mistype digits; the source is the only evidence of the number.
Tier: ``placeholder.restore`` is safe (exactly one candidate fits; see ``pipeline.crosscheck``), and so
is ``date.settled_by_source``: a broken date the dates rules only suggest ("December 7 1920. The
Plenum", review tier there) is repaired when the source holds that very day, month and year. The rest
are findings. Every rule does nothing on a line without a source: ``placeholder.xnumx`` reports those.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from mtfix.crosscheck import (
    PLACEHOLDER,
    Discrepancy,
    Restoration,
    compare_numbers,
    date_from_source,
    restore_placeholders,
)
from mtfix.model import Context, EditRule, Example, FindingRule, Proposal, Tier
from mtfix.numbers import EN_MONTHS
from mtfix.rules.date import DISPLACED_YEAR, FRAGMENT_SENTENCE

STAGE = "source"


def _lines_with_source(text: str, ctx: Context) -> Iterator[tuple[int, str, str]]:
    """Each line of ``text`` that has a source line: (offset, line, source line)."""
    if ctx.source is None:
        return
    start = 0
    for line in text.split("\n"):
        source = ctx.source_line(start)
        if source is not None and line:
            yield start, line, source
        start += len(line) + 1


@lru_cache(maxsize=8192)
def _restorations(line: str, source: str) -> tuple[Restoration, ...]:
    return tuple(restore_placeholders(line, source))


@lru_cache(maxsize=8192)
def _discrepancies(line: str, source: str) -> tuple[Discrepancy, ...]:
    return tuple(compare_numbers(line, source))


def _restore(text: str, ctx: Context) -> Iterator[Proposal]:
    for offset, line, source in _lines_with_source(text, ctx):
        if PLACEHOLDER.search(line) is None:
            continue
        for r in _restorations(line, source):
            if r.replacement is not None:
                message = f"Number lost to placeholder {r.text} restored from the source: {r.replacement}"
                yield Proposal(offset + r.start, offset + r.end, r.replacement, message)


def _unresolved(text: str, ctx: Context) -> Iterator[Proposal]:
    for offset, line, source in _lines_with_source(text, ctx):
        if PLACEHOLDER.search(line) is None:
            continue
        for r in _restorations(line, source):
            if r.replacement is None:
                listed = ", ".join(r.candidates) if r.candidates else "none"
                message = f"Number lost to placeholder {r.text}, not restored: {r.reason} (candidates: {listed})"
                yield Proposal(offset + r.start, offset + r.end, None, message)


def _number_finder(kind: str):
    """The ``find`` function reporting the discrepancies of one ``kind``."""

    def find(text: str, ctx: Context) -> Iterator[Proposal]:
        for offset, line, source in _lines_with_source(text, ctx):
            for d in _discrepancies(line, source):
                if d.kind != kind:
                    continue
                if d.target is None:
                    yield Proposal(offset, offset + len(line), None, d.message)
                else:
                    yield Proposal(offset + d.target.start, offset + d.target.end, None, d.message)

    return find


_GUESSING_DATE_RULES = tuple(
    (rule, regex.compile(rule.pattern or "", rule.flags | regex.V1)) for rule in (FRAGMENT_SENTENCE, DISPLACED_YEAR)
)
_MONTH_NUMBER = {name: i + 1 for i, name in enumerate(EN_MONTHS)}


def _date_parts(m: regex.Match[str]) -> tuple[int | None, int, int] | None:
    """Day (if any), month and year of a broken date matched by one of the dates rules."""
    groups = {k: v for k, v in m.groupdict().items() if v}
    month_text = groups.get("month") or groups.get("month2") or next(
        (w for w in regex.findall(r"\p{Lu}\p{Ll}+", groups.get("lead", "")) if w in _MONTH_NUMBER), None)
    year = groups.get("year") or groups.get("year2")
    if month_text not in _MONTH_NUMBER or year is None:
        return None
    day = groups.get("day") or groups.get("day2")
    return (int(day) if day and day.isdigit() else None), _MONTH_NUMBER[month_text], int(year)


def _dates_settled(text: str, ctx: Context) -> Iterator[Proposal]:
    if ctx.source is None:
        return
    for rule, compiled in _GUESSING_DATE_RULES:
        for m in compiled.finditer(text):
            parts = _date_parts(m)
            if parts is None or rule.fix is None:
                continue
            day, month, year = parts
            found = date_from_source(ctx.source_line(m.start()), month, [n for n in (day, year) if n is not None])
            if found is None or found.year != year or (day is not None and found.day != day):
                continue
            after = rule.fix(m, ctx)
            if after is not None:
                message = f"{rule.message}; the source's \"{found.text}\" confirms the date ({rule.id} made safe)"
                yield Proposal(m.start(rule.group), m.end(rule.group), after, message)


SETTLED_BY_SOURCE = EditRule(
    id="date.settled_by_source",
    stage=STAGE,
    message="A broken date the dates rules can only suggest, repaired because the source confirms it",
    tier=Tier.SAFE,
    needs_source=True,
    find=_dates_settled,
    prefilter=r"\d",
    examples=(
        Example("On 2 May 1920 he left. December 7 1920. The Plenum considered it.",
                "On 2 May 1920 he left. On 7 December 1920, the Plenum considered it.",
                source="2 мая 1920 г. он уехал. 7 декабря 1920 г. Пленум рассмотрел его."),
        Example("In early December, 1920 was generally agreed to convene",
                "In early December 1920, it was generally agreed to convene",
                source="В начале декабря 1920 г. было решено созвать"),
        Example("December 7 2021. The court ruled", "On December 7, 2021, the court ruled",
                source="7 декабря 2021 г. Суд постановил"),
    ),
    leave_alone=(
        "In March, 1921 was decided to sign",
        Example("the government. 7 December 1920. Lenin wrote", source="правительство. 8 декабря 1920 г. Ленин писал"),
        Example("In early December, 1920 was generally agreed to convene the congress",
                source="В начале декабря было решено созвать съезд 1920 года"),
    ),
)


RESTORE = EditRule(
    id="placeholder.restore",
    stage=STAGE,
    message="Number lost to a placeholder, restored from the source",
    tier=Tier.SAFE,
    needs_source=True,
    find=_restore,
    prefilter=r"(?i)xnumx",
    examples=(
        Example("There are more than XNUMX thousand mercenaries.", "There are more than 7 thousand mercenaries.",
                source="Там более 7 тыс. наемников."),
        Example("Since 2011, the state has managed to return XNUMX artifacts.",
                "Since 2011, the state has managed to return 29,300 artifacts.",
                source="С 2011 года государству удалось вернуть 29 300 артефактов."),
        Example("Collected cit. in xnumx's tt. T. 3.", "Collected cit. in 3 tt. T. 3.",
                source="Собр. соч. в 3-х тт. Т. 3."),
        Example("the fashion of the XNUMX-s", "the fashion of the 1920s", source="мода 1920-х годов"),
        Example("on Sunday, December XNUMX.", "on Sunday, December 12.", source="в воскресенье, 12 декабря."),
        Example("Exports amounted to almost XNUMX thousand vehicles, 25% lower.",
                "Exports amounted to almost 75.9 thousand vehicles, 25% lower.",
                source="На экспорт отправлено порядка 75,9 тыс. машин, на 25% меньше."),
        Example("Once, returning at XNUMX am, he fell.", "Once, returning at 4 am, he fell.",
                source="Однажды, возвращаясь в четыре часа утра, он упал."),
        Example("About XNUMX thousand people took part.", "About 4 thousand people took part.",
                source="Участие приняли около четырех тысяч человек."),
        Example("Results are ready within a XNUMX-hour period.", "Results are ready within a 24-hour period.",
                source="Результаты готовы в течение суток."),
        Example("The debt reached $XNUMX tln.", "The debt reached $3 tln.", source="Долг достиг 3 трлн долларов."),
        Example("It was built in the XNUMXth century.", "It was built in the 19th century.",
                source="Он построен в XIX веке."),
    ),
    leave_alone=(
        Example("The bottom is up to XNUMX cm thick.", source="Толщина дна до 6 мм."),
        Example("It covered XNUMX individuals and organizations.",
                source="Он коснулся 17 физических лиц и 11 организаций."),
        "In XNUMX, France declared it its possession.",
        Example("Protests against COVID-19 passports.", source="Протесты против COVID-паспортов."),
        Example("XNUMX of the candidates withdrew.", source="Один из кандидатов снялся."),
        Example("Debts grew within XNUMX days.", source="Долги выросли в течение суток."),
        Example("Once, returning at XNUMX am with bags, he fell.",
                source="Однажды, возвращаясь в четыре часа утра с 5 сумками, он упал."),
    ),
)

UNRESOLVED = FindingRule(
    id="placeholder.unresolved",
    stage=STAGE,
    message="Number lost to a placeholder; the source does not settle which",
    needs_source=True,
    find=_unresolved,
    prefilter=r"(?i)xnumx",
    examples=(
        Example("The bottom is up to XNUMX cm thick.", flagged="XNUMX", source="Толщина дна до 6 мм."),
        Example("It covered XNUMX individuals and organizations.", flagged="XNUMX",
                source="Он коснулся 17 физических лиц и 11 организаций."),
        Example("Once, returning at XNUMX am with bags, he fell.", flagged="XNUMX",
                source="Однажды, возвращаясь в четыре часа утра с 5 сумками, он упал."),
        Example("Debts grew within XNUMX days.", flagged="XNUMX", source="Долги выросли в течение суток."),
    ),
    leave_alone=(
        Example("Calorie content: 407 kcal.", source="Энергетическая ценность: 407 кКал."),
        Example("It covered 17 individuals and 11 organizations.",
                source="Он коснулся 17 физических лиц и 11 организаций."),
        "In XNUMX, France declared it its possession.",
    ),
)

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

RULES = [RESTORE, UNRESOLVED, MISMATCH, MISSING, EXTRA, DATE, SETTLED_BY_SOURCE]
