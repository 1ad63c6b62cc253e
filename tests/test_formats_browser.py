"""The review page of a hostile HTML document in headless Chromium: its scripts, handlers and links stay inert.

The page shows the document's prose (text, not markup), so a ``<script>`` of the input is never
shown, and text that reads like markup (``&lt;script&gt;`` in the source) shows as text.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from mtfix.cli import main

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

HOSTILE = """<!DOCTYPE html>
<html><head><title>T</title><script>window.__mtfix_pwned = 'head';</script></head>
<body onload="window.__mtfix_pwned = 'body'">
<p>We met at 08: 15 , then <a href="javascript:window.__mtfix_pwned='link'">the link , here</a>.</p>
<p>Quoted &lt;script&gt;window.__mtfix_pwned = 'entity'&lt;/script&gt; text , shown.</p>
<p onmouseover="window.__mtfix_pwned = 'hover'">An image <img src=x onerror="window.__mtfix_pwned = 'img'"> , here.</p>
<script>window.__mtfix_pwned = 'body script';</script>
<svg onload="window.__mtfix_pwned = 'svg'"><text>08: 15 , svg</text></svg>
<iframe srcdoc="<script>parent.__mtfix_pwned = 'iframe'</script>"></iframe>
<p>&lt;img src=x onerror=&quot;window.__mtfix_pwned = 'img text'&quot;&gt; at 09: 30 .</p>
</body></html>
"""


@pytest.fixture
def page() -> Iterator[Page]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not installed: run `make browser-deps`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        opened = browser.new_page()
        opened.set_default_timeout(10_000)
        errors: list[str] = []
        opened.on("pageerror", lambda error: errors.append(str(error)))
        dialogs: list[str] = []
        opened.on("dialog", lambda dialog: dialogs.append(dialog.message) or dialog.dismiss())
        yield opened
        browser.close()
        assert errors == [] and dialogs == []


def test_hostile_html_stays_inert_in_the_review_page(page: Page, tmp_path: Path) -> None:
    (tmp_path / "hostile.html").write_text(HOSTILE)
    assert main(["fix", str(tmp_path / "hostile.html"), "-o", str(tmp_path / "out")]) == 0
    report = json.loads((tmp_path / "out" / "hostile.html.json").read_text())
    assert {e["rule"] for e in report["edits"]} >= {"typo.clock_time", "typo.space_before_punct"}
    fixed = (tmp_path / "out" / "hostile.html").read_text()
    assert fixed.count("__mtfix_pwned") == HOSTILE.count("__mtfix_pwned")  # the markup came through untouched
    page.goto((tmp_path / "out" / "hostile.html.html").as_uri())
    for _ in report["edits"]:
        page.keyboard.press("j")
    page.hover("#doc")
    assert page.evaluate("typeof window.__mtfix_pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 2
    injected = "#doc img, #doc svg, #doc iframe, #doc a[href], [onmouseover], [onerror], [onload]"
    assert page.locator(injected).count() == 0
    shown = page.inner_text("#doc")
    assert "<script>window.__mtfix_pwned = 'entity'</script>" in shown  # entity-escaped text shows as text
    assert "the link , here" in shown and "08: 15 , svg" not in shown and "body script" not in shown
