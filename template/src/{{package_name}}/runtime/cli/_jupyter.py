"""``jupyter lab`` / ``jupyter notebook``: Jupyter on notebooks/ with a project kernel.

The kernel is written to ``.keel/jupyter/kernels/<package>/`` and offered to this
Jupyter only (through ``JUPYTER_PATH``): it runs this interpreter, with ``src/`` on
the path and the project's IPython extension loaded, so ``catalog``, ``params``,
``pipelines`` and ``session`` are there from the first cell.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

if TYPE_CHECKING:
    from ..project import KeelSession

__all__ = ["KERNELS_DIR", "add_jupyter", "jupyter_command", "write_kernel_spec"]

KERNELS_DIR = ".keel/jupyter"
_APPS = {"lab": "jupyterlab", "notebook": "notebook"}


def add_jupyter(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``jupyter`` command to the command line's subparsers."""
    jupyter = sub.add_parser(
        "jupyter",
        parents=[common],
        help="start JupyterLab (or Notebook) with a kernel that has the project",
        description="Start Jupyter on notebooks/ with a kernel named after the "
        "project, which loads its IPython extension. Needs the notebooks extra: "
        "pip install -e '.[notebooks]'.",
    )
    jupyter.set_defaults(handler="_jupyter:jupyter_command")
    jupyter.add_argument("app", choices=sorted(_APPS), help="lab or notebook")
    jupyter.add_argument(
        "jupyter_args",
        nargs=argparse.REMAINDER,
        metavar="...",
        help="passed on to jupyter (for example --port 8899)",
    )


def write_kernel_spec(project_path: Path, package: str) -> Path:
    """Write the project's kernel spec and return the folder to add to JUPYTER_PATH.

    Args:
        project_path: The project root.
        package: The project's package (the kernel's name and extension).

    Returns:
        The data folder holding ``kernels/<package>/kernel.json``.
    """
    import json  # noqa: PLC0415 - keeps --help fast
    import sys  # noqa: PLC0415 - keeps --help fast

    data_dir = project_path / KERNELS_DIR
    spec_dir = data_dir / "kernels" / package
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [
            sys.executable,
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}",
            f"--ext={package}",
        ],
        "display_name": f"Python ({package})",
        "language": "python",
        "env": {"PYTHONPATH": str(project_path / "src")},
        "metadata": {"debugger": True},
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return data_dir


def jupyter_command(args: Any, session: KeelSession) -> int:
    """Start ``jupyter lab`` or ``jupyter notebook`` and return its exit code."""
    import importlib.util  # noqa: PLC0415 - keeps --help fast
    import os  # noqa: PLC0415 - keeps --help fast
    import subprocess  # noqa: PLC0415 - keeps --help fast
    import sys  # noqa: PLC0415 - keeps --help fast

    from .._errors import ProjectError  # noqa: PLC0415 - keeps --help fast

    needed = ("ipykernel", _APPS[args.app])
    missing = [name for name in needed if importlib.util.find_spec(name) is None]
    if missing:
        raise ProjectError(
            f"jupyter {args.app} needs {' and '.join(missing)}, which this "
            "environment does not have. Install the notebooks extra: "
            "pip install -e '.[notebooks]' (or run nox -s lab)."
        )
    root = session.project_path
    data_dir = write_kernel_spec(root, session.package_name)
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(
        [str(data_dir), *filter(None, [env.get("JUPYTER_PATH")])]
    )
    env["PYTHONPATH"] = os.pathsep.join(
        [str(root / "src"), *filter(None, [env.get("PYTHONPATH")])]
    )
    notebooks = root / "notebooks"
    command = [sys.executable, "-m", "jupyter", args.app]
    if not any(arg.startswith("--notebook-dir") for arg in args.jupyter_args):
        command.append(f"--notebook-dir={notebooks if notebooks.is_dir() else root}")
    command += [
        f"--MultiKernelManager.default_kernel_name={session.package_name}",
        *args.jupyter_args,
    ]
    print(f"starting jupyter {args.app} with kernel {session.package_name!r}")
    return subprocess.call(command, cwd=root, env=env)
