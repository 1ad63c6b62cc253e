"""The work ``fix`` does on each document, in this process or in a pool of processes.

For each input: repair, measure (scores, counts, the grammar check of the repair) and render the
four outputs as bytes (``NAME.txt``, ``NAME.diff``, ``NAME.html``, ``NAME.json``). Nothing here
writes a file: the caller writes what comes back, in input order, so the output does not depend on
the number of processes. Pool processes are forked where the platform can; each builds its own rules
and grammar session from ``FixSettings``, and sends back its notices instead of printing them, so the
caller can print each notice once.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from .config import Config
from .decisions import Decisions, for_input, mark_findings
from .formats import Segment
from .formats.document import Prose
from .formats.files import label_entries, mark_review, repair_file
from .inputs import fixed_name, report_stem
from .model import Rule
from .profiling import Profile
from .quality import Measurer, Quality, QualitySettings, with_grammar
from .registry import select_rules
from .reports.diff import unified_diff
from .reports.html import html_report
from .reports.ledger import json_report
from .reports.quality import quality_html
from .runner import Result, fix_text
from .textio import Document, encode, printable


@dataclass(frozen=True)
class FixSettings:
    """Everything the per-document work needs, picklable: rules, measures, output folder, profiling."""

    config: Config
    quality: QualitySettings
    output: Path
    profile: bool = False
    changed_only: bool = False
    mark_review: bool = False


@dataclass(frozen=True)
class DocumentJob:
    """One input: its path, text, line-aligned source, reference file and a reviewer's decisions.

    ``decisions`` replace the NAME.decisions.json beside the input (``apply``); ``None`` looks for it.
    ``segments`` are the prose of a document format (Markdown, HTML, subtitles, translation files), read
    by its adapter; ``None`` for a text file.
    """

    path: Path
    doc: Document
    source: list[str] | None = None
    reference: Path | None = None
    decisions: Decisions | None = None
    segments: list[Segment] | None = None


@dataclass(frozen=True)
class Outputs:
    """The four output files of one input, as bytes, ready to be written."""

    name: str
    files: dict[str, bytes]
    result: Result
    quality: Quality | None = None


@dataclass(frozen=True)
class DocumentDone:
    """What one document gave: its outputs, the notices of its grammar check, its profile."""

    outputs: Outputs
    notices: tuple[str, ...]
    profile: Profile | None


def repair(doc: Document, rules: tuple[Rule, ...], config: Config, source: list[str] | None = None,
           profile: Profile | None = None, decisions: Decisions | None = None) -> Result:
    """Run the selected rules over one document, with its line-aligned source and a reviewer's decisions."""
    result = fix_text(doc.text, rules, apply_review=config.apply_review, source=source, profile=profile,
                      verdicts=decisions.verdicts() if decisions else None)
    result.findings = mark_findings(result.findings, decisions)
    return result


def render_outputs(doc: Document, path: Path, output: Path, result: Result, config: Config,
                   quality: Quality | None = None, decisions: Decisions | None = None, changed_only: bool = False,
                   prose: Result | None = None, layout: Prose | None = None) -> Outputs:
    """Build the fixed file (``inputs.fixed_name``), NAME.diff, NAME.html and NAME.json for one repaired document.

    File names are shown escaped (``textio.printable``) in the reports: a newline or a terminal escape in
    a name cannot break a diff header or reach a terminal. The grammar findings go into the JSON report
    under ``grammar`` and into the page as findings. For a document format, ``result`` is the repair in
    file offsets (fixed file, diff, ledger) and ``prose`` the same repair in prose offsets, which the
    review page shows (its decisions name them); ``layout`` (the document's prose) names the segment
    (unit, cue) of each entry.
    """
    stem, fixed = report_stem(path), fixed_name(path)
    shown = printable(str(path))
    report = json_report(result, shown, config)
    if layout is not None:
        label_entries(report, layout)
    grammar = quality.grammar.findings if quality is not None and quality.grammar is not None else ()
    report["grammar"] = [f.to_json() for f in mark_findings(grammar, decisions)]
    if quality is not None:
        report["quality"] = quality.to_json()
    page, page_raw, page_fixed = report, result.raw, result.text
    if prose is not None:
        page = {**json_report(prose, shown, config), "raw_sha256": report["raw_sha256"],
                "grammar": report["grammar"]}
        page_raw, page_fixed = prose.raw, prose.text
    return Outputs(
        stem,
        {
            fixed: encode(doc, result.text),
            f"{stem}.diff": unified_diff(result.raw, result.text, shown, printable(str(output / fixed))).encode(),
            f"{stem}.html": html_report(page, page_raw, page_fixed, printable(path.name),
                                        quality_html(quality) if quality else "", changed_only).encode(),
            f"{stem}.json": (json.dumps(report, ensure_ascii=False, indent=1) + "\n").encode(),
        },
        result,
        quality,
    )


@dataclass(frozen=True)
class Repaired:
    """A document repaired and measured, before its reports are rendered."""

    job: DocumentJob
    result: Result
    quality: Quality | None
    decisions: Decisions | None
    notices: tuple[str, ...]
    profile: Profile | None
    prose: Result | None = None
    layout: Prose | None = None


class DocumentFixer:
    """Repairs, measures and renders documents with one set of rules and one grammar session."""

    def __init__(self, settings: FixSettings, rules: tuple[Rule, ...] | None = None) -> None:
        self.settings = settings
        config = settings.config
        self.rules = rules if rules is not None else select_rules(config.select, config.ignore)
        self._notices: list[str] = []
        self.measurer = Measurer(self.rules, settings.quality, self._notices.append)

    def _take_notices(self) -> tuple[str, ...]:
        notices, self._notices[:] = tuple(self._notices), []
        return notices

    def repair(self, job: DocumentJob, grammar: bool = True) -> Repaired:
        """Repair one document and measure it, with its grammar check or (``grammar=False``) without."""
        return self.measure(self.repair_only(job), grammar)

    def repair_only(self, job: DocumentJob) -> Repaired:
        """Repair one document, not measured yet (``quality`` is ``None`` until ``measure``)."""
        profile = Profile() if self.settings.profile else None
        timing = profile if profile is not None else Profile()
        with timing.step("repair (rules)"):
            decisions = job.decisions or for_input(job.path, job.doc.text)
            if job.segments is None:
                result = repair(job.doc, self.rules, self.settings.config, job.source, profile, decisions)
                return Repaired(job, result, None, decisions, (), profile)
            return self._repair_document(job, decisions, profile)

    def _repair_document(self, job: DocumentJob, decisions: Decisions | None, profile: Profile | None) -> Repaired:
        """A document format's prose repaired and spliced into its file (measured later, on its prose)."""
        done = repair_file(job.path, job.doc, self.rules, self.settings.config, job.source, profile, decisions,
                           job.segments)
        if self.settings.mark_review:
            doc, done.file.text = mark_review(job.path, job.doc, done.file.text)
            job = replace(job, doc=doc)
        return Repaired(job, done.file, None, decisions, (), profile, done.prose, done.layout)

    def measure(self, repaired: Repaired, grammar: bool = True) -> Repaired:
        """A repaired document measured: scores and counts, and with ``grammar`` its grammar check.

        A document format is measured on its prose, with the source its prose is aligned to and no reference.
        """
        job = repaired.job
        if repaired.layout is None:
            quality = self.measurer.measure(repaired.result, job.reference, job.source, repaired.profile, grammar)
        else:
            quality = self.measurer.measure(repaired.prose, None, repaired.layout.source, repaired.profile, grammar)
        return replace(repaired, quality=quality, notices=repaired.notices + self._take_notices())

    def check_all(self, repaired: Sequence[Repaired], measured: Iterable[Repaired],
                  profile: Profile | None = None) -> list[Repaired]:
        """The documents ``measured`` (``repaired``, measured without grammar, in the same order) with the
        grammar of all of them checked here, in one call of the checker.

        The check starts before ``measured`` is consumed: it runs on a thread of its own (Harper's calls
        release the GIL) while the counts are measured, here or in a pool, and waits for Harper to load
        if it is loading. ``profile`` gets the seconds spent waiting for the check.
        """
        timing = profile if profile is not None else Profile()
        results = [r.prose or r.result for r in repaired]
        with ThreadPoolExecutor(max_workers=1) as thread:
            checking = thread.submit(self.measurer.check_grammar, results)
            done = list(measured)
            with timing.step(f"grammar ({self.settings.quality.grammar.scope})"):
                reports = checking.result()
        notices = self._take_notices()
        return [replace(r, quality=with_grammar(r.quality, report), notices=r.notices + (notices if i == 0 else ()))
                for i, (r, report) in enumerate(zip(done, reports, strict=True))]

    def render(self, repaired: Repaired) -> DocumentDone:
        """The outputs of a repaired document."""
        timing = repaired.profile if repaired.profile is not None else Profile()
        job = repaired.job
        with timing.step("reports (text, diff, HTML, JSON)"):
            outputs = render_outputs(job.doc, job.path, self.settings.output, repaired.result, self.settings.config,
                                     repaired.quality, repaired.decisions, self.settings.changed_only,
                                     repaired.prose, repaired.layout)
        return DocumentDone(outputs, repaired.notices, repaired.profile)


_PROCESS_FIXER: list[DocumentFixer] = []


def _start_process(settings: FixSettings) -> None:
    _PROCESS_FIXER.append(DocumentFixer(settings))


def _fix_in_process(job: DocumentJob) -> DocumentDone:
    fixer = _PROCESS_FIXER[0]
    return fixer.render(fixer.repair(job))


def _repair_in_process(job: DocumentJob) -> Repaired:
    return _PROCESS_FIXER[0].repair(job, grammar=False)


def _render_in_process(repaired: Repaired) -> DocumentDone:
    return _PROCESS_FIXER[0].render(repaired)


def fix_documents(jobs: Sequence[DocumentJob], settings: FixSettings, rules: tuple[Rule, ...],
                  processes: int, background: bool = False, profile: Profile | None = None) -> Iterator[DocumentDone]:
    """Each document's outputs, in input order, computed on up to ``processes`` processes.

    Every document is repaired by the rules; then its counts are measured (the rules again on the fixed
    text) while the grammar of all documents is checked in one call of the checker, on a thread of
    its own (``profile`` gets the seconds spent waiting for it); then the reports are rendered. With one
    process (or one document) the work runs here, with ``rules``; ``background`` lets Harper load on a
    thread while the rules run and check while the counts are measured (when a second core is free).
    Otherwise each pool process builds the rules ``settings.config`` selects, which are the same; the
    pool repairs, measures and renders, and the grammar of the changed lines is checked here, by one
    Harper that loads while the pool repairs and measures (no pool process loads Harper; with
    ``GrammarSettings.jobs`` the check forks processes that inherit it). A full check is made in the
    pool, each process with its own Harper, a document at a time.
    """
    processes = min(processes, len(jobs))
    if processes <= 1:
        fixer = DocumentFixer(settings, rules)
        if background:
            fixer.measurer.prepare()
        repaired = [fixer.repair_only(job) for job in jobs]
        counts = (fixer.measure(r, grammar=False) for r in repaired)
        # With a core to spare the counts are measured while the grammar is checked; else one after the other.
        measured = counts if background else list(counts)
        yield from (fixer.render(r) for r in fixer.check_all(repaired, measured, profile))
        return
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_start_process,
                             initargs=(settings,)) as pool:
        if settings.quality.grammar.scope != "changed":
            yield from pool.map(_fix_in_process, jobs)
            return
        repairs = [pool.submit(_repair_in_process, job) for job in jobs]  # forks the pool's processes
        here = DocumentFixer(settings, rules)
        here.measurer.prepare()  # after the fork: no process inherits a thread
        measured = [done.result() for done in repairs]
        yield from pool.map(_render_in_process, here.check_all(measured, measured, profile))
