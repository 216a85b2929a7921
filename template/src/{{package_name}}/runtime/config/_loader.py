"""`ConfigLoader`: the behaviour of Kedro's OmegaConfigLoader, on plain PyYAML."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._errors import ConfigError
from .._suggest import did_you_mean
from .._suggest import quote_list
from ._errors import DuplicateConfigKeyError
from ._errors import MissingConfSourceError
from ._errors import MissingEnvironmentError
from ._errors import UnknownConfigKindError
from ._files import find_config_files
from ._files import list_environments
from ._params import deep_merge
from ._params import nest_dotted
from ._resolver import resolve_config
from ._yaml import paused_gc
from ._yaml import read_config_file

__all__ = ["DEFAULT_CONFIG_PATTERNS", "ENV_VAR", "ConfigLoader"]

logger = logging.getLogger(__name__)

ENV_VAR = "KEEL_ENV"
"""Environment variable that chooses the run environment when ``env`` is not given."""

DEFAULT_CONFIG_PATTERNS: dict[str, list[str]] = {
    kind: [f"{kind}*", f"{kind}*/**", f"**/{kind}*"]
    for kind in ("catalog", "parameters", "credentials", "logging", "globals")
}
"""Kedro's file patterns per config kind, relative to an environment's folder."""

_STRATEGIES = ("destructive", "soft")


def _check_patterns(patterns: Mapping[str, Any] | None) -> dict[str, list[str]]:
    result = {kind: list(globs) for kind, globs in DEFAULT_CONFIG_PATTERNS.items()}
    for kind, globs in (patterns or {}).items():
        if isinstance(globs, str) or not all(isinstance(g, str) for g in globs):
            raise ConfigError(
                f"config_patterns entry {kind!r} is not a list of glob patterns: "
                f"expected a list of strings, got {type(globs).__name__}. "
                f"Write it as {kind!r}: ['{kind}*', '**/{kind}*']."
            )
        result[kind] = list(globs)
    return result


def _check_strategies(
    strategies: Mapping[str, str] | None, kinds: Iterator[str] | list[str]
) -> dict[str, str]:
    kinds = list(kinds)
    for kind, strategy in (strategies or {}).items():
        if kind not in kinds:
            raise ConfigError(
                f"merge_strategy names config kind {kind!r}, which has no file "
                f"patterns{did_you_mean(kind, kinds)}. Use one of: {quote_list(kinds)}."
            )
        if strategy not in _STRATEGIES:
            raise ConfigError(
                f"merge_strategy for {kind!r} is {strategy!r}: expected 'soft' or "
                "'destructive'. 'soft' merges nested keys, 'destructive' (the default) "
                "replaces each top-level key."
            )
    return dict(strategies or {})


def _check_folders(
    conf_source: Path, base_env: str, env: str, default_env: str
) -> None:
    if not conf_source.is_dir():
        raise MissingConfSourceError(
            f"conf source '{conf_source}' is not a folder. Pass the project's conf "
            "folder (CONF_SOURCE in settings.py), run from the project's root, "
            "or create it with a 'base' folder inside.",
            path=conf_source,
        )
    existing = list_environments(conf_source)
    for name, required in ((base_env, True), (env, env != default_env)):
        folder = conf_source / name
        if required and not folder.is_dir():
            hint = did_you_mean(name, existing)
            choices = f"one of: {quote_list(existing)}" if existing else "none exist"
            raise MissingEnvironmentError(
                f"environment {name!r} has no folder '{folder}'{hint}. "
                f"Create the folder or choose an existing environment ({choices}).",
                env=name,
                path=folder,
            )


class ConfigLoader:
    """Load a project's config: ``conf/base`` overridden by ``conf/<env>``, resolved.

    Behaves like Kedro's ``OmegaConfigLoader``: files are found by glob patterns per
    kind; a top-level key defined in two files of one environment is an error; the run
    environment replaces base's top-level keys (or merges them, with
    ``merge_strategy={"parameters": "soft"}``); runtime parameters are merged over the
    parameters; ``${globals:key}``, ``${runtime_params:key}``, ``${a.b}`` (same kind)
    and, in credentials only, ``${oc.env:VAR}`` are resolved, each with an optional
    default after a comma. Every access reads the files again, except globals, which
    are read once.

    Args:
        conf_source: The conf folder.
        env: The run environment; default the ``KEEL_ENV`` variable, else
            ``default_run_env``.
        base_env: The environment every run reads first.
        default_run_env: The environment used when none is chosen; unlike a chosen one,
            its folder may be missing (it is often git-ignored).
        runtime_params: Parameters given at run time (``--params``); dotted keys nest.
        config_patterns: Extra or replacement glob patterns per kind.
        merge_strategy: Kind -> ``"destructive"`` (default) or ``"soft"``.
        custom_resolvers: Extra ``${name:args}`` resolvers, called with the arguments.

    Raises:
        ConfigError: The conf folder or the chosen environment's folder is missing, or
            an argument is malformed.

    Example:
        >>> loader = ConfigLoader("conf", env="local")  # doctest: +SKIP
        >>> loader["parameters"]["model"]["lr"]  # doctest: +SKIP
        0.01
    """

    def __init__(
        self,
        conf_source: str | Path,
        *,
        env: str | None = None,
        base_env: str = "base",
        default_run_env: str = "local",
        runtime_params: Mapping[str, Any] | None = None,
        config_patterns: Mapping[str, list[str]] | None = None,
        merge_strategy: Mapping[str, str] | None = None,
        custom_resolvers: Mapping[str, Callable[..., Any]] | None = None,
    ) -> None:
        source = Path(conf_source)
        patterns = _check_patterns(config_patterns)
        strategies = _check_strategies(merge_strategy, list(patterns))
        run_env = env or os.environ.get(ENV_VAR) or default_run_env
        _check_folders(source, base_env, run_env, default_run_env)
        self.conf_source = source
        self.env = run_env
        self.base_env = base_env
        self.default_run_env = default_run_env
        self.runtime_params = nest_dotted(runtime_params or {})
        self.config_patterns = patterns
        self.merge_strategy = strategies
        self._resolvers = dict(custom_resolvers or {})
        self._set: dict[str, Any] = {}
        self._globals: dict[str, Any] | None = None

    def __getitem__(self, kind: str) -> Any:
        """Load, merge and resolve one kind of config.

        Args:
            kind: ``"catalog"``, ``"parameters"``, ``"credentials"``, ``"logging"``,
                ``"globals"`` or a kind added through ``config_patterns``.

        Returns:
            The config as a new dict; ``{}`` when no file matches.

        Raises:
            UnknownConfigKindError: ``kind`` has no patterns (also a ``KeyError``).
            ConfigError: A file is malformed, a top-level key is defined twice in one
                environment, or an interpolation cannot be resolved.
        """
        if kind in self._set:
            return self._set[kind]
        if kind not in self.config_patterns:
            kinds = list(self.config_patterns)
            hint = did_you_mean(kind, kinds)
            raise UnknownConfigKindError(
                f"config kind {kind!r} has no file patterns{hint}. "
                f"Use one of {quote_list(kinds)}, or add patterns for it with "
                f"config_patterns={{{kind!r}: ['{kind}*']}}.",
                kind=kind,
            )
        with paused_gc():
            return self._load(kind)

    def __setitem__(self, kind: str, value: Any) -> None:
        """Set one kind explicitly; reading it then returns ``value`` untouched."""
        self._set[kind] = value
        if kind == "globals":
            self._globals = value

    def __contains__(self, kind: object) -> bool:
        return kind in self._set or kind in self.config_patterns

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.keys())

    def __repr__(self) -> str:
        return (
            f"ConfigLoader(conf_source='{self.conf_source}', env={self.env!r}, "
            f"kinds={sorted(self.keys())!r})"
        )

    def keys(self) -> list[str]:
        """Return the kinds this loader can load, in pattern order."""
        return [
            *self.config_patterns,
            *(k for k in self._set if k not in self.config_patterns),
        ]

    def get(self, kind: str, default: Any = None) -> Any:
        """Return ``self[kind]``, or ``default`` when the kind has no patterns."""
        try:
            return self[kind]
        except UnknownConfigKindError:
            return default

    def _load(self, kind: str) -> dict[Any, Any]:
        patterns = self.config_patterns[kind]
        config, origins = self._load_env(self.base_env, kind, patterns)
        env_folder = self.conf_source / self.env
        if self.env != self.base_env and env_folder.is_dir():
            env_config, env_origins = self._load_env(self.env, kind, patterns)
            overridden = config.keys() & env_config.keys()
            if overridden:
                logger.debug(
                    "Config from '%s' overrides %d %s key(s): %s",
                    env_folder,
                    len(overridden),
                    kind,
                    ", ".join(sorted(map(str, overridden))[:5]),
                )
            if self.merge_strategy.get(kind) == "soft":
                config = deep_merge(config, env_config)
            else:
                config.update(env_config)
            origins.update(env_origins)
        if kind == "parameters" and self.runtime_params:
            config = deep_merge(config, self.runtime_params)
        return resolve_config(
            config,
            kind=kind,
            origins=origins,
            globals_=None if kind == "globals" else self._loaded_globals(),
            runtime_params=self.runtime_params,
            custom_resolvers=self._resolvers,
        )

    def _loaded_globals(self) -> dict[str, Any]:
        if self._globals is None:
            self._globals = self.get("globals", {})
        return self._globals

    def _load_env(
        self, env: str, kind: str, patterns: list[str]
    ) -> tuple[dict[Any, Any], dict[Any, Path]]:
        """Read one environment's files of one kind; top-level keys must be unique."""
        config: dict[Any, Any] = {}
        origins: dict[Any, Path] = {}
        for path in find_config_files(self.conf_source / env, patterns):
            for key, value in read_config_file(path).items():
                if key not in origins:
                    config[key] = value
                    origins[key] = path
                elif str(key).startswith("_"):  # anchors' holders may repeat
                    current = config[key]
                    both = isinstance(current, dict) and isinstance(value, dict)
                    config[key] = deep_merge(current, value) if both else value
                else:
                    raise DuplicateConfigKeyError(
                        f"{kind} key {key!r} is defined in two files of environment "
                        f"{env!r}: '{origins[key]}' and '{path}'. Keep one of them "
                        "(another environment, such as local, may override it).",
                        key=str(key),
                        paths=(origins[key], path),
                    )
        return config, origins
