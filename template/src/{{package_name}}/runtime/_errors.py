"""The runtime's exception tree: one root, one branch per subsystem."""

from __future__ import annotations

__all__ = [
    "CatalogError",
    "ConfigError",
    "DatasetError",
    "DatasetNotFoundError",
    "KeelError",
    "PipelineError",
    "ProjectError",
    "RunnerError",
]


class KeelError(Exception):
    """Root of every error the runtime raises for a user's mistake or a failed run."""


class PipelineError(KeelError, ValueError):
    """A node or pipeline is built or sliced in a way that cannot work."""


class CatalogError(KeelError):
    """A catalog entry or a dataset operation is wrong."""


DatasetError = CatalogError
"""Kedro's name for catalog and dataset failures, kept so ported code reads the same."""


class DatasetNotFoundError(CatalogError, KeyError):
    """A dataset name is not in the catalog and matches no factory pattern."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class ConfigError(KeelError, ValueError):
    """A configuration file or value cannot be read or resolved."""


class RunnerError(KeelError):
    """A run could not start or a node failed during it."""


class ProjectError(KeelError):
    """The project (settings, registry, conf) cannot be found or is malformed."""
