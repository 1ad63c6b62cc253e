"""A folder run: one summary line, ``index.html`` listing every document worst first; page offsets in UTF-16."""

from __future__ import annotations

import json
import re
from pathlib import Path

from lxml import html as lxml_html

from mtfix.reports.html import changes, html_report, utf16_offsets
from mtfix.reports.index import MANY, IndexEntry, index_html
from mtfix.runner import fix_text

DOCS = {
    "clean.txt": "Nothing to repair here.\n",
    "one.txt": "We met at 08: 15 as planned.\n",
    "two.txt": "We met at 08: 15 , as planned.\nIt cost xnumx rubles.\n",
}


def _folder(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text in DOCS.items():
        (raw / name).write_text(text)
    return raw


def test_folder_run_prints_one_line_and_writes_an_index_worst_first(mtfix, tmp_path: Path) -> None:
    raw, out = _folder(tmp_path), tmp_path / "fixed"
    proc = mtfix("fix", str(raw), "-o", str(out), "--no-grammar")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().splitlines() == [
        f"3 files repaired into {out} (2 changed, 1 unchanged): 3 edits, 0 review suggestions, 1 findings; "
        f"review: {out / 'index.html'}"]
    page = lxml_html.fromstring((out / "index.html").read_bytes())
    rows = page.xpath("//tbody/tr")
    cells = [[td.text_content() for td in row.xpath("td")] for row in rows]
    assert [c[:4] for c in cells] == [
        ["two.txt", "1", "0", "2"], ["one.txt", "0", "0", "1"], ["clean.txt", "0", "0", "0"]]
    assert [row.xpath("td/a/@href")[0] for row in rows] == ["two.html", "one.html", "clean.html"]
    assert all((out / href).is_file() for href in page.xpath("//tbody//a/@href"))
    assert rows[2].get("class") == "unchanged" and page.xpath("//input[@id='changed-only']/@checked") == []
    assert [td.text_content() for td in page.xpath("//tfoot//td")][:4] == ["all 3", "1", "0", "3"]

    verbose = mtfix("fix", str(raw), "-o", str(out), "--no-grammar", "-v").stdout.decode().splitlines()
    each = [line.split(" -> ")[0] for line in verbose if line.startswith(str(raw))]
    assert each == [str(raw / n) for n in sorted(DOCS)]
    assert verbose[-1].startswith("3 files repaired")
    mtfix("fix", str(raw), "-o", str(out), "--no-grammar", "--changed-only")
    page = lxml_html.fromstring((out / "index.html").read_bytes())
    assert page.xpath("//input[@id='changed-only']/@checked") == ["checked"]
    assert 'id="changed-only" checked' in (out / "one.html").read_text()


def test_single_input_keeps_its_line_and_many_documents_open_on_the_changed_ones(mtfix, tmp_path: Path) -> None:
    raw, out = _folder(tmp_path), tmp_path / "fixed"
    lines = mtfix("fix", str(raw / "one.txt"), "-o", str(out), "--no-grammar").stdout.decode().splitlines()
    assert lines[0] == f"{raw / 'one.txt'} -> {out / 'one.txt'}: 1 edits, 0 review suggestions, 0 findings"
    entries = [IndexEntry(f"d{i}.txt", f"d{i}.html", i % 2, 0, 0, 5, i % 2) for i in range(MANY + 1)]
    assert 'id="changed-only" checked' in index_html(entries)
    assert 'id="changed-only" checked' not in index_html(entries[:MANY])


def test_index_escapes_names_and_links() -> None:
    page = index_html([IndexEntry('<b>"x".txt', '<b>"x" #1.html', 1, 0, 0, 1, 1)])
    assert "<b>" not in page.split("<tbody>")[1] and 'href="%3Cb%3E%22x%22%20%231.html"' in page


def test_page_offsets_are_utf16_after_astral_characters() -> None:
    raw = "😀 ok 😀😀 at 08: 15 , 𝒳 end"
    result = fix_text(raw)
    report = {"edits": [e.to_json() for e in result.applied]}
    found = changes(report, raw)
    units = raw.encode("utf-16-le")
    for change, edit in zip(found, result.applied, strict=True):
        assert raw[edit.raw_start:edit.raw_end] == edit.before  # the ledger counts code points
        piece = units[change["start16"] * 2:change["end16"] * 2].decode("utf-16-le")
        assert piece == edit.before and change["raw_start"] == edit.raw_start
    assert [c["start16"] - c["raw_start"] for c in found] == [3, 3]
    to16 = utf16_offsets(raw)
    assert to16(len(raw)) == len(units) // 2
    page = html_report({**report, "input": "x.txt"}, raw, result.text, "x.txt")
    data = json.loads(re.search(r'id="mtfix-data">(.*?)</script>', page).group(1))
    fields = data["changes"]["fields"]
    assert [row[fields.index("start16")] for row in data["changes"]["rows"]] == [c["start16"] for c in found]
