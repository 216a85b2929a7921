"""Config tier: copier.yml asks clear questions and refuses bad answers, saying why."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import copier
import pytest
import yaml
from helpers_render import DEFAULT_ANSWERS
from helpers_render import ROOT
from helpers_render import snapshot_template

CONFIG = yaml.safe_load((ROOT / "copier.yml").read_text(encoding="utf-8"))
QUESTIONS = {key: value for key, value in CONFIG.items() if not key.startswith("_")}
CONTRACT_KEYS = [
    "project_name",
    "project_slug",
    "package_name",
    "description",
    "author_name",
    "author_email",
    "python_version",
    "license",
    "coverage_threshold",
    "include_example",
    "ci",
]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return snapshot_template(tmp_path_factory.mktemp("template"))


def _answers(template: Path, **answers: Any) -> dict[str, Any]:
    """Run copier's questionnaire (no files written) and return the final answers."""
    worker = copier.run_copy(
        str(template),
        str(template.parent / "never-written"),
        data={**DEFAULT_ANSWERS, **answers},
        defaults=True,
        pretend=True,
        quiet=True,
        skip_tasks=True,
    )
    return dict(worker.answers.combined)


def test_questions_are_the_contract_keys_in_order() -> None:
    assert list(QUESTIONS) == CONTRACT_KEYS


@pytest.mark.parametrize("key", CONTRACT_KEYS)
def test_every_question_has_a_type_a_default_and_sentence_help(key: str) -> None:
    question = QUESTIONS[key]
    assert question["type"] in {"str", "int", "bool"}
    assert "default" in question
    help_text = question["help"].strip()
    assert help_text[0].isupper()
    assert help_text.endswith((".", "?", ")")), help_text


@pytest.mark.parametrize(
    "key", [k for k in CONTRACT_KEYS if "choices" not in QUESTIONS[k]]
)
def test_every_free_answer_question_has_a_validator(key: str) -> None:
    assert QUESTIONS[key].get("validator") or QUESTIONS[key]["type"] == "bool"


def test_settings_come_after_the_questions() -> None:
    keys = list(CONFIG)
    first_setting = next(i for i, k in enumerate(keys) if k.startswith("_"))
    assert all(k.startswith("_") for k in keys[first_setting:])


def test_default_names_are_derived_from_the_project_name(template: Path) -> None:
    answers = _answers(template, project_name="Bike Demand 2.0")
    assert answers["project_slug"] == "bike-demand-2-0"
    assert answers["package_name"] == "bike_demand_2_0"


def test_default_answers_are_all_valid(template: Path) -> None:
    answers = _answers(template)
    assert answers["python_version"] == "3.11"
    assert answers["license"] == "MIT"
    assert answers["coverage_threshold"] == 80
    assert answers["include_example"] is True
    assert answers["ci"] == "github"


def test_a_valid_answer_is_accepted_as_given(template: Path) -> None:
    answers = _answers(
        template,
        project_slug="bikes",
        package_name="bikes_core",
        python_version="3.13",
        coverage_threshold=0,
        license="Proprietary",
        ci="none",
    )
    assert answers["package_name"] == "bikes_core"
    assert answers["coverage_threshold"] == 0


INVALID = [
    ("project_name", "", "Project name must start with a letter"),
    ("project_name", "9 Lives", "Project name must start with a letter"),
    ("project_name", 'Bike "Demand"', "Project name must start with a letter"),
    ("project_slug", "Bike-Demand", "Project slug must use only lowercase letters"),
    ("project_slug", "bike--demand", "Project slug must use only lowercase letters"),
    ("project_slug", "bike-", "Project slug must use only lowercase letters"),
    ("package_name", "bike-demand", "Package name must be a valid Python identifier"),
    ("package_name", "2bikes", "Package name must be a valid Python identifier"),
    ("package_name", "BikeDemand", "Package name must be a valid Python identifier"),
    ("package_name", "class", "Package name must not be a Python keyword"),
    ("package_name", "json", "Package name must not be the name of a standard-library"),
    (
        "package_name",
        "logging",
        "Package name must not be the name of a standard-library",
    ),
    ("package_name", "runtime", 'Package name must not be "runtime"'),
    ("package_name", "pandas", 'Package name must not be "pandas"'),
    ("description", " ", "Description must not be empty"),
    ("author_name", "", "Author name must not be empty."),
    (
        "author_name",
        'Ana "AT" Tester',
        "Author name must be a single line without double",
    ),
    ("author_email", "ana.example.com", "Author email must look like name@example.com"),
    ("author_email", "ana@example", "Author email must look like name@example.com"),
    ("author_email", "ana tester@example.com", "Author email must look like"),
    ("python_version", "3.9", "Python version must be one of 3.10, 3.11, 3.12 or 3.13"),
    (
        "python_version",
        "3.14",
        "Python version must be one of 3.10, 3.11, 3.12 or 3.13",
    ),
    ("python_version", "3.1", "Python version must be one of 3.10, 3.11, 3.12 or 3.13"),
    (
        "coverage_threshold",
        101,
        "Coverage threshold must be a whole number from 0 to 100.",
    ),
    (
        "coverage_threshold",
        -1,
        "Coverage threshold must be a whole number from 0 to 100.",
    ),
]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    INVALID,
    ids=[f"{key}={value!r}" for key, value, _ in INVALID],
)
def test_an_invalid_answer_is_refused_with_a_sentence_saying_what_is_allowed(
    template: Path, key: str, value: object, message: str
) -> None:
    with pytest.raises(ValueError, match=f"question '{key}'") as caught:
        _answers(template, **{key: value})
    text = str(caught.value)
    assert message in text
    reason = text.split(": ", 1)[1]
    assert reason[0].isupper()
    assert reason.rstrip().endswith("."), reason
    assert "{%" not in reason
    assert "{{" not in reason


def test_a_package_name_that_shadows_a_module_suggests_another(template: Path) -> None:
    with pytest.raises(ValueError, match='Try "json_project"'):
        _answers(template, package_name="json")


def test_a_project_name_whose_derived_package_is_taken_is_refused(
    template: Path,
) -> None:
    with pytest.raises(ValueError, match=r"question 'package_name'.*standard-library"):
        _answers(template, project_name="Email")


@pytest.mark.parametrize(("key", "value"), [("license", "GPL-3.0"), ("ci", "jenkins")])
def test_a_choice_outside_the_list_is_refused_naming_the_allowed_ones(
    template: Path, key: str, value: str
) -> None:
    allowed = list(QUESTIONS[key]["choices"].values())
    with pytest.raises(ValueError, match=f"Invalid choice for '{key}'") as caught:
        _answers(template, **{key: value})
    assert all(choice in str(caught.value) for choice in allowed)


def test_min_copier_version_is_one_that_has_copier_operation() -> None:
    # _tasks use `_copier_operation`: copier 9.5.0 lacks it (the task would never
    # run), 9.6.0 has it.
    assert re.fullmatch(r"9\.(\d+)\.\d+", CONFIG["_min_copier_version"])
    assert int(CONFIG["_min_copier_version"].split(".")[1]) >= 6
    assert all(
        "_copier_operation == 'copy'" in task["when"] for task in CONFIG["_tasks"]
    )


def test_copier_default_exclusions_are_kept() -> None:
    # With _subdirectory set copier adds no exclusions of its own.
    for pattern in ("copier.yml", "~*", "*.py[co]", "__pycache__", ".git", ".DS_Store"):
        assert pattern in CONFIG["_exclude"]
    assert ".pytest_cache" in CONFIG["_exclude"]
