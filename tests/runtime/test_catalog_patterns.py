"""Dataset factories: Kedro's matching rules and ranking, and filled-in entries."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from keelrt import CatalogError
from keelrt import DataCatalog
from keelrt import MemoryDataset
from keelrt.catalog import DatasetConfigError
from keelrt.datasets import CSVDataset

CSV_FACTORY = {"type": "pandas.CSVDataset", "filepath": "data/01_raw/{name}.csv"}

literals = st.text(alphabet="ab_.-", min_size=1, max_size=4)
placeholder_names = st.sampled_from(["a", "b", "c", "name", "ns"])
pieces = st.lists(
    st.one_of(literals, placeholder_names.map(lambda n: "{" + n + "}")),
    min_size=1,
    max_size=5,
).filter(lambda parts: not parts[0].startswith("_"))  # "_" keys are ignored
values = st.text(alphabet="xyz019", min_size=1, max_size=5)


def _pattern_text(parts: list[str]) -> str:
    return "".join(parts)


def _literal_count(text: str) -> int:
    return len(re.sub(r"\{.*?\}", "", text))


def _placeholders(text: str) -> list[str]:
    return sorted(set(re.findall(r"\{(\w+)\}", text)))


def _captured(pattern: str, name: str) -> dict[str, str] | None:
    """Return what the factory fills in for ``name``; None if it does not match."""
    echo = {n: "{" + n + "}" for n in _placeholders(pattern)}
    catalog = DataCatalog.from_config(
        {pattern: {"type": "MemoryDataset", "metadata": echo}}
    )
    if name not in catalog:
        return None
    return catalog[name].metadata  # type: ignore[attr-defined, no-any-return]


def test_factory_entry_is_created_for_a_matching_name(tmp_path: Path) -> None:
    catalog = DataCatalog.from_config(
        {"{name}_csv": CSV_FACTORY}, project_path=tmp_path
    )
    dataset = catalog["companies_csv"]
    assert isinstance(dataset, CSVDataset)
    assert dataset.filepath == tmp_path / "data/01_raw/companies.csv"


def test_contains_is_true_for_factory_matches() -> None:
    assert "companies_csv" in DataCatalog.from_config({"{name}_csv": CSV_FACTORY})


def test_contains_is_false_for_names_no_pattern_matches() -> None:
    assert "companies" not in DataCatalog.from_config({"{name}_csv": CSV_FACTORY})


def test_explicit_entry_wins_over_a_pattern(tmp_path: Path) -> None:
    config = {"{name}_csv": CSV_FACTORY, "special_csv": {"type": "MemoryDataset"}}
    catalog = DataCatalog.from_config(config, project_path=tmp_path)
    assert isinstance(catalog["special_csv"], MemoryDataset)


def test_more_literal_characters_rank_first() -> None:
    config = {
        "{a}_{b}": {"type": "MemoryDataset"},
        "{a}_data": {"type": "MemoryDataset"},
    }
    assert DataCatalog.from_config(config).patterns == ["{a}_data", "{a}_{b}"]


def test_more_placeholders_rank_first_at_equal_literals() -> None:
    config = {"{a}.x": {"type": "MemoryDataset"}, "{a}.{b}x": {"type": "MemoryDataset"}}
    assert DataCatalog.from_config(config).patterns == ["{a}.{b}x", "{a}.x"]


def test_ties_rank_alphabetically() -> None:
    config = {"{b}_x": {"type": "MemoryDataset"}, "{a}_x": {"type": "MemoryDataset"}}
    assert DataCatalog.from_config(config).patterns == ["{a}_x", "{b}_x"]


def test_catch_all_ranks_last_and_matches_everything() -> None:
    config = {"{default}": {"type": "MemoryDataset"}, "{name}_csv": CSV_FACTORY}
    catalog = DataCatalog.from_config(config)
    assert (catalog.patterns[-1], "anything" in catalog) == ("{default}", True)


def test_unsupported_placeholder_in_a_pattern_with_valid_config() -> None:
    with pytest.raises(DatasetConfigError, match="not a plain name"):
        DataCatalog.from_config({"{a.b}_x": {"type": "MemoryDataset"}})


def test_two_catch_all_patterns_are_refused() -> None:
    config = {"{a}": {"type": "MemoryDataset"}, "{b}": {"type": "MemoryDataset"}}
    with pytest.raises(CatalogError, match="2 catch-all patterns"):
        DataCatalog.from_config(config)


def test_matching_ignores_case_as_kedro_does() -> None:
    assert _captured("{name}_csv", "Cars_CSV") == {"name": "Cars"}


def test_placeholders_take_as_little_as_possible_left_to_right() -> None:
    assert _captured("{a}_{b}", "x_y_z") == {"a": "x", "b": "y_z"}


def test_repeated_placeholder_must_repeat_the_same_text() -> None:
    assert _captured("{a}.{a}", "x.y") is None


def test_repeated_placeholder_matches_the_same_text() -> None:
    assert _captured("{a}.{a}", "x.x") == {"a": "x"}


def test_pattern_must_match_the_whole_name() -> None:
    assert _captured("{a}_csv", "x_csv_backup") is None


def test_placeholder_in_config_missing_from_pattern_is_refused() -> None:
    config = {
        "{name}_csv": {"type": "pandas.CSVDataset", "filepath": "{folder}/{name}.csv"}
    }
    with pytest.raises(DatasetConfigError, match="uses '\\{folder\\}'"):
        DataCatalog.from_config(config)


def test_unsupported_placeholder_syntax_is_refused() -> None:
    with pytest.raises(DatasetConfigError, match="not a plain name"):
        DataCatalog.from_config({"{n:d}_csv": CSV_FACTORY})


def test_pattern_with_unknown_type_is_refused_at_config_time() -> None:
    with pytest.raises(DatasetConfigError, match="pattern '\\{n\\}_csv' has type"):
        DataCatalog.from_config({"{n}_csv": {"type": "pandas.CSVDataSet"}})


def test_pattern_that_is_not_a_mapping_is_refused() -> None:
    with pytest.raises(DatasetConfigError, match="is not a mapping"):
        DataCatalog.from_config({"{n}_csv": ["x"]})


def test_filled_in_pattern_with_bad_argument_names_dataset_and_pattern(
    tmp_path: Path,
) -> None:
    config = {
        "{n}_csv": {"type": "pandas.CSVDataset", "filepath": "{n}.csv", "sep": ","}
    }
    with pytest.raises(
        DatasetConfigError, match=r"pattern '\{n\}_csv' has argument 'sep'"
    ):
        DataCatalog.from_config(config, project_path=tmp_path)


def test_placeholders_fill_nested_values(tmp_path: Path) -> None:
    config = {"{name}_csv": {**CSV_FACTORY, "load_args": {"usecols": ["{name}_id"]}}}
    catalog = DataCatalog.from_config(config, project_path=tmp_path)
    assert catalog.describe("cars_csv")["load_args"] == {"usecols": ["cars_id"]}


def test_factory_datasets_appear_in_keys_once_used(tmp_path: Path) -> None:
    catalog = DataCatalog.from_config(
        {"{name}_csv": CSV_FACTORY}, project_path=tmp_path
    )
    catalog["cars_csv"]
    assert catalog.keys() == ["cars_csv"]


def test_factory_credentials_are_resolved(tmp_path: Path) -> None:
    config = {"{name}_csv": {**CSV_FACTORY, "credentials": "db"}}
    catalog = DataCatalog.from_config(
        config, {"db": {"key": "s3cr3t!"}}, project_path=tmp_path
    )
    assert "s3cr3t!" not in repr(catalog.describe("x_csv"))


@given(parts=pieces, data=st.data())
@settings(max_examples=60, deadline=None)
def test_a_name_built_from_a_pattern_matches_it(
    parts: list[str], data: st.DataObject
) -> None:
    text = _pattern_text(parts)
    if "{" not in text:
        return
    chosen = {n: data.draw(values) for n in _placeholders(text)}
    name = "".join(chosen[p[1:-1]] if p.startswith("{") else p for p in parts)
    found = _captured(text, name)
    assert found is not None
    rebuilt = "".join(found[p[1:-1]] if p.startswith("{") else p for p in parts)
    assert rebuilt.lower() == name.lower()


@given(parts=pieces, name=st.text(alphabet="ab_.-xyz", min_size=1, max_size=10))
@settings(max_examples=100, deadline=None)
def test_matching_agrees_with_the_parse_library(parts: list[str], name: str) -> None:
    parse = pytest.importorskip("parse")
    text = _pattern_text(parts)
    if "{" not in text:
        return
    expected = parse.parse(text, name)
    assert _captured(text, name) == (None if expected is None else expected.named)


@given(texts=st.lists(pieces.map(_pattern_text), min_size=1, max_size=6, unique=True))
@settings(max_examples=60, deadline=None)
def test_ranking_follows_kedros_three_keys(texts: list[str]) -> None:
    texts = [t for t in texts if "{" in t]
    config = {t: {"type": "MemoryDataset"} for t in texts}
    if sum(_literal_count(t) == 0 for t in texts) > 1:
        with pytest.raises(CatalogError, match="catch-all"):
            DataCatalog.from_config(config)
        return
    ranked = DataCatalog.from_config(config).patterns
    assert ranked == sorted(texts, key=lambda t: (-_literal_count(t), -t.count("{"), t))


@given(
    texts=st.lists(pieces.map(_pattern_text), min_size=1, max_size=5, unique=True),
    name=st.text(alphabet="ab_.-xy", min_size=1, max_size=8),
)
@settings(max_examples=60, deadline=None)
def test_the_first_ranked_matching_pattern_wins(texts: list[str], name: str) -> None:
    texts = [t for t in texts if "{" in t]
    if sum(_literal_count(t) == 0 for t in texts) > 1:
        return
    catalog = DataCatalog.from_config({t: {"type": "MemoryDataset"} for t in texts})
    matching = [p for p in catalog.patterns if _captured(p, name) is not None]
    assert catalog.config_resolver.match_pattern(name) == (
        matching[0] if matching else None
    )


def test_catalog_with_patterns_survives_pickling(tmp_path: Path) -> None:
    catalog = DataCatalog.from_config(
        {"{name}_csv": CSV_FACTORY}, project_path=tmp_path
    )
    copy = pickle.loads(pickle.dumps(catalog))
    assert copy.describe("cars_csv")["filepath"].endswith("data/01_raw/cars.csv")
