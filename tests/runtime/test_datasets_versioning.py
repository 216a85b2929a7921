"""Versioned datasets: Kedro's folder layout, newest-first loads, no overwrites."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from keelrt.datasets import JSONDataset
from keelrt.datasets import Version
from keelrt.datasets import VersionExistsError
from keelrt.datasets import VersionNotFoundError
from keelrt.datasets import generate_timestamp


def _versioned(tmp_path: Path, load: str | None, save: str | None) -> JSONDataset:
    return JSONDataset(filepath=str(tmp_path / "m.json"), version=Version(load, save))


def test_generate_timestamp_uses_kedro_format() -> None:
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d\.\d\d\.\d\d\.\d{3}Z", generate_timestamp()
    )


def test_versioned_save_uses_kedro_layout(tmp_path: Path) -> None:
    _versioned(tmp_path, None, "2024-01-01T00.00.00.000Z").save([1])
    assert (tmp_path / "m.json" / "2024-01-01T00.00.00.000Z" / "m.json").is_file()


def test_versioned_load_picks_the_newest_version(tmp_path: Path) -> None:
    _versioned(tmp_path, None, "2024-01-01T00.00.00.000Z").save("old")
    _versioned(tmp_path, None, "2024-06-01T00.00.00.000Z").save("new")
    assert _versioned(tmp_path, None, None).load() == "new"


def test_versioned_load_honours_a_pinned_version(tmp_path: Path) -> None:
    _versioned(tmp_path, None, "2024-01-01T00.00.00.000Z").save("old")
    _versioned(tmp_path, None, "2024-06-01T00.00.00.000Z").save("new")
    assert _versioned(tmp_path, "2024-01-01T00.00.00.000Z", None).load() == "old"


def test_saving_an_existing_version_raises_and_keeps_it(tmp_path: Path) -> None:
    _versioned(tmp_path, None, "2024-01-01T00.00.00.000Z").save("first")
    with pytest.raises(VersionExistsError, match="never overwritten"):
        _versioned(tmp_path, None, "2024-01-01T00.00.00.000Z").save("second")
    assert _versioned(tmp_path, None, None).load() == "first"


def test_loading_without_any_version_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(VersionNotFoundError, match=r"no versions of .*m\.json"):
        _versioned(tmp_path, None, None).load()


def test_loading_a_missing_pinned_version_lists_saved_ones(tmp_path: Path) -> None:
    _versioned(tmp_path, None, "2024-01-01T00.00.00.000Z").save("x")
    with pytest.raises(VersionNotFoundError, match="Saved versions: '2024-01-01"):
        _versioned(tmp_path, "2023-01-01T00.00.00.000Z", None).load()


def test_unversioned_file_in_the_way_is_explained(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text("[]")
    with pytest.raises(VersionNotFoundError, match="is a plain file"):
        _versioned(tmp_path, None, None).load()


def test_versioned_save_refuses_plain_file_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text("[]")
    with pytest.raises(Exception, match="is a plain file"):
        _versioned(tmp_path, None, "2024-01-01T00.00.00.000Z").save([1])


def test_version_name_with_a_slash_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(VersionNotFoundError, match="not a valid version name"):
        _versioned(tmp_path, None, "../escape").save([1])


def test_generated_save_version_is_reused_by_the_same_dataset(tmp_path: Path) -> None:
    dataset = _versioned(tmp_path, None, None)
    assert dataset.resolve_save_version() == dataset.resolve_save_version()


def test_versioned_exists_is_false_before_first_save(tmp_path: Path) -> None:
    assert not _versioned(tmp_path, None, None).exists()


def test_versioned_exists_is_true_after_a_save(tmp_path: Path) -> None:
    dataset = _versioned(tmp_path, None, "2024-01-01T00.00.00.000Z")
    dataset.save([1])
    assert dataset.exists()


def test_available_versions_are_newest_first(tmp_path: Path) -> None:
    for stamp in ("2024-01-01T00.00.00.000Z", "2025-01-01T00.00.00.000Z"):
        _versioned(tmp_path, None, stamp).save([1])
    assert _versioned(tmp_path, None, None).available_versions() == [
        "2025-01-01T00.00.00.000Z",
        "2024-01-01T00.00.00.000Z",
    ]


def test_save_while_loads_are_pinned_elsewhere_logs_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _versioned(tmp_path, None, "2024-01-01T00.00.00.000Z").save([0])
    _versioned(tmp_path, "2024-01-01T00.00.00.000Z", "2024-02-01T00.00.00.000Z").save(
        [1]
    )
    assert "stay pinned" in caplog.text


def test_version_describes_itself_in_repr(tmp_path: Path) -> None:
    assert "version=Version(load=None" in repr(_versioned(tmp_path, None, "v1"))
