"""Shared fixtures: the runtime imported from the template; a pinned git identity."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "template"
RUNTIME_DIR = TEMPLATE / "src" / "{{package_name}}" / "runtime"
RUNTIME_NAME = "keelrt"


def _import_runtime() -> None:
    """Import the template's runtime as the top-level package ``keelrt``."""
    if RUNTIME_NAME in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(
        RUNTIME_NAME,
        RUNTIME_DIR / "__init__.py",
        submodule_search_locations=[str(RUNTIME_DIR)],
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[RUNTIME_NAME] = module
    spec.loader.exec_module(module)


_import_runtime()


@pytest.fixture(autouse=True, scope="session")
def _pinned_git_identity(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Shield tests from the developer's ~/.gitconfig and give git a fixed author."""
    home = tmp_path_factory.mktemp("home")
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Keel Tests\n\temail = tests@keel.invalid\n"
        "[init]\n\tdefaultBranch = main\n"
        "[commit]\n\tgpgsign = false\n"
        '[protocol "file"]\n\tallow = always\n'
    )
    mp = pytest.MonkeyPatch()
    mp.setenv("HOME", str(home))
    mp.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    mp.setenv("GIT_CONFIG_NOSYSTEM", "1")
    yield
    mp.undo()


_SLOW_TIERS = ("render", "generated", "update", "browser")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the render, project, update and browser tiers ``slow`` by their folder."""
    tests = Path(__file__).parent
    for item in items:
        parts = item.path.relative_to(tests).parts
        if parts and parts[0] in _SLOW_TIERS:
            item.add_marker(pytest.mark.slow)
