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
from mtfix.model import Context, Proposal, Rule, Tier
from mtfix.numbers import EN_MONTHS
from mtfix.rules.dates import DISPLACED_YEAR, FRAGMENT_SENTENCE

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


DATES_SETTLED = Rule(
    id="date.settled_by_source",
    message="A broken date the dates rules can only suggest, repaired because the source confirms it",
    tier=Tier.SAFE,
    needs_source=True,
    find=_dates_settled,
    prefilter=r"\d",
    examples=(
        ("On 2 May 1920 he left. December 7 1920. The Plenum considered it.",
         "On 2 May 1920 he left. On 7 December 1920, the Plenum considered it."),
        ("In early December, 1920 was generally agreed to convene",
         "In early December 1920, it was generally agreed to convene"),
        ("December 7 2021. The court ruled", "On December 7, 2021, the court ruled"),
    ),
    leave_alone=(
        "In March, 1921 was decided to sign",
        "the government. 7 December 1920. Lenin wrote",
        "In early December, 1920 was generally agreed to convene the congress",
    ),
    sources=(
        ("On 2 May 1920 he left. December 7 1920. The Plenum considered it.",
         "2 мая 1920 г. он уехал. 7 декабря 1920 г. Пленум рассмотрел его."),
        ("In early December, 1920 was generally agreed to convene", "В начале декабря 1920 г. было решено созвать"),
        ("December 7 2021. The court ruled", "7 декабря 2021 г. Суд постановил"),
        ("the government. 7 December 1920. Lenin wrote", "правительство. 8 декабря 1920 г. Ленин писал"),
        ("In early December, 1920 was generally agreed to convene the congress",
         "В начале декабря было решено созвать съезд 1920 года"),
    ),
)


RESTORE = Rule(
    id="placeholder.restore",
    message="Number lost to a placeholder, restored from the source",
    tier=Tier.SAFE,
    needs_source=True,
    find=_restore,
    prefilter=r"(?i)xnumx",
    examples=(
        ("There are more than XNUMX thousand mercenaries.", "There are more than 7 thousand mercenaries."),
        ("Since 2011, the state has managed to return XNUMX artifacts.",
         "Since 2011, the state has managed to return 29,300 artifacts."),
        ("Collected cit. in xnumx's tt. T. 3.", "Collected cit. in 3 tt. T. 3."),
        ("the fashion of the XNUMX-s", "the fashion of the 1920s"),
        ("on Sunday, December XNUMX.", "on Sunday, December 12."),
        ("Exports amounted to almost XNUMX thousand vehicles, 25% lower.",
         "Exports amounted to almost 75.9 thousand vehicles, 25% lower."),
        ("Once, returning at XNUMX am, he fell.", "Once, returning at 4 am, he fell."),
        ("About XNUMX thousand people took part.", "About 4 thousand people took part."),
        ("Results are ready within a XNUMX-hour period.", "Results are ready within a 24-hour period."),
        ("The debt reached $XNUMX tln.", "The debt reached $3 tln."),
        ("It was built in the XNUMXth century.", "It was built in the 19th century."),
    ),
    leave_alone=(
        "The bottom is up to XNUMX cm thick.",
        "It covered XNUMX individuals and organizations.",
        "In XNUMX, France declared it its possession.",
        "Protests against COVID-19 passports.",
        "XNUMX of the candidates withdrew.",
        "Debts grew within XNUMX days.",
        "Once, returning at XNUMX am with bags, he fell.",
    ),
    sources=(
        ("There are more than XNUMX thousand mercenaries.", "Там более 7 тыс. наемников."),
        ("Since 2011, the state has managed to return XNUMX artifacts.",
         "С 2011 года государству удалось вернуть 29 300 артефактов."),
        ("Collected cit. in xnumx's tt. T. 3.", "Собр. соч. в 3-х тт. Т. 3."),
        ("the fashion of the XNUMX-s", "мода 1920-х годов"),
        ("on Sunday, December XNUMX.", "в воскресенье, 12 декабря."),
        ("Exports amounted to almost XNUMX thousand vehicles, 25% lower.",
         "На экспорт отправлено порядка 75,9 тыс. машин, на 25% меньше."),
        ("Once, returning at XNUMX am, he fell.", "Однажды, возвращаясь в четыре часа утра, он упал."),
        ("About XNUMX thousand people took part.", "Участие приняли около четырех тысяч человек."),
        ("Results are ready within a XNUMX-hour period.", "Результаты готовы в течение суток."),
        ("The debt reached $XNUMX tln.", "Долг достиг 3 трлн долларов."),
        ("It was built in the XNUMXth century.", "Он построен в XIX веке."),
        ("The bottom is up to XNUMX cm thick.", "Толщина дна до 6 мм."),
        ("It covered XNUMX individuals and organizations.", "Он коснулся 17 физических лиц и 11 организаций."),
        ("Protests against COVID-19 passports.", "Протесты против COVID-паспортов."),
        ("XNUMX of the candidates withdrew.", "Один из кандидатов снялся."),
        ("Debts grew within XNUMX days.", "Долги выросли в течение суток."),
        ("Once, returning at XNUMX am with bags, he fell.",
         "Однажды, возвращаясь в четыре часа утра с 5 сумками, он упал."),
    ),
)

UNRESOLVED = Rule(
    id="placeholder.unresolved",
    message="Number lost to a placeholder; the source does not settle which",
    tier=Tier.FINDING,
    needs_source=True,
    find=_unresolved,
    prefilter=r"(?i)xnumx",
    examples=(
        ("The bottom is up to XNUMX cm thick.", "XNUMX"),
        ("It covered XNUMX individuals and organizations.", "XNUMX"),
        ("Once, returning at XNUMX am with bags, he fell.", "XNUMX"),
        ("Debts grew within XNUMX days.", "XNUMX"),
    ),
    leave_alone=(
        "Calorie content: 407 kcal.",
        "It covered 17 individuals and 11 organizations.",
        "In XNUMX, France declared it its possession.",
    ),
    sources=(
        ("The bottom is up to XNUMX cm thick.", "Толщина дна до 6 мм."),
        ("It covered XNUMX individuals and organizations.", "Он коснулся 17 физических лиц и 11 организаций."),
        ("Once, returning at XNUMX am with bags, he fell.",
         "Однажды, возвращаясь в четыре часа утра с 5 сумками, он упал."),
        ("Debts grew within XNUMX days.", "Долги выросли в течение суток."),
        ("Calorie content: 407 kcal.", "Энергетическая ценность: 407 кКал."),
        ("It covered 17 individuals and 11 organizations.", "Он коснулся 17 физических лиц и 11 организаций."),
    ),
)

MISMATCH = Rule(
    id="number.mismatch",
    message="A number differs from the source's",
    tier=Tier.FINDING,
    needs_source=True,
    find=_number_finder("mismatch"),
    examples=(
        ("The fourth vaccination will be required in autumn 2002.", "2002"),
        ("At that time, 36 million paper sheets were saved.", "36 million"),
        ("Of them 53 entities received a deferral.", "53"),
        ("Egypt returned about 300,000 artifacts", "300,000"),
        ("Nine doses of the vaccine are not enough.", "Nine"),
    ),
    leave_alone=(
        "The fourth vaccination will be required in autumn 2022.",
        "At that time, 336 million paper sheets were saved.",
        "Of them 553 entities received a deferral of 9.7 billion tenge.",
        "Two doses of the vaccine are not enough.",
        "Forty-six people were evacuated.",
        "The debt reached $10m.",
    ),
    sources=(
        ("The fourth vaccination will be required in autumn 2002.",
         "Четвертая вакцинация потребуется осенью 2022 года."),
        ("At that time, 36 million paper sheets were saved.", "За это время сэкономлено 336 млн бумажных листов."),
        ("Of them 53 entities received a deferral.", "Из них отсрочку получили 553 субъекта."),
        ("Egypt returned about 300,000 artifacts", "Египет вернул около 30 тыс. артефактов"),
        ("The fourth vaccination will be required in autumn 2022.",
         "Четвертая вакцинация потребуется осенью 2022 года."),
        ("At that time, 336 million paper sheets were saved.", "За это время сэкономлено 336 млн бумажных листов."),
        ("Of them 553 entities received a deferral of 9.7 billion tenge.",
         "Из них отсрочку получили 553 субъекта на сумму 9,7 млрд тенге."),
        ("Nine doses of the vaccine are not enough.", "Двух доз вакцины недостаточно."),
        ("Two doses of the vaccine are not enough.", "Двух доз вакцины недостаточно."),
        ("Forty-six people were evacuated.", "Эвакуировали 46 человек."),
        ("The debt reached $10m.", "Долг достиг 10 млн долларов."),
    ),
)

MISSING = Rule(
    id="number.missing",
    message="A number of the source is missing from the translation",
    tier=Tier.FINDING,
    needs_source=True,
    find=_number_finder("missing"),
    examples=(
        ("the order of the Agency of 9 April 2021 was adopted", "the order of the Agency of 9 April 2021 was adopted"),
        ("The industry's results were worse than last year.", "The industry's results were worse than last year."),
        ("Prices rose in November.", "Prices rose in November."),
    ),
    leave_alone=(
        "the order of the Agency of 9 April 2021 No. 127 was adopted",
        "Egypt returned about 30 thousand artifacts",
        "At least seven people were killed and 175 injured.",
        "The quarterfinals start today.",
        "The store opened on February 14, 2021.",
        "The first point: prices.",
        "The Dimax B13 mattress.",
    ),
    sources=(
        ("the order of the Agency of 9 April 2021 was adopted", "принят приказ Агентства от 9 апреля 2021 года № 127"),
        ("The industry's results were worse than last year.",
         "Показатели индустрии по итогам 11 месяцев оказались хуже."),
        ("Prices rose in November.", "Цены выросли на 5% в ноябре."),
        ("the order of the Agency of 9 April 2021 No. 127 was adopted",
         "принят приказ Агентства от 9 апреля 2021 года № 127"),
        ("Egypt returned about 30 thousand artifacts", "Египет вернул около 30 тыс. артефактов"),
        ("At least seven people were killed and 175 injured.", "Не менее 7 человек погибли и 175 пострадали."),
        ("The quarterfinals start today.", "Сегодня стартует 1/4 финала."),
        ("The store opened on February 14, 2021.", "Магазин открылся 14.02.2021."),
        ("The first point: prices.", "1. Первый пункт: цены."),
        ("The Dimax B13 mattress.", "Матрас Dimax В13."),
    ),
)

EXTRA = Rule(
    id="number.extra",
    message="A number of the translation does not appear in the source",
    tier=Tier.FINDING,
    needs_source=True,
    find=_number_finder("extra"),
    prefilter=r"\d",
    examples=(
        ("In Moscow, the winners of the Arseniev Prize KXan 36 were named", "36"),
        ("He arrived with 3 bags.", "3"),
        ("The Udmurts know 3 or 5 languages.", "5"),
    ),
    leave_alone=(
        "Spain protests against COVID-19 passports",
        "Fabric density: 116 g/m2.",
        "G7 warned Russia of massive consequences.",
        "The Udmurts know 3 or 4 languages.",
        "The shop is open 24/7.",
        "Results come within 24 hours.",
        "The term is up to 1 year.",
        "The train leaves at 21:55, the office opens at 10:00.",
        "They paid 1 000 000 rubles.",
    ),
    sources=(
        ("In Moscow, the winners of the Arseniev Prize KXan 36 were named",
         "В Москве назвали победителей премии имени Арсеньева"),
        ("He arrived with 3 bags.", "Он приехал с сумками."),
        ("The Udmurts know 3 or 5 languages.", "Удмурты знают 3-4 языка."),
        ("Spain protests against COVID-19 passports", "В Испании прошли протесты против COVID-паспортов"),
        ("Fabric density: 116 g/m2.", "Плотность ткани - 116 г/м²."),
        ("G7 warned Russia of massive consequences.", "\"Большая семерка\" предупредила Россию о последствиях."),
        ("The Udmurts know 3 or 4 languages.", "Удмурты знают 3-4 языка."),
        ("The shop is open 24/7.", "Магазин работает круглосуточно."),
        ("Results come within 24 hours.", "Результаты приходят в течение суток."),
        ("The term is up to 1 year.", "Срок - до года."),
        ("The train leaves at 21:55, the office opens at 10:00.", "Поезд уходит в 21.55, офис открывается в 10-00."),
        ("They paid 1 000 000 rubles.", "Они заплатили 1 000 000 рублей."),
    ),
)

DATE = Rule(
    id="number.date",
    message="A date differs from the source's",
    tier=Tier.FINDING,
    needs_source=True,
    find=_number_finder("date"),
    prefilter=r"\d",
    examples=(
        ("This was reported on December 1 by an adviser.", "December 1"),
        ("The requirements apply from 15 March 2002.", "15 March 2002"),
        ("The treaty was concluded on March 16, 1922.", "March 16, 1922"),
    ),
    leave_alone=(
        "This was reported on December 11 by an adviser.",
        "The summit was held on December 9-10.",
        "The treaty was concluded on 16 March 1921.",
    ),
    sources=(
        ("This was reported on December 1 by an adviser.", "Об этом 11 декабря сообщил советник."),
        ("The requirements apply from 15 March 2002.", "Требования действуют с 15 марта 2022 года."),
        ("The treaty was concluded on March 16, 1922.", "Договор заключён 16 марта 1921 г."),
        ("This was reported on December 11 by an adviser.", "Об этом 11 декабря сообщил советник."),
        ("The summit was held on December 9-10.", "Саммит прошел с 9 по 10 декабря."),
        ("The treaty was concluded on 16 March 1921.", "Договор заключён 16 марта 1921 г."),
    ),
)

RULES = [RESTORE, UNRESOLVED, MISMATCH, MISSING, EXTRA, DATE, DATES_SETTLED]
