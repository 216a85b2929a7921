"""Nodes and pipelines: ``Node``, ``node``, ``Pipeline``, ``pipeline``."""

from __future__ import annotations

from .._errors import PipelineError
from ._errors import CircularDependencyError
from ._errors import ConfirmNotUniqueError
from ._errors import DuplicateNodeError
from ._errors import EmptyPipelineError
from ._errors import ModularPipelineError
from ._errors import NodeError
from ._errors import NodeRunError
from ._errors import NodeSignatureError
from ._errors import OutputNotUniqueError
from ._errors import UnknownNameError
from ._modular import pipeline
from ._node import Node
from ._node import node
from ._pipeline import Pipeline

__all__ = [
    "CircularDependencyError",
    "ConfirmNotUniqueError",
    "DuplicateNodeError",
    "EmptyPipelineError",
    "ModularPipelineError",
    "Node",
    "NodeError",
    "NodeRunError",
    "NodeSignatureError",
    "OutputNotUniqueError",
    "Pipeline",
    "PipelineError",
    "UnknownNameError",
    "node",
    "pipeline",
]
