"""The review page's HTML, without a browser: embedded data cannot end its script."""

from __future__ import annotations

import json
import re

from mtfix.config import Config
from mtfix.reports.html import html_report
from mtfix.reports.ledger import json_report
from mtfix.runner import fix_text

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
    rule = decoded["changes"]["fields"].index("rule")
    assert [row[rule] for row in decoded["changes"]["rows"]] == ["typo.clock_time", "typo.space_before_punct"]
