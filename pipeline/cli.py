"""The ``mtfix`` command line: parses arguments, dispatches to a command, maps errors to exit codes.

Exit codes follow linters: 0 clean, 1 findings (``check``), 2 usage or input error. This is the one
error boundary of every command: an expected failure (bad input, an unreadable or unwritable file,
a full disk, a closed standard stream, a bad configuration or decisions file) becomes one line
``mtfix: error: <file>: <what>`` on stderr and exit 2, never a traceback. Ctrl-C (SIGINT) gives one
line and exit 130, SIGTERM one line and exit 143; in both cases the commands leave nothing
half-written (``outputs.write_outputs``), and worker processes end with the run.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from . import __version__
from .commands import apply, check, corpus, fix, rules, score
from .config import ConfigError
from .registry import RegistryError
from .runner import ConvergenceError
from .textio import InputError, printable, writing

COMMANDS = (fix, check, apply, rules, score, corpus)


class Terminated(BaseException):
    """SIGTERM arrived: raised in the main thread so that cleanup runs as for Ctrl-C."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    parser = argparse.ArgumentParser(
        prog="mtfix",
        description="Find and repair the artifacts of Russian-to-English machine translation.",
    )
    parser.add_argument("--version", action="version", version=f"mtfix {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def _error(message: str) -> None:
    if sys.stderr is not None:
        print(f"mtfix: {printable(message)}", file=sys.stderr)


def _os_error(error: OSError) -> str:
    """``<file>: <what>`` for an OS error, the file being the one it names.

    Reading and writing named files turn their errors into ``InputError``s where they happen; an OS
    error naming no file comes from writing the report to stdout (``print``).
    """
    name = os.fsdecode(error.filename) if error.filename is not None else "<stdout>"
    return f"{name}: {error.strerror or error}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``mtfix`` with ``argv``; returns the exit code."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    try:
        args = build_parser().parse_args(argv)
        if sys.stdout is None:  # every command reports on stdout
            raise InputError("<stdout>: closed; nowhere to write")
        status = args.run(args)
        with writing("<stdout>"):
            sys.stdout.flush()
        return status
    except (InputError, ConfigError, RegistryError, ConvergenceError) as error:
        _error(f"error: {error}")
    except BrokenPipeError:
        # The reader went away (``mtfix check | head``): nothing is left to say; keep the exit quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        _error(f"error: {_os_error(error)}")
    except UnicodeError as error:
        _error(f"error: {error.reason} in {error.object[max(0, error.start - 20) : error.end + 20]!r}")
    except KeyboardInterrupt:
        _error("interrupted; nothing was written")
        return 130
    except Terminated:
        _error("terminated; nothing was written")
        return 143
    return 2
