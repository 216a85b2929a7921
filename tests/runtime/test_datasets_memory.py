"""MemoryDataset: in-memory data with assign / copy / deepcopy semantics."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from keelrt import DatasetError
from keelrt import MemoryDataset

LOADER = """
import importlib.util, sys
runtime = sys.argv[1]
spec = importlib.util.spec_from_file_location(
    "keelrt", runtime + "/__init__.py", submodule_search_locations=[runtime]
)
module = importlib.util.module_from_spec(spec)
sys.modules["keelrt"] = module
spec.loader.exec_module(module)
"""
RUNTIME_DIR = str(
    Path(__file__).resolve().parents[2]
    / "template"
    / "src"
    / "{{package_name}}"
    / "runtime"
)


def test_memory_dataset_returns_what_was_saved() -> None:
    dataset = MemoryDataset()
    dataset.save({"a": 1})
    assert dataset.load() == {"a": 1}


def test_memory_dataset_assigns_by_default() -> None:
    data = [1, 2]
    dataset = MemoryDataset(data)
    assert dataset.load() is data
    assert dataset.copy_mode == "assign"


def test_memory_dataset_copy_mode_uses_the_objects_copy_method() -> None:
    class Frame:
        def __init__(self) -> None:
            self.copied = False

        def copy(self) -> Frame:
            clone = Frame()
            clone.copied = True
            return clone

    loaded = MemoryDataset(Frame(), copy_mode="copy").load()
    assert loaded.copied


def test_memory_dataset_copy_mode_without_copy_method_is_shallow() -> None:
    inner = [1]
    loaded = MemoryDataset((inner,), copy_mode="copy").load()
    assert loaded[0] is inner


def test_memory_dataset_deepcopy_mode_isolates_nested_data() -> None:
    data = {"rows": [1, 2]}
    dataset = MemoryDataset(data, copy_mode="deepcopy")
    data["rows"].append(3)
    assert dataset.load() == {"rows": [1, 2]}


def test_memory_dataset_rejects_unknown_copy_mode_with_suggestion() -> None:
    with pytest.raises(DatasetError, match=r"did you mean 'deepcopy'"):
        MemoryDataset(copy_mode="deepcoppy")


def test_empty_memory_dataset_load_says_nothing_was_saved() -> None:
    with pytest.raises(DatasetError, match="nothing was saved"):
        MemoryDataset().load()


def test_memory_dataset_exists_only_after_save() -> None:
    dataset = MemoryDataset()
    assert not dataset.exists()
    dataset.save(0)
    assert dataset.exists()


def test_memory_dataset_release_forgets_the_data() -> None:
    dataset = MemoryDataset(5)
    dataset.release()
    assert not dataset.exists()


def test_memory_dataset_is_ephemeral() -> None:
    assert MemoryDataset().is_ephemeral


def test_memory_dataset_repr_shows_type_not_contents() -> None:
    assert repr(MemoryDataset([1, 2, 3])) == "MemoryDataset(data='<list>')"


def test_memory_dataset_module_never_imports_pandas_or_numpy() -> None:
    code = LOADER + textwrap.dedent(
        """
        from keelrt.datasets import MemoryDataset
        MemoryDataset([1], copy_mode="deepcopy").load()
        assert "pandas" not in sys.modules and "numpy" not in sys.modules
        """
    )
    subprocess.run([sys.executable, "-c", code, RUNTIME_DIR], check=True)


def test_empty_memory_dataset_stays_empty_through_pickling() -> None:
    copy = pickle.loads(pickle.dumps(MemoryDataset()))
    assert not copy.exists()


def test_memory_dataset_keeps_its_data_through_pickling() -> None:
    assert pickle.loads(pickle.dumps(MemoryDataset([1]))).load() == [1]
