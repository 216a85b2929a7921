"""The bundled runtime: nodes, pipelines, catalog, config, runners, hooks, CLI.

Everything a project's code needs is importable from here::

    from my_package.runtime import Pipeline, node

Names are imported on first use, so ``import my_package.runtime`` stays cheap and never
imports pandas or any other dataset library.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING
from typing import Any

__all__ = [
    "AbstractDataset",
    "AbstractRunner",
    "AbstractVersionedDataset",
    "CatalogError",
    "ConfigError",
    "ConfigLoader",
    "DataCatalog",
    "DatasetError",
    "DatasetNotFoundError",
    "KeelError",
    "KeelSession",
    "MemoryDataset",
    "Node",
    "ParallelRunner",
    "Pipeline",
    "PipelineError",
    "ProjectContext",
    "ProjectError",
    "RunnerError",
    "SequentialRunner",
    "ThreadRunner",
    "Version",
    "find_pipelines",
    "hook_impl",
    "main",
    "node",
    "pipeline",
]

# public name -> submodule (relative to this package) that defines it
_SOURCES: dict[str, str] = {
    "AbstractDataset": ".datasets",
    "AbstractRunner": ".runners",
    "AbstractVersionedDataset": ".datasets",
    "CatalogError": "._errors",
    "ConfigError": "._errors",
    "ConfigLoader": ".config",
    "DataCatalog": ".catalog",
    "DatasetError": "._errors",
    "DatasetNotFoundError": "._errors",
    "KeelError": "._errors",
    "KeelSession": ".project",
    "MemoryDataset": ".datasets",
    "Node": ".graph",
    "ParallelRunner": ".runners",
    "Pipeline": ".graph",
    "PipelineError": "._errors",
    "ProjectContext": ".project",
    "ProjectError": "._errors",
    "RunnerError": "._errors",
    "SequentialRunner": ".runners",
    "ThreadRunner": ".runners",
    "Version": ".datasets",
    "find_pipelines": ".project",
    "hook_impl": ".hooks",
    "main": ".cli",
    "node": ".graph",
    "pipeline": ".graph",
}

if TYPE_CHECKING:
    from ._errors import CatalogError
    from ._errors import ConfigError
    from ._errors import DatasetError
    from ._errors import DatasetNotFoundError
    from ._errors import KeelError
    from ._errors import PipelineError
    from ._errors import ProjectError
    from ._errors import RunnerError
    from .catalog import DataCatalog
    from .cli import main
    from .config import ConfigLoader
    from .datasets import AbstractDataset
    from .datasets import AbstractVersionedDataset
    from .datasets import MemoryDataset
    from .datasets import Version
    from .graph import Node
    from .graph import Pipeline
    from .graph import node
    from .graph import pipeline
    from .hooks import hook_impl
    from .project import KeelSession
    from .project import ProjectContext
    from .project import find_pipelines
    from .runners import AbstractRunner
    from .runners import ParallelRunner
    from .runners import SequentialRunner
    from .runners import ThreadRunner


def __getattr__(name: str) -> Any:
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(source, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
