"""The self-contained HTML report where review happens: raw and fixed side by side, decisions exported as JSON.

The page has no external scripts, styles or fonts and opens from disk. Document text travels as JSON
in a ``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped,
and the page's script (``review.js``) inserts it as text nodes only, so hostile text stays inert. The
script renders blocks of lines as they scroll into view, which keeps a report of megabytes responsive.

Offsets: the ledger counts code points (Python's ``str``), the page's script indexes UTF-16 strings.
Each change carries both: ``raw_start``/``raw_end`` (code points, exported in the decisions as the
ledger has them) and ``start16``/``end16`` (UTF-16 units, where the script cuts and highlights).

>>> _json_for_script({"t": "</script><!--\\u2028"})
'{"t": "\\\\u003c/script\\\\u003e\\\\u003c!--\\\\u2028"}'
"""

from __future__ import annotations

import bisect
import html
import json
from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any

from .. import __version__
from ..decisions import FORMAT

_ASSETS = resources.files(__package__)
SCRIPT = _ASSETS.joinpath("review.js").read_text(encoding="utf-8")
STYLE = _ASSETS.joinpath("review.css").read_text(encoding="utf-8")
_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def _escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def _json_for_script(data: Any) -> str:
    """JSON that can sit inside a ``<script>`` element: no character of it can end or comment the element."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)


FIELDS = ("id", "kind", "rule", "tier", "message", "line", "col", "raw_start", "raw_end", "decision",
          "before", "after", "applied", "context_before", "context_after", "text", "start16", "end16")
LONG = 200  # documents with more lines open on their changed lines only


def utf16_offsets(text: str) -> Callable[[int], int]:
    """A function turning code-point offsets of ``text`` into UTF-16 offsets (each astral character counts 2).

    >>> to16 = utf16_offsets("a\U0001F600b")
    >>> [to16(i) for i in range(4)]
    [0, 1, 3, 4]
    """
    astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
    return lambda offset: offset + bisect.bisect_left(astral, offset)


def _change(entry: Mapping[str, Any], kind: str, ident: str, to16: Callable[[int], int]) -> dict[str, Any]:
    context = entry.get("context") or {"before": entry.get("before", ""), "after": entry.get("after", "")}
    return {
        "id": ident,
        "kind": kind,
        "rule": entry["rule"],
        "tier": entry.get("tier", "finding"),
        "message": entry["message"],
        "line": entry["line"],
        "col": entry["col"],
        "raw_start": entry["raw_start"],
        "raw_end": entry["raw_end"],
        "decision": entry.get("decision", ""),
        "before": entry.get("before", ""),
        "after": entry.get("after", ""),
        "applied": entry.get("applied", False),
        "context_before": context["before"],
        "context_after": context["after"],
        "text": entry.get("text", ""),
        "start16": to16(entry["raw_start"]),
        "end16": to16(entry["raw_end"]),
    }


def changes(report: Mapping[str, Any], raw: str = "") -> list[dict[str, Any]]:
    """Every edit (``e<i>``), suggestion (``s<i>``), rejected edit (``r<i>``), finding (``f<i>``) and advisory
    grammar finding (``g<i>``), for the page.

    ``raw`` is the raw text the offsets index, for their UTF-16 counterparts.
    """
    to16 = utf16_offsets(raw)
    found = [_change(e, "edit", f"e{i}", to16) for i, e in enumerate(report.get("edits", []))]
    found += [_change(e, "suggestion", f"s{i}", to16) for i, e in enumerate(report.get("suggestions", []))]
    found += [_change(e, "suggestion", f"r{i}", to16) for i, e in enumerate(report.get("rejected", []))]
    found += [_change(f, "finding", f"f{i}", to16) for i, f in enumerate(report.get("findings", []))]
    found += [_change(g, "finding", f"g{i}", to16) for i, g in enumerate(report.get("grammar", []))]
    return found


def pack(found: list[dict[str, Any]]) -> dict[str, Any]:
    """The changes as rows in the order of ``FIELDS``, each message stored once: a third of the size of objects.

    >>> pack([{**dict.fromkeys(FIELDS, ""), "message": "m"}] * 2)["messages"]
    ['m']
    """
    messages: dict[str, int] = {}
    rows = []
    for change in found:
        row = [change[name] for name in FIELDS]
        row[4] = messages.setdefault(change["message"], len(messages))
        rows.append(row)
    return {"fields": FIELDS, "messages": list(messages), "rows": rows}


def html_report(report: Mapping[str, Any], raw: str, fixed: str, title: str, extra: str = "",
                changed_only: bool = False) -> str:
    """The review page for one document from its JSON report (``reports.ledger.json_report``) and texts.

    ``extra`` is an HTML section (already escaped; the quality tables) shown in the header. The page
    opens on changed lines only with ``changed_only`` or for a document of more than ``LONG`` lines.
    """
    raw_lines, fixed_lines = raw.split("\n"), fixed.split("\n")
    data = {
        "format": FORMAT,
        "input": report.get("input", title),
        "stem": title.removesuffix(".txt"),
        "raw_sha256": report.get("raw_sha256", ""),
        "raw": raw,
        "fixed": {str(n): f for n, (r, f) in enumerate(zip(raw_lines, fixed_lines, strict=True), 1) if r != f},
        "changes": pack(changes(report, raw)),
    }
    counts = report.get("counts", {})
    tiers = "".join(f'<label><input type="checkbox" checked data-tier="{t}"> {t}</label>'
                    for t in ("safe", "review", "finding"))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">"
        f"<title>mtfix report: {_escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>mtfix report: {_escape(title)}</h1>"
        f"<p>{counts.get('edits', 0)} changes applied, {counts.get('suggestions', 0)} suggestions not applied, "
        f"{counts.get('findings', 0)} findings, {counts.get('conflicts', 0)} conflicts. mtfix {__version__}. "
        "Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous change, <kbd>a</kbd> accept, <kbd>r</kbd> reject, "
        "<kbd>d</kbd> dismiss a finding.</p>"
        f"{extra}</header>"
        '<div id="toolbar"><fieldset id="families"><legend>Family</legend></fieldset>'
        f"<fieldset><legend>Tier</legend>{tiers}</fieldset>"
        f'<label><input type="checkbox" id="changed-only"{" checked" if changed_only or len(raw_lines) > LONG else ""}>'
        " changed lines only</label>"
        '<button type="button" id="prev">\u2191 previous</button><button type="button" id="next">next \u2193</button>'
        '<button type="button" id="export">Export decisions</button><span id="status"></span></div>'
        '<div id="doc"><div class="head"><div class="no">#</div><div>raw</div><div>fixed</div></div></div>'
        f'<script type="application/json" id="mtfix-data">{_json_for_script(data)}</script>'
        f"<script>{SCRIPT}</script></body></html>\n"
    )
