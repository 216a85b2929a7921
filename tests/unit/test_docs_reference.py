"""The reference pages cover every copier question and every runtime name."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COPIER_YML = ROOT / "copier.yml"
EXTENSION = ROOT / "docs" / "_ext" / "copier_questions.py"
RUNTIME_PAGE = ROOT / "docs" / "reference" / "runtime.md"


def _extension() -> ModuleType:
    name = "keel_docs_copier_questions"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, EXTENSION)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _copier_questions() -> list[str]:
    if not COPIER_YML.is_file():
        pytest.skip("copier.yml does not exist yet")
    data = yaml.safe_load(COPIER_YML.read_text(encoding="utf-8"))
    return [key for key in data if not key.startswith("_")]


def test_questions_page_has_a_section_for_every_question() -> None:
    questions = _copier_questions()
    page = _extension().render_questions(COPIER_YML.read_text(encoding="utf-8"))
    sections = re.findall(r"^## `([^`]+)`$", page, flags=re.MULTILINE)
    assert sections == questions


def test_questions_page_gives_type_and_default_of_every_question() -> None:
    _copier_questions()
    page = _extension().render_questions(COPIER_YML.read_text(encoding="utf-8"))
    for section in page.split("\n## ")[1:]:
        assert "- **Type:**" in section
        assert "- **Default" in section or "- **Secret:**" in section


def test_questions_page_lists_the_labels_and_values_of_choices() -> None:
    text = "license:\n  type: str\n  help: Pick one.\n  choices:\n    Open: MIT\n"
    page = _extension().render_questions(text)
    assert "  - `MIT`: Open" in page


def test_questions_page_shows_validator_messages_without_jinja() -> None:
    text = (
        "n:\n  type: int\n  help: How many?\n  default: 1\n"
        "  validator: '{% if n < 0 %}N must be at least 0, got {{ n }}.{% endif %}'\n"
    )
    page = _extension().render_questions(text)
    assert "  - N must be at least 0, got `<n>`." in page


def test_questions_page_skips_copier_settings() -> None:
    page = _extension().render_questions("_subdirectory: template\nname: x\n")
    assert re.findall(r"^## `([^`]+)`$", page, flags=re.MULTILINE) == ["name"]


def test_questions_page_says_so_when_copier_yml_is_missing() -> None:
    assert "no copier.yml" in _extension().render_questions(None)


def test_runtime_page_names_every_public_runtime_name() -> None:
    import keelrt

    page = RUNTIME_PAGE.read_text(encoding="utf-8")
    missing = [name for name in keelrt.__all__ if f"`{name}`" not in page]
    assert missing == []
