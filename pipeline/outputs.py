"""Writing a run's output files: guarded against its inputs, staged, and moved into place all at once.

The guard: no output may be the same file as anything the run reads (an input, a source, a
reference, a decisions file), compared by device and inode after symlinks, so that a link or a
bind mount to an input is caught as well as the input itself; no two outputs of a run may share a
name; and no output may be an existing folder.

The staging: every file is written into a hidden folder inside the output folder (so on the same
file system) and renamed into place only when all of them are written, with SIGINT and SIGTERM held
back while renaming. A failure or a signal before that leaves the old files as they were, no
temporary file behind, and no output folder the run itself created. Files get the mode the umask
gives, like any file a tool writes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from .textio import InputError, create_file, writing

STAGING_PREFIX = ".mtfix-staging-"


def _identity(path: Path) -> tuple[int, int] | None:
    """Device and inode of the file ``path`` leads to (after symlinks), or None when there is none."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def guard(folder: Path, names: Iterable[str], protected: Iterable[Path]) -> list[Path]:
    """The output paths ``folder/name``, once checked; a clash raises ``InputError`` naming the output.

    ``protected`` holds every file the run reads.
    """
    read = {}
    for path in protected:
        if (identity := _identity(path)) is not None:
            read.setdefault(identity, path)
    targets: dict[str, Path] = {}
    for name in names:
        target = folder / name
        if name in targets:
            raise InputError(f"{target}: two outputs of this run would have this name; rename one of the inputs")
        targets[name] = target
        if target.is_dir():
            raise InputError(f"{target}: is a folder, where an output file would go")
        identity = _identity(target)
        if identity is not None and identity in read:
            what = "a file" if read[identity] == target else f"{read[identity]}, a file"
            raise InputError(f"{target}: is {what} this run reads; writing the output would replace it")
    return list(targets.values())


def check_folder(folder: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output folder that holds an input (after symlinks), is a file, or cannot be created."""
    here = _identity(folder)
    for path in inputs:
        if here is not None and _identity(path.resolve().parent) == here:
            raise InputError(f"{folder}: output folder is an input folder; fixed files would replace the inputs")
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: not a folder; give a folder for the outputs")
    existing = next(p for p in (folder, *folder.absolute().parents) if p.exists())
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(f"{folder}: cannot create output folder ({existing} is not a writable folder)")


def make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return those it created, deepest first."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{folder}: cannot create output folder ({error.strerror})") from None
    return missing


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (delivered on leaving) where the platform can."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_outputs(folder: Path, files: Mapping[str, bytes], protected: Iterable[Path] = ()) -> list[Path]:
    """Write ``files`` (name to bytes) into ``folder`` all at once; returns their paths.

    Nothing is replaced unless every file was written: on any failure or signal the folder is left
    as it was (and removed again if this call created it).
    """
    targets = guard(folder, files, protected)
    created = make_folder(folder)
    staging: Path | None = None
    try:
        with writing(str(folder)):
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
        for name, data in files.items():
            with writing(str(folder / name)), create_file(staging / name) as handle:
                handle.write(data)
        with signals_held(), writing(str(folder)):
            for name, target in zip(files, targets, strict=True):
                os.replace(staging / name, target)
            staging.rmdir()
    except BaseException:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        remove_folders(created)
        raise
    return targets


def remove_folders(created: Iterable[Path]) -> None:
    """Remove the folders a failed run created (``make_folder``'s list), if they are empty."""
    for made in created:
        with contextlib.suppress(OSError):
            made.rmdir()
