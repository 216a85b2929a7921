"""IPython and Jupyter: ``%load_ext <package>``, ``%reload_project``, ``%load_node``.

The project package's ``load_ipython_extension`` delegates here. IPython itself is
imported only inside these functions: it is not a dependency of the runtime.
"""

from __future__ import annotations

__all__ = [
    "load_ipython_extension",
    "load_node",
    "node_cell",
    "reload_project",
    "unload_ipython_extension",
]

from ._extension import load_ipython_extension
from ._extension import reload_project
from ._extension import unload_ipython_extension
from ._load_node import load_node
from ._load_node import node_cell
