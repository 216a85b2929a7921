"""Make the two projects the command-line benchmarks run: Keel's and Kedro's.

Keel's is rendered with copier from this repository's template (no example), Kedro's
is written by hand with the least that ``kedro run`` 1.7 needs. Both then receive the
same 4-node ETL pipeline (read a CSV, transform, write Parquet), the same catalog and
the same 10,000-row CSV; only the import line of ``pipeline.py`` differs.

Usage::

    python benchmarks/projects.py keel DEST     # needs copier and git
    python benchmarks/projects.py kedro DEST
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEEL_PACKAGE = "keel_bench"
KEEL_COMMAND = "keel-bench"
KEDRO_PACKAGE = "kedro_bench"
KEDRO_VERSION = "1.7.0"
ETL_ROWS = 10_000

NODES_PY = '''\
"""The ETL's nodes: plain pandas functions, the same for Keel and Kedro."""

import pandas as pd


def clean(sales: pd.DataFrame) -> pd.DataFrame:
    """Drop rows without an amount and refunds."""
    sales = sales.dropna(subset=["amount"])
    return sales[sales["amount"] > 0].reset_index(drop=True)


def add_features(clean_sales: pd.DataFrame) -> pd.DataFrame:
    """Add the weekday and the amount in cents."""
    features = clean_sales.copy()
    features["weekday"] = pd.to_datetime(features["date"]).dt.dayofweek
    features["cents"] = (features["amount"] * 100).round().astype("int64")
    return features


def summarise(features: pd.DataFrame) -> pd.DataFrame:
    """Total and count of sales per city and weekday."""
    return (
        features.groupby(["city", "weekday"])
        .agg(total=("cents", "sum"), sales=("cents", "size"))
        .reset_index()
    )


def rank(summary: pd.DataFrame) -> pd.DataFrame:
    """Rank the city-weekday pairs by total."""
    ranked = summary.sort_values("total", ascending=False).reset_index(drop=True)
    ranked["rank"] = ranked.index + 1
    return ranked
'''

PIPELINE_PY = '''\
"""The ETL pipeline: four nodes from the raw CSV to two Parquet files."""

{import_line}

from .nodes import add_features, clean, rank, summarise


def create_pipeline(**kwargs) -> Pipeline:
    """Return the ETL pipeline."""
    return Pipeline(
        [
            node(clean, "sales", "clean_sales", name="clean"),
            node(add_features, "clean_sales", "features", name="add_features"),
            node(summarise, "features", "summary", name="summarise"),
            node(rank, "summary", "ranked", name="rank"),
        ]
    )
'''

INIT_PY = '''\
"""The ETL pipeline."""

from .pipeline import create_pipeline

__all__ = ["create_pipeline"]
'''

CATALOG_YML = """\
sales:
  type: pandas.CSVDataset
  filepath: data/01_raw/sales.csv

features:
  type: pandas.ParquetDataset
  filepath: data/04_feature/features.parquet

ranked:
  type: pandas.ParquetDataset
  filepath: data/08_reporting/ranked.parquet
"""

KEDRO_PYPROJECT = f"""\
[project]
name = "kedro-bench"
version = "0.1.0"
requires-python = ">=3.10"

[tool.kedro]
package_name = "{KEDRO_PACKAGE}"
project_name = "kedro-bench"
kedro_init_version = "{KEDRO_VERSION}"
source_dir = "src"
"""

KEDRO_REGISTRY = '''\
"""Project pipelines."""

from kedro.framework.project import find_pipelines
from kedro.pipeline import Pipeline


def register_pipelines() -> dict[str, Pipeline]:
    """Register the project's pipelines."""
    pipelines = find_pipelines()
    pipelines["__default__"] = sum(pipelines.values())
    return pipelines
'''


def sales_csv(rows: int = ETL_ROWS, seed: int = 7) -> str:
    """Return a deterministic sales table as CSV text, with some missing amounts."""
    rng = random.Random(seed)
    cities = ["Lisbon", "Porto", "Braga", "Faro", "Coimbra", "Evora", "Aveiro"]
    lines = ["id,date,city,product,amount"]
    for i in range(rows):
        day = 1 + rng.randrange(28)
        month = 1 + rng.randrange(12)
        amount = "" if rng.random() < 0.02 else f"{rng.uniform(-5, 120):.2f}"
        lines.append(
            f"{i},2025-{month:02d}-{day:02d},{rng.choice(cities)},"
            f"p{rng.randrange(50)},{amount}"
        )
    return "\n".join(lines) + "\n"


def add_etl(project: Path, package: str, import_line: str) -> None:
    """Write the ETL pipeline, its catalog and its data into ``project``."""
    folder = project / "src" / package / "pipelines" / "etl"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "__init__.py").write_text(INIT_PY, encoding="utf-8")
    (folder / "nodes.py").write_text(NODES_PY, encoding="utf-8")
    (folder / "pipeline.py").write_text(
        PIPELINE_PY.format(import_line=import_line), encoding="utf-8"
    )
    (project / "conf" / "base").mkdir(parents=True, exist_ok=True)
    (project / "conf" / "base" / "catalog.yml").write_text(
        CATALOG_YML, encoding="utf-8"
    )
    for layer in ("01_raw", "04_feature", "08_reporting"):
        (project / "data" / layer).mkdir(parents=True, exist_ok=True)
    (project / "data" / "01_raw" / "sales.csv").write_text(
        sales_csv(), encoding="utf-8"
    )


def render_keel(dest: Path) -> Path:
    """Render a Keel project (no example) into ``dest`` and add the ETL to it."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Keel Bench",
        "GIT_AUTHOR_EMAIL": "bench@keel.invalid",
        "GIT_COMMITTER_NAME": "Keel Bench",
        "GIT_COMMITTER_EMAIL": "bench@keel.invalid",
    }
    copier = shutil.which("copier")
    command = [copier] if copier else [sys.executable, "-m", "copier"]
    subprocess.run(
        [
            *command,
            "copy",
            "--trust",
            "--defaults",
            "--quiet",
            "--vcs-ref=HEAD",
            "--data=project_name=Keel Bench",
            "--data=include_example=false",
            "--data=ci=none",
            "--data=python_version={}.{}".format(*sys.version_info[:2]),
            str(ROOT),
            str(dest),
        ],
        check=True,
        env=env,
    )
    add_etl(dest, KEEL_PACKAGE, f"from {KEEL_PACKAGE}.runtime import Pipeline, node")
    return dest


def write_kedro(dest: Path) -> Path:
    """Write a minimal Kedro 1.7 project into ``dest`` with the ETL in it."""
    package = dest / "src" / KEDRO_PACKAGE
    package.mkdir(parents=True, exist_ok=True)
    (dest / "pyproject.toml").write_text(KEDRO_PYPROJECT, encoding="utf-8")
    (package / "__init__.py").write_text('"""kedro-bench."""\n', encoding="utf-8")
    (package / "settings.py").write_text(
        '"""Project settings: Kedro\'s defaults."""\n', encoding="utf-8"
    )
    (package / "pipeline_registry.py").write_text(KEDRO_REGISTRY, encoding="utf-8")
    (package / "pipelines").mkdir(exist_ok=True)
    (package / "pipelines" / "__init__.py").write_text("", encoding="utf-8")
    (dest / "conf" / "local").mkdir(parents=True, exist_ok=True)
    (dest / "conf" / "local" / ".gitkeep").write_text("", encoding="utf-8")
    add_etl(dest, KEDRO_PACKAGE, "from kedro.pipeline import Pipeline, node")
    return dest


def main(argv: list[str] | None = None) -> int:
    """Make one of the projects."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tool", choices=["keel", "kedro"])
    parser.add_argument("dest", type=Path)
    args = parser.parse_args(argv)
    if args.dest.exists() and any(args.dest.iterdir()):
        parser.error(f"folder '{args.dest}' is not empty; pass a new folder")
    (render_keel if args.tool == "keel" else write_kedro)(args.dest)
    print(args.dest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
