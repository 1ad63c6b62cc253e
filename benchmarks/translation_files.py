"""Translation files against text: the same repairs, the same number findings, few QA false alarms.

Three measurements on the WMT22 ru-en test set (``../shared/corpus/wmt22-ru-en``), the files written by
translate-toolkit as the tests write them (``tests/translation_files.py``). Numbers, not a test.

``fixer --source FILE [--format xliff12.xlf]``: a stdin-to-stdout fixer for ``score_cases.py`` that goes
through a translation file: the lines on stdin become the targets (the source file's lines their
sources), ``mtfix fix`` repairs the file, and the targets read back by translate-toolkit are printed.

    score_cases.py cases.tsv --cmd 'python -m mtfix fix - --source {source}'                 # text
    score_cases.py cases.tsv --cmd 'python benchmarks/translation_files.py fixer --source {source}'  # XLIFF

``numbers``: for each MT system (``hyp.*.en``), the ``number.*`` and ``placeholder.*`` findings of the
text with ``--source src.ru`` and of the same lines as XLIFF 1.2 units, as (rule, line or unit, text).

``qa``: the ``qa.*`` findings on the human reference as XLIFF 1.2 (``ref.en`` targets, ``src.ru``
sources), per check and per 1,000 units.
"""

from __future__ import annotations

import argparse
import collections
import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WMT = ROOT.parent / "shared" / "corpus" / "wmt22-ru-en"
sys.path.insert(0, str(ROOT / "tests"))

from translate.storage import factory, xliff2  # noqa: E402
from translation_files import BUILDERS, xliff12  # noqa: E402

from mtfix.cli import main as mtfix  # noqa: E402
from mtfix.config import Config  # noqa: E402
from mtfix.formats.files import repair_file  # noqa: E402
from mtfix.registry import all_rules  # noqa: E402
from mtfix.runner import fix_text  # noqa: E402
from mtfix.textio import decode  # noqa: E402


def _lines(path: Path) -> list[str]:
    return path.read_text("utf-8").removesuffix("\n").split("\n")


def fixer(source: Path, name: str) -> None:
    """Repair stdin's lines as the targets of a translation file; print the repaired targets."""
    targets = sys.stdin.read().removesuffix("\n").split("\n")
    sources = (_lines(source) + [""] * len(targets))[: len(targets)]
    pairs = list(zip(sources, targets, strict=True))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(BUILDERS[name](pairs))
        with open(os.devnull, "w") as quiet:
            stdout, sys.stdout = sys.stdout, quiet
            try:
                code = mtfix(["fix", str(path), "-o", str(Path(folder) / "out"), "--no-grammar"])
            finally:
                sys.stdout = stdout
        if code != 0:
            raise SystemExit(code)
        out = (Path(folder) / "out" / name).read_bytes()
        store = xliff2.Xliff2File.parsestring(out) if name == "xliff21.xlf" else factory.getobject(io.BytesIO(out))
        units = [u for u in store.units if not u.isheader() and u.source]
        sys.stdout.write("\n".join(_plain(u) for u in units) + "\n")


def _plain(unit) -> str:
    """A unit's target as text, read by translate-toolkit: without tags, nor TMX's native code."""
    element = getattr(unit, "xmlelement", None)
    if element is None:
        return str(unit.target)
    if element.tag == "tu":
        seg = element.findall(".//tuv")[1].find("seg")
        return (seg.text or "") + "".join(c.tail or "" for c in seg)
    return "".join(element.find(unit.namespaced("target")).itertext())


def numbers() -> None:
    """Number findings of each system as text and as XLIFF: counts and whether they are the same."""
    sources = _lines(WMT / "src.ru")
    rules = [r for r in all_rules() if r.id.startswith(("number.", "placeholder."))]
    for hyp in sorted(WMT.glob("hyp.*.en")):
        lines = _lines(hyp)
        text = fix_text("\n".join(lines), rules, source=sources)
        as_text = sorted((f.rule_id, f.line, f.text) for f in text.findings)
        data = xliff12(list(zip(sources, lines, strict=True)), tagged=lambda i: False)
        done = repair_file(Path("hyp.xlf"), decode(data, "hyp.xlf"), rules, Config(select=("number", "placeholder")))
        as_xliff = sorted((f.rule_id, int(f.message.split(":", 1)[0].removeprefix("unit s")), f.text)
                          for f in done.file.findings)
        by_rule = collections.Counter(rule for rule, _, _ in as_text)
        print(f"{hyp.name:28s} text {len(as_text):4d} xliff {len(as_xliff):4d} same={as_text == as_xliff} "
              + " ".join(f"{rule}={n}" for rule, n in sorted(by_rule.items())))


def qa() -> None:
    """QA findings on the human reference as XLIFF: per check, and per 1,000 units."""
    sources, targets = _lines(WMT / "src.ru"), _lines(WMT / "ref.en")
    data = xliff12(list(zip(sources, targets, strict=True)), tagged=lambda i: False)
    done = repair_file(Path("ref.xlf"), decode(data, "ref.xlf"), (), Config(select=("qa",)))
    found = [f for f in done.file.findings if f.rule_id.startswith("qa.")]
    print(f"units {len(targets)}, qa findings {len(found)}, per 1,000 units {1000 * len(found) / len(targets):.2f}")
    for rule, count in sorted(collections.Counter(f.rule_id for f in found).items()):
        print(f"  {rule:24s} {count}")
    for finding in found:
        print(f"  line {finding.line}: {finding.rule_id} {finding.message[:160]}")


def run() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    fix = commands.add_parser("fixer", help="stdin-to-stdout fixer through a translation file")
    fix.add_argument("--source", required=True, type=Path)
    fix.add_argument("--format", default="xliff12.xlf", choices=sorted(BUILDERS))
    commands.add_parser("numbers", help="number findings as text and as XLIFF")
    commands.add_parser("qa", help="QA findings on the reference as XLIFF")
    args = parser.parse_args()
    if args.command == "fixer":
        fixer(args.source, args.format)
    elif args.command == "numbers":
        numbers()
    else:
        qa()


if __name__ == "__main__":
    run()
