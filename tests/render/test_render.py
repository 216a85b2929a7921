"""Render tier: `copier copy` over a pairwise matrix of answers gives a clean project.

The 16 answer sets cover every pair of values of license x python_version x
include_example x ci (16 is the minimum: license and python_version have four values
each). Each set is rendered once per module and checked for the exact file set, no
leftover Jinja, files that parse, the answers file, and Python that passes the
project's own ruff settings.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import tomllib
import yaml
from helpers_render import DEFAULT_ANSWERS
from helpers_render import file_set
from helpers_render import render
from helpers_render import snapshot_template
from helpers_render import text_files

LICENSES = ["MIT", "Apache-2.0", "BSD-3-Clause", "Proprietary"]
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
CIS = ["github", "gitlab", "none"]
COVERAGES = [80, 0, 100, 95]
# Row (a, b): license a, python b; include_example and ci are chosen so that every
# pair of values of any two of the four questions appears in some row.
MATRIX: list[dict[str, Any]] = [
    {
        "license": LICENSES[a],
        "python_version": PYTHONS[b],
        "include_example": (a + b) % 2 == 0,
        "ci": CIS[(a + 2 * b) % 3],
        "coverage_threshold": COVERAGES[(a + b) % 4],
    }
    for a in range(4)
    for b in range(4)
]
IDS = [
    f"{row['license']}-py{row['python_version']}-"
    f"{'example' if row['include_example'] else 'empty'}-{row['ci']}"
    for row in MATRIX
]
PACKAGE = "bike_demand"
EXAMPLE_FLAG = "{% if include_example %}"
LEFTOVER_JINJA = re.compile(
    r"(?<!\$)\{\{-?\s+[A-Za-z_]"  # an expression, "{{ name" (GitHub's "${{" aside)
    r"|\{%-?\s*(?:if|elif|else|endif|for|endfor|set|macro|endmacro|raw|endraw)\b"
)
CORE_FILES = {
    ".copier-answers.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "LICENSE",
    "README.md",
    "noxfile.py",
    "pyproject.toml",
    "conf/README.md",
    "conf/base/catalog.yml",
    "conf/base/logging.yml",
    "conf/base/parameters.yml",
    "conf/local/.gitkeep",
    "conf/local/credentials.yml",
    "docs/api.md",
    "docs/conf.py",
    "docs/index.md",
    "docs/onboarding.md",
    "docs/updates.md",
    "docs/decisions/index.md",
    "docs/decisions/0001-start-from-the-keel-template.md",
    "notebooks/.gitkeep",
    f"src/{PACKAGE}/__init__.py",
    f"src/{PACKAGE}/__main__.py",
    f"src/{PACKAGE}/settings.py",
    f"src/{PACKAGE}/pipeline_registry.py",
    f"src/{PACKAGE}/py.typed",
    f"src/{PACKAGE}/pipelines/__init__.py",
    "tests/conftest.py",
    "tests/test_ipython.py",
    "tests/test_run.py",
    *(
        f"data/{layer}/.gitkeep"
        for layer in (
            "01_raw",
            "02_intermediate",
            "03_primary",
            "04_feature",
            "05_model_input",
            "06_models",
            "07_model_output",
            "08_reporting",
        )
    ),
}
CI_FILES = {"github": {".github/workflows/ci.yml"}, "gitlab": {".gitlab-ci.yml"}}
CACHE_PARTS = {
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
    ".hypothesis",
}


def _template_files(template: Path, *, example: bool) -> set[str]:
    """The runtime's files, and the example's if wanted, as the template has them."""
    files: set[str] = set()
    root = template / "template"
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if not path.is_file() or CACHE_PARTS & set(rel.parts) or path.suffix == ".pyc":
            continue
        text = rel.as_posix()
        in_runtime = text.startswith("src/{{package_name}}/runtime/")
        in_example = EXAMPLE_FLAG in text
        if in_runtime or (in_example and example):
            text = text.replace("{{package_name}}", PACKAGE)
            text = re.sub(r"\{% if include_example %\}(.*?)\{% endif %\}", r"\1", text)
            files.add(text.removesuffix(".jinja"))
    return files


def _expected_files(template: Path, answers: dict[str, Any]) -> set[str]:
    expected = CORE_FILES | CI_FILES.get(answers["ci"], set())
    expected |= _template_files(template, example=answers["include_example"])
    if answers["include_example"]:
        expected |= {"data/01_raw/stations.xlsx", "data/01_raw/trips.csv"}
    return expected


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    snapshot = snapshot_template(tmp_path_factory.mktemp("template"))
    # Caches that tests leave in template/ must never reach a project.
    runtime = snapshot / "template" / "src" / "{{package_name}}" / "runtime"
    (runtime / "__pycache__").mkdir(exist_ok=True)
    (runtime / "__pycache__" / "_errors.cpython-311.pyc").write_bytes(b"\0")
    (snapshot / "template" / ".pytest_cache").mkdir(exist_ok=True)
    (snapshot / "template" / ".pytest_cache" / "README.md").write_text("cache\n")
    return snapshot


@pytest.fixture(scope="module", params=MATRIX, ids=IDS)
def rendered(
    request: pytest.FixtureRequest,
    template: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, Any]]:
    answers: dict[str, Any] = request.param
    dst = tmp_path_factory.mktemp("project") / "bike-demand"
    render(dst, template, **answers)
    return dst, answers


def test_the_file_set_is_exact(
    rendered: tuple[Path, dict[str, Any]], template: Path
) -> None:
    project, answers = rendered
    actual = file_set(project)
    expected = _expected_files(template, answers)
    assert sorted(actual - expected) == [], "unexpected files"
    assert sorted(expected - actual) == [], "missing files"


def test_no_jinja_is_left_in_any_text_file(
    rendered: tuple[Path, dict[str, Any]],
) -> None:
    project, _ = rendered
    leftovers = {
        name: match.group(0)
        for name, text in text_files(project).items()
        if (match := LEFTOVER_JINJA.search(text))
    }
    assert leftovers == {}


def test_every_structured_file_parses(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, _ = rendered
    parsed = 0
    for name, text in text_files(project).items():
        suffix = Path(name).suffix
        if suffix == ".toml":
            tomllib.loads(text)
        elif suffix in {".yml", ".yaml"}:
            yaml.safe_load(text)
        elif suffix == ".py":
            ast.parse(text, filename=name)
        elif suffix in {".json", ".ipynb"}:
            json.loads(text)
        else:
            continue
        parsed += 1
    assert parsed > 20


def test_the_answers_file_records_every_answer(
    rendered: tuple[Path, dict[str, Any]],
) -> None:
    project, answers = rendered
    text = (project / ".copier-answers.yml").read_text(encoding="utf-8")
    assert text.startswith("# Written by copier")
    recorded = yaml.safe_load(text)
    expected = {
        **DEFAULT_ANSWERS,
        **answers,
        "project_slug": "bike-demand",
        "package_name": PACKAGE,
    }
    assert {key: recorded[key] for key in expected} == expected
    assert {"description", "_src_path"} <= set(recorded)


def test_pyproject_follows_the_answers(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    meta = pyproject["project"]
    assert meta["name"] == "bike-demand"
    assert meta["requires-python"] == f">={answers['python_version']}"
    assert meta["scripts"] == {"bike-demand": f"{PACKAGE}.__main__:main"}
    licence = answers["license"]
    assert meta["license"] == (
        "LicenseRef-Proprietary" if licence == "Proprietary" else licence
    )
    assert ("Private :: Do Not Upload" in meta["classifiers"]) == (
        licence == "Proprietary"
    )
    names = {re.split(r"[<>=]", dep)[0] for dep in meta["dependencies"]}
    example_deps = {"pandas", "pyarrow", "openpyxl", "scikit-learn"}
    assert {"pyyaml", "pluggy"} <= names
    assert (example_deps <= names) == answers["include_example"]
    assert (example_deps & names == set()) == (not answers["include_example"])
    assert set(meta["optional-dependencies"]) == {"test", "docs", "notebooks"}
    report = pyproject["tool"]["coverage"]["report"]
    assert report["fail_under"] == answers["coverage_threshold"]
    assert pyproject["tool"]["ruff"]["target-version"] == (
        "py" + answers["python_version"].replace(".", "")
    )


def test_ci_runs_the_nox_sessions_on_every_supported_python_or_is_absent(
    rendered: tuple[Path, dict[str, Any]],
) -> None:
    project, answers = rendered
    path = {"github": ".github/workflows/ci.yml", "gitlab": ".gitlab-ci.yml"}.get(
        answers["ci"]
    )
    if path is None:
        assert not (project / ".github").exists()
        assert not (project / ".gitlab-ci.yml").exists()
        return
    text = (project / path).read_text(encoding="utf-8")
    first = int(answers["python_version"].split(".")[1])
    versions = [f'"3.{minor}"' for minor in range(first, 14)]
    assert f"[{', '.join(versions)}]" in text
    assert "nox -s tests" in text
    assert "nox -s lint docs package" in text


def test_the_licence_matches_the_choice(rendered: tuple[Path, dict[str, Any]]) -> None:
    project, answers = rendered
    text = (project / "LICENSE").read_text(encoding="utf-8")
    first_words = {
        "MIT": "MIT License",
        "Apache-2.0": "Apache License",
        "BSD-3-Clause": "BSD 3-Clause License",
        "Proprietary": "All rights reserved.",
    }
    assert first_words[answers["license"]] in text
    if answers["license"] != "Apache-2.0":
        assert DEFAULT_ANSWERS["author_name"] in text
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    assert not any(line != line.rstrip() for line in text.splitlines())


def test_python_files_pass_the_projects_own_ruff_settings(
    rendered: tuple[Path, dict[str, Any]],
) -> None:
    ruff = pytest.importorskip("ruff.__main__").find_ruff_bin()
    project, _ = rendered
    for args in (
        ["check", "--no-cache", "."],
        ["format", "--no-cache", "--check", "."],
    ):
        done = subprocess.run(
            [ruff, *args], cwd=project, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_quotes_and_backslashes_in_free_text_survive_into_valid_files(
    template: Path, tmp_path: Path
) -> None:
    description = 'Forecast "rides" per C:\\stations, for O\'Brien & co.'
    author = "Ann O'Brien-Núñez"
    project = render(
        tmp_path / "bike-demand", template, description=description, author_name=author
    )
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["description"] == description
    assert pyproject["project"]["authors"][0]["name"] == author
    conf: dict[str, Any] = {}
    source = (project / "docs" / "conf.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    for statement in tree.body:
        if (
            isinstance(statement, ast.Assign)
            and isinstance(target := statement.targets[0], ast.Name)
            and isinstance(statement.value, ast.Constant)
        ):
            conf[target.id] = statement.value.value
    assert conf["author"] == author
    assert description in (project / "README.md").read_text(encoding="utf-8")
