"""The plain file datasets: JSON, YAML, text and pickle; local paths only."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from keelrt import DatasetError
from keelrt.datasets import JSONDataset
from keelrt.datasets import MissingFileError
from keelrt.datasets import PickleDataset
from keelrt.datasets import TextDataset
from keelrt.datasets import YAMLDataset


def test_json_dataset_round_trips_plain_data(tmp_path: Path) -> None:
    dataset = JSONDataset(filepath=str(tmp_path / "a.json"))
    dataset.save({"a": [1, 2], "b": "x"})
    assert dataset.load() == {"a": [1, 2], "b": "x"}


def test_json_dataset_indents_by_two_spaces(tmp_path: Path) -> None:
    JSONDataset(filepath=str(tmp_path / "a.json")).save({"a": 1})
    assert (tmp_path / "a.json").read_text() == '{\n  "a": 1\n}'


def test_yaml_dataset_round_trips_plain_data(tmp_path: Path) -> None:
    dataset = YAMLDataset(filepath=str(tmp_path / "a.yml"))
    dataset.save({"model": {"depth": 3, "tags": ["x"]}})
    assert dataset.load() == {"model": {"depth": 3, "tags": ["x"]}}


def test_yaml_dataset_writes_block_style(tmp_path: Path) -> None:
    YAMLDataset(filepath=str(tmp_path / "a.yml")).save({"a": [1]})
    assert (tmp_path / "a.yml").read_text() == "a:\n- 1\n"


def test_text_dataset_round_trips_a_string(tmp_path: Path) -> None:
    dataset = TextDataset(filepath=str(tmp_path / "notes.txt"))
    dataset.save("héllo\nworld")
    assert dataset.load() == "héllo\nworld"


def test_text_dataset_uses_encoding_from_fs_args(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    open_args = {"open_args_save": {"encoding": "latin-1"}}
    TextDataset(filepath=str(path), fs_args=open_args).save("é")
    assert path.read_bytes() == b"\xe9"


def test_pickle_dataset_round_trips_any_object(tmp_path: Path) -> None:
    dataset = PickleDataset(filepath=str(tmp_path / "m.pkl"))
    dataset.save({"weights": (1.5, 2.5)})
    assert dataset.load() == {"weights": (1.5, 2.5)}


def test_pickle_dataset_passes_save_args_to_backend(tmp_path: Path) -> None:
    path = tmp_path / "m.pkl"
    PickleDataset(filepath=str(path), save_args={"protocol": 2}).save([1])
    assert path.read_bytes()[:2] == b"\x80\x02"


def test_pickle_dataset_rejects_missing_backend(tmp_path: Path) -> None:
    with pytest.raises(
        DatasetError, match="backend 'no_such_pickler' cannot be imported"
    ):
        PickleDataset(filepath=str(tmp_path / "m.pkl"), backend="no_such_pickler")


def test_pickle_dataset_rejects_backend_without_load_and_dump(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="has no load"):
        PickleDataset(filepath=str(tmp_path / "m.pkl"), backend="os")


def test_pickle_dataset_describes_its_backend(tmp_path: Path) -> None:
    dataset = PickleDataset(filepath=str(tmp_path / "m.pkl"))
    assert dataset.describe()["backend"] == "pickle"
    assert pickle.loads(pickle.dumps([1])) == [1]


def test_file_prefix_is_accepted(tmp_path: Path) -> None:
    dataset = TextDataset(filepath=f"file://{tmp_path / 'a.txt'}")
    dataset.save("x")
    assert (tmp_path / "a.txt").read_text() == "x"


def test_remote_protocol_is_refused_with_local_only_message() -> None:
    with pytest.raises(DatasetError, match="support only local paths"):
        JSONDataset(filepath="s3://bucket/a.json")


def test_loading_a_missing_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "absent.json"
    with pytest.raises(MissingFileError, match=r"absent.json does not exist") as info:
        JSONDataset(filepath=str(path)).load()
    assert info.value.path == path


def test_save_creates_parent_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "c.txt"
    TextDataset(filepath=str(path)).save("x")
    assert path.read_text() == "x"


def test_file_dataset_exists_reflects_the_file(tmp_path: Path) -> None:
    dataset = TextDataset(filepath=str(tmp_path / "a.txt"))
    assert not dataset.exists()
    dataset.save("x")
    assert dataset.exists()


def test_describe_never_includes_credentials(tmp_path: Path) -> None:
    dataset = JSONDataset(
        filepath=str(tmp_path / "a.json"), credentials={"token": "s3cr3t-token"}
    )
    assert "s3cr3t-token" not in repr(dataset)
    assert "credentials" not in dataset.describe()


def test_file_dataset_keeps_metadata(tmp_path: Path) -> None:
    dataset = TextDataset(filepath=str(tmp_path / "a.txt"), metadata={"owner": "me"})
    assert dataset.metadata == {"owner": "me"}


def test_loading_a_folder_says_it_is_not_a_file(tmp_path: Path) -> None:
    (tmp_path / "d.json").mkdir()
    with pytest.raises(MissingFileError, match="is a folder, not a file"):
        JSONDataset(filepath=str(tmp_path / "d.json")).load()
