"""ConfigLoader: environments, file patterns, merging, errors for bad conf folders."""

from __future__ import annotations

import logging
import textwrap
from pathlib import Path

import pytest
from keelrt import ConfigError
from keelrt.config import ConfigFileError
from keelrt.config import ConfigLoader
from keelrt.config import DuplicateConfigKeyError
from keelrt.config import MissingConfSourceError
from keelrt.config import MissingEnvironmentError
from keelrt.config import UnknownConfigKindError


def write_conf(root: Path, files: dict[str, str]) -> Path:
    """Write ``{"base/catalog.yml": text}`` under ``root/conf``; return conf."""
    conf = root / "conf"
    (conf / "base").mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = conf / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return conf


# -- environments ---------------------------------------------------------------------


def test_env_overrides_base_per_top_level_key(tmp_path: Path) -> None:
    conf = write_conf(
        tmp_path,
        {
            "base/parameters.yml": "model: {lr: 0.1, depth: 3}\nseed: 1\n",
            "local/parameters.yml": "model: {lr: 0.5}\n",
        },
    )
    assert ConfigLoader(conf)["parameters"] == {"model": {"lr": 0.5}, "seed": 1}


def test_soft_merge_strategy_merges_nested_keys(tmp_path: Path) -> None:
    conf = write_conf(
        tmp_path,
        {
            "base/parameters.yml": "model: {lr: 0.1, depth: 3}\n",
            "local/parameters.yml": "model: {lr: 0.5}\n",
        },
    )
    loader = ConfigLoader(conf, merge_strategy={"parameters": "soft"})
    assert loader["parameters"] == {"model": {"lr": 0.5, "depth": 3}}


def test_env_argument_chooses_the_environment(tmp_path: Path) -> None:
    conf = write_conf(
        tmp_path,
        {"base/parameters.yml": "a: 1\n", "prod/parameters.yml": "a: 2\n"},
    )
    assert ConfigLoader(conf, env="prod")["parameters"] == {"a": 2}


def test_keel_env_variable_chooses_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conf = write_conf(
        tmp_path,
        {"base/parameters.yml": "a: 1\n", "prod/parameters.yml": "a: 2\n"},
    )
    monkeypatch.setenv("KEEL_ENV", "prod")
    loader = ConfigLoader(conf)
    assert (loader.env, loader["parameters"]) == ("prod", {"a": 2})


def test_env_argument_wins_over_keel_env_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conf = write_conf(tmp_path, {"prod/x.yml": "", "test/x.yml": ""})
    monkeypatch.setenv("KEEL_ENV", "prod")
    assert ConfigLoader(conf, env="test").env == "test"


def test_missing_default_env_folder_is_fine(tmp_path: Path) -> None:
    conf = write_conf(tmp_path, {"base/parameters.yml": "a: 1\n"})
    assert ConfigLoader(conf)["parameters"] == {"a": 1}


def test_missing_chosen_env_folder_names_it_and_lists_envs(tmp_path: Path) -> None:
    conf = write_conf(tmp_path, {"base/parameters.yml": "", "prod/parameters.yml": ""})
    with pytest.raises(MissingEnvironmentError) as info:
        ConfigLoader(conf, env="prd")
    message = str(info.value)
    assert "'prd'" in message
    assert str(conf / "prd") in message
    assert "did you mean 'prod'?" in message
    assert "'base', 'prod'" in message


def test_missing_base_folder_is_an_error(tmp_path: Path) -> None:
    conf = tmp_path / "conf"
    (conf / "local").mkdir(parents=True)
    with pytest.raises(
        MissingEnvironmentError, match="environment 'base' has no folder"
    ):
        ConfigLoader(conf)


def test_missing_conf_source_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(MissingConfSourceError, match="is not a folder"):
        ConfigLoader(tmp_path / "nowhere")


def test_base_env_as_run_env_reads_base_only(tmp_path: Path) -> None:
    conf = write_conf(
        tmp_path, {"base/parameters.yml": "a: 1\n", "local/parameters.yml": "a: 2\n"}
    )
    assert ConfigLoader(conf, env="base")["parameters"] == {"a": 1}


def test_override_is_logged_at_debug(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    conf = write_conf(
        tmp_path, {"base/parameters.yml": "a: 1\n", "local/parameters.yml": "a: 2\n"}
    )
    with caplog.at_level(logging.DEBUG):
        ConfigLoader(conf)["parameters"]
    assert "overrides 1 parameters key(s): a" in caplog.text


# -- file patterns ---------------------------------------------------------------------


def test_default_patterns_find_files_at_any_depth(tmp_path: Path) -> None:
    conf = write_conf(
        tmp_path,
        {
            "base/catalog.yml": "a: {type: MemoryDataset}\n",
            "base/catalog/b.yaml": "b: {type: MemoryDataset}\n",
            "base/pipelines/x/catalog_x.json": '{"c": {"type": "MemoryDataset"}}',
        },
    )
    assert sorted(ConfigLoader(conf)["catalog"]) == ["a", "b", "c"]


def test_hidden_files_and_folders_are_ignored(tmp_path: Path) -> None:
    conf = write_conf(
        tmp_path,
        {
            "base/.catalog.yml": "hidden: 1\n",
            "base/.ipynb_checkpoints/catalog.yml": "hidden: 2\n",
            "base/catalog.yml": "seen: 3\n",
        },
    )
    assert ConfigLoader(conf)["catalog"] == {"seen": 3}


def test_files_of_other_types_are_ignored(tmp_path: Path) -> None:
    conf = write_conf(tmp_path, {"base/catalog.txt": "x", "base/catalog.yml.bak": "y"})
    assert ConfigLoader(conf)["catalog"] == {}


def test_config_patterns_add_a_kind(tmp_path: Path) -> None:
    conf = write_conf(tmp_path, {"base/spark.yml": "spark.master: local\n"})
    loader = ConfigLoader(conf, config_patterns={"spark": ["spark*"]})
    assert loader["spark"] == {"spark.master": "local"}


def test_config_patterns_replace_a_kinds_patterns(tmp_path: Path) -> None:
    conf = write_conf(
        tmp_path, {"base/params.yml": "a: 1\n", "base/parameters.yml": "b: 2\n"}
    )
    loader = ConfigLoader(conf, config_patterns={"parameters": ["params*"]})
    assert loader["parameters"] == {"a": 1}


def test_config_patterns_must_be_lists(tmp_path: Path) -> None:
    conf = write_conf(tmp_path, {})
    with pytest.raises(ConfigError, match="not a list of glob patterns"):
        ConfigLoader(conf, config_patterns={"spark": "spark*"})  # type: ignore[dict-item]


def test_bracket_and_question_mark_globs_match_one_character(tmp_path: Path) -> None:
    conf = write_conf(
        tmp_path,
        {"base/a1.yml": "a1: 1\n", "base/b2.yml": "b2: 2\n", "base/c3.yml": "c3: 3\n"},
    )
    loader = ConfigLoader(conf, config_patterns={"x": ["[ab]?.yml", "[!abc]*"]})
    assert loader["x"] == {"a1": 1, "b2": 2}


def test_no_matching_files_gives_an_empty_dict(tmp_path: Path) -> None:
    assert ConfigLoader(write_conf(tmp_path, {}))["logging"] == {}


def test_empty_file_is_fine(tmp_path: Path) -> None:
    conf = write_conf(tmp_path, {"base/parameters.yml": "", "base/catalog.json": " "})
    loader = ConfigLoader(conf)
    assert (loader["parameters"], loader["catalog"]) == ({}, {})


# -- duplicates ------------------------------------------------------------------------


def test_same_key_in_two_files_of_one_env_names_key_and_files(tmp_path: Path) -> None:
    conf = write_conf(
        tmp_path,
        {"base/catalog.yml": "cars: {}\n", "base/catalog_more.yml": "cars: {}\n"},
    )
    with pytest.raises(DuplicateConfigKeyError) as info:
        ConfigLoader(conf)["catalog"]
    message = str(info.value)
    assert "'cars'" in message
    assert "catalog.yml" in message
    assert "catalog_more.yml" in message


def test_underscore_keys_may_repeat_across_files(tmp_path: Path) -> None:
    conf = write_conf(
        tmp_path,
        {
            "base/catalog.yml": "_csv: {type: pandas.CSVDataset}\n",
            "base/catalog_b.yml": "_csv: {sep: ','}\n",
        },
    )
    assert ConfigLoader(conf)["catalog"] == {
        "_csv": {"type": "pandas.CSVDataset", "sep": ","}
    }


def test_same_key_in_one_file_twice_is_an_error_with_its_line(tmp_path: Path) -> None:
    conf = write_conf(tmp_path, {"base/parameters.yml": "a: 1\nb: 2\na: 3\n"})
    with pytest.raises(ConfigFileError, match=r"line 3.*duplicate key 'a'"):
        ConfigLoader(conf)["parameters"]


# -- mapping behaviour -----------------------------------------------------------------


def test_unknown_kind_is_a_key_error_with_close_matches(tmp_path: Path) -> None:
    loader = ConfigLoader(write_conf(tmp_path, {}))
    with pytest.raises(UnknownConfigKindError, match="did you mean 'catalog'"):
        loader["catalgo"]


def test_get_returns_default_for_an_unknown_kind(tmp_path: Path) -> None:
    assert ConfigLoader(write_conf(tmp_path, {})).get("spark", "none") == "none"


def test_keys_lists_the_default_kinds(tmp_path: Path) -> None:
    loader = ConfigLoader(write_conf(tmp_path, {}))
    assert list(loader) == [
        "catalog",
        "parameters",
        "credentials",
        "logging",
        "globals",
    ]


def test_a_kind_set_explicitly_is_returned_as_set(tmp_path: Path) -> None:
    loader = ConfigLoader(write_conf(tmp_path, {"base/catalog.yml": "a: {}\n"}))
    loader["catalog"] = {"b": {}}
    loader["spark"] = {"c": 1}
    assert (loader["catalog"], loader["spark"], "spark" in loader, len(loader)) == (
        {"b": {}},
        {"c": 1},
        True,
        6,
    )


def test_each_access_returns_a_fresh_dict(tmp_path: Path) -> None:
    loader = ConfigLoader(write_conf(tmp_path, {"base/parameters.yml": "a: [1]\n"}))
    loader["parameters"]["a"].append(2)
    assert loader["parameters"] == {"a": [1]}


def test_unknown_merge_strategy_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="expected 'soft' or 'destructive'"):
        ConfigLoader(write_conf(tmp_path, {}), merge_strategy={"parameters": "deep"})


def test_merge_strategy_for_unknown_kind_suggests_a_kind(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="did you mean 'parameters'"):
        ConfigLoader(write_conf(tmp_path, {}), merge_strategy={"paramters": "soft"})


def test_repr_names_source_and_env(tmp_path: Path) -> None:
    loader = ConfigLoader(write_conf(tmp_path, {}), env="local")
    assert "env='local'" in repr(loader)


def test_catalog_larger_than_omegaconfs_node_limit_loads(tmp_path: Path) -> None:
    entries = "".join(
        f"ds_{i}:\n  type: pandas.CSVDataset\n  filepath: '${{_root}}/ds_{i}.csv'\n"
        f"  load_args: {{sep: ','}}\n"
        for i in range(2500)
    )
    conf = write_conf(tmp_path, {"base/catalog.yml": "_root: data\n" + entries})
    catalog = ConfigLoader(conf)["catalog"]
    assert (len(catalog), catalog["ds_2499"]["filepath"]) == (2501, "data/ds_2499.csv")
