"""Source-aware repairs: numbers lost to a placeholder restored from the source, broken dates it confirms.

What it fixes: "more than XNUMX thousand mercenaries" beside "более 7 тыс. наемников" becomes "more than 7
thousand mercenaries". What it reports: a placeholder the source cannot settle (none or several
candidates). Why: MT systems mask numbers; the source is the only evidence of the number.
Tier: ``placeholder.restore`` is safe (exactly one candidate fits; see ``pipeline.crosscheck``), and so
is ``date.settled_by_source``: a broken date the dates rules only suggest ("December 7 1920. The
Plenum", review tier there) is repaired when the source holds that very day, month and year;
``placeholder.unresolved`` is a finding. Every rule does nothing on a line without a source:
``placeholder.xnumx`` reports those. The numbers of the repaired text are checked against the source
last, in ``rules/number.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from mtfix.crosscheck import (
    PLACEHOLDER,
    Restoration,
    date_from_source,
    restore_placeholders,
)
from mtfix.model import Context, EditRule, Example, FindingRule, Proposal, Tier
from mtfix.numbers import EN_MONTHS
from mtfix.rules.date import DISPLACED_YEAR, FRAGMENT_SENTENCE

STAGE = "source"


@lru_cache(maxsize=8192)
def _restorations(line: str, source: str) -> tuple[Restoration, ...]:
    return tuple(restore_placeholders(line, source))


def _restore(text: str, ctx: Context) -> Iterator[Proposal]:
    for offset, line, source in ctx.lines_with_source(text):
        if PLACEHOLDER.search(line) is None:
            continue
        for r in _restorations(line, source):
            if r.replacement is not None:
                message = f"Number lost to placeholder {r.text} restored from the source: {r.replacement}"
                yield Proposal(offset + r.start, offset + r.end, r.replacement, message)


def _unresolved(text: str, ctx: Context) -> Iterator[Proposal]:
    for offset, line, source in ctx.lines_with_source(text):
        if PLACEHOLDER.search(line) is None:
            continue
        for r in _restorations(line, source):
            if r.replacement is None:
                listed = ", ".join(r.candidates) if r.candidates else "none"
                message = f"Number lost to placeholder {r.text}, not restored: {r.reason} (candidates: {listed})"
                yield Proposal(offset + r.start, offset + r.end, None, message)


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

RULES = [RESTORE, UNRESOLVED, SETTLED_BY_SOURCE]
