"""Browser tier: Debian's chromium, driven headless by Playwright for Python.

Outside CI the tests skip, saying why, when chromium or Playwright is missing; in CI
(``CI`` set) they fail instead, so a missing install step cannot pass unnoticed.
Screenshots go to tests/browser/artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
INSTALL_HINT = (
    "install them with: apt-get update && apt-get install -y chromium; "
    "python -m pip install playwright (never 'playwright install')"
)


def _missing(what: str) -> None:
    message = f"{what}; {INSTALL_HINT}"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests, but {message}", pytrace=False)
    pytest.skip(message)


def chromium_path() -> str:
    """The chromium binary: $KEEL_CHROMIUM, chromium on PATH, or /usr/bin/chromium."""
    for candidate in (
        os.environ.get("KEEL_CHROMIUM"),
        shutil.which("chromium"),
        "/usr/bin/chromium",
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    _missing("chromium is not installed (looked for $KEEL_CHROMIUM, PATH, /usr/bin)")
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ModuleNotFoundError:
        _missing("Playwright for Python is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


class PageErrors(list):
    """Console errors and uncaught exceptions of a page, as text."""


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page; ``page.errors`` collects its console errors and exceptions."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    errors = PageErrors()
    requests: list[str] = []

    def on_console(message: Any) -> None:
        if message.type == "error":
            errors.append(message.text)

    tab.on("console", on_console)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    tab.on("request", lambda request: requests.append(request.url))
    tab.errors = errors
    tab.requests = requests
    yield tab
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
