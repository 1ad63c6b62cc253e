"""Record what ``mtfix fix`` makes of every shared corpus, or compare a run with a recorded one.

A refactoring of the core must change no output. ``record DIR`` runs the installed ``mtfix`` on
each corpus of the shared data (both ``cases.tsv``, their ``corrupted`` column as a text; every MT
output of ``wmt22-ru-en`` and ``wmt22-x-en/mt``; the seed's raw article), in the safe and the
``--apply-review`` tier, with and without ``--source`` where a source exists, and keeps for each
run the fixed text of ``fix -`` and the fixed text and JSON report of ``fix FILE -o OUT``.
``compare DIR`` does the same runs and reports every file that is not byte-identical to the
recorded one; its exit code is 1 when one differs. Numbers, not a test: it takes a few minutes.

    .venv/bin/python benchmarks/same_output.py record /tmp/before    # on the old commit
    .venv/bin/python benchmarks/same_output.py compare /tmp/before   # on the new one
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = Path("/work/shared/corpus") if not (SHARED / "corpus").is_dir() else SHARED / "corpus"


def _cases(path: Path, work: Path, name: str) -> tuple[Path, Path | None]:
    """The ``corrupted`` column of a cases file as a text, and its ``source`` column when it has one."""
    csv.field_size_limit(10**9)
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    text = work / f"{name}.txt"
    text.write_text("\n".join(r["corrupted"] for r in rows) + "\n", encoding="utf-8")
    if "source" not in rows[0]:
        return text, None
    source = work / f"{name}.source.ru"
    source.write_text("\n".join(r["source"] or "" for r in rows) + "\n", encoding="utf-8")
    return text, source


def corpora(work: Path) -> Iterator[tuple[str, Path, Path | None]]:
    """(name, text, source or None) of every corpus, the cases files written into ``work``."""
    yield "cases-ru-en", *_cases(CORPUS / "wmt22-ru-en" / "cases.tsv", work, "cases-ru-en")
    yield "cases-x-en", *_cases(CORPUS / "wmt22-x-en" / "cases.tsv", work, "cases-x-en")
    for hyp in sorted((CORPUS / "wmt22-ru-en").glob("hyp.*.en")):
        yield f"ru-en-{hyp.name}", hyp, CORPUS / "wmt22-ru-en" / "src.ru"
    for hyp in sorted((CORPUS / "wmt22-x-en" / "mt").glob("*.en")):
        pair = hyp.name.split(".", 1)[0]
        source = next((CORPUS / "wmt22-x-en").glob(f"{pair}.src.*"))
        yield f"x-en-{hyp.name}", hyp, source
    yield "seed-raw", next((CORPUS / "seed").glob("*.raw.txt")), None


def _run(args: list[str], stdin: bytes = b"") -> bytes:
    done = subprocess.run([sys.executable, "-m", "mtfix", *args], input=stdin, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"mtfix {' '.join(args)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return done.stdout


def produce(out: Path) -> list[Path]:
    """Run every corpus in every variant, writing the outputs under ``out``; the files written."""
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, text, source in corpora(work):
            for with_source in (False, True) if source else (False,):
                for review in (False, True):
                    variant = f"{name}.{'review' if review else 'safe'}{'.with-source' if with_source else ''}"
                    options = ["--no-grammar", "-j", "1", *(["--apply-review"] if review else [])]
                    options += ["--source", str(source)] if with_source else []
                    plain = work / f"{variant}.txt"  # a bare name: no NAME.src.txt or NAME.ref.txt beside it
                    plain.write_bytes(text.read_bytes())
                    stream = out / f"{variant}.stdout.txt"
                    stream.write_bytes(_run(["fix", "-", *options], plain.read_bytes()))
                    _run(["fix", str(plain), "-o", str(work / "out"), *options])
                    for suffix in (".txt", ".json"):
                        target = out / f"{variant}.file{suffix}"
                        target.write_bytes((work / "out" / f"{variant}{suffix}").read_bytes().replace(
                            str(plain).encode(), variant.encode()))
                        written.append(target)
                    written.append(stream)
                    plain.unlink()
                    print(variant, file=sys.stderr)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("mode", choices=("record", "compare"))
    parser.add_argument("folder", type=Path, help="where the recorded outputs are (or go)")
    args = parser.parse_args()
    if args.mode == "record":
        args.folder.mkdir(parents=True, exist_ok=True)
        print(f"{len(produce(args.folder))} outputs recorded in {args.folder}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        now = produce(Path(tmp))
        differ = [p.name for p in now if not filecmp.cmp(p, args.folder / p.name, shallow=False)]
        missing = sorted({p.name for p in args.folder.iterdir()} - {p.name for p in now})
    for name in differ:
        print(f"DIFFERS {name}")
    for name in missing:
        print(f"MISSING {name}")
    print(f"{len(now)} outputs compared: {len(now) - len(differ)} identical, {len(differ)} differ, "
          f"{len(missing)} missing")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main())
