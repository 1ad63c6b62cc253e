"""Grammar findings: advisory issues from a grammar checker, never edits.

Two checkers: Harper, embedded through ``harper-py`` (offline, no Java), and LanguageTool through
``language-tool-python`` (a server, or a local install it starts; see ``pipeline.grammar_lt``). Both
check plain text; ``pipeline.grammar_repair`` decides which lines they see (the lines a repair changed,
or every line) and in which chunks. Rule ids are ``grammar.harper.<rule>`` and ``grammar.lt.<rule>``.

Harper keeps a cache of the sentences it has checked, too small for a whole large document: checking
a large raw text and then its fixed text misses it for every sentence, so a document checked whole
costs twice what it costs in chunks of a few hundred lines, each raw chunk followed by its fixed
chunk. ``harper_pool`` checks such chunk pairs on several processes.

What MT news makes noisy is left out by default:

- spelling of proper names: a capitalised word is a name, not a misspelling (``proper_names=True``
  checks them too);
- words that are names in this document (capitalised words that recur) or in a user's
  ``rules/names.txt`` are never reported as misspellings, whatever the settings;
- regional spellings: a word Harper's British dictionary accepts is not misspelt in American text;
- Harper rules that fire on the human reference translations of WMT22 ru-en (2016 lines) as often as on
  the machine output, so they say nothing about translation artifacts: ``NOISY_HARPER_RULES``;
- runs of spaces that indent a line (layout, not grammar).

A failing checker never fails the repair: ``GrammarSession`` turns any failure into one notice
(``grammar: LanguageTool unavailable (reason)``), then goes on with Harper, or without grammar.

>>> sorted(document_names("Chicherin wrote. Then Chicherin left; Ankara agreed."))
['Chicherin']
"""

from __future__ import annotations

import bisect
import multiprocessing
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import regex

NOISY_HARPER_RULES: frozenset[str] = frozenset({
    "UpdatePlaceNames",  # "Turkey" → "Türkiye": false for history and for news before 2022
    "Regionalisms",  # "mobile phone": a regional word, not an error
    "LongSentences",  # the length comes from the source sentence
    "OxfordComma", "NoOxfordComma",  # house style
    "UseEllipsisCharacter",  # "..." vs "…": typography preference
    "OrthographicConsistency",  # "latex" → "LaTeX"
    "SplitWords", "CompoundNouns", "DisjointPrefixes",  # "dancefloor", "air base", "non-stick"
})

DEFAULT_TIMEOUT = 60.0
SCOPES = ("changed", "full", "off")

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
_CAPITALISED = regex.compile(r"\b\p{Lu}[\p{L}\p{M}'’-]*")
_POSSESSIVE = regex.compile(r"['’]s$")
_CAPITALISED_PART = regex.compile(r"\b\p{Lu}[\p{L}\p{M}]*")


@dataclass(frozen=True)
class GrammarSettings:
    """What the grammar check of a run does, as the command line or a caller chooses it.

    ``scope``: ``changed`` (the lines the repair changed, raw and fixed), ``full`` (every line) or
    ``off``; ``languagetool``: ``off`` (Harper), a server URL, ``local`` or ``auto`` (see
    ``pipeline.grammar_lt``); ``names``: words never reported as misspellings; ``jobs``: processes
    for the Harper check of large inputs.
    """

    scope: str = "changed"
    languagetool: str = "off"
    timeout: float = DEFAULT_TIMEOUT
    names: frozenset[str] = frozenset()
    proper_names: bool = False
    jobs: int = 1

    @property
    def enabled(self) -> bool:
        """Whether any grammar check runs."""
        return self.scope != "off"


class GrammarUnavailable(RuntimeError):
    """A checker that cannot be used; the message is the reason shown in the notice."""


@dataclass(frozen=True)
class Match:
    """What a checker reports: its rule, message and the span (Python string offsets) it flags."""

    rule: str
    message: str
    start: int
    end: int
    spelling: bool


class Checker(Protocol):
    """A grammar checker backend: a name for the reports, a rule-id family and one call per text."""

    name: str
    family: str

    def matches(self, text: str) -> list[Match]:
        """Every match on ``text``; raises on any failure."""
        ...


@dataclass(frozen=True)
class Issue:
    """A grammar issue in the checked text: rule id ``grammar.<family>.<rule>``, message, place, text."""

    rule_id: str
    message: str
    text: str
    start: int
    end: int
    line: int
    col: int

    def to_json(self) -> dict[str, Any]:
        """The issue as a JSON-ready mapping."""
        return {"rule": self.rule_id, "message": self.message, "text": self.text, "line": self.line,
                "col": self.col, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class GrammarResult:
    """The issues of one text, which checker found them, and what was left out as names."""

    checker: str
    issues: tuple[Issue, ...]
    names_skipped: int
    words: int
    seconds: float


def word_count(text: str) -> int:
    """Whitespace-separated words, the unit of every per-1,000-words figure."""
    return len(text.split())


def document_names(text: str) -> set[str]:
    """Capitalised words that occur more than once in ``text``: the document's names."""
    counts = Counter(_POSSESSIVE.sub("", m.group()) for m in _CAPITALISED.finditer(text))
    return {word for word, n in counts.items() if n > 1}


def load_names(path: Path) -> set[str]:
    """The names listed in ``path`` (one a line, ``#`` comments), or none when it does not exist."""
    if not path.is_file():
        return set()
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            names.add(entry)
    return names


def _is_name(flagged: str, names: set[str], proper_names: bool) -> bool:
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(flagged)]
    if not words:
        return False
    return all(w in names or (not proper_names and w[0].isupper()) for w in words)


def _indentation(text: str, match: Match) -> bool:
    span = text[match.start : match.end]
    return bool(span) and span.isspace() and (match.start == 0 or text[match.start - 1] == "\n")


def build_issues(
    text: str, matches: Iterable[Match], names: set[str], proper_names: bool = False, family: str = "harper"
) -> tuple[list[Issue], int]:
    """Turn matches into issues with line and column, leaving out names and indentation.

    Returns the issues and how many spelling matches were left out as names.
    """
    starts = [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]
    issues, skipped = [], 0
    for m in sorted(matches, key=lambda m: (m.start, m.end, m.rule)):
        flagged = text[m.start : m.end]
        if m.spelling and _is_name(flagged, names, proper_names):
            skipped += 1
            continue
        if _indentation(text, m):
            continue
        line = bisect.bisect_right(starts, m.start) - 1
        issues.append(Issue(f"grammar.{family}.{m.rule}", m.message, flagged, m.start, m.end, line + 1,
                            m.start - starts[line] + 1))
    return issues, skipped


class HarperChecker:
    """Harper through ``harper-py``: American English, plain text, noisy rules off, British spellings accepted.

    The first linter of a process loads Harper's dictionary (about half a second); build one and reuse it.
    """

    family = "harper"

    def __init__(self, disabled: Iterable[str] = NOISY_HARPER_RULES, regional: bool = True,
                 accept_capitalised: bool = True) -> None:
        try:
            import harper
        except ImportError as error:
            raise GrammarUnavailable(f"harper-py is not installed ({error})") from None
        self._harper = harper
        self._linter = harper.Linter(harper.Dialect.AMERICAN)
        config = dict.fromkeys(self._linter.get_default_lint_config(), None)
        unknown = set(disabled) - set(config)
        if unknown:
            raise ValueError(f"unknown Harper rules: {', '.join(sorted(unknown))}")
        config.update(dict.fromkeys(disabled, False))
        self._linter.set_lint_config(config)
        self._regional_check = regional
        self._accept_capitalised = accept_capitalised
        self._accepted: set[str] = set()
        self._british = None
        self.name = harper_name()

    def _regional(self, words: set[str]) -> set[str]:
        """The words that British English spells this way."""
        if not self._regional_check or not words:
            return set()
        if self._british is None:
            self._british = self._harper.Linter(self._harper.Dialect.BRITISH)
        listing = sorted(words)
        text = "\n\n".join(listing)
        flagged = {text[lint.span.start : lint.span.end]
                   for lint in self._british.organized_lints(text, language="plaintext")["SpellCheck"]}
        return {w for w in listing if w not in flagged}

    def matches(self, text: str) -> list[Match]:
        """Every lint of the enabled rules on ``text``."""
        return self.matches_group([text])[0]

    def matches_group(self, texts: Sequence[str]) -> list[list[Match]]:
        """The lints of each of ``texts``, checked one after another (a raw chunk and its fixed chunk).

        With ``accept_capitalised``, the capitalised words of the group are Harper's own words first:
        they would be left out as names anyway, and Harper then spends nothing on spelling suggestions
        for them (a few milliseconds a name, and up to a second for the first name of a process whose
        suggestions need Harper's larger tables). Words accepted for earlier texts stay accepted: Harper
        matches its own words by case, so they change nothing for a text that does not hold them in the
        same form, and adding words costs about 7 ms a call, whatever their number.
        """
        self.accept(texts)
        return [self._lints(text) for text in texts]

    def accept(self, texts: Sequence[str]) -> None:
        """With ``accept_capitalised``, make the capitalised words of ``texts`` Harper's own words."""
        if self._accept_capitalised:
            self.accept_words(capitalised_words(texts))

    def accept_words(self, words: set[str]) -> None:
        """Make ``words`` Harper's own words, in one call, sorted (the same words give the same linter)."""
        new = words - self._accepted
        if new:
            self._linter.import_words(sorted(new))
            self._accepted |= new

    def _lints(self, text: str) -> list[Match]:
        found = []
        for rule, lints in self._linter.organized_lints(text, language="plaintext").items():
            for lint in lints:
                found.append(Match(rule, lint.message, lint.span.start, lint.span.end, lint.lint_kind == "Spelling"))
        regional = self._regional({text[m.start : m.end] for m in found if m.spelling})
        return [m for m in found if not (m.spelling and text[m.start : m.end] in regional)]


def harper_name() -> str:
    """The name of the Harper checker in reports: ``harper-py VERSION``."""
    from importlib import metadata  # here, not at the top: every run would pay ~20 ms of start-up

    return f"harper-py {metadata.version('harper-py')}"


def capitalised_words(texts: Sequence[str]) -> set[str]:
    """The capitalised words of ``texts`` (``HarperChecker.accept`` makes them Harper's own)."""
    return {m.group() for text in texts for m in _CAPITALISED_PART.finditer(text)}


_PROCESS_HARPER: list[HarperChecker] = []


def _start_harper(accept_capitalised: bool, words: set[str]) -> None:
    """A pool process's one Harper, with ``words`` accepted before any check."""
    checker = HarperChecker(accept_capitalised=accept_capitalised)
    checker.accept_words(words)
    _PROCESS_HARPER.append(checker)


def _harper_matches(texts: Sequence[str]) -> list[list[Match]]:
    """In a pool process: the matches of each of ``texts``, in order, by this process's one Harper."""
    return _PROCESS_HARPER[0].matches_group(texts)


def harper_pool(groups: Sequence[Sequence[str]], jobs: int, accept_capitalised: bool = True) -> list[list[Match]]:
    """Harper's matches of every text of ``groups`` on ``jobs`` processes, in order.

    A group's texts are checked one after another by one process (a raw chunk, then its fixed chunk,
    which then finds most of its sentences in Harper's cache). Processes are forked where the platform
    can: they inherit the dictionary the parent loaded. Each process first accepts the capitalised words
    of every group, as one Harper checking all groups would: Harper's messages (its spelling suggestions)
    depend on the words it knows, so each text gets the matches one process would give it.
    """
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    words = capitalised_words([text for group in groups for text in group]) if accept_capitalised else set()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_harper,
                             initargs=(accept_capitalised, words)) as pool:
        done = pool.map(_harper_matches, groups)
        return [matches for group in done for matches in group]


Notice = Callable[[str], None]


@dataclass
class GrammarSession:
    """The grammar checkers of one run: LanguageTool when it is available, else Harper.

    ``primary`` is tried first; on any failure the session reports it once through ``notice`` and uses
    ``fallback`` (built on first use) from then on. Both texts of a before/after pair are always
    checked by the same checker, so their counts compare.
    """

    primary: Checker | None
    notice: Notice
    fallback_factory: Callable[[], Checker] = HarperChecker
    names: set[str] = field(default_factory=set)
    proper_names: bool = False
    jobs: int = 1
    _fallback: Checker | None = field(default=None, init=False)
    _fallback_failed: bool = field(default=False, init=False)
    _warming: threading.Thread | None = field(default=None, init=False)

    def warm_up(self) -> None:
        """Build Harper on a background thread, when Harper is the checker: the run goes on meanwhile
        (Harper's calls release the GIL), and the first check waits for the thread. Loading Harper's
        dictionary, once per process, takes about half a second of CPU: worth a thread when a second
        core is free for it.
        """
        if self.primary is None and self._fallback is None and self._warming is None and not self._fallback_failed:
            self._warming = threading.Thread(target=self._warm, name="harper-warm-up", daemon=True)
            self._warming.start()

    def _warm(self) -> None:
        try:
            checker = self.fallback_factory()
        except Exception:  # the first check builds Harper again and gives the notice
            return
        self._fallback = checker

    def _harper(self) -> Checker | None:
        if self._warming is not None:
            self._warming.join()
            self._warming = None
        if self._fallback is None and not self._fallback_failed:
            try:
                self._fallback = self.fallback_factory()
            except Exception as error:  # a checker's failure never fails the repair
                self._fallback_failed = True
                self.notice(f"grammar: Harper unavailable ({reason(error)})")
        return self._fallback

    @property
    def checker_name(self) -> str:
        """The name of the checker the next check will try first."""
        return self.primary.name if self.primary is not None else harper_name()

    def _results(self, checker: Checker, texts: Sequence[str], found: Sequence[list[Match]],
                 names: Sequence[set[str]] | None, seconds: float) -> list[GrammarResult]:
        results = []
        for i, (text, matches) in enumerate(zip(texts, found, strict=True)):
            known = self.names | (document_names(text) if names is None else names[i])
            issues, skipped = build_issues(text, matches, known, self.proper_names, checker.family)
            results.append(GrammarResult(checker.name, tuple(issues), skipped, word_count(text), seconds / len(texts)))
        return results

    def _run(self, checker: Checker, texts: Sequence[str], names: Sequence[set[str]] | None,
             group: int) -> list[GrammarResult]:
        began = time.perf_counter()
        groups = [texts[i : i + group] for i in range(0, len(texts), group)]
        if isinstance(checker, HarperChecker) and self.jobs > 1 and len(groups) > 2:
            found = harper_pool(groups, self.jobs, not self.proper_names)
        elif isinstance(checker, HarperChecker):
            checker.accept(texts)  # one call for every text: adding words costs the same for one or many
            found = [matches for texts_of_group in groups for matches in checker.matches_group(texts_of_group)]
        else:
            found = [checker.matches(text) for text in texts]
        return self._results(checker, texts, found, names, time.perf_counter() - began)

    def check(self, texts: Sequence[str], names: Sequence[set[str]] | None = None,
              group: int = 2) -> list[GrammarResult] | None:
        """Check each of ``texts`` with one checker; ``None`` when no checker works.

        ``names`` are the names of each text's document (by default the text's own,
        ``document_names``), never reported as misspellings. Harper
        checks groups of ``group`` consecutive texts together (``HarperChecker.matches_group``), on
        ``jobs`` processes when there are more than two groups.
        """
        if self.primary is not None:
            try:
                return self._run(self.primary, texts, names, group)
            except Exception as error:  # a checker's failure never fails the repair
                self.notice(f"grammar: LanguageTool unavailable ({reason(error)})")
                self.primary = None
        harper = self._harper()
        if harper is None:
            return None
        try:
            return self._run(harper, texts, names, group)
        except Exception as error:  # a checker's failure never fails the repair
            self.notice(f"grammar: {harper.name} failed ({reason(error)})")
            self._fallback, self._fallback_failed = None, True
            return None


def reason(error: BaseException) -> str:
    """The first line of an error's message, short enough for a one-line notice."""
    text = str(error).strip().splitlines()
    first = text[0] if text else type(error).__name__
    return first if len(first) <= 200 else first[:197] + "..."
