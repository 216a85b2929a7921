"""Read the project's ``settings.py``: hooks, conf source, config loader arguments."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from .._errors import ProjectError
from .._suggest import did_you_mean
from .._suggest import quote_list

__all__ = ["CONFIG_LOADER_KEYS", "Settings", "load_settings"]

CONFIG_LOADER_KEYS = frozenset(
    {
        "base_env",
        "default_run_env",
        "config_patterns",
        "merge_strategy",
        "custom_resolvers",
    }
)
"""The ``CONFIG_LOADER_ARGS`` keys that are passed on to ``ConfigLoader``."""

_KNOWN = ("HOOKS", "CONF_SOURCE", "CONFIG_LOADER_ARGS")


@dataclass(frozen=True)
class Settings:
    """The values of a project's ``settings.py``, with defaults for those it omits.

    Attributes:
        hooks: Hook implementations (instances) to register for every session.
        conf_source: The configuration folder, relative to the project root.
        config_loader_args: Keyword arguments for ``ConfigLoader``.
    """

    hooks: tuple[object, ...] = ()
    conf_source: str = "conf"
    config_loader_args: dict[str, Any] = field(default_factory=dict)


def _check_hooks(module_name: str, hooks: Any) -> tuple[object, ...]:
    if not isinstance(hooks, (tuple, list)):
        raise ProjectError(
            f"setting 'HOOKS' in {module_name!r} is not a tuple: expected a tuple of "
            f"hook instances, got {type(hooks).__name__}. Write HOOKS = (MyHooks(),)."
        )
    for hook in hooks:
        if isinstance(hook, type):
            raise ProjectError(
                f"setting 'HOOKS' in {module_name!r} holds the class "
                f"{hook.__name__!r}, not an instance. "
                f"Write HOOKS = ({hook.__name__}(),)."
            )
    return tuple(hooks)


def _check_loader_args(module_name: str, args: Any) -> dict[str, Any]:
    if not isinstance(args, dict):
        raise ProjectError(
            f"setting 'CONFIG_LOADER_ARGS' in {module_name!r} is not a dict: got "
            f"{type(args).__name__}. Write CONFIG_LOADER_ARGS = {{'base_env': 'base'}}."
        )
    for key in args:
        if key not in CONFIG_LOADER_KEYS:
            raise ProjectError(
                f"setting 'CONFIG_LOADER_ARGS' in {module_name!r} has the unknown key "
                f"{key!r}{did_you_mean(str(key), CONFIG_LOADER_KEYS)}. Allowed keys: "
                f"{quote_list(CONFIG_LOADER_KEYS)}."
            )
    return dict(args)


def _check_conf_source(module_name: str, conf_source: Any) -> str:
    if not isinstance(conf_source, str) or not conf_source:
        raise ProjectError(
            f"setting 'CONF_SOURCE' in {module_name!r} is not a folder name: got "
            f"{conf_source!r}. Write CONF_SOURCE = 'conf'."
        )
    return conf_source


def load_settings(package_name: str) -> Settings:
    """Import ``<package_name>.settings`` and return its values, checked.

    A project without ``settings.py`` gets the defaults.

    Args:
        package_name: The project's package.

    Returns:
        The project's settings.

    Raises:
        ProjectError: A setting has the wrong type or an unknown key, or importing
            the settings module failed.
    """
    module_name = f"{package_name}.settings"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == package_name:
            raise ProjectError(
                f"package {package_name!r} cannot be imported. Install the project "
                "(pip install -e .) or put its src/ folder on PYTHONPATH."
            ) from exc
        if exc.name != module_name:
            raise ProjectError(
                f"settings module {module_name!r} failed to import: {exc}. Fix the "
                "import in settings.py."
            ) from exc
        return Settings()
    except Exception as exc:
        raise ProjectError(
            f"settings module {module_name!r} failed to import: "
            f"{type(exc).__name__}: {exc}. Fix settings.py."
        ) from exc
    values = {name: getattr(module, name) for name in _KNOWN if hasattr(module, name)}
    return Settings(
        hooks=_check_hooks(module_name, values.get("HOOKS", ())),
        conf_source=_check_conf_source(module_name, values.get("CONF_SOURCE", "conf")),
        config_loader_args=_check_loader_args(
            module_name, values.get("CONFIG_LOADER_ARGS", {})
        ),
    )
