"""Runtime parameters: parsing ``--params`` and merging them over loaded parameters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._errors import ParamsSyntaxError
from ._yaml import load_yaml_value

__all__ = ["deep_merge", "merge_params", "nest_dotted", "parse_params"]


def parse_params(text: str) -> dict[str, Any]:
    """Parse ``--params`` text into nested, typed parameters, as Kedro does.

    Items are separated by commas; each is ``key=value`` split at the first ``=`` (so a
    value may contain ``=``); spaces around keys and values are dropped; dotted keys
    nest; values are typed as YAML types them (``1`` int, ``1.5`` float, ``true`` bool,
    ``null`` or nothing None, anything else a string). A later item wins over an
    earlier one.

    Args:
        text: For example ``"model.lr=0.01,name=baseline"``.

    Returns:
        For example ``{"model": {"lr": 0.01}, "name": "baseline"}``.

    Raises:
        ParamsSyntaxError: An item has no ``=`` or an empty key.

    Example:
        >>> parse_params("a.b=1,c=text")
        {'a': {'b': 1}, 'c': 'text'}
    """
    pairs: list[tuple[str, Any]] = []
    for item in text.split(","):
        if not item.strip():
            continue
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or not key or any(not part for part in key.split(".")):
            what = "has no '='" if not sep else "has an empty key"
            raise ParamsSyntaxError(
                f"parameter item {item.strip()!r} {what}: expected key=value. "
                "Write items as key=value separated by commas, e.g. 'a.b=1,c=text'.",
                item=item.strip(),
            )
        pairs.append((key, _typed(raw.strip())))
    result: dict[str, Any] = {}
    for key, value in pairs:
        _set_dotted(result, key, value)
    return result


def merge_params(
    base: Mapping[str, Any], overrides: Mapping[str, Any]
) -> dict[str, Any]:
    """Return ``base`` with ``overrides`` merged over it recursively; inputs unchanged.

    Mappings merge key by key; any other value (lists included) replaces. Dotted keys in
    ``overrides`` nest first, so ``{"model.lr": 0.1}`` overrides ``model: {lr: ...}``.

    Args:
        base: Loaded parameters.
        overrides: Runtime parameters.

    Returns:
        A new dict.
    """
    return deep_merge(base, nest_dotted(overrides))


def nest_dotted(params: Mapping[str, Any]) -> dict[str, Any]:
    """Turn ``{"a.b": 1}`` into ``{"a": {"b": 1}}``, recursively; later keys win."""
    result: dict[str, Any] = {}
    for key, value in params.items():
        nested = nest_dotted(value) if isinstance(value, Mapping) else value
        if isinstance(key, str) and "." in key:
            _set_dotted(result, key, nested)
        elif isinstance(nested, dict) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], nested)
        else:
            result[key] = nested
    return result


def deep_merge(base: Mapping[Any, Any], overrides: Mapping[Any, Any]) -> dict[Any, Any]:
    """Merge ``overrides`` over ``base`` recursively; neither input is modified."""
    result = dict(base)
    for key, value in overrides.items():
        current = result.get(key)
        if isinstance(value, Mapping) and isinstance(current, Mapping):
            result[key] = deep_merge(current, value)
        else:
            result[key] = value
    return result


def _set_dotted(target: dict[str, Any], key: str, value: Any) -> None:
    *parents, last = key.split(".")
    node = target
    for part in parents:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    if isinstance(value, dict) and isinstance(node.get(last), dict):
        node[last] = deep_merge(node[last], value)
    else:
        node[last] = value


def _typed(raw: str) -> Any:
    try:
        return load_yaml_value(raw)
    except Exception:  # what YAML cannot read stays the text
        return raw
