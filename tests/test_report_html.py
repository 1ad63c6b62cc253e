"""The review page's HTML, without a browser: embedded data cannot end its script; scores become a table."""

from __future__ import annotations

import json
import re

from pipeline.config import Config
from pipeline.reports.html import html_report
from pipeline.reports.ledger import json_report
from pipeline.runner import fix_text

HOSTILE = "</script><script>alert(1)</script> <!-- \u2028 at 08: 15 , & done"


def _page(raw: str, **extra: object) -> str:
    result = fix_text(raw)
    report = {**json_report(result, "x.txt", Config()), **extra}
    return html_report(report, result.raw, result.text, "x.txt")


def test_document_text_appears_only_inside_the_escaped_data_block() -> None:
    page = _page(HOSTILE)
    assert page.count("<script") == 2 and page.count("</script>") == 2
    data = re.search(r'<script type="application/json" id="mtfix-data">(.*?)</script>', page, re.S)
    assert data is not None and "<" not in data.group(1) and "&" not in data.group(1) and "\u2028" not in data.group(1)
    decoded = json.loads(data.group(1))
    assert decoded["raw"] == HOSTILE and decoded["fixed"] == {"1": HOSTILE.replace("08: 15 ,", "08:15,")}
    assert [c["rule"] for c in decoded["changes"]] == ["typo.clock_time", "typo.space_before_punct"]


def test_scores_table_when_the_report_has_scores() -> None:
    scores = {"bleu": {"raw": 30.5, "fixed": 31.75, "signature": "nrefs:1|case:mixed"}, "grammar": {"per_1000": 4}}
    page = _page("clean text", scores=scores)
    table = page[page.index('<table class="scores">') : page.index("</table>")]
    assert "<th>bleu</th><td class=\"num\">30.50</td><td class=\"num\">31.75</td><td class=\"num\">1.25</td>" in table
    assert "nrefs:1|case:mixed" in table and "<th>grammar.per_1000</th><td class=\"num\">4</td>" in table
    assert '<table class="scores">' not in _page("clean text")
