"""``check``: the project against the house rules (catalog, secrets, data, layout…).

Each rule has an id (``KEEL-CAT003``), a severity, a one-line summary and a fix hint
(`RULES`); `run_checks` returns a `Report` of `Finding` objects, which
`format_text` and `format_json` render. Importing this package imports neither
pandas nor the project's code; `run_checks` loads the project's pipelines.
"""

from __future__ import annotations

__all__ = [
    "CHECKERS",
    "FAMILIES",
    "RULES",
    "SEVERITIES",
    "CheckConfig",
    "Finding",
    "Report",
    "Rule",
    "format_json",
    "format_rules",
    "format_text",
    "read_config",
    "run_checks",
    "selected_rules",
]

from ._config import CheckConfig
from ._config import read_config
from ._model import SEVERITIES
from ._model import Finding
from ._model import Report
from ._model import Rule
from ._output import format_json
from ._output import format_rules
from ._output import format_text
from ._registry import FAMILIES
from ._registry import RULES
from ._runner import CHECKERS
from ._runner import run_checks
from ._runner import selected_rules
