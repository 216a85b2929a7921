"""Reading one config file: YAML (typed as OmegaConf types it) or JSON, into a dict."""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from ._errors import ConfigFileError

__all__ = ["ConfigYamlLoader", "load_yaml_value", "paused_gc", "read_config_file"]

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# OmegaConf's float rule: YAML 1.1 reads `1e-3` as a string, OmegaConf (and so Kedro)
# as a float; learning rates are written that way, so Keel follows OmegaConf.
_FLOAT = re.compile(
    r"""^(?:
     [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.VERBOSE,
)
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


class ConfigYamlLoader(_BaseLoader):  # type: ignore[misc]  # base chosen at import
    """Safe YAML loader (libyaml when present) that types scalars as OmegaConf does.

    Differences from ``yaml.SafeLoader``: ``1e-3`` is a float, dates stay strings, and a
    key written twice in one mapping is an error instead of silently keeping the last.
    """

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._checked: set[int] = set()

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        """Pick a node's tag: `BaseResolver.resolve` without path resolvers, faster."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG

    def construct_document(self, node: yaml.Node) -> Any:
        """Build the document in one recursive pass (plain maps, lists and strings)."""
        return self._build(node, {})

    def _build(self, node: yaml.Node, built: dict[int, Any]) -> Any:
        kind = type(node)
        if kind is yaml.ScalarNode:
            if node.tag == _STR_TAG:
                return node.value
            return self.construct_object(node)
        if id(node) in built:  # an alias of a node already built
            return built[id(node)]
        if kind is yaml.MappingNode and node.tag == _MAP_TAG:
            self.flatten_mapping(node)
            mapping: dict[Any, Any] = {}
            built[id(node)] = mapping
            for key_node, value_node in node.value:
                key = self._build(key_node, built)
                value = self._build(value_node, built)
                try:
                    mapping[key] = value
                except TypeError as exc:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        "found an unhashable key",
                        key_node.start_mark,
                    ) from exc
            return mapping
        if kind is yaml.SequenceNode and node.tag == _SEQ_TAG:
            sequence: list[Any] = []
            built[id(node)] = sequence
            sequence.extend(self._build(child, built) for child in node.value)
            return sequence
        return self.construct_object(node, deep=True)  # explicit tags: !!set, !!omap...

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        """Refuse duplicate keys, checked once per node before merge keys expand it."""
        if id(node) not in self._checked:
            self._checked.add(id(node))
            seen: set[tuple[str, str]] = set()
            for key_node, _ in node.value:
                if key_node.tag == _MERGE_TAG or not isinstance(
                    key_node, yaml.ScalarNode
                ):
                    continue
                marker = (key_node.tag, key_node.value)
                if marker in seen:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        f"found duplicate key {key_node.value!r}",
                        key_node.start_mark,
                    )
                seen.add(marker)
        self._merge_keys(node)

    def _merge_keys(self, node: yaml.MappingNode) -> None:
        """Expand ``<<`` merge keys in place; the mapping's own keys win (last wins).

        PyYAML's own expansion changed in 6.0.4 (a merged mapping's overrides can be
        dropped), so the rule is written out here to behave the same on every version.
        """
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        own: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag != _MERGE_TAG:
                own.append((key_node, value_node))
                continue
            sources = (
                value_node.value
                if isinstance(value_node, yaml.SequenceNode)
                else [value_node]
            )
            # of several merged mappings the first wins: add them last to first
            for source in reversed(sources):
                if not isinstance(source, yaml.MappingNode):
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        "expected a mapping or list of mappings for merging, "
                        f"but found {source.id}",
                        source.start_mark,
                    )
                self.flatten_mapping(source)
                merged.extend(source.value)
        if merged:
            node.value = merged + own


ConfigYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float", _FLOAT, list("-+0123456789.")
)
ConfigYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in ConfigYamlLoader.yaml_implicit_resolvers.items()
}


def load_yaml_value(text: str) -> Any:
    """Return ``text`` parsed as one YAML value, typed as config files are typed."""
    return yaml.load(text, Loader=ConfigYamlLoader)  # a safe loader


def read_config_file(path: Path) -> dict[Any, Any]:
    """Read one YAML or JSON config file; an empty file gives an empty dict.

    Args:
        path: The file, ending ``.yml``, ``.yaml`` or ``.json``.

    Returns:
        The file's top-level mapping.

    Raises:
        ConfigFileError: The file cannot be read, is not valid YAML/JSON (the message
            gives the line), or its top level is not a mapping.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigFileError(
            f"config file '{path}' cannot be read: {exc.strerror}. "
            "Check the file's permissions.",
            path=path,
        ) from exc
    with paused_gc():
        is_json = path.suffix == ".json"
        data = _parse_json(path, raw) if is_json else _parse_yaml(path, raw)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigFileError(
            f"config file '{path}' must hold a mapping of keys at its top level: "
            f"expected a mapping, got {type(data).__name__}. "
            "Write it as 'key: value' lines, or move the file out of the conf folder.",
            path=path,
        )
    return data


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large config.

    It rescans young objects every 700 allocations; a 10,000-entry catalog allocates
    ~500,000 objects, none of them garbage, and pausing halves the load time. Nesting is
    safe: only the outermost pause turns collection back on.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _parse_yaml(path: Path, raw: bytes) -> Any:
    try:
        return yaml.load(raw, Loader=ConfigYamlLoader)  # a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        where = f" at line {line}, column {mark.column + 1}" if mark is not None else ""
        # problem/context are the parser's descriptions; never the file's text, so
        # a credentials file's values stay out of the message
        problem = exc.problem or exc.context or "syntax error"
        raise ConfigFileError(
            f"config file '{path}' is not valid YAML{where}: {problem}. "
            "Fix the syntax there (check indentation, colons and quotes).",
            path=path,
            line=line,
        ) from exc
    except (yaml.YAMLError, ValueError, UnicodeDecodeError) as exc:
        raise ConfigFileError(
            f"config file '{path}' is not valid YAML: {type(exc).__name__}. "
            "Fix the file's syntax and encoding (UTF-8).",
            path=path,
        ) from exc


def _parse_json(path: Path, raw: bytes) -> Any:
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConfigFileError(
            f"config file '{path}' is not valid JSON at line {exc.lineno}, "
            f"column {exc.colno}: {exc.msg}. Fix the syntax there.",
            path=path,
            line=exc.lineno,
        ) from exc
    except UnicodeDecodeError as exc:
        raise ConfigFileError(
            f"config file '{path}' is not valid JSON: it is not UTF-8 text. "
            "Save it as UTF-8.",
            path=path,
        ) from exc
