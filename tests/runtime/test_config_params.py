"""parse_params and merge_params: the --params option and runtime overrides."""

from __future__ import annotations

import math
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from keelrt.config import ParamsSyntaxError
from keelrt.config import merge_params
from keelrt.config import parse_params


def test_values_are_typed_as_yaml_and_dotted_keys_nest() -> None:
    assert parse_params("a.b=1,c=text,d=true,e=null,f=1.5") == {
        "a": {"b": 1},
        "c": "text",
        "d": True,
        "e": None,
        "f": 1.5,
    }


def test_value_may_contain_equals_signs() -> None:
    assert parse_params("query=a=b") == {"query": "a=b"}


def test_spaces_around_keys_and_values_are_dropped() -> None:
    assert parse_params(" a = 1 , b = two words ") == {"a": 1, "b": "two words"}


def test_empty_value_is_none() -> None:
    assert parse_params("a=") == {"a": None}


def test_exponent_value_is_a_float() -> None:
    assert parse_params("lr=1e-3") == {"lr": 0.001}


def test_empty_text_gives_no_params() -> None:
    assert parse_params("") == {}


def test_later_item_wins() -> None:
    assert parse_params("a=1,a=2") == {"a": 2}


def test_sibling_dotted_keys_share_a_parent() -> None:
    assert parse_params("m.a=1,m.b=2") == {"m": {"a": 1, "b": 2}}


def test_item_without_equals_names_it_and_the_form() -> None:
    with pytest.raises(ParamsSyntaxError) as info:
        parse_params("a=1,verbose")
    assert "'verbose'" in str(info.value)
    assert "key=value" in str(info.value)
    assert info.value.item == "verbose"


@pytest.mark.parametrize("text", ["=1", "a..b=1", "a.=1"])
def test_empty_key_is_an_error(text: str) -> None:
    with pytest.raises(ParamsSyntaxError, match="empty key"):
        parse_params(text)


def test_unparsable_yaml_value_stays_text() -> None:
    assert parse_params("a=[1") == {"a": "[1"}


def test_merge_params_merges_nested_and_replaces_leaves() -> None:
    base = {"model": {"lr": 0.1, "depth": 3}, "tags": [1, 2]}
    assert merge_params(base, {"model": {"lr": 0.5}, "tags": [3]}) == {
        "model": {"lr": 0.5, "depth": 3},
        "tags": [3],
    }


def test_merge_params_nests_dotted_override_keys() -> None:
    assert merge_params({"model": {"lr": 0.1, "d": 1}}, {"model.lr": 0.5}) == {
        "model": {"lr": 0.5, "d": 1}
    }


def test_merge_params_leaves_its_inputs_unchanged() -> None:
    base = {"model": {"lr": 0.1}}
    merge_params(base, {"model": {"lr": 0.5}})
    assert base == {"model": {"lr": 0.1}}


def test_merge_params_combines_dotted_and_nested_override_keys() -> None:
    assert merge_params({}, {"m": {"a": 1}, "m.b": 2, "x.y": {"z.w": 3}}) == {
        "m": {"a": 1, "b": 2},
        "x": {"y": {"z": {"w": 3}}},
    }


def test_merge_params_replaces_a_scalar_with_a_mapping() -> None:
    assert merge_params({"a": 1}, {"a.b": 2}) == {"a": {"b": 2}}


# -- round trip ----------------------------------------------------------------------

KEYS = st.text(alphabet="abcdefghijkz_", min_size=1, max_size=6)
TEXT = st.text(
    alphabet=st.characters(
        min_codepoint=32, max_codepoint=126, exclude_characters=",\"'\\#&*!|>%@`{}[]:?-"
    ),
    min_size=1,
    max_size=12,
).map(str.strip)
FLOATS = st.floats(allow_nan=False, allow_infinity=False)
SCALARS = st.one_of(st.integers(), FLOATS, st.booleans(), st.none(), TEXT)
TREES = st.recursive(
    SCALARS,
    lambda children: st.dictionaries(KEYS, children, min_size=1, max_size=4),
    max_leaves=12,
)


def flatten(tree: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    items = []
    for key, value in tree.items():
        if isinstance(value, dict):
            items.extend(flatten(value, f"{prefix}{key}."))
        else:
            items.append((f"{prefix}{key}", value))
    return items


def as_yaml(value: Any) -> str:
    """Write a scalar as YAML would, as a user would type it after ``=``."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str) and value[:1] in set("0123456789.+-"):
        return f"'{value}'"  # might read as a number (OmegaConf reads 0E0 as a float)
    text = yaml.safe_dump(value, default_flow_style=True, width=1000)
    return text.removesuffix("\n...\n").removesuffix("\n")


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(KEYS, TREES, min_size=1, max_size=4))
def test_parse_params_round_trips_nested_typed_values(tree: dict[str, Any]) -> None:
    text = ",".join(f"{key}={as_yaml(value)}" for key, value in flatten(tree))
    assert parse_params(text) == tree


@given(FLOATS)
def test_parse_params_reads_every_float_repr_as_a_float(value: float) -> None:
    parsed = parse_params(f"x={value!r}")["x"]
    assert isinstance(parsed, float)
    assert math.isclose(parsed, value) or parsed == value
