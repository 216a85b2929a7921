"""The files ``pipeline create`` writes; ``$name`` and ``$package`` are filled in."""

from __future__ import annotations

__all__ = ["INIT", "NODES", "PARAMETERS", "PIPELINE", "TEST", "TEST_INIT"]

INIT = '''"""The ``$name`` pipeline."""

from .pipeline import create_pipeline

__all__ = ["create_pipeline"]
'''

NODES = '''"""Nodes of the ``$name`` pipeline: plain functions, one job each.

Replace these examples with your own. Keep each function pure (data in, data out) so
it can be tested without the catalog.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def make_greeting(options: dict[str, Any]) -> str:
    """Return the greeting described by the ``$name`` parameters.

    Args:
        options: ``greeting`` (text) and ``repeat`` (how many times).

    Returns:
        The greeting, repeated.
    """
    return " ".join([str(options["greeting"])] * int(options["repeat"]))


def report_greeting(greeting: str) -> None:
    """Log the greeting, so a run shows that the pipeline works end to end."""
    logger.info("%s", greeting)
'''

PIPELINE = '''"""The ``$name`` pipeline, registered by ``find_pipelines()``."""

from __future__ import annotations

from typing import Any

from $package.runtime import Pipeline, node

from .nodes import make_greeting, report_greeting


def create_pipeline(**kwargs: Any) -> Pipeline:
    """Return the ``$name`` pipeline."""
    return Pipeline(
        [
            node(
                make_greeting,
                inputs="params:$name",
                outputs="${name}_greeting",
                name="make_${name}_greeting",
            ),
            node(
                report_greeting,
                inputs="${name}_greeting",
                outputs=None,
                name="report_${name}_greeting",
            ),
        ]
    )
'''

TEST_INIT = ""

TEST = '''"""Tests of the ``$name`` pipeline: a node alone, then the whole pipeline."""

from __future__ import annotations

import logging

import pytest

from $package.pipelines.$name.nodes import make_greeting
from $package.pipelines.$name.pipeline import create_pipeline
from $package.runtime import DataCatalog, SequentialRunner


def test_make_greeting_repeats_the_greeting() -> None:
    assert make_greeting({"greeting": "hi", "repeat": 3}) == "hi hi hi"


def test_pipeline_logs_the_greeting_from_its_parameters(
    caplog: pytest.LogCaptureFixture,
) -> None:
    catalog = DataCatalog()
    catalog["params:$name"] = {"greeting": "hello", "repeat": 2}
    with caplog.at_level(logging.INFO):
        SequentialRunner().run(create_pipeline(), catalog)
    assert "hello hello" in caplog.text
'''

PARAMETERS = """# Parameters of the `$name` pipeline; nodes read them as "params:$name".
$name:
  greeting: hello
  repeat: 2
"""
