"""Atomic file writes: write a temporary file beside the target, fsync, then rename."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ._errors import VersionExistsError

__all__ = ["atomic_write"]

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def _new_file_mode() -> int:
    """Mode a plain ``open(path, "w")`` would give, so temp files do not stay 0600."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Persist the rename itself; not possible on every platform, so best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        logger.debug("Cannot fsync folder %s", folder)
    finally:
        os.close(fd)


def _publish(tmp: Path, target: Path, *, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, target)
        return
    # A hard link fails if the target exists, so two racing saves never clobber.
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise VersionExistsError(
            "{path} already exists and versioned files are never overwritten. "
            "Save under a new version.",
            target,
        ) from None
    except OSError:  # filesystems without hard links
        if target.exists():
            raise VersionExistsError(
                "{path} already exists and versioned files are never overwritten. "
                "Save under a new version.",
                target,
            ) from None
        os.replace(tmp, target)
        return
    tmp.unlink()


@contextlib.contextmanager
def atomic_write(
    target: str | os.PathLike[str], *, overwrite: bool = True
) -> Iterator[Path]:
    """Give a temporary path to write to; on success it replaces ``target`` atomically.

    The temporary file lives in the target's folder (created if missing), so the final
    rename never crosses filesystems. If the block raises, the temporary file is
    removed and the old target is left untouched.

    Args:
        target: The file to create or replace.
        overwrite: When False, fail instead of replacing an existing target.

    Yields:
        The temporary path; write the complete file there.

    Raises:
        VersionExistsError: ``overwrite`` is False and ``target`` exists.

    Example:
        >>> with atomic_write("data/out.csv") as tmp:  # doctest: +SKIP
        ...     frame.to_csv(tmp, index=False)
    """
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=f".tmp{path.suffix}"
    )
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        exists = path.exists()
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode) if exists else _new_file_mode())
        _fsync(tmp)
        _publish(tmp, path, overwrite=overwrite)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)
