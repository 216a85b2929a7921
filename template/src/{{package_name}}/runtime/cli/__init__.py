"""The project's command line: ``python -m <package>`` or its console script.

Importing this package imports only argparse; each command imports what it needs when
it runs, so ``--help`` is as fast as the interpreter's start-up allows.
"""

from __future__ import annotations

__all__ = [
    "EXIT_NODE_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "main",
]

from ._main import EXIT_NODE_FAILED
from ._main import EXIT_OK
from ._main import EXIT_USAGE
from ._main import main
