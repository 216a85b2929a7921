"""Interpolation: globals, runtime_params, oc.env, plain references, and errors."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from keelrt.config import ConfigLoader
from keelrt.config import InterpolationError


def make_loader(tmp_path: Path, files: dict[str, str], **kwargs: Any) -> ConfigLoader:
    conf = tmp_path / "conf"
    (conf / "base").mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = conf / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return ConfigLoader(conf, **kwargs)


def params(tmp_path: Path, text: str, **kwargs: Any) -> dict[str, Any]:
    return make_loader(tmp_path, {"base/parameters.yml": text}, **kwargs)["parameters"]


# -- globals ---------------------------------------------------------------------------


def test_globals_interpolate_into_the_catalog(tmp_path: Path) -> None:
    loader = make_loader(
        tmp_path,
        {
            "base/globals.yml": "paths: {raw: data/01_raw}\n",
            "base/catalog.yml": "cars: {filepath: '${globals:paths.raw}/cars.csv'}\n",
        },
    )
    assert loader["catalog"] == {"cars": {"filepath": "data/01_raw/cars.csv"}}


def test_whole_value_interpolation_keeps_the_type(tmp_path: Path) -> None:
    loader = make_loader(
        tmp_path,
        {
            "base/globals.yml": "n: 100\nopts: {a: [1, 2]}\n",
            "base/parameters.yml": "n: ${globals:n}\nopts: ${globals:opts}\n",
        },
    )
    assert loader["parameters"] == {"n": 100, "opts": {"a": [1, 2]}}


def test_embedded_interpolation_makes_a_string(tmp_path: Path) -> None:
    loader = make_loader(
        tmp_path,
        {
            "base/globals.yml": "n: 100\n",
            "base/parameters.yml": "name: model_${globals:n}\n",
        },
    )
    assert loader["parameters"] == {"name": "model_100"}


def test_globals_default_is_used_when_key_is_missing(tmp_path: Path) -> None:
    assert params(tmp_path, "n: ${globals:missing,5}\n") == {"n": 5}


def test_env_globals_override_base_globals(tmp_path: Path) -> None:
    loader = make_loader(
        tmp_path,
        {
            "base/globals.yml": "bucket: dev\n",
            "prod/globals.yml": "bucket: prod\n",
            "base/parameters.yml": "b: ${globals:bucket}\n",
        },
        env="prod",
    )
    assert loader["parameters"] == {"b": "prod"}


def test_missing_globals_key_names_kind_key_and_close_match(tmp_path: Path) -> None:
    loader = make_loader(
        tmp_path,
        {
            "base/globals.yml": "paths: {raw: x}\n",
            "base/catalog.yml": "cars: {filepath: '${globals:paths.rwa}/c.csv'}\n",
        },
    )
    with pytest.raises(InterpolationError) as info:
        loader["catalog"]
    message = str(info.value)
    assert "catalog key 'cars.filepath'" in message
    assert "catalog.yml" in message
    assert "globals key 'paths.rwa'" in message
    assert "did you mean 'paths.raw'?" in message


def test_globals_inside_globals_are_refused(tmp_path: Path) -> None:
    loader = make_loader(tmp_path, {"base/globals.yml": "a: 1\nb: ${globals:a}\n"})
    with pytest.raises(InterpolationError, match=r"plain '\$\{key\}'"):
        loader["globals"]


def test_plain_references_work_inside_globals(tmp_path: Path) -> None:
    loader = make_loader(tmp_path, {"base/globals.yml": "a: 1\nb: ${a}\n"})
    assert loader["globals"] == {"a": 1, "b": 1}


def test_private_globals_keys_are_refused(tmp_path: Path) -> None:
    loader = make_loader(
        tmp_path,
        {"base/globals.yml": "_x: 1\n", "base/parameters.yml": "a: ${globals:_x}\n"},
    )
    with pytest.raises(InterpolationError, match="private"):
        loader["parameters"]


def test_globals_set_explicitly_are_used(tmp_path: Path) -> None:
    loader = make_loader(tmp_path, {"base/parameters.yml": "a: ${globals:x}\n"})
    loader["globals"] = {"x": 7}
    assert loader["parameters"] == {"a": 7}


# -- runtime params --------------------------------------------------------------------


def test_runtime_params_interpolate(tmp_path: Path) -> None:
    result = params(
        tmp_path, "seed: ${runtime_params:run.seed}\n", runtime_params={"run.seed": 7}
    )
    assert result["seed"] == 7


def test_runtime_params_default_is_typed(tmp_path: Path) -> None:
    assert params(tmp_path, "seed: ${runtime_params:seed,42}\n") == {"seed": 42}


def test_missing_runtime_param_suggests_a_default(tmp_path: Path) -> None:
    with pytest.raises(InterpolationError, match="runtime parameter 'seed'"):
        params(tmp_path, "seed: ${runtime_params:seed}\n")


def test_runtime_params_override_parameters(tmp_path: Path) -> None:
    result = params(
        tmp_path,
        "model: {lr: 0.1, depth: 3}\n",
        runtime_params={"model.lr": 0.5, "new": True},
    )
    assert result == {"model": {"lr": 0.5, "depth": 3}, "new": True}


def test_references_see_runtime_param_overrides(tmp_path: Path) -> None:
    result = params(tmp_path, "lr: 0.1\ncopy: ${lr}\n", runtime_params={"lr": 0.9})
    assert result == {"lr": 0.9, "copy": 0.9}


def test_runtime_params_do_not_change_the_catalog(tmp_path: Path) -> None:
    loader = make_loader(
        tmp_path, {"base/catalog.yml": "a: {type: M}\n"}, runtime_params={"b": 1}
    )
    assert loader["catalog"] == {"a": {"type": "M"}}


def test_runtime_params_are_refused_in_globals(tmp_path: Path) -> None:
    loader = make_loader(tmp_path, {"base/globals.yml": "a: ${runtime_params:x,1}\n"})
    with pytest.raises(InterpolationError, match="globals do not support"):
        loader["globals"]


# -- oc.env ----------------------------------------------------------------------------


def test_env_variables_resolve_in_credentials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DB_PASSWORD", "s3cret")
    loader = make_loader(
        tmp_path, {"local/credentials.yml": "db: {password: '${oc.env:DB_PASSWORD}'}\n"}
    )
    assert loader["credentials"] == {"db": {"password": "s3cret"}}


def test_env_variable_default_is_a_string(tmp_path: Path) -> None:
    loader = make_loader(
        tmp_path, {"base/credentials.yml": "a: ${oc.env:KEEL_NO_SUCH_VAR,5}\n"}
    )
    assert loader["credentials"] == {"a": "5"}


def test_env_variable_null_default_is_none(tmp_path: Path) -> None:
    loader = make_loader(
        tmp_path, {"base/credentials.yml": "a: ${oc.env:KEEL_NO_SUCH_VAR,null}\n"}
    )
    assert loader["credentials"] == {"a": None}


def test_missing_env_variable_names_it(tmp_path: Path) -> None:
    loader = make_loader(
        tmp_path, {"base/credentials.yml": "db: {pw: '${oc.env:KEEL_NO_SUCH_VAR}'}\n"}
    )
    with pytest.raises(
        InterpolationError, match="'KEEL_NO_SUCH_VAR', which is not set"
    ):
        loader["credentials"]


def test_env_variables_outside_credentials_say_where_allowed(tmp_path: Path) -> None:
    with pytest.raises(InterpolationError, match="allowed only in credentials"):
        params(tmp_path, "home: ${oc.env:HOME}\n")


def test_credential_errors_never_show_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DB_USER", "admin")
    loader = make_loader(
        tmp_path,
        {
            "base/credentials.yml": (
                "db: {url: 'postgres://${oc.env:DB_USER}:hunter2@${globals:host}'}\n"
            )
        },
    )
    with pytest.raises(InterpolationError) as info:
        loader["credentials"]
    assert "hunter2" not in str(info.value)
    assert "admin" not in str(info.value)
    assert "credentials key 'db.url'" in str(info.value)


# -- references ------------------------------------------------------------------------


def test_absolute_reference_within_a_kind(tmp_path: Path) -> None:
    assert params(tmp_path, "a: {b: 3}\nc: ${a.b}\n") == {"a": {"b": 3}, "c": 3}


def test_relative_reference_to_a_sibling(tmp_path: Path) -> None:
    result = params(tmp_path, "m: {lr: 0.1, name: 'lr=${.lr}'}\n")
    assert result == {"m": {"lr": 0.1, "name": "lr=0.1"}}


def test_relative_reference_to_a_parents_sibling(tmp_path: Path) -> None:
    result = params(tmp_path, "n: 2\nm: {k: '${..n}'}\n")
    assert result == {"n": 2, "m": {"k": 2}}


def test_reference_into_a_list_by_index(tmp_path: Path) -> None:
    result = params(tmp_path, "xs: [10, 20]\na: ${xs.1}\nb: ${xs[0]}\n")
    assert (result["a"], result["b"]) == (20, 10)


def test_chained_references_resolve(tmp_path: Path) -> None:
    result = params(tmp_path, "a: ${b}\nb: ${c.d}\nc: {d: '${e}'}\ne: end\n")
    assert (result["a"], result["b"]) == ("end", "end")


def test_reference_through_an_interpolated_mapping(tmp_path: Path) -> None:
    loader = make_loader(
        tmp_path,
        {
            "base/globals.yml": "cfg: {lit: '\\${keep}'}\n",
            "base/parameters.yml": "m: ${globals:cfg}\nx: ${m.lit}\n",
        },
    )
    assert loader["parameters"]["x"] == "${keep}"


def test_env_value_is_seen_by_a_base_reference(tmp_path: Path) -> None:
    loader = make_loader(
        tmp_path,
        {
            "base/parameters.yml": "lr: 0.1\ncopy: ${lr}\n",
            "local/parameters.yml": "lr: 0.3\n",
        },
    )
    assert loader["parameters"]["copy"] == 0.3


def test_undefined_reference_names_key_and_close_match(tmp_path: Path) -> None:
    with pytest.raises(InterpolationError) as info:
        params(tmp_path, "model: {lr: 0.1}\ncopy: ${model.lrr}\n")
    message = str(info.value)
    assert "parameters key 'copy'" in message
    assert "parameters.yml" in message
    assert "'model.lrr'" in message
    assert "did you mean 'model.lr'?" in message


def test_reference_cycle_is_an_error_showing_the_cycle(tmp_path: Path) -> None:
    with pytest.raises(InterpolationError, match="'a' -> 'b' -> 'a'"):
        params(tmp_path, "a: ${b}\nb: ${a}\n")


def test_mapping_embedded_in_a_string_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InterpolationError, match="embeds a dict"):
        params(tmp_path, "a: {b: 1}\nc: 'x-${a}'\n")


def test_escaped_interpolation_stays_literal(tmp_path: Path) -> None:
    assert params(tmp_path, "a: '\\${not.this}'\n") == {"a": "${not.this}"}


def test_underscore_keys_are_kept_and_referable(tmp_path: Path) -> None:
    loader = make_loader(
        tmp_path, {"base/catalog.yml": "_root: data\ncars: {fp: '${_root}/c.csv'}\n"}
    )
    assert loader["catalog"] == {"_root": "data", "cars": {"fp": "data/c.csv"}}


def test_each_reference_gets_its_own_copy(tmp_path: Path) -> None:
    result = params(tmp_path, "a: {x: [1]}\nb: ${a}\nc: ${b}\n")
    result["b"]["x"].append(2)
    assert result["c"] == {"x": [1]}


# -- resolvers and syntax ----------------------------------------------------------


def test_unknown_resolver_suggests_a_known_one(tmp_path: Path) -> None:
    with pytest.raises(InterpolationError, match="did you mean 'globals'"):
        params(tmp_path, "a: ${globls:x}\n")


def test_custom_resolver_is_called_with_typed_arguments(tmp_path: Path) -> None:
    result = params(
        tmp_path,
        "a: ${add:2,3}\nb: ${add:1,${add:1,1}}\n",
        custom_resolvers={"add": lambda x, y: x + y},
    )
    assert result == {"a": 5, "b": 3}


def test_custom_resolver_failure_names_the_resolver(tmp_path: Path) -> None:
    with pytest.raises(InterpolationError, match="resolver 'boom', which raised"):
        params(tmp_path, "a: ${boom:1}\n", custom_resolvers={"boom": lambda x: x / 0})


def test_quoted_argument_stays_a_string(tmp_path: Path) -> None:
    assert params(tmp_path, "a: \"${globals:x,'5'}\"\n") == {"a": "5"}


def test_quoted_argument_may_contain_commas_and_interpolations(tmp_path: Path) -> None:
    result = params(tmp_path, "n: 1\na: \"${globals:x,'a, ${n}, \\\\'q\\\\''}\"\n")
    assert result["a"] == "a, 1, 'q'"


def test_bracketed_default_keeps_its_commas(tmp_path: Path) -> None:
    assert params(tmp_path, "a: ${globals:x,[1, 2]}\n") == {"a": "[1, 2]"}


def test_empty_default_is_an_empty_string(tmp_path: Path) -> None:
    assert params(tmp_path, "a: ${globals:x,}\n") == {"a": ""}


def test_select_resolver_reads_a_key_with_a_default(tmp_path: Path) -> None:
    result = params(tmp_path, "a: 1\nb: ${oc.select:a,0}\nc: ${oc.select:zz,0}\n")
    assert (result["b"], result["c"]) == (1, 0)


def test_too_many_arguments_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InterpolationError, match="with 3 arguments"):
        params(tmp_path, "a: ${globals:x,1,2}\n")


def test_nested_interpolation_in_a_reference_path(tmp_path: Path) -> None:
    result = params(tmp_path, "which: b\nopts: {b: 2}\nv: ${opts.${which}}\n")
    assert result["v"] == 2


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: '${b'\n", "never closed"),
        ("a: '${}'\n", "empty interpolation"),
        ('a: "${globals:\'x}"\n', "quoted argument"),
    ],
)
def test_malformed_interpolation_is_an_error(
    tmp_path: Path, text: str, problem: str
) -> None:
    with pytest.raises(InterpolationError, match=problem):
        params(tmp_path, text)
