"""Runners: execute a pipeline's nodes in dependency order against a catalog.

- `SequentialRunner` runs one node at a time in the calling thread.
- `ThreadRunner` runs ready nodes on a thread pool (I/O-bound or GIL-releasing nodes).
- `ParallelRunner` runs ready nodes in worker processes (CPU-bound Python nodes).

All three share one run loop (`AbstractRunner.run`): it checks the pipeline's free
inputs against the catalog, adds MemoryDatasets for undefined outputs, releases each
dataset after its last reader, and raises `NodeFailedError` with the nodes to resume
from when a node fails.
"""

from __future__ import annotations

__all__ = [
    "AbstractRunner",
    "NodeFailedError",
    "ParallelRunner",
    "SequentialRunner",
    "ThreadRunner",
    "load_runner",
]

from ._base import AbstractRunner
from ._errors import NodeFailedError
from ._loader import load_runner
from ._parallel import ParallelRunner
from ._sequential import SequentialRunner
from ._thread import ThreadRunner
