"""Update tier: every test here carries the ``update`` marker."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests of this folder ``update``."""
    for item in items:
        if "tests/update/" in item.path.as_posix():
            item.add_marker(pytest.mark.update)
