"""The review page in real headless Chromium: every edit highlighted, decisions clicked, exported and applied.

Chromium comes from Debian's package (``make browser-deps``); Playwright drives it. The page is
opened from disk, as a reviewer would open it. A screenshot is kept in ``artifacts/report.png``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from review_rules import REVIEW, register

from mtfix.cli import main
from mtfix.runner import apply_ledger
from mtfix.textio import read_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "soviet-turkish-treaty-1921"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; Playwright gives each launch a fresh, empty profile."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not installed: run `make browser-deps`")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page that records script errors; the test fails on any."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == []


def _visit_every_change(page: Page, count: int) -> list[str]:
    """Press ``j`` through every change; the ids of the cards it lands on, in order."""
    visited = []
    for _ in range(count):
        page.keyboard.press("j")
        visited.append(page.locator(".change.current").get_attribute("data-id"))
    return visited


@pytest.mark.slow
def test_review_sample_in_chromium(page: Page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "raw").mkdir()
    shutil.copy(ROOT / "raw" / f"{SAMPLE}.txt", tmp_path / "raw")
    monkeypatch.chdir(tmp_path)
    register(monkeypatch)
    assert main(["fix", "raw", "-o", "fixed"]) == 0
    report = json.loads((tmp_path / "fixed" / f"{SAMPLE}.json").read_text())
    ids = [f"e{i}" for i in range(len(report["edits"]))] + [f"s{i}" for i in range(len(report["suggestions"]))]
    ids += [f"f{i}" for i in range(len(report["findings"]))] + [f"g{i}" for i in range(len(report["grammar"]))]
    assert report["grammar"]  # the repair removed grammar issues: advisory findings on the page too

    page.goto((tmp_path / "fixed" / f"{SAMPLE}.html").as_uri())
    visited = _visit_every_change(page, len(ids))
    assert sorted(visited) == sorted(ids)
    for i, edit in enumerate(report["edits"]):
        marks = page.locator(f'#L{edit["line"]} mark[data-changes~="e{i}"]')  # split where a grammar finding overlaps
        assert marks.count() >= 1 and all(edit["rule"] in m.get_attribute("data-rule").split() for m in marks.all())
        card = page.locator(f"#change-e{i}")
        assert card.get_attribute("data-rule") == edit["rule"]
        assert edit["message"] in card.inner_text() and edit["tier"] in card.inner_text().lower()

    for i, finding in enumerate(report["findings"]):
        mark = page.locator(f'#L{finding["line"]} mark.finding[data-changes~="f{i}"]')
        assert mark.count() >= 1 and finding["rule"] in mark.first.get_attribute("data-rule").split()
    for i, finding in enumerate(report["grammar"]):
        mark = page.locator(f'#L{finding["line"]} mark.finding[data-changes~="g{i}"]')
        assert mark.count() >= 1 and finding["rule"] in mark.first.get_attribute("data-rule").split()
    for i, suggestion in enumerate(report["suggestions"]):
        assert page.locator(f'#L{suggestion["line"]} mark.suggestion[data-changes~="s{i}"]').count() >= 1

    page.uncheck('input[data-tier="safe"]')
    page.uncheck('input[data-family="testfinding"]')
    landed = {page.locator(f"#change-{i}").get_attribute("class") for i in _visit_every_change(page, 5)}
    assert landed and all("tier-review" in c or "tier-finding" in c for c in landed)
    assert page.locator(".change.tier-safe:visible").count() == 0
    assert page.locator('.change[data-rule="testfinding.placeholder"]:visible').count() == 0
    page.check('input[data-tier="safe"]')
    page.check('input[data-family="testfinding"]')
    assert page.locator(".change.tier-safe:visible").count() == len(report["edits"]) - sum(
        e["tier"] != "safe" for e in report["edits"])

    clock_index, clock = next((i, e) for i, e in enumerate(report["edits"]) if e["rule"] == "typo.clock_time")
    review_index, suggestion = next((i, e) for i, e in enumerate(report["suggestions"]) if e["rule"] == REVIEW.id)
    page.click(f'#change-e{clock_index} button[data-verdict="reject"]')
    page.click(f'#change-s{review_index} button[data-verdict="accept"]')
    assert page.get_attribute(f"#change-e{clock_index}", "data-verdict") == "reject"
    assert "1 accepted, 1 rejected" in page.inner_text("#status")
    page.locator(f"#change-s{review_index}").scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"))
    with page.expect_download() as download:
        page.click("#export")
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert exported.name == f"{SAMPLE}.decisions.json"

    assert main(["apply", str(exported)]) == 0
    raw_lines = (tmp_path / "raw" / f"{SAMPLE}.txt").read_text().split("\n")
    old_lines = (ROOT / "fixed" / f"{SAMPLE}.txt").read_text().split("\n")
    new_doc = read_document(tmp_path / "fixed" / f"{SAMPLE}.txt")
    new_lines = new_doc.text.split("\n")
    changed = {n + 1 for n, (old, new) in enumerate(zip(old_lines, new_lines, strict=True)) if old != new}
    assert changed == {clock["line"], suggestion["line"]}
    assert clock["context"]["before"] in new_lines[clock["line"] - 1]
    assert "Nakhichevan region" in new_lines[suggestion["line"] - 1]
    assert "Nakhchivan region" in raw_lines[suggestion["line"] - 1]
    new_report = json.loads((tmp_path / "fixed" / f"{SAMPLE}.json").read_text())
    rejected = [(e["rule"], e["raw_start"], e["raw_end"], e["before"], e["after"]) for e in new_report["rejected"]]
    assert rejected == [(clock["rule"], clock["raw_start"], clock["raw_end"], clock["before"], clock["after"])]
    ledger = [SimpleNamespace(**e) for e in new_report["edits"]]
    assert apply_ledger("\n".join(raw_lines), ledger) == new_doc.text


def test_hostile_text_stays_inert(page: Page, tmp_path: Path) -> None:
    source = ROOT / "tests" / "fixtures" / "hostile.txt"
    assert main(["fix", str(source), "-o", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "hostile.json").read_text())
    page.goto((tmp_path / "hostile.html").as_uri())
    _visit_every_change(page, len(report["edits"]))
    page.hover("#L5 .raw")
    page.focus("#L5 .raw")
    assert page.evaluate("typeof window.__mtfix_pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 2
    assert page.locator("#doc img, #doc svg, #doc textarea, [onmouseover], [onerror], [onload]").count() == 0
    shown = page.inner_text("#doc")
    raw = source.read_text()
    for line in raw.split("\n")[1:6]:
        assert line.split(" at ")[0].split(" 12: ")[0][:40] in shown
    assert "\u202e" not in page.evaluate("document.getElementById('doc').textContent")
    assert page.locator("#L7 .raw .ctl").first.inner_text() == "U+202E"
    assert page.locator("#L8 .raw .ctl").all_inner_texts() == ["U+2028", "U+2029"]
    assert page.evaluate("document.title") == "mtfix report: hostile.txt"


TREATY = "Signed 😀 at 08: 15 in the Nakhchivan region , with 𝒳 witnesses.\nThe second line is clean.\n"
MINUTES = "".join(f"Minute {n}: the committee heard the report and moved on.\n" for n in range(1, 251))
MINUTES = MINUTES.replace("Minute 120: the", "Minute 120: at 09: 30 the").replace("moved on.\n", "moved on .\n", 1)


def _context_page(browser: Browser, width: int, errors: list[str]) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 800}, accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    return opened


def _fully_below_toolbar(page: Page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const box = document.querySelector(sel).getBoundingClientRect();
                       const bar = document.getElementById('toolbar').getBoundingClientRect();
                       return box.top >= bar.bottom && box.bottom <= innerHeight; }""", selector)


def test_folder_index_review_apply_and_gate(page: Page, browser: Browser, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "treaty.txt").write_text(TREATY)
    (raw / "treaty.ref.txt").write_text(TREATY.replace("08: 15", "08:15").replace(" ,", ","))
    (raw / "minutes.txt").write_text(MINUTES)
    (raw / "clean.txt").write_text("Nothing to repair here.\n")
    monkeypatch.chdir(tmp_path)
    register(monkeypatch)
    assert main(["fix", "raw", "-o", "fixed", "--no-grammar", "--resamples", "100"]) == 0
    assert main(["check", "raw", "--fail-on", "review"]) == 1  # the Nakhchivan suggestion is open

    # The index lists the documents worst first and links to their pages.
    page.goto((tmp_path / "fixed" / "index.html").as_uri())
    names = page.locator("tbody td:first-child").all_inner_texts()
    assert names == ["treaty.txt", "minutes.txt", "clean.txt"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "index-1400.png"), full_page=True)
    page.set_viewport_size({"width": 400, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.screenshot(path=str(ARTIFACTS / "index-400.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.check("#changed-only")
    assert page.locator("tbody tr:visible td:first-child").all_inner_texts() == ["treaty.txt", "minutes.txt"]
    page.click("text=treaty.txt")
    assert page.url.endswith("/fixed/treaty.html")

    report = json.loads((tmp_path / "fixed" / "treaty.json").read_text())
    clock = next(i for i, e in enumerate(report["edits"]) if e["rule"] == "typo.clock_time")
    review = next(i for i, e in enumerate(report["suggestions"]) if e["rule"] == REVIEW.id)
    # After the emoji, the highlight still falls on the space after "08:" (UTF-16 offsets on the page).
    page.locator(f'#L1 .raw mark[data-changes~="e{clock}"]').wait_for()
    assert page.evaluate(f"""() => {{ const m = document.querySelector('#L1 .raw mark[data-changes~="e{clock}"]');
                              return [m.previousSibling.textContent.slice(-3), m.textContent]; }}""") == ["08:", " "]
    assert page.locator(f'#L1 .raw mark[data-changes~="s{review}"]').inner_text() == "chi"  # Nakh|chi|van
    fixed = page.locator("#L1 > .fixed")
    assert "08:15" in fixed.inner_text() and "Nakhchivan region" in fixed.inner_text()

    page.click(f'#change-e{clock} button[data-verdict="reject"]')
    page.click(f'#change-s{review} button[data-verdict="accept"]')
    shown = fixed.inner_text()  # both verdicts show at once in the fixed column
    assert "08: 15" in shown and "Nakhichevan region" in shown and "witnesses" in shown and " ," not in shown
    page.click(f'#change-s{review} button[data-verdict="accept"]')  # a second click takes the verdict back
    assert "Nakhchivan region" in fixed.inner_text()
    page.click(f'#change-s{review} button[data-verdict="accept"]')
    page.screenshot(path=str(ARTIFACTS / "review-1400.png"))
    page.set_viewport_size({"width": 400, "height": 800})
    page.locator(f"#change-s{review}").scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.screenshot(path=str(ARTIFACTS / "review-400.png"))
    with page.expect_download() as download:
        page.click("#export")
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)

    assert main(["apply", str(exported)]) == 0
    applied = (tmp_path / "fixed" / "treaty.txt").read_text()
    assert applied.split("\n")[0] == "Signed 😀 at 08: 15 in the Nakhichevan region, with 𝒳 witnesses."
    assert main(["check", "raw", "--fail-on", "review"]) == 0
    assert main(["check", "raw"]) == 1  # the safe edits of minutes.txt are still there to fix


def test_long_page_opens_on_changed_lines_and_narrow_screens_fit(browser: Browser, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "minutes.txt").write_text(MINUTES)
    (raw / "treaty.txt").write_text(TREATY)
    (raw / "treaty.ref.txt").write_text(TREATY.replace("08: 15", "08:15"))
    assert main(["fix", str(raw), "-o", str(tmp_path / "fixed"), "--no-grammar", "--resamples", "100"]) == 0
    errors: list[str] = []
    wide = _context_page(browser, 1400, errors)
    wide.goto((tmp_path / "fixed" / "minutes.html").as_uri())
    assert wide.is_checked("#changed-only")
    wide.locator("#L120").scroll_into_view_if_needed()
    assert wide.locator("#L119").is_hidden() and wide.locator("#L120").is_visible()
    assert wide.locator(".gap").first.inner_text() == "\u22ef 118 unchanged lines"
    wide.uncheck("#changed-only")
    assert wide.locator("#L2").is_visible() and wide.locator(".gap").first.is_hidden()

    narrow = _context_page(browser, 400, errors)
    for name in ("treaty", "minutes"):
        narrow.goto((tmp_path / "fixed" / f"{name}.html").as_uri())
        assert narrow.evaluate("document.documentElement.scrollWidth") <= 400
        for _ in range(2):
            narrow.keyboard.press("j")
            assert _fully_below_toolbar(narrow, ".change.current")
        if name == "treaty":
            signature = narrow.locator("table.scores code").first.bounding_box()
            assert signature is not None and signature["width"] > 200  # not one character a line
    assert errors == []
