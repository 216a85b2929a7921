"""Reading config files: YAML typed as OmegaConf types it, JSON, and syntax errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from keelrt.config import ConfigFileError
from keelrt.config import ConfigLoader


def load_parameters(tmp_path: Path, text: str, name: str = "parameters.yml") -> dict:
    base = tmp_path / "conf" / "base"
    base.mkdir(parents=True, exist_ok=True)
    (base / name).write_text(textwrap.dedent(text))
    return ConfigLoader(tmp_path / "conf")["parameters"]


def test_exponent_without_dot_is_a_float(tmp_path: Path) -> None:
    assert load_parameters(tmp_path, "lr: 1e-3\n") == {"lr": 0.001}


def test_dates_stay_strings(tmp_path: Path) -> None:
    assert load_parameters(tmp_path, "start: 2024-01-31\n") == {"start": "2024-01-31"}


def test_scalars_are_typed_as_yaml(tmp_path: Path) -> None:
    text = "i: 3\nf: 1.5\nb: true\nn: null\ne: ~\ns: text\nq: '3'\n"
    assert load_parameters(tmp_path, text) == {
        "i": 3,
        "f": 1.5,
        "b": True,
        "n": None,
        "e": None,
        "s": "text",
        "q": "3",
    }


def test_yaml_anchors_and_merge_keys_work(tmp_path: Path) -> None:
    text = """
    _defaults: &defaults
      sep: ","
      header: true
    one:
      <<: *defaults
      sep: ";"
    two: *defaults
    """
    assert load_parameters(tmp_path, text) == {
        "_defaults": {"sep": ",", "header": True},
        "one": {"sep": ";", "header": True},
        "two": {"sep": ",", "header": True},
    }


def test_merge_keys_nested_under_anchors_are_not_duplicates(tmp_path: Path) -> None:
    text = """
    root:
      deep:
        inner: &a {x: 1, y: 2}
    other: &b
      <<: *a
      x: 3
    last:
      <<: *b
    """
    result = load_parameters(tmp_path, text)
    assert (result["other"], result["last"]) == ({"x": 3, "y": 2}, {"x": 3, "y": 2})


def test_explicit_tags_still_construct(tmp_path: Path) -> None:
    assert load_parameters(tmp_path, "s: !!set {a, b}\n") == {"s": {"a", "b"}}


def test_unknown_tag_is_an_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigFileError, match=r"parameters\.yml' is not valid YAML"):
        load_parameters(tmp_path, "x: !!python/object:os.system {}\n")


def test_unhashable_key_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigFileError, match="unhashable key"):
        load_parameters(tmp_path, "? [a, b]\n: 1\n")


def test_yaml_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigFileError) as info:
        load_parameters(tmp_path, "a: 1\nb: [1, 2\nc: 3\n")
    assert "parameters.yml" in str(info.value)
    assert "line " in str(info.value)
    assert info.value.line is not None


def test_bad_indentation_reports_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigFileError, match="at line 3"):
        load_parameters(tmp_path, "a:\n  b: 1\n c: 2\n")


def test_syntax_error_in_credentials_does_not_show_values(tmp_path: Path) -> None:
    base = tmp_path / "conf" / "base"
    base.mkdir(parents=True)
    (base / "credentials.yml").write_text("db:\n  password: hunter2: oops\n")
    with pytest.raises(ConfigFileError) as info:
        ConfigLoader(tmp_path / "conf")["credentials"]
    assert "hunter2" not in str(info.value)


def test_top_level_list_is_an_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigFileError, match=r"parameters\.yml' must hold a mapping"):
        load_parameters(tmp_path, "- a\n- b\n")


def test_json_files_load(tmp_path: Path) -> None:
    assert load_parameters(tmp_path, '{"a": {"b": 1}}', "parameters.json") == {
        "a": {"b": 1}
    }


def test_json_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigFileError, match=r"not valid JSON at line 2") as info:
        load_parameters(tmp_path, '{"a": 1,\n "b" 2}', "parameters.json")
    assert info.value.line == 2


def test_json_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    base = tmp_path / "conf" / "base"
    base.mkdir(parents=True)
    (base / "parameters.json").write_bytes(b'{"a": "\xff"}')
    with pytest.raises(ConfigFileError, match="UTF-8"):
        ConfigLoader(tmp_path / "conf")["parameters"]


def test_folder_named_like_a_config_file_is_skipped(tmp_path: Path) -> None:
    base = tmp_path / "conf" / "base"
    (base / "parameters.yml").mkdir(parents=True)
    (base / "parameters.yml" / "x.txt").write_text("")
    assert ConfigLoader(tmp_path / "conf")["parameters"] == {}


def test_unreadable_file_is_an_error_naming_it(tmp_path: Path) -> None:
    base = tmp_path / "conf" / "base"
    base.mkdir(parents=True)
    (base / "parameters.yml").symlink_to(tmp_path / "missing.yml")
    with pytest.raises(ConfigFileError, match=r"parameters\.yml' cannot be read"):
        ConfigLoader(tmp_path / "conf")["parameters"]


def test_yaml_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    base = tmp_path / "conf" / "base"
    base.mkdir(parents=True)
    (base / "parameters.yml").write_bytes(b"a: \xff\xfe\n")
    with pytest.raises(ConfigFileError, match="UTF-8"):
        ConfigLoader(tmp_path / "conf")["parameters"]


def test_of_several_merged_mappings_the_first_wins(tmp_path: Path) -> None:
    text = """
    a: &a {x: 1}
    b: &b {x: 2, y: 2}
    c:
      <<: [*a, *b]
      z: 3
    """
    assert load_parameters(tmp_path, text)["c"] == {"x": 1, "y": 2, "z": 3}


def test_merging_a_scalar_is_an_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigFileError, match=r"parameters\.yml"):
        load_parameters(tmp_path, "a: &a 1\nb:\n  <<: *a\n")
