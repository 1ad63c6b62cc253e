"""The self-contained HTML report: raw and fixed side by side, every change labelled with its rule.

No external scripts, styles or fonts; every piece of document text is escaped.
"""

from __future__ import annotations

import difflib
import html
from collections import defaultdict
from collections.abc import Sequence

import regex

from .. import __version__
from ..model import Edit, Finding
from ..runner import Result

_TOKEN = regex.compile(r"\w+|\s+|[^\w\s]")

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.3em} h2{font-size:1.1em;margin-top:1.6em}
table.side{border-collapse:collapse;width:100%;table-layout:fixed}
table.side td{vertical-align:top;padding:3px 6px;border-top:1px solid #eee;white-space:pre-wrap;word-wrap:break-word}
td.no{width:3em;color:#999;text-align:right}
tr.changed td{background:#fffbea}
mark.raw{background:#ffd7d7;text-decoration:line-through}
mark.fixed{background:#d4f7d4}
ul.labels{margin:2px 0 4px 0;padding-left:1.2em;font-size:12px;color:#555;white-space:normal}
code{background:#f3f3f3;padding:0 2px}
.tier-review{color:#8a5a00}
table.scores td,table.counts td{padding:2px 8px;border-top:1px solid #eee}
table.scores code{word-break:break-all;font-size:12px}
"""


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _merged_spans(edits: Sequence[Edit], line_start: int, line_end: int) -> list[tuple[int, int, list[Edit]]]:
    spans: list[tuple[int, int, list[Edit]]] = []
    for edit in sorted(edits, key=lambda e: (e.raw_start, e.raw_end)):
        start, end = max(edit.raw_start, line_start), min(max(edit.raw_end, edit.raw_start), line_end)
        if spans and start <= spans[-1][1] and (start < spans[-1][1] or start == end):
            last = spans[-1]
            spans[-1] = (last[0], max(last[1], end), [*last[2], edit])
        else:
            spans.append((start, end, [edit]))
    return spans


def _raw_side(line: str, line_start: int, edits: Sequence[Edit]) -> str:
    out, cursor = [], line_start
    for start, end, group in _merged_spans(edits, line_start, line_start + len(line)):
        out.append(_escape(line[cursor - line_start : start - line_start]))
        rules = " ".join(sorted({e.rule_id for e in group}))
        title = "; ".join(f"{e.rule_id}: {e.message}" for e in group)
        text = line[start - line_start : end - line_start] or "\u2038"
        out.append(f'<mark class="raw" data-rule="{_escape(rules)}" title="{_escape(title)}">{_escape(text)}</mark>')
        cursor = end
    out.append(_escape(line[cursor - line_start :]))
    return "".join(out)


def _fixed_side(raw_line: str, fixed_line: str) -> str:
    a, b = _TOKEN.findall(raw_line), _TOKEN.findall(fixed_line)
    out = []
    for op, _, _, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        chunk = _escape("".join(b[j1:j2]))
        out.append(chunk if op == "equal" or not chunk else f'<mark class="fixed">{chunk}</mark>')
    return "".join(out)


def _label(edit: Edit) -> str:
    return (
        f'<li class="tier-{edit.tier}" data-rule="{_escape(edit.rule_id)}"><code>{_escape(edit.rule_id)}</code> '
        f"{_escape(edit.message)}: <code>{_escape(edit.context[0])}</code> → <code>{_escape(edit.context[1])}</code>"
        f" ({edit.tier})</li>"
    )


def _finding_row(finding: Finding) -> str:
    return (
        f"<tr><td>{finding.line}:{finding.col}</td><td><code>{_escape(finding.rule_id)}</code></td>"
        f"<td>{_escape(finding.message)}</td><td><code>{_escape(finding.text)}</code></td></tr>"
    )


def html_report(result: Result, title: str, extra: str = "") -> str:
    """The whole report page for one document; ``extra`` is an HTML section shown after the summary."""
    raw_lines, fixed_lines = result.raw.split("\n"), result.text.split("\n")
    by_line: dict[int, list[Edit]] = defaultdict(list)
    for edit in result.applied:
        by_line[edit.line].append(edit)
    rows, start = [], 0
    for number, (raw_line, fixed_line) in enumerate(zip(raw_lines, fixed_lines, strict=True), 1):
        edits = by_line.get(number, [])
        if edits or raw_line != fixed_line:
            labels = "".join(_label(e) for e in edits)
            rows.append(
                f'<tr class="changed" id="L{number}"><td class="no">{number}</td>'
                f"<td>{_raw_side(raw_line, start, edits)}</td>"
                f'<td>{_fixed_side(raw_line, fixed_line)}<ul class="labels">{labels}</ul></td></tr>'
            )
        else:
            rows.append(f'<tr id="L{number}"><td class="no">{number}</td><td>{_escape(raw_line)}</td>'
                        f"<td>{_escape(fixed_line)}</td></tr>")
        start += len(raw_line) + 1
    suggestions = "".join(f"<li>line {e.line}:{e.col} " + _label(e)[4:] for e in result.suggestions)
    findings = "".join(_finding_row(f) for f in result.findings)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>mtfix report: {_escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>mtfix report: {_escape(title)}</h1>"
        f"<p>{len(result.applied)} changes applied, {len(result.suggestions)} review suggestions, "
        f"{len(result.findings)} findings. mtfix {__version__}.</p>{extra}"
        f"<h2>Review-tier suggestions (not applied)</h2><ul>{suggestions or '<li>none</li>'}</ul>"
        "<h2>Findings</h2><table><tr><th>line:col</th><th>rule</th><th>message</th><th>text</th></tr>"
        f"{findings}</table>"
        '<h2>Text</h2><table class="side"><tr><th class="no">#</th><th>raw</th><th>fixed</th></tr>'
        f"{''.join(rows)}</table></body></html>\n"
    )
