"""Markdown, HTML and subtitles: only the prose is repaired, the file comes back byte for byte elsewhere.

The documents are made by the tools of each format (markdown-it-py renders, lxml parses, ``srt``
composes) from the sample article and WMT22 lines with known artifacts
(``tests/fixtures/wmt22/cases.tsv``, a copy of the shared ``corpus/wmt22-ru-en``).
"""

from __future__ import annotations

import datetime
import html
import json
import re
from pathlib import Path

import lxml.html
import pytest
import srt
import webvtt
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import TER

from mtfix.cli import main
from mtfix.config import Config
from mtfix.formats.document import CROSSES_MARKUP
from mtfix.formats.files import repair_file
from mtfix.formats.markdown import parser
from mtfix.registry import all_rules
from mtfix.runner import apply_ledger, document_facts, fix_text
from mtfix.textio import decode, encode

ROOT = Path(__file__).resolve().parent.parent
WMT = ROOT / "tests" / "fixtures" / "wmt22"
SAMPLE = ROOT / "raw" / "soviet-turkish-treaty-1921.txt"
GOLD = ROOT / "raw" / "soviet-turkish-treaty-1921.ref.txt"
RULES = tuple(all_rules())


def _cases(family: str, count: int) -> list[str]:
    rows = (WMT / "cases.tsv").read_text("utf-8").split("\n")[1:]
    return [row.split("\t")[2] for row in rows if row.count("\t") >= 3 and row.split("\t")[1] == family][:count]


def _lines() -> list[str]:
    """WMT22 lines that the rules repair, of several families."""
    return _cases("typo.space_before_punct", 8) + _cases("typo.quote_spacing", 4) + _cases("date.day_in_month", 4)


def _repair(name: str, text: str):
    doc = decode(text.encode(), name)
    done = repair_file(Path(name), doc, RULES, Config())
    assert apply_ledger(doc.text, done.file.edits) == done.file.text  # the ledger replays on the file
    return doc, done


def _pairs(a: lxml.html.HtmlElement, b: lxml.html.HtmlElement, changed: list[tuple[str, str]],
           frozen: bool = False) -> None:
    """Walk two trees together: same tags, attributes and comments; text (and an image's alt text, which
    Markdown renders into an attribute) may differ only outside code."""
    prose_attributes = ("alt",) if a.tag == "img" else ()
    attributes = [{k: v for k, v in e.attrib.items() if k not in prose_attributes} for e in (a, b)]
    assert (a.tag, attributes[0]) == (b.tag, attributes[1])
    changed += [(a.get(k), b.get(k)) for k in prose_attributes if a.get(k) != b.get(k)]
    frozen = frozen or a.tag in ("code", "pre", "script", "style", "title") or not isinstance(a.tag, str)
    for x, y in ((a.text or "", b.text or ""),):
        if x != y:
            assert not frozen, (x, y)
            changed.append((x, y))
    assert len(a) == len(b)
    for child_a, child_b in zip(a, b, strict=True):
        _pairs(child_a, child_b, changed, frozen)
        if (child_a.tail or "") != (child_b.tail or ""):
            assert not frozen, (child_a.tail, child_b.tail)
            changed.append((child_a.tail or "", child_b.tail or ""))


def _explained(changed: list[tuple[str, str]], facts: dict) -> None:
    """Every changed text node is what the text run makes of it."""
    assert changed
    for before, after in changed:
        assert fix_text(before, RULES, doc=facts).text == after, (before, after)


def test_markdown_renders_the_same_apart_from_the_repaired_words() -> None:
    lines = _lines()
    text = "\n".join([
        "---", "title: Treaty 08: 15 , draft", "---", "",
        f"# {lines[0]}", "",
        lines[1], lines[2], "",
        f"- {lines[3]}", f"- {lines[4]} `code , 08: 15` and [a link]( https://x.org/a,b \"title , 08: 15\")", "",
        f"> {lines[5]}", "",
        "| one | two |", "| --- | --- |", f"| {lines[6]} | {lines[7]} |", "",
        "```", "code block , 08: 15", "```", "",
        "<div>html block , 08: 15</div>", "",
        f"![alt text , here]({'img.png'}) {lines[8]}", "",
        f"[{lines[9]}](https://example.org/a%20,b)", "",
        "$$", "a , b", "$$", "",
        *lines[10:], "",
    ])
    _, done = _repair("article.md", text)
    assert done.file.edits and done.file.text != text
    md = parser()
    before = lxml.html.fragment_fromstring(md.render(text), create_parent="div")
    after = lxml.html.fragment_fromstring(md.render(done.file.text), create_parent="div")
    changed: list[tuple[str, str]] = []
    _pairs(before, after, changed)
    _explained(changed, document_facts(done.prose.raw))
    assert "title: Treaty 08: 15 , draft" in done.file.text and "code block , 08: 15" in done.file.text
    assert "`code , 08: 15`" in done.file.text and "<div>html block , 08: 15</div>" in done.file.text


def test_html_dom_is_identical_outside_the_repaired_text_nodes() -> None:
    lines = _lines()
    body = "\n".join(
        [f"<h1 class=\"t , 08: 15\">{html.escape(lines[0])}</h1>"]
        + [f"<p id=\"p{i}\" data-x=' , 08: 15'>{html.escape(line)}</p>" for i, line in enumerate(lines[1:8])]
        + [f"<ul><li>{html.escape(lines[8])}</li><li><a href=\"/a , b\">{html.escape(lines[9])}</a></li></ul>",
           "<pre>pre , 08: 15</pre><p>Say <code>x , y</code> here &amp; there.</p>",
           "<!-- comment , 08: 15 --><script>var s = 'a , 08: 15';</script><style>p { content: 'a , b' }</style>",
           f"<table><tr><td>{html.escape(lines[10])}</td><td>{html.escape(lines[11])}</td></tr></table>"]
        + [f"<p>{html.escape(line)}</p>" for line in lines[12:]]
    )
    text = f"<!DOCTYPE html>\n<html><head><title>T , 08: 15</title></head>\n<body>\n{body}\n</body></html>\n"
    _, done = _repair("page.html", text)
    assert done.file.edits
    changed: list[tuple[str, str]] = []
    _pairs(lxml.html.document_fromstring(text), lxml.html.document_fromstring(done.file.text), changed)
    _explained(changed, document_facts(done.prose.raw))
    for kept in ("<title>T , 08: 15</title>", "<pre>pre , 08: 15</pre>", "<!-- comment , 08: 15 -->",
                 "data-x=' , 08: 15'", "&amp;"):
        assert kept in done.file.text


def _srt_file(lines: list[str]) -> str:
    cues = []
    for n, line in enumerate(lines, 1):
        start = datetime.timedelta(seconds=3 * n, milliseconds=250)
        content = line if n % 3 else f"<i>{line[:12]}</i>{line[12:]}"
        cues.append(srt.Subtitle(n, start, start + datetime.timedelta(seconds=2), content))
    return srt.compose(cues)


def test_srt_keeps_its_cues_and_timecodes(tmp_path: Path) -> None:
    lines = _lines()
    text = _srt_file(lines).replace("\n", "\r\n")
    (tmp_path / "film.srt").write_bytes(text.encode())
    assert main(["fix", str(tmp_path / "film.srt"), "-o", str(tmp_path / "out")]) == 0
    fixed = (tmp_path / "out" / "film.srt").read_bytes().decode()
    assert fixed != text and fixed.count("\r\n") == text.count("\r\n")
    before, after = list(srt.parse(text)), list(srt.parse(fixed))
    assert len(before) == len(after) == len(lines)
    assert [(c.index, c.start, c.end, c.proprietary) for c in before] == [
        (c.index, c.start, c.end, c.proprietary) for c in after]
    changed = [(b.content, a.content) for b, a in zip(before, after, strict=True) if "<i>" not in b.content]
    facts = document_facts("\n".join(lines))
    assert all(fix_text(b, RULES, doc=facts).text == a for b, a in changed)
    assert any(b != a for b, a in changed)
    report = json.loads((tmp_path / "out" / "film.srt.json").read_text())
    file_lines = text.replace("\r\n", "\n").split("\n")
    for edit in report["edits"]:  # line and column point into the file; the cue number names the segment
        assert file_lines[edit["line"] - 1][edit["col"] - 1:].startswith(edit["before"])
        assert file_lines[file_lines.index(edit["segment"]) + 1].startswith("00:")


def test_webvtt_keeps_timings_settings_and_notes() -> None:
    text = ("WEBVTT\n\nNOTE a note , 08: 15\n\nintro\n00:00:01.000 --> 00:00:02.500 align:start line:0\n"
            "<v Anna>We met at 08: 15 , then left.</v>\n\n00:00:03.000 --> 00:00:04.000\nThe end , again.\n")
    doc, done = _repair("film.vtt", text)
    expected = text.replace("at 08: 15 , then", "at 08:15, then").replace("end , again", "end, again")
    assert encode(doc, done.file.text).decode() == expected
    before = webvtt.from_string(text).captions
    after = webvtt.from_string(done.file.text).captions
    assert [(c.identifier, c.start, c.end) for c in before] == [(c.identifier, c.start, c.end) for c in after]


def test_the_sample_as_markdown_and_html_gets_the_text_runs_edits_and_ter() -> None:
    raw = SAMPLE.read_text("utf-8").rstrip("\n")
    lines = raw.split("\n")
    text_run = fix_text(raw, RULES)
    md = "\n".join(line.lstrip() for line in lines) + "\n"
    page = ("<!DOCTYPE html>\n<html><head><title>Sample</title></head><body>\n"
            + "\n".join(f"<p>{html.escape(line.lstrip(), quote=False)}</p>" for line in lines) + "\n</body></html>\n")
    gold = [GOLD.read_text("utf-8").rstrip("\n").split("\n")]
    ter = TER().corpus_score(text_run.text.split("\n"), gold).score

    def key(result):
        return sorted((e.rule_id, e.before, e.after, e.context, e.applied) for e in result.edits)

    for name, text, header in (("sample.md", md, 0), ("sample.html", page, 2)):
        _, done = _repair(name, text)
        assert key(done.prose) == key(text_run)
        assert sorted((f.rule_id, f.text) for f in done.prose.findings) == sorted(
            (f.rule_id, f.text) for f in text_run.findings)
        assert {f.line for f in done.file.findings} == {f.line + header for f in text_run.findings}
        fixed = done.file.text.rstrip("\n").split("\n")
        if header:
            fixed = [html.unescape(line.removeprefix("<p>").removesuffix("</p>")) for line in fixed[header:-1]]
        assert fixed == [line.lstrip() for line in text_run.text.split("\n")]
        assert TER().corpus_score(fixed, gold).score == ter


def test_a_repair_across_markup_is_a_finding() -> None:
    _, done = _repair("a.md", "The treaty was concluded 16 in *March* 1921 , then.\n")
    assert done.file.text == "The treaty was concluded 16 in *March* 1921, then."
    crossing = [f for f in done.file.findings if CROSSES_MARKUP in f.message]
    assert [(f.rule_id, f.line, f.col) for f in crossing] == [("date.day_in_month", 1, 26)]
    _, page = _repair("a.html", "<p>concluded 16 in <em>March</em> 1921</p>\n")
    assert page.file.text == "<p>concluded 16 in <em>March</em> 1921</p>"
    assert [f.rule_id for f in page.file.findings] == ["date.day_in_month"]


def test_decisions_name_prose_offsets_and_apply_follows_them(tmp_path: Path) -> None:
    text = "# Title\n\nWe met at 08: 15 , then left.\n"
    (tmp_path / "a.md").write_text(text)
    assert main(["fix", str(tmp_path / "a.md"), "-o", str(tmp_path / "out")]) == 0
    page = (tmp_path / "out" / "a.md.html").read_text()
    data = json.loads(re.search(r'id="mtfix-data">(.*?)</script>', page).group(1))
    assert data["raw"] == "Title\n\nWe met at 08: 15 , then left."  # the prose, at the file's lines
    rows = [dict(zip(data["changes"]["fields"], row, strict=True)) for row in data["changes"]["rows"]]
    clock = next(r for r in rows if r["rule"] == "typo.clock_time")
    assert data["raw"][clock["raw_start"]:clock["raw_end"]] == clock["before"]
    decision = {k: clock[k] for k in ("rule", "raw_start", "raw_end", "before", "after")} | {"verdict": "reject"}
    decisions = {"format": "mtfix-decisions/1", "input": str(tmp_path / "a.md"), "raw_sha256": data["raw_sha256"],
                 "decisions": [decision]}
    (tmp_path / "d.json").write_text(json.dumps(decisions))
    assert main(["apply", str(tmp_path / "d.json"), "--raw", str(tmp_path / "a.md"), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "a.md").read_text() == "# Title\n\nWe met at 08: 15, then left.\n"
    assert (tmp_path / "a.md.decisions.json").is_file()


@pytest.mark.parametrize(("name", "text"), [("bad.srt", "1\nnot a timecode\nHello , there\n"),
                                           ("bad.vtt", "1\n00:00:01.000 --> 00:00:02.000\nNo header , here\n")])
def test_a_file_its_parser_refuses_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
                                                     text: str) -> None:
    (tmp_path / "good.md").write_text("Fine , here.\n")
    (tmp_path / name).write_text(text)
    assert main(["fix", str(tmp_path / "good.md"), str(tmp_path / name), "-o", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err.strip().split("\n")
    assert len(error) == 1 and error[0].startswith(f"mtfix: error: {tmp_path / name}: not ")
    assert not (tmp_path / "out").exists()


# Files with nothing to fix: clean prose around markup whose insides hold artifacts the rules would fix.
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo"]
ARTIFACT = "a , b 08: 15"
sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6, unique=True).map(
    lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + ".")


@st.composite
def markdown_files(draw) -> str:
    blocks = draw(st.lists(st.one_of(
        sentences,
        sentences.map(lambda s: f"# {s}"),
        sentences.map(lambda s: f"- {s} `{ARTIFACT}`"),
        sentences.map(lambda s: f"[{s}](https://x.org/{ARTIFACT.replace(' ', '%20')} \"{ARTIFACT}\")"),
        sentences.map(lambda s: f"*{s}* and &amp; {s}"),
        st.just(f"```\n{ARTIFACT}\n```"),
        st.just(f"<div>{ARTIFACT}</div>"),
        st.just(f"$${ARTIFACT}$$"),
    ), min_size=1, max_size=6))
    front = draw(st.sampled_from(["", f"---\ntitle: {ARTIFACT}\n---\n\n"]))
    return front + "\n\n".join(blocks) + draw(st.sampled_from(["", "\n"]))


@st.composite
def html_files(draw) -> str:
    blocks = draw(st.lists(st.one_of(
        sentences.map(lambda s: f"<p title=\"{ARTIFACT}\">{s}</p>"),
        sentences.map(lambda s: f"<p>{s} <code>{ARTIFACT}</code> &amp; <em>{s}</em></p>"),
        st.just(f"<pre>{ARTIFACT}</pre>"),
        st.just(f"<!-- {ARTIFACT} -->"),
        st.just(f"<script>var x = '{ARTIFACT}';</script>"),
        sentences.map(lambda s: f"<a href='/{ARTIFACT}'>{s}</a><br/>"),
    ), min_size=1, max_size=6))
    return "<html><head><title>" + ARTIFACT + "</title></head><body>\n" + "\n".join(blocks) + "\n</body></html>"


@st.composite
def srt_files(draw) -> str:
    texts = draw(st.lists(st.one_of(sentences, sentences.map(lambda s: f"<i>{s}</i>")), min_size=1, max_size=5))
    return srt.compose([srt.Subtitle(n, datetime.timedelta(seconds=n), datetime.timedelta(seconds=n, milliseconds=900),
                                     t) for n, t in enumerate(texts, 1)])


@st.composite
def vtt_files(draw) -> str:
    texts = draw(st.lists(st.one_of(sentences, sentences.map(lambda s: f"<v Anna>{s}</v>")), min_size=1, max_size=5))
    cues = [f"{n}\n00:00:0{n}.000 --> 00:00:0{n}.900 align:start\n{t}" for n, t in enumerate(texts, 1)]
    return "\n\n".join([f"WEBVTT\n\nNOTE {ARTIFACT}", *cues]) + "\n"


@settings(max_examples=40, deadline=None)
@given(st.one_of(markdown_files().map(lambda t: ("x.md", t)), html_files().map(lambda t: ("x.html", t)),
                 srt_files().map(lambda t: ("x.srt", t)), vtt_files().map(lambda t: ("x.vtt", t))),
       st.booleans(), st.booleans())
def test_files_with_nothing_to_fix_come_back_byte_identical(named: tuple[str, str], crlf: bool, bom: bool) -> None:
    name, text = named
    data = (("\ufeff" if bom else "") + (text.replace("\n", "\r\n") if crlf else text)).encode()
    doc = decode(data, name)
    done = repair_file(Path(name), doc, RULES, Config())
    assert done.file.edits == [] and encode(doc, done.file.text) == data


def test_markdown_text_the_parser_unescaped_is_left_alone() -> None:
    text = "| a \\| b , c | d , e |\n| --- | --- |\n| f , g | h \\| i , j |\n\nk , l"
    _, done = _repair("t.md", text)  # a cell with an escaped pipe and the rest of its row are left alone
    assert done.file.text == "| a \\| b , c | d , e |\n| --- | --- |\n| f, g | h \\| i , j |\n\nk, l"


def test_check_and_sarif_point_into_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "---\ntitle: x , y\n---\n\nIntro `a , b` and then , at 08: 15 .\n"
    (tmp_path / "a.md").write_text(text)
    assert main(["check", str(tmp_path / "a.md"), "--output-format", "sarif"]) == 1
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    lines = text.split("\n")
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
    assert [lines[g["startLine"] - 1][g["startColumn"] - 1:][:2] for g in regions] == [" ,", " 1", " ."]


def test_check_fix_repairs_a_document_in_place_and_reports_only_its_prose(tmp_path: Path, capsys) -> None:
    page = tmp_path / "a.html"
    page.write_text("<p>We met at 08: 15 , then left.</p>\n<pre>x 08: 15 ,</pre>\n")
    assert main(["check", "--fix", str(page)]) == 0  # nothing left: the <pre> is not prose, before or after
    assert page.read_text() == "<p>We met at 08:15, then left.</p>\n<pre>x 08: 15 ,</pre>\n"
    assert capsys.readouterr().out == ""


def test_check_fix_leaves_a_document_with_decisions_as_it_is(tmp_path: Path, capsys) -> None:
    page = tmp_path / "a.md"
    page.write_text("We met at 08: 15.\n")
    assert main(["fix", str(page), "-o", str(tmp_path / "out")]) == 0
    data = json.loads(re.search(r'id="mtfix-data">(.*?)</script>', (tmp_path / "out" / "a.md.html").read_text())
                      .group(1))
    decisions = {"format": "mtfix-decisions/1", "input": str(page), "raw_sha256": data["raw_sha256"], "decisions": []}
    (tmp_path / "a.md.decisions.json").write_text(json.dumps(decisions))
    capsys.readouterr()
    assert main(["check", "--fix", str(page)]) == 1
    assert page.read_text() == "We met at 08: 15.\n"
    assert "not fixed in place" in capsys.readouterr().err
