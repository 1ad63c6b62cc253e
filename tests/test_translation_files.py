"""XLIFF, TMX, PO and bilingual TSV: each target repaired with its own source, everything else kept.

The files are written by translate-toolkit (``translation_files``) from the WMT22 ru-en test set in the
copy in ``tests/fixtures/wmt22``: ``cases.tsv`` (artifacts injected into the reference, the text run's
expected repairs) with ``src.ru`` as sources. Every repaired file is read back by translate-toolkit
and lxml, not by the adapters under test.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from translate.storage import pypo, tmx, xliff, xliff2
from translation_files import BUILDERS, po, xliff12

from mtfix.cli import main
from mtfix.config import Config
from mtfix.formats.document import CROSSES_MARKUP
from mtfix.formats.files import repair_file
from mtfix.registry import all_rules
from mtfix.runner import apply_ledger, fix_text
from mtfix.textio import decode, encode

ROOT = Path(__file__).resolve().parent.parent
WMT = ROOT / "tests" / "fixtures" / "wmt22"
RULES = tuple(all_rules())
TARGETS = {"xliff12.xlf", "xliff11.xlf", "xliff21.xlf", "tm.tmx"}


@cache
def _cases() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The sources and the corrupted targets of cases.tsv."""
    csv.field_size_limit(10**9)
    with (WMT / "cases.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return tuple(r["source"] for r in rows), tuple(r["corrupted"] for r in rows)


@cache
def _text_run() -> tuple[str, ...]:
    """The text run's repair of the corrupted lines, with the sources (what ``fix --source`` gives)."""
    sources, targets = _cases()
    return tuple(fix_text("\n".join(targets), RULES, source=sources).text.split("\n"))


def _repair(name: str, data: bytes, config: Config | None = None):
    """The repair of a file, and its output as bytes (as ``fix`` writes it)."""
    doc = decode(data, name)
    done = repair_file(Path(name), doc, RULES, config or Config())
    assert apply_ledger(doc.text, done.file.edits) == done.file.text  # the ledger replays on the file
    return done, encode(doc, done.file.text)


def _text(seg: etree._Element) -> str:
    """The text of a TMX ``<seg>``: its own text and that of ``<hi>``, not the native code of ``<bpt>``/``<ept>``."""
    return (seg.text or "") + "".join((_text(c) if c.tag == "hi" else "") + (c.tail or "") for c in seg)


def _targets(name: str, data: bytes) -> list[str]:
    """The plain targets of a file as translate-toolkit reads them (tags dropped, their text kept)."""
    if name.endswith(".po"):
        return [str(u.target) for u in pypo.pofile.parsestring(data).units if not u.isheader()]
    if name.endswith(".tmx"):
        return [_text(u.xmlelement.findall(".//tuv")[1].find("seg")) for u in tmx.tmxfile.parsestring(data).units]
    store = (xliff2.Xliff2File if name == "xliff21.xlf" else xliff.xlifffile).parsestring(data)
    units = [u for u in store.units if not u.isheader() and u.getid() != "2"] if name == "xliff11.xlf" else store.units
    return ["".join(u.xmlelement.find(u.namespaced("target")).itertext()) for u in units]


def _outside_targets(data: bytes) -> list[tuple]:
    """Every element's tag and attributes, and all text outside targets: what must not change."""
    root = etree.fromstring(data)
    found = []
    for element in root.iter():
        inside = any(isinstance(a.tag, str) and etree.QName(a).localname in ("target", "seg")
                     and (etree.QName(a).localname == "target" or a.getparent().getparent()[-1] is a.getparent())
                     for a in (element, *element.iterancestors()))
        found.append((element.tag, dict(element.attrib), None if inside else element.text,
                      None if inside and etree.QName(element).localname not in ("target", "seg") else element.tail))
    return found


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_a_file_with_nothing_to_fix_comes_back_byte_identical(name: str) -> None:
    sources, _ = _cases()
    data = BUILDERS[name](list(zip(sources, _text_run(), strict=True)))
    done, out = _repair(name, data)
    assert out == data
    assert not [e for e in done.file.edits if e.applied]


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_injected_artifacts_get_exactly_the_text_runs_repairs(name: str) -> None:
    sources, targets = _cases()
    data = BUILDERS[name](list(zip(sources, targets, strict=True)))
    done, out = _repair(name, data)
    assert _targets(name, data) == list(targets)  # translate-toolkit reads the artifacts in...
    assert _targets(name, out) == list(_text_run())  # ...and the text run's repairs out
    assert _outside_targets(out) == _outside_targets(data)  # ids, notes, states, tags and attributes kept
    assert out.count(b"<g ") + out.count(b"<pc ") + out.count(b"<bpt ") == (
        data.count(b"<g ") + data.count(b"<pc ") + data.count(b"<bpt "))
    assert not [f for f in done.file.findings if CROSSES_MARKUP in f.message]


def test_po_units_keep_everything_but_msgstr_and_get_exactly_the_text_runs_repairs() -> None:
    sources, targets = _cases()
    data = po(list(zip(sources, targets, strict=True)))
    done, out = _repair("messages.po", data)
    before = [u for u in pypo.pofile.parsestring(data).units if not u.isheader()]
    after = [u for u in pypo.pofile.parsestring(out).units if not u.isheader()]
    assert [(u.source, u.getcontext(), u.getnotes(), u.isfuzzy()) for u in after] == [
        (u.source, u.getcontext(), u.getnotes(), u.isfuzzy()) for u in before]
    # Repairs whose change spans the wrap of a msgstr are made too: the wrap stays, after the change.
    assert [str(u.target) for u in after] == list(_text_run())
    assert not [f for f in done.file.findings if CROSSES_MARKUP in f.message]


def test_a_repair_across_the_wrap_of_a_po_string_keeps_the_wrap() -> None:
    data = ('msgid "Пленум 7 декабря"\nmsgstr ""\n"The Plenum was on 7 "\n"in December , then"\n').encode()
    _, out = _repair("w.po", data)
    assert out.decode() == 'msgid "Пленум 7 декабря"\nmsgstr ""\n"The Plenum was on December 7"\n", then"\n'


def test_an_edit_across_an_inline_code_is_dropped_and_the_code_stays() -> None:
    data = xliff12([("Пленум 16 декабря 1921 года в 08:15, затем", "The Plenum 16 in December 1921 at 08: 15 , then")],
                   tagged=lambda i: False).decode()
    data = data.replace("16 in December", '16 in <g id="1">December</g>').replace("at 08", 'at <ph id="2">{t}</ph>08')
    done, _ = _repair("a.xlf", data.encode())
    assert '16 in <g id="1">December</g> 1921 at <ph id="2">{t}</ph>08:15, then' in done.file.text
    crossing = [f for f in done.file.findings if CROSSES_MARKUP in f.message]
    assert {f.rule_id for f in crossing} == {"date.day_in_month"}


def test_entities_and_codes_in_targets_are_kept_byte_for_byte() -> None:
    data = xliff12([("А & Б: 5 < 7 , дом", "A &amp; B: 5 &lt; 7 , house")], tagged=lambda i: False).decode()
    data = data.replace("A &amp;amp; B: 5 &amp;lt; 7 , house", "A &amp; B: 5&#160;&lt; 7 , <g id='1'>house</g>")
    done, _ = _repair("b.xlf", data.encode())
    assert "A &amp; B: 5&#160;&lt; 7, <g id='1'>house</g>" in done.file.text


def test_tsv_targets_are_repaired_with_their_own_source(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text("source\ttarget\tnote\nБолее 7 тыс. человек\tMore than XNUMX thousand people , ok\tx , y\n"
                    "Где он?\tWhere is he?\t\n", encoding="utf-8")
    assert main(["fix", str(path), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "pairs.tsv").read_text("utf-8") == (
        "source\ttarget\tnote\nБолее 7 тыс. человек\tMore than 7 thousand people, ok\tx , y\nГде он?\tWhere is he?\t\n")


def test_check_names_the_unit_and_its_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.xlf"
    path.write_bytes(xliff12([("Где он?", "Where is he ."), ("Да.", "Yes.")], tagged=lambda i: False))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    line = next(n for n, text in enumerate(path.read_text("utf-8").split("\n"), 1) if "Where is he" in text)
    column = path.read_text("utf-8").split("\n")[line - 1].index("Where is he .") + len("Where is he")
    assert f"{path}:{line}:{column + 1}: typo.space_before_punct unit s1: Space before a punctuation mark" in out[1]
    assert out[0].startswith(f"{path}:{line}:") and "qa.final_punct unit s1:" in out[0]


def test_number_findings_are_the_same_as_the_text_runs() -> None:
    sources = (WMT / "src.ru").read_text("utf-8").split("\n")[:-1]
    hyps = (WMT / "hyp.ALMAnaCH-Inria.en").read_text("utf-8").split("\n")[:-1]
    numbers = [r for r in RULES if r.id.startswith(("number.", "placeholder."))]
    text = fix_text("\n".join(hyps), numbers, source=sources)
    done, _ = _repair("almanach.xlf", xliff12(list(zip(sources, hyps, strict=True)), tagged=lambda i: False),
                   Config(select=("number", "placeholder")))
    lines = done.file.text.split("\n")
    unit_of_line = {n: int(line.split('id="s')[1].split('"')[0]) for n, line in enumerate(lines, 1)
                    if 'id="s' in line}
    target_line = {}
    for n, line in enumerate(lines, 1):
        if "<target" in line:
            target_line[n] = max(u for k, u in unit_of_line.items() if k < n)
    in_file = sorted((f.rule_id, target_line[f.line], f.text) for f in done.file.findings if f.stage != "qa")
    assert in_file == sorted((f.rule_id, f.line, f.text) for f in text.findings)
    assert len(in_file) > 50


@pytest.mark.parametrize(("name", "state"), [
    ("xliff12.xlf", lambda u: u.xmlelement.find(u.namespaced("target")).get("state")),
    ("xliff21.xlf", lambda u: (u.xmlelement.get("state"), u.xmlelement.get("subState"))),
    ("messages.po", lambda u: u.isfuzzy()),
])
def test_mark_review_marks_the_repaired_units_and_nothing_else(tmp_path: Path, name: str, state) -> None:
    pairs = [("Где он?", "Where is he ."), ("Да.", "Yes."), ("Нет.", "No ."), ("Два.", "Two.")]
    data = BUILDERS[name](pairs, **({} if name.endswith(".po") else {"tagged": lambda i: i == 2}))
    (tmp_path / name).write_bytes(data)
    assert main(["fix", "--mark-review", str(tmp_path / name), "-o", str(tmp_path / "out")]) == 0
    out = (tmp_path / "out" / name).read_bytes()
    store = {"xliff12.xlf": xliff.xlifffile, "xliff21.xlf": xliff2.Xliff2File, "messages.po": pypo.pofile}[name]
    before = [u for u in store.parsestring(data).units if not u.isheader()]
    after = [u for u in store.parsestring(out).units if not u.isheader()]
    repaired = {
        "xliff12.xlf": ("needs-review-translation", "translated"),
        "xliff21.xlf": (("translated", "mtfix:repaired"), (None, None)),
        "messages.po": (True, False),
    }[name]
    # Unit 0 is fuzzy in the PO file to begin with (pairs are marked every 7th): it stays so.
    assert [state(u) for u in after] == [repaired[0], state(before[1]), repaired[0], state(before[3])]
    assert [str(u.target) for u in after][1::2] == [str(u.target) for u in before][1::2]
    assert [u.getid() for u in after] == [u.getid() for u in before]
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / name).write_bytes(out)
    assert main(["fix", "--mark-review", str(tmp_path / "clean" / name), "-o", str(tmp_path / "again")]) == 0
    assert (tmp_path / "again" / name).read_bytes() == out


def test_a_broken_translation_file_is_a_one_line_input_error(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    for name, content in (("a.xlf", "<xliff version='1.2'><file><body><trans-unit>"), ("b.tmx", "<html/>"),
                          ("c.po", 'msgid "a"\nmsgstr "b'), ("d.tsv", "only one column\n")):
        (tmp_path / name).write_text(content, encoding="utf-8")
        assert main(["fix", str(tmp_path / name), "-o", str(tmp_path / "out")]) == 2
        error = capsys.readouterr().err
        assert error.startswith(f"mtfix: error: {tmp_path / name}") and error.count("\n") == 1
        assert not (tmp_path / "out").exists()


def test_crlf_and_bom_come_back_as_they_were(tmp_path: Path) -> None:
    data = xliff12([("Где он?", "Where is he ."), ("Да.", "Yes.")], tagged=lambda i: i == 0)
    path = tmp_path / "w.xlf"
    path.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    assert main(["fix", str(path), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "w.xlf").read_bytes() == path.read_bytes().replace(b"he .", b"he.")


def test_units_without_target_segments_and_tmx_all_languages(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "m.xlf").write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en"><file id="f">\n'
        '<unit id="u1"><segment id="a"><source>Привет.</source></segment>\n'
        '<segment id="b"><source>Где он?</source><target>Where is he .</target></segment></unit>\n'
        '<unit id="u2" translate="no"><segment><source>Где он?</source><target>Где он ?</target></segment></unit>\n'
        "</file></xliff>\n", encoding="utf-8")
    (tmp_path / "t.tmx").write_text(
        '<tmx version="1.4"><header srclang="*all*"/><body>\n<tu><tuv xml:lang="ru"><seg>Да ?</seg></tuv>'
        '<tuv xml:lang="en"><seg>Yes ?</seg></tuv></tu>\n</body></tmx>\n', encoding="utf-8")
    assert main(["check", str(tmp_path / "m.xlf"), str(tmp_path / "t.tmx")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [" ".join(line.split(" ")[1:4]).removesuffix(":") for line in out] == [
        "qa.untranslated unit u1::a", "qa.final_punct unit u1::b", "typo.space_before_punct unit u1::b",
        "typo.space_before_punct unit 1"]
    assert out[0].startswith(f"{tmp_path / 'm.xlf'}:2:") and out[3].startswith(f"{tmp_path / 't.tmx'}:2:")


# Text with the characters XML and PO escape, artifacts and whole-line rules (mojibake); no PO format
# specifier, which is a code: a whole-line repair across one is dropped, so the text run is no measure there.
PIECES = [*"aZ7 ,.:;!?&<>\"'’«»—-()%#@/\\", "Дом", "XNUMX", "16 in March", " , ", "â€”"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=40, deadline=None)
@given(pairs=st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=4), name=st.sampled_from(sorted(BUILDERS)))
def test_any_targets_come_out_as_the_text_run_repairs_them(pairs: list[tuple[str, str]], name: str) -> None:
    data = BUILDERS[name](pairs)
    _, out = _repair(name, data)
    sources = [s for s, _ in pairs]
    want = fix_text("\n".join(t for _, t in pairs), RULES, source=sources).text.split("\n")
    assert _targets(name, out) == want


def _one_line(data: bytes) -> bytes:
    """The file with the white space between its elements taken out: every unit on one line."""
    root = etree.fromstring(data)
    for element in root.iter():
        if not any(etree.QName(a).localname in ("source", "target", "note") for a in element.iterancestors()):
            if etree.QName(element).localname not in ("source", "target", "note"):
                element.text = None
            element.tail = None
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)


def test_units_sharing_one_line_are_each_repaired_with_their_own_source(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    sources, targets = _cases()
    data = _one_line(xliff12(list(zip(sources, targets, strict=True))))
    assert data.count(b"\n") == 1
    _, out = _repair("one.xlf", data)
    assert _targets("xliff12.xlf", out) == list(_text_run())
    (tmp_path / "one.xlf").write_bytes(_one_line(xliff12([("Где он?", "Where is he ."), ("Да.", "Yes , sir.")])))
    assert main(["check", "--select", "typo", str(tmp_path / "one.xlf")]) == 1
    named = [line.split(" ")[3] for line in capsys.readouterr().out.splitlines()]
    assert named == ["s1:", "s2:"]


def test_a_po_string_of_several_lines_keeps_its_escapes_and_specifiers(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.po"
    path.write_text('#, python-format\nmsgid "Line one, %s\\nLine two 16 декабря"\nmsgstr "Line one , %s\\n"\n'
                    '"Line two 16 in December ."\n', encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and all(line.count(" unit Line one, %s Line two 16 декабря: ") == 1 for line in out)
    assert main(["fix", str(path), "-o", str(tmp_path / "out"), "--no-grammar"]) == 0
    assert (tmp_path / "out" / "m.po").read_text("utf-8").endswith(
        'msgstr "Line one, %s\\n"\n"Line two on December 16."\n')


def test_the_json_report_names_each_findings_unit(tmp_path: Path) -> None:
    path = tmp_path / "q.xlf"
    path.write_bytes(xliff12([("Где он?", "Where is he."), ("Да.", "Yes."), ("Да.", "Right.")], tagged=lambda i: False))
    assert main(["fix", str(path), "-o", str(tmp_path / "out"), "--no-grammar"]) == 0
    report = json.loads((tmp_path / "out" / "q.xlf.json").read_text("utf-8"))
    assert [(f["rule"], f["segment"]) for f in report["findings"]] == [
        ("qa.final_punct", "s1"), ("qa.inconsistent_target", "s3")]
