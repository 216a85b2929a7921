"""The project: settings, pipeline registry, session and context, run records."""

from __future__ import annotations

__all__ = [
    "KeelSession",
    "PipelineImportWarning",
    "ProjectContext",
    "RunFilterError",
    "RunRecord",
    "Settings",
    "UnknownPipelineError",
    "configure_project",
    "console_command",
    "default_package_name",
    "find_pipelines",
    "find_project_root",
    "load_pipelines",
    "load_settings",
    "params_feed",
    "project_metadata",
    "read_run_records",
]

from ._context import ProjectContext
from ._context import params_feed
from ._discovery import configure_project
from ._discovery import console_command
from ._discovery import default_package_name
from ._discovery import find_project_root
from ._discovery import project_metadata
from ._filters import RunFilterError
from ._record import RunRecord
from ._record import read_run_records
from ._registry import PipelineImportWarning
from ._registry import UnknownPipelineError
from ._registry import find_pipelines
from ._registry import load_pipelines
from ._session import KeelSession
from ._settings import Settings
from ._settings import load_settings
