"""Run the project's command line: ``python -m <package>``."""

import sys

from .runtime import main

if __name__ == "__main__":
    sys.exit(main())
