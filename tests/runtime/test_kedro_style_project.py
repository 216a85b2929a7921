"""A project written as a Kedro user writes one runs the same under every runner.

The project is Kedro's spaceflights tutorial in small: raw CSV and Excel tables, a
``data_processing`` pipeline that cleans and joins them into a Parquet model input
table, and a ``data_science`` pipeline that splits it with ``params:``, trains a
scikit-learn ``LinearRegression`` saved as a versioned pickle and writes its metrics
as JSON. Only the import lines differ from Kedro's (``from demo.runtime import ...``).
It runs through the command line in a subprocess, once per runner, each in its own
copy of the project.
"""

from __future__ import annotations

import json
import pickle
import re
import shutil
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest
from helpers import make_project
from helpers import run_cli

pytestmark = pytest.mark.slow  # whole projects in subprocesses: tens of seconds

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
pytest.importorskip("openpyxl")
pytest.importorskip("sklearn")

RUNNERS = ("SequentialRunner", "ThreadRunner", "ParallelRunner")
MODEL_DIR = "data/06_models/regressor.pickle"
MODEL_INPUT = "data/05_model_input/model_input_table.parquet"
METRICS = "data/08_reporting/metrics.json"
METRIC_NAMES = ["mae", "max_error", "r2_score"]
VERSION = re.compile(r"\d{4}-\d\d-\d\dT\d\d\.\d\d\.\d\d\.\d{3}Z")

CATALOG = """\
    companies:
      type: pandas.CSVDataset
      filepath: data/01_raw/companies.csv

    shuttles:
      type: pandas.ExcelDataset
      filepath: data/01_raw/shuttles.xlsx
      load_args:
        engine: openpyxl

    preprocessed_companies:
      type: pandas.ParquetDataset
      filepath: data/02_intermediate/preprocessed_companies.parquet

    preprocessed_shuttles:
      type: pandas.ParquetDataset
      filepath: data/02_intermediate/preprocessed_shuttles.parquet

    model_input_table:
      type: pandas.ParquetDataset
      filepath: data/05_model_input/model_input_table.parquet

    regressor:
      type: pickle.PickleDataset
      filepath: data/06_models/regressor.pickle
      versioned: true

    metrics:
      type: json.JSONDataset
      filepath: data/08_reporting/metrics.json
    """

PARAMETERS_DATA_SCIENCE = """\
    model_options:
      test_size: 0.2
      random_state: 3
      features:
        - engines
        - passenger_capacity
        - crew
        - d_check_complete
        - moon_clearance_complete
        - iata_approved
        - company_rating
    """

PIPELINE_REGISTRY = '''\
    """Project pipelines."""

    from __future__ import annotations

    from demo.runtime import find_pipelines
    from demo.runtime import Pipeline


    def register_pipelines() -> dict[str, Pipeline]:
        """Register the project's pipelines.

        Returns:
            A mapping from pipeline names to ``Pipeline`` objects.
        """
        pipelines = find_pipelines()
        pipelines["__default__"] = sum(pipelines.values())
        return pipelines
    '''

PROCESSING_NODES = """\
    import pandas as pd


    def _is_true(x: pd.Series) -> pd.Series:
        return x == "t"


    def _parse_percentage(x: pd.Series) -> pd.Series:
        x = x.str.replace("%", "")
        x = x.astype(float) / 100
        return x


    def _parse_money(x: pd.Series) -> pd.Series:
        x = x.str.replace("$", "").str.replace(",", "")
        x = x.astype(float)
        return x


    def preprocess_companies(companies: pd.DataFrame) -> pd.DataFrame:
        companies["iata_approved"] = _is_true(companies["iata_approved"])
        companies["company_rating"] = _parse_percentage(companies["company_rating"])
        return companies


    def preprocess_shuttles(shuttles: pd.DataFrame) -> pd.DataFrame:
        shuttles["d_check_complete"] = _is_true(shuttles["d_check_complete"])
        shuttles["moon_clearance_complete"] = _is_true(
            shuttles["moon_clearance_complete"]
        )
        shuttles["price"] = _parse_money(shuttles["price"])
        return shuttles


    def create_model_input_table(
        shuttles: pd.DataFrame, companies: pd.DataFrame
    ) -> pd.DataFrame:
        rated_shuttles = shuttles.merge(companies, left_on="company_id", right_on="id")
        model_input_table = rated_shuttles.dropna()
        return model_input_table
    """

PROCESSING_PIPELINE = """\
    from demo.runtime import node, Pipeline, pipeline

    from .nodes import (
        create_model_input_table,
        preprocess_companies,
        preprocess_shuttles,
    )


    def create_pipeline(**kwargs) -> Pipeline:
        return pipeline(
            [
                node(
                    func=preprocess_companies,
                    inputs="companies",
                    outputs="preprocessed_companies",
                    name="preprocess_companies_node",
                ),
                node(
                    func=preprocess_shuttles,
                    inputs="shuttles",
                    outputs="preprocessed_shuttles",
                    name="preprocess_shuttles_node",
                ),
                node(
                    func=create_model_input_table,
                    inputs=["preprocessed_shuttles", "preprocessed_companies"],
                    outputs="model_input_table",
                    name="create_model_input_table_node",
                ),
            ]
        )
    """

SCIENCE_NODES = """\
    import logging

    import pandas as pd
    from sklearn.linear_model import LinearRegression
    from sklearn.metrics import max_error, mean_absolute_error, r2_score
    from sklearn.model_selection import train_test_split


    def split_data(data: pd.DataFrame, parameters: dict) -> tuple:
        X = data[parameters["features"]]
        y = data["price"]
        X_train, X_test, y_train, y_test = train_test_split(
            X,
            y,
            test_size=parameters["test_size"],
            random_state=parameters["random_state"],
        )
        return X_train, X_test, y_train, y_test


    def train_model(X_train: pd.DataFrame, y_train: pd.Series) -> LinearRegression:
        regressor = LinearRegression()
        regressor.fit(X_train, y_train)
        return regressor


    def evaluate_model(
        regressor: LinearRegression, X_test: pd.DataFrame, y_test: pd.Series
    ) -> dict[str, float]:
        y_pred = regressor.predict(X_test)
        score = r2_score(y_test, y_pred)
        mae = mean_absolute_error(y_test, y_pred)
        me = max_error(y_test, y_pred)
        logger = logging.getLogger(__name__)
        logger.info("Model has a coefficient R^2 of %.3f on test data.", score)
        return {"r2_score": float(score), "mae": float(mae), "max_error": float(me)}
    """

SCIENCE_PIPELINE = """\
    from demo.runtime import node, Pipeline, pipeline

    from .nodes import evaluate_model, split_data, train_model


    def create_pipeline(**kwargs) -> Pipeline:
        return pipeline(
            [
                node(
                    func=split_data,
                    inputs=["model_input_table", "params:model_options"],
                    outputs=["X_train", "X_test", "y_train", "y_test"],
                    name="split_data_node",
                ),
                node(
                    func=train_model,
                    inputs=["X_train", "y_train"],
                    outputs="regressor",
                    name="train_model_node",
                ),
                node(
                    func=evaluate_model,
                    inputs=["regressor", "X_test", "y_test"],
                    outputs="metrics",
                    name="evaluate_model_node",
                ),
            ]
        )
    """

INIT = '''\
    """'{name}' pipeline."""

    from .pipeline import create_pipeline  # NOQA
    '''

FILES: dict[str, str | None] = {
    "conf/base/catalog.yml": CATALOG,
    "conf/base/parameters_data_science.yml": PARAMETERS_DATA_SCIENCE,
    "src/{package}/pipeline_registry.py": PIPELINE_REGISTRY,
    "src/{package}/pipelines/__init__.py": "",
    "src/{package}/pipelines/data_processing/__init__.py": INIT.format(
        name="data_processing"
    ),
    "src/{package}/pipelines/data_processing/nodes.py": PROCESSING_NODES,
    "src/{package}/pipelines/data_processing/pipeline.py": PROCESSING_PIPELINE,
    "src/{package}/pipelines/data_science/__init__.py": INIT.format(
        name="data_science"
    ),
    "src/{package}/pipelines/data_science/nodes.py": SCIENCE_NODES,
    "src/{package}/pipelines/data_science/pipeline.py": SCIENCE_PIPELINE,
}

COMPANY_COUNT = 12
SHUTTLE_COUNT = 60


def write_raw_data(root: Path) -> None:
    """Write small raw tables in Kedro's spaceflights formats (one row has a gap)."""
    raw = root / "data" / "01_raw"
    raw.mkdir(parents=True, exist_ok=True)
    companies = pd.DataFrame(
        {
            "id": range(COMPANY_COUNT),
            "company_rating": [f"{50 + 4 * i}%" for i in range(COMPANY_COUNT)],
            "iata_approved": ["t" if i % 3 else "f" for i in range(COMPANY_COUNT)],
        }
    )
    companies.to_csv(raw / "companies.csv", index=False)
    rows = range(SHUTTLE_COUNT)
    engines = [1 + i % 4 for i in rows]
    capacity = [2 + (i * 7) % 9 for i in rows]
    crew = [None if i == 5 else 1 + (i * 3) % 5 for i in rows]
    price = [
        1000 + 350 * e + 120 * c + 40 * (i % 5) + 15 * ((i * 13) % 7)
        for i, (e, c) in enumerate(zip(engines, capacity, strict=True))
    ]
    shuttles = pd.DataFrame(
        {
            "id": [1000 + i for i in rows],
            "company_id": [i % COMPANY_COUNT for i in rows],
            "engines": engines,
            "passenger_capacity": capacity,
            "crew": crew,
            "d_check_complete": ["t" if i % 2 else "f" for i in rows],
            "moon_clearance_complete": ["t" if i % 5 else "f" for i in rows],
            "price": [f"${p:,.1f}" for p in price],
        }
    )
    shuttles.to_excel(raw / "shuttles.xlsx", index=False, engine="openpyxl")


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's source and raw data, built once; runs use copies of it."""
    root = make_project(tmp_path_factory.mktemp("kedro_style"), files=FILES)
    write_raw_data(root)
    return root


def fresh_copy(source: Path, folder: Path) -> Path:
    """Copy the project ``source`` (with whatever data it holds) into ``folder``."""
    return Path(shutil.copytree(source, folder / "project"))


@pytest.fixture(scope="module")
def runs(
    source: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, CompletedProcess[str]]]:
    """Runner name -> (its project copy, its finished ``run`` command)."""
    done = {}
    for runner in RUNNERS:
        project = fresh_copy(source, tmp_path_factory.mktemp(runner))
        done[runner] = (project, run_cli(project, "run", "--runner", runner))
    return done


def versions(project: Path) -> list[str]:
    """The model's saved versions, oldest first."""
    return sorted(p.name for p in (project / MODEL_DIR).iterdir())


def load_model(project: Path, version: str) -> Any:
    with (project / MODEL_DIR / version / "regressor.pickle").open("rb") as stream:
        return pickle.load(stream)


def metrics(project: Path) -> dict[str, float]:
    return json.loads((project / METRICS).read_text())


@pytest.mark.parametrize("runner", RUNNERS)
def test_the_project_runs_with_each_runner(
    runs: dict[str, tuple[Path, CompletedProcess[str]]], runner: str
) -> None:
    _, done = runs[runner]
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("runner", RUNNERS)
def test_the_model_is_saved_as_one_version_in_kedros_layout(
    runs: dict[str, tuple[Path, CompletedProcess[str]]], runner: str
) -> None:
    project, _ = runs[runner]
    saved = versions(project)
    assert len(saved) == 1
    assert VERSION.fullmatch(saved[0])
    assert [p.name for p in (project / MODEL_DIR / saved[0]).iterdir()] == [
        "regressor.pickle"
    ]


def test_every_runner_writes_the_same_model_input_table(
    runs: dict[str, tuple[Path, CompletedProcess[str]]],
) -> None:
    tables = [pd.read_parquet(project / MODEL_INPUT) for project, _ in runs.values()]
    assert len(tables[0]) == SHUTTLE_COUNT - 1  # the row without crew is dropped
    for table in tables[1:]:
        pd.testing.assert_frame_equal(table, tables[0])


def test_every_runner_writes_the_same_metrics(
    runs: dict[str, tuple[Path, CompletedProcess[str]]],
) -> None:
    texts = {
        runner: (project / METRICS).read_text() for runner, (project, _) in runs.items()
    }
    assert sorted(json.loads(texts["SequentialRunner"])) == METRIC_NAMES
    assert len(set(texts.values())) == 1, texts


def test_every_runner_trains_the_same_model(
    runs: dict[str, tuple[Path, CompletedProcess[str]]],
) -> None:
    models = [load_model(project, versions(project)[0]) for project, _ in runs.values()]
    expected = models[0]
    for model in models[1:]:
        assert model.coef_.tolist() == expected.coef_.tolist()
        assert model.intercept_ == expected.intercept_


def test_a_second_run_adds_a_version_and_keeps_the_first(
    runs: dict[str, tuple[Path, CompletedProcess[str]]], tmp_path: Path
) -> None:
    project = fresh_copy(runs["SequentialRunner"][0], tmp_path)
    (first,) = versions(project)
    first_bytes = (project / MODEL_DIR / first / "regressor.pickle").read_bytes()
    done = run_cli(project, "run")
    assert done.returncode == 0, done.stderr
    saved = versions(project)
    assert len(saved) == 2
    assert saved[0] == first
    assert (
        project / MODEL_DIR / first / "regressor.pickle"
    ).read_bytes() == first_bytes


def test_a_params_override_changes_the_metrics(
    source: Path,
    runs: dict[str, tuple[Path, CompletedProcess[str]]],
    tmp_path: Path,
) -> None:
    project = fresh_copy(source, tmp_path)
    done = run_cli(project, "run", "--params", "model_options.test_size=0.3")
    assert done.returncode == 0, done.stderr
    default_project, _ = runs["SequentialRunner"]
    assert metrics(project) != metrics(default_project)
