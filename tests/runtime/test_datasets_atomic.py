"""Saves are atomic: a failed save leaves the old file and no temporary file."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from keelrt.datasets import FileDataset
from keelrt.datasets import TextDataset
from keelrt.datasets import VersionExistsError
from keelrt.datasets import atomic_write


class HalfWritingDataset(FileDataset):
    """Writes part of the file, then fails, like a crash in the middle of a save."""

    def _read(self, path: Path) -> str:
        return path.read_text()

    def _write(self, path: Path, data: Any) -> None:
        with open(path, "w") as file:
            file.write(data[:3])
            file.flush()
            raise RuntimeError("disk on fire")


def test_failed_save_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old content")
    with pytest.raises(RuntimeError, match="disk on fire"):
        HalfWritingDataset(filepath=str(path)).save("new content")
    assert path.read_text() == "old content"


def test_failed_save_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old content")
    with pytest.raises(RuntimeError):
        HalfWritingDataset(filepath=str(path)).save("new content")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_failed_first_save_creates_no_file(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        HalfWritingDataset(filepath=str(tmp_path / "out.txt")).save("new")
    assert list(tmp_path.iterdir()) == []


def test_successful_save_leaves_only_the_target(tmp_path: Path) -> None:
    TextDataset(filepath=str(tmp_path / "out.txt")).save("x")
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_save_replaces_existing_file_content(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("a much longer old content")
    TextDataset(filepath=str(path)).save("new")
    assert path.read_text() == "new"


def test_new_file_gets_normal_permissions_not_temp_file_ones(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    TextDataset(filepath=str(path)).save("x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_replacing_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old")
    path.chmod(0o640)
    TextDataset(filepath=str(path)).save("new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_atomic_write_without_overwrite_refuses_existing_target(tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    path.write_text("kept")
    with pytest.raises(VersionExistsError), atomic_write(path, overwrite=False) as tmp:
        tmp.write_text("new")
    assert path.read_text() == "kept"


def test_atomic_write_temp_file_sits_beside_the_target(tmp_path: Path) -> None:
    with atomic_write(tmp_path / "sub" / "t.txt") as tmp:
        assert tmp.parent == tmp_path / "sub"
        tmp.write_text("x")
