"""Import the template's bundled runtime as the top-level package ``keelrt``.

The same approach as ``tests/conftest.py``: benchmarks measure the code in
``template/src/{{package_name}}/runtime`` without rendering a project first.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_DIR = ROOT / "template" / "src" / "{{package_name}}" / "runtime"
RUNTIME_NAME = "keelrt"


def load_runtime() -> ModuleType:
    """Return the runtime package, importing it on first use."""
    if RUNTIME_NAME in sys.modules:
        return sys.modules[RUNTIME_NAME]
    spec = importlib.util.spec_from_file_location(
        RUNTIME_NAME,
        RUNTIME_DIR / "__init__.py",
        submodule_search_locations=[str(RUNTIME_DIR)],
    )
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import the runtime from {RUNTIME_DIR}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[RUNTIME_NAME] = module
    spec.loader.exec_module(module)
    return module
