"""Notation: Russian ways of writing numbers left in the English text.

What it fixes: "27,9 kg" and "1,2 billion euros" (a decimal comma), "40 % cotton" (a space before
the percent sign), "order № 127" (the numero sign). Use instead: "27.9 kg", "1.2 billion euros",
"40% cotton", "order No. 127". Why: Russian writes a decimal comma, spaces the percent sign and
numbers with "№"; the MT system copies the digits and signs as they stand. Tier: the numero sign is
safe (English has no such sign); a decimal comma and a spaced percent sign are review: a comma
before one or two digits may part a list ("8, 10,12 years"), and some style guides (SI, ISO) space
the percent sign.
"""

from __future__ import annotations

import regex

from mtfix.model import Context, EditRule, Example, Tier

STAGE = "notation"

# What a measured amount is followed by: "27,9 kg", "1,2 billion", "0,5 liters", "3,5%".
_AMOUNT_NEXT = regex.compile(
    r" ?(?:%|°|(?:percent|per cent|kg|g|mg|t|tons?|tonnes?|l|ml|liters?|litres?|m|cm|mm|km|km/h|ha|hectares?"
    r"|sq|cubic|degrees?|points?|times|thousand|thous|mln|million|bn|bln|billion|trillion|trln|rubles?"
    r"|roubles?|dollars?|euros?|hryvnias?|UAH|tenge|yuan|pounds|meters?|metres?|kilometers?|kilometres?"
    r"|grams?|kilograms?|centimeters?|centimetres?|millimeters?|millimetres?|seconds?|minutes?|hours?"
    r"|years?|months?|weeks?|days?|GB|MB|TB|kW|MW|GW|kWh|V|W|Hz|GHz|MHz|mAh)\b)"
)
# A currency sign before the amount: "€1,5 million", "$2,4 bn".
_CURRENCY_BEFORE = regex.compile(r"[$€£₽₴]$")


def _decimal_comma(m: regex.Match[str], ctx: Context) -> str | None:
    text = m.string
    if not (_AMOUNT_NEXT.match(text, m.end()) or _CURRENCY_BEFORE.search(text, max(0, m.start() - 1), m.start())):
        return None
    return f"{m['whole']}.{m['fraction']}"


DECIMAL_COMMA = EditRule(
    id="notation.decimal_comma",
    stage=STAGE,
    message="Decimal comma (Russian style) in an amount; English writes a decimal point",
    tier=Tier.REVIEW,
    # One to three digits, a comma and one or two digits, never in a list of numbers ("1,2,3",
    # "8, 10,12") or a number with thousands ("1,25,000"), then a unit or a currency sign before.
    pattern=r"(?<![\p{L}\p{N}.,]|\d[,;] ?)(?P<whole>\d{1,3}),(?P<fraction>\d{1,2})(?![\p{N},]|\.\d)",
    fix=_decimal_comma,
    prefilter=r",(?<=\d,)(?=\d)",  # led by the comma, which the engine finds fast
    examples=(
        Example("weight 27,9 kg.", "weight 27.9 kg."),
        Example("for 1,2 billion euros are offered", "for 1.2 billion euros are offered"),
        Example("I dilute tomato paste in 0,5 liters of water", "I dilute tomato paste in 0.5 liters of water"),
        Example("delays to the amount of 105,8 mln tenge", "delays to the amount of 105.8 mln tenge"),
        Example("seeds F1 0,10 g, article", "seeds F1 0.10 g, article"),
        Example("inflation reached 8,4% in May", "inflation reached 8.4% in May"),
        Example("a grant of €1,5 million", "a grant of €1.5 million"),
    ),
    leave_alone=(
        "for her daughters (8, 10,12 years old)",
        "in rows 1,2,3 and 4,5",
        "about 25,000 rubles and 1,500 kg",
        "In 2019,5 of them left; see 3,4",
        "a temperature of 37,7 and 38 in the evening",
        "version 1,2.3 and the score 2,1",
        "weight 27.9 kg",
    ),
)

PERCENT_SPACE = EditRule(
    id="notation.percent_space",
    stage=STAGE,
    message="Space before the percent sign; English sets it close to the number",
    tier=Tier.REVIEW,
    pattern=r"(?<=\d)[ \u00a0\u202f](?=%(?![\p{L}\p{N}%]|\s+\d))",
    fix=lambda m, ctx: "",
    prefilter=r"%(?<=\d\s%)",
    examples=(
        Example("40 % cotton, 60 % polyester", "40% cotton, 60% polyester"),
        Example("it works in 90 % of cases.", "it works in 90% of cases."),
        Example("at least 94,5 % of harmful substances", "at least 94,5% of harmful substances"),
    ),
    leave_alone=(
        "40% cotton and 60% polyester",
        "printf('%d %s', 5 %s)",
        "x = 10 % 3 and 7 %d",
        "the % sign",
    ),
)

NUMERO_SIGN = EditRule(
    id="notation.numero_sign",
    stage=STAGE,
    message="Numero sign (Russian №); English writes No.",
    tier=Tier.SAFE,
    pattern=r"(?P<sign>№№?)[ \u00a0\u202f]?(?=\d)",
    fix=lambda m, ctx: "Nos. " if m["sign"] == "№№" else "No. ",
    prefilter="№",
    examples=(
        Example('the order of April 9, 2021 № 127 "On approval"', 'the order of April 9, 2021 No. 127 "On approval"'),
        Example("The branch in the hall №29 is open", "The branch in the hall No. 29 is open"),
        Example("schools №№ 5 and 7", "schools Nos. 5 and 7"),
    ),
    leave_alone=(
        "order No. 127 and No. 12 in March",
        "the sign № alone",
        "the newspaper Известия № the",
    ),
)

RULES = [NUMERO_SIGN, DECIMAL_COMMA, PERCENT_SPACE]
