"""How long the review page of a large input takes to open in headless Chromium.

Builds an input of about ``--mb`` megabytes by repeating the sample article, runs ``mtfix fix`` on
it, then opens NAME.html from disk and prints the time until the first change is visible, the time
to jump to the last change with the keyboard, and the page's size. Numbers, not a pass/fail test.
The fix itself (with its quality measures) dominates the run: about 6 minutes for 5 MB here.

Usage: python benchmarks/report_open.py [--mb 5]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from mtfix.cli import main as mtfix

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def run(megabytes: float) -> None:
    """Build the input, fix it, open the report and print the timings."""
    sample = (ROOT / "raw" / "soviet-turkish-treaty-1921.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        copies = max(1, round(megabytes * 1_000_000 / len(sample.encode())))
        raw = work / "big.txt"
        raw.write_text(sample * copies, encoding="utf-8")
        started = time.perf_counter()
        mtfix(["fix", str(raw), "-o", str(work / "out"), "--no-grammar"])
        fixed_s = time.perf_counter() - started
        page_path = work / "out" / "big.html"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            started = time.perf_counter()
            page.goto(page_path.as_uri(), wait_until="commit")
            page.locator("mark[data-changes]").first.wait_for(state="visible", timeout=120_000)
            first_s = time.perf_counter() - started
            started = time.perf_counter()
            page.keyboard.press("k")
            page.locator(".change.current").wait_for(state="visible")
            last_s = time.perf_counter() - started
            started = time.perf_counter()
            for _ in range(20):
                page.mouse.wheel(0, 3000)
            page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            scroll_s = time.perf_counter() - started
            browser.close()
        print(f"input {raw.stat().st_size / 1e6:.1f} MB, {sample.count(chr(10)) * copies} lines; "
              f"fix {fixed_s:.1f} s; report {page_path.stat().st_size / 1e6:.1f} MB")
        print(f"first change visible {first_s:.2f} s after opening; last change (key k) {last_s:.2f} s; "
              f"20 wheel scrolls {scroll_s:.2f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="input size in MB (default 5)")
    run(parser.parse_args().mb)
    sys.exit(0)
