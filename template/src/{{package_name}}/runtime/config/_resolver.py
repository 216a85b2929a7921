"""Resolving interpolations in one merged config: a single walk, memoised, cycle-safe.

Cost is linear in the number of values: strings without ``${`` are returned as they
are, templates are parsed once per distinct text, and each interpolated value is
resolved once (later references reuse it).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from .._suggest import did_you_mean
from ._errors import InterpolationError
from ._template import Arg
from ._template import Interp
from ._template import TemplateSyntaxError
from ._template import parse_template
from ._yaml import load_yaml_value

__all__ = ["resolve_config"]

_MISSING: Any = object()
_BUILTIN_RESOLVERS = ("globals", "runtime_params", "oc.env", "oc.select")
_SOURCES = {  # resolver -> (what it reads, where that comes from), for messages
    "globals": ("globals key", "globals"),
    "runtime_params": ("runtime parameter", "the runtime parameters (--params)"),
}
Key = tuple[Any, ...]


def resolve_config(
    config: dict[Any, Any],
    *,
    kind: str,
    origins: Mapping[Any, Path],
    globals_: dict[str, Any] | None,
    runtime_params: dict[str, Any],
    custom_resolvers: Mapping[str, Callable[..., Any]] | None = None,
) -> dict[Any, Any]:
    """Return a copy of ``config`` with every ``${...}`` replaced by its value.

    Args:
        config: The merged config of one kind (not modified).
        kind: Its kind, for messages and for the rules (``oc.env`` only in credentials,
            no ``runtime_params`` or ``globals`` inside globals).
        origins: Top-level key -> the file that defined it, for messages.
        globals_: The resolved globals, or None while resolving the globals themselves.
        runtime_params: Nested runtime parameters for ``${runtime_params:...}``.
        custom_resolvers: Extra resolvers by name, called with the resolved arguments.

    Returns:
        The resolved config.

    Raises:
        InterpolationError: A reference, resolver or variable cannot be resolved; the
            message names the kind, the key and its file, never the value.
    """
    resolver = _Resolution(
        config,
        kind=kind,
        origins=origins,
        globals_=globals_,
        runtime_params=runtime_params,
        custom=custom_resolvers or {},
    )
    resolved: dict[Any, Any] = resolver.value(config, ())
    return resolved


class _Resolution:
    def __init__(
        self,
        root: dict[Any, Any],
        *,
        kind: str,
        origins: Mapping[Any, Path],
        globals_: dict[str, Any] | None,
        runtime_params: dict[str, Any],
        custom: Mapping[str, Callable[..., Any]],
    ) -> None:
        self.root = root
        self.kind = kind
        self.origins = origins
        self.globals = globals_
        self.runtime_params = runtime_params
        self.custom = custom
        self.done: dict[Key, Any] = {}
        self.active: dict[Key, None] = {}  # insertion-ordered: the reference chain

    # -- walking ------------------------------------------------------------------

    def value(self, value: Any, path: Key) -> Any:
        if isinstance(value, str):
            return self.string(value, path) if "${" in value else value
        if isinstance(value, dict):
            return {k: self.value(v, (*path, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v, (*path, i)) for i, v in enumerate(value)]
        return value

    def string(self, text: str, path: Key) -> Any:
        if path in self.done:
            return _copy(self.done[path])
        if path in self.active:
            chain = [*list(self.active)[list(self.active).index(path) :], path]
            raise self.error(
                path,
                "refers to itself through "
                + " -> ".join(repr(_dotted(p)) for p in chain),
                "Break the cycle by giving one of these keys a plain value.",
            )
        self.active[path] = None
        try:
            try:
                parts = parse_template(text)
            except TemplateSyntaxError as exc:
                raise self.error(
                    path,
                    f"has a malformed interpolation: {exc}",
                    "Write '${key}', '${globals:key}' or '${resolver:arg,default}'; "
                    "write '\\${' for a literal '${'.",
                ) from None
            result = self.render(parts, path)
        finally:
            del self.active[path]
        self.done[path] = result
        return _copy(result)

    def render(
        self, parts: tuple[str | Interp, ...] | list[str | Interp], path: Key
    ) -> Any:
        if len(parts) == 1 and isinstance(parts[0], Interp):
            return self.interp(parts[0], path)  # whole value: keeps its type
        pieces = []
        for part in parts:
            if isinstance(part, str):
                pieces.append(part)
                continue
            value = self.interp(part, path)
            if isinstance(value, (dict, list)):
                raise self.error(
                    path,
                    f"embeds a {type(value).__name__} in a string",
                    "Only scalars can be part of a string; make the interpolation "
                    "the whole value to use a mapping or list.",
                )
            pieces.append(str(value))
        return "".join(pieces)

    # -- one interpolation --------------------------------------------------------

    def interp(self, interp: Interp, path: Key) -> Any:
        if interp.resolver is None:
            return self.reference(str(self.render(interp.path, path)), path)
        args = [self.arg(a, path) for a in interp.args]
        name = interp.resolver
        if name == "globals":
            return self.from_globals(args, path)
        if name == "runtime_params":
            return self.from_runtime_params(args, path)
        if name == "oc.env":
            return self.from_env(args, path)
        if name == "oc.select":
            self.check_arity(name, args, path)
            return self.reference(str(args[0]), path, *args[1:])
        if name in self.custom:
            return self.call_custom(name, args, path)
        known = sorted({*_BUILTIN_RESOLVERS, *self.custom})
        raise self.error(
            path,
            f"uses unknown resolver {name!r}{did_you_mean(name, known)}",
            f"Known resolvers: {', '.join(known)}.",
        )

    def arg(self, arg: Arg, path: Key) -> Any:
        if arg.quoted:
            return "".join(
                p if isinstance(p, str) else str(self.interp(p, path))
                for p in arg.parts
            )
        if not arg.parts:
            return ""
        if len(arg.parts) == 1 and isinstance(arg.parts[0], str):
            return _typed(arg.parts[0])
        return self.render(arg.parts, path)

    def reference(self, target: str, path: Key, default: Any = _MISSING) -> Any:
        dots = len(target) - len(target.lstrip("."))
        base: Key = path[: max(len(path) - dots, 0)] if dots else ()
        keys = [
            k for k in target[dots:].replace("[", ".").replace("]", "").split(".") if k
        ]
        node: Any = self.root
        walked: Key = ()
        resolved = False  # inside a value already resolved from an interpolation
        for step, key in enumerate([*base, *keys]):
            if not resolved and isinstance(node, str) and "${" in node:
                node, resolved = self.string(node, walked), True
            found, key_used, node_next = _child(node, key)
            if not found:
                if default is not _MISSING:
                    return default
                where = _dotted((*walked, key))
                siblings = [_dotted((*walked, k)) for k in _keys(node)]
                hint = did_you_mean(where, siblings) if step >= len(base) else ""
                raise self.error(
                    path,
                    f"refers to {where!r}, which is not defined in {self.kind}{hint}",
                    f"Define it in {self.kind} or fix the reference; to share a "
                    "value between kinds, put it in globals and use "
                    "'${globals:key}'.",
                )
            node, walked = node_next, (*walked, key_used)
        return _copy(node) if resolved else self.value(node, walked)

    def from_globals(self, args: list[Any], path: Key) -> Any:
        self.check_arity("globals", args, path)
        if self.globals is None:
            raise self.error(
                path,
                "uses '${globals:...}' inside globals",
                "Refer to another globals key with a plain '${key}'.",
            )
        key = str(args[0])
        if key.startswith("_"):
            raise self.error(
                path,
                f"refers to globals key {key!r}; keys starting with '_' are private",
                "Rename the globals key without the leading underscore.",
            )
        return self.lookup("globals", self.globals, key, args, path)

    def from_runtime_params(self, args: list[Any], path: Key) -> Any:
        self.check_arity("runtime_params", args, path)
        if self.globals is None:
            raise self.error(
                path,
                "uses '${runtime_params:...}', which globals do not support",
                "Use it in parameters or the catalog instead.",
            )
        return self.lookup(
            "runtime_params", self.runtime_params, str(args[0]), args, path
        )

    def from_env(self, args: list[Any], path: Key) -> Any:
        self.check_arity("oc.env", args, path)
        if self.kind != "credentials":
            raise self.error(
                path,
                "reads an environment variable with '${oc.env:...}', "
                "which is allowed only in credentials",
                "Move the value to conf/<env>/credentials.yml, or use "
                "'${globals:...}' or '${runtime_params:...}'.",
            )
        name = str(args[0])
        value = os.environ.get(name)
        if value is not None:
            return value
        if len(args) > 1:
            return None if args[1] is None else str(args[1])
        raise self.error(
            path,
            f"reads environment variable {name!r}, which is not set",
            f"Set {name} or give a default: '${{oc.env:{name},<default>}}'.",
        )

    def lookup(
        self, resolver: str, tree: Any, key: str, args: list[Any], path: Key
    ) -> Any:
        noun, source = _SOURCES[resolver]
        node = tree
        for index, part in enumerate(key.split(".")):
            found, _, child = _child(node, part)
            if not found:
                if len(args) > 1:
                    return args[1]
                where = ".".join(key.split(".")[: index + 1])
                prefix = where.rpartition(".")[0]
                siblings = [f"{prefix}.{k}" if prefix else str(k) for k in _keys(node)]
                raise self.error(
                    path,
                    f"refers to {noun} {where!r}, which is not defined in "
                    f"{source}{did_you_mean(where, siblings)}",
                    f"Define it or give a default: '${{{resolver}:{key},<default>}}'.",
                )
            node = child
        return _copy(node)

    def call_custom(self, name: str, args: list[Any], path: Key) -> Any:
        try:
            return self.custom[name](*args)
        except Exception as exc:
            raise self.error(
                path,
                f"calls resolver {name!r}, which raised {type(exc).__name__}",
                "Fix the resolver or its arguments.",
            ) from exc

    def check_arity(self, name: str, args: list[Any], path: Key) -> None:
        if not 1 <= len(args) <= 2:
            raise self.error(
                path,
                f"calls '{name}' with {len(args)} arguments: expected a key "
                "and an optional default",
                f"Write '${{{name}:key}}' or '${{{name}:key,default}}'.",
            )

    def error(self, path: Key, problem: str, fix: str) -> InterpolationError:
        dotted = _dotted(path)
        origin = self.origins.get(path[0]) if path else None
        where = f" (in {origin})" if origin is not None else ""
        return InterpolationError(
            f"{self.kind} key {dotted!r}{where} {problem}. {fix}",
            kind=self.kind,
            key=dotted,
        )


def _child(node: Any, key: Any) -> tuple[bool, Any, Any]:
    """Look ``key`` up in a dict or list; keys from a path string are strings."""
    if isinstance(node, dict):
        if key in node:
            return True, key, node[key]
        if isinstance(key, str) and key.lstrip("-").isdigit() and int(key) in node:
            return True, int(key), node[int(key)]
    elif isinstance(node, list):
        index = key if isinstance(key, int) else int(key) if str(key).isdigit() else -1
        if 0 <= index < len(node):
            return True, index, node[index]
    return False, key, None


def _keys(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return [k for k in node if not str(k).startswith("_")]
    return []


def _dotted(path: Key) -> str:
    return ".".join(str(p) for p in path)


def _copy(value: Any) -> Any:
    """Copy containers so no two places in a result share one mutable object."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


@lru_cache(maxsize=1024)
def _typed(text: str) -> Any:
    """Type an unquoted resolver argument as a YAML scalar: "5" -> 5, "null" -> None."""
    try:
        value = load_yaml_value(text)
    except Exception:  # anything YAML cannot read stays the text
        return text
    return value if isinstance(value, (str, int, float, bool, type(None))) else text
