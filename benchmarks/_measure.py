"""Run one command as a child process; print its wall time and peak memory as JSON.

The driver starts this tiny wrapper for every measured run, so that
``getrusage(RUSAGE_CHILDREN)`` here sees exactly one child (and the workers that
child waited for). A child still running at ``--timeout`` is killed with its whole
process group (a process runner's workers too) and reported as ``timed_out``.

Usage: python _measure.py --timeout SECONDS [--cwd DIR] -- COMMAND...
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import time

TAIL = 2000  # characters of the child's output kept for the driver


def main(argv: list[str] | None = None) -> int:
    """Run the command, then print one JSON object describing the run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, required=True)
    parser.add_argument("--cwd")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    timed_out = False
    started = time.perf_counter()
    child = subprocess.Popen(
        command,
        cwd=args.cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = child.communicate(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(child.pid, signal.SIGKILL)
        out, err = child.communicate()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if sys.platform == "darwin":  # bytes there, KiB on Linux
        peak //= 1024
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_kib": peak,
                "returncode": child.returncode,
                "timed_out": timed_out,
                "stdout": out.decode(errors="replace")[-TAIL:],
                "stderr": err.decode(errors="replace")[-TAIL:],
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
