"""Sphinx configuration for the docs of Keel's template repository."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "Keel"
author = "The Keel maintainers"
copyright = "2026, the Keel maintainers"

extensions = [
    "myst_parser",
    "copier_questions",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_ext", "**/COPYME", "Thumbs.db", ".DS_Store"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "Keel"
