"""The loaded project: its config loader, parameters and data catalog."""

from __future__ import annotations

import logging
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from ..catalog import DataCatalog
from ..config import merge_params

if TYPE_CHECKING:
    import pluggy

    from ..config import ConfigLoader

__all__ = ["ProjectContext", "params_feed"]

logger = logging.getLogger(__name__)


def params_feed(params: dict[str, Any]) -> dict[str, Any]:
    """Return the catalog entries for parameters, as Kedro names them.

    ``parameters`` is the whole dict; ``params:<key>`` each top-level key and, for
    nested dicts, ``params:<key>.<sub>`` at every depth.

    Args:
        params: The project's parameters.

    Returns:
        Dataset name -> value.
    """
    feed: dict[str, Any] = {"parameters": params}
    stack = [(str(key), value) for key, value in params.items()]
    while stack:
        name, value = stack.pop()
        feed[f"params:{name}"] = value
        if isinstance(value, dict):
            stack.extend((f"{name}.{key}", sub) for key, sub in value.items())
    return feed


class ProjectContext:
    """What a session knows about its project once it is loaded.

    Attributes:
        project_path: The project root.
        package_name: The project's package.
        env: The configuration environment in use (e.g. ``local``).
        config_loader: The loader for ``conf/``.
        hook_manager: The session's hook manager.
    """

    def __init__(
        self,
        *,
        project_path: Path,
        package_name: str,
        env: str,
        config_loader: ConfigLoader,
        hook_manager: pluggy.PluginManager,
        runtime_params: dict[str, Any] | None = None,
    ) -> None:
        """Create the context; the catalog is built on first use of ``catalog``."""
        self.project_path = project_path
        self.package_name = package_name
        self.env = env
        self.config_loader = config_loader
        self.hook_manager = hook_manager
        self._runtime_params = dict(runtime_params or {})

    def __repr__(self) -> str:
        return (
            f"ProjectContext(package_name={self.package_name!r}, "
            f"project_path='{self.project_path}', env={self.env!r})"
        )

    @cached_property
    def params(self) -> dict[str, Any]:
        """The parameters from ``conf/`` with ``--params`` overrides merged in."""
        params = self.config_loader.get("parameters", {}) or {}
        return merge_params(dict(params), self._runtime_params)

    @cached_property
    def catalog(self) -> DataCatalog:
        """The data catalog, with parameters fed in (built once)."""
        return self.build_catalog()

    def build_catalog(
        self,
        *,
        save_version: str | None = None,
        load_versions: dict[str, str] | None = None,
    ) -> DataCatalog:
        """Build a fresh catalog from ``catalog`` and ``credentials`` config.

        Calls the ``after_catalog_created`` hook.

        Args:
            save_version: Version to save versioned datasets under (default: now).
            load_versions: Dataset name -> version to load.

        Returns:
            The catalog, with ``parameters`` and ``params:*`` added.
        """
        conf_catalog = self.config_loader.get("catalog", {}) or {}
        conf_creds = self.config_loader.get("credentials", {}) or {}
        catalog = DataCatalog.from_config(
            conf_catalog,
            conf_creds,
            load_versions=load_versions,
            save_version=save_version,
            project_path=self.project_path,
        )
        catalog.add_feed_dict(params_feed(self.params), replace=True)
        self.hook_manager.hook.after_catalog_created(
            catalog=catalog,
            conf_catalog=conf_catalog,
            conf_creds=conf_creds,
            parameters=self.params,
            save_version=catalog.save_version,
            load_versions=load_versions or {},
        )
        logger.debug("catalog built with %d entries", len(catalog.keys()))
        return catalog
