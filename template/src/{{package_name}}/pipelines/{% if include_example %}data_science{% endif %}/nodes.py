"""Nodes of the data_science pipeline: split the table, train a model, evaluate it.

The options (which columns are features, how much to hold out, the model's
settings) come from ``conf/base/parameters_data_science.yml`` as ``params:`` inputs,
so trying another setting means editing YAML or passing ``--params``, not code.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import pandas as pd
from sklearn import metrics as skm
from sklearn.ensemble import GradientBoostingRegressor

logger = logging.getLogger(__name__)


def split_data(
    model_input_table: pd.DataFrame, model_options: dict[str, Any]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split the table by date: the latest days are the test set.

    Demand is a time series. Testing on days after every training day shows how
    the model would do on days it has never seen, which is how it will be used; a
    random split would let it peek at the neighbours of each test day.

    Args:
        model_input_table: One row per station and day, with a ``date`` column.
        model_options: Parameters; uses ``test_size``, the share of days (0 to 1)
            to hold out.

    Returns:
        The training rows and the test rows.

    Raises:
        ValueError: If ``test_size`` leaves no day for training or for testing.
    """
    test_size = float(model_options["test_size"])
    dates = np.sort(model_input_table["date"].unique())
    n_test = round(len(dates) * test_size)
    if not 0 < n_test < len(dates):
        raise ValueError(
            f"parameter 'model_options.test_size' is {test_size}: it must leave at "
            f"least one of the {len(dates)} days for training and one for testing."
        )
    is_test = model_input_table["date"] >= dates[-n_test]
    train = model_input_table[~is_test].reset_index(drop=True)
    test = model_input_table[is_test].reset_index(drop=True)
    logger.info("Training on %d rows, testing on %d rows", len(train), len(test))
    return train, test


def train_model(
    train_set: pd.DataFrame, model_options: dict[str, Any]
) -> GradientBoostingRegressor:
    """Fit a gradient-boosted tree model of daily trips.

    Gradient boosting adds up many small decision trees, each correcting the
    errors of the ones before; it copes with features on different scales and
    with effects that are not straight lines (people ride most on mild days).

    Args:
        train_set: Training rows from ``split_data``.
        model_options: Parameters; uses ``features`` (column names), ``target``
            (the column to predict) and ``regressor`` (keyword arguments of
            ``sklearn.ensemble.GradientBoostingRegressor``).

    Returns:
        The fitted model.
    """
    regressor = GradientBoostingRegressor(**model_options.get("regressor", {}))
    features = list(model_options["features"])
    regressor.fit(train_set[features], train_set[model_options["target"]])
    return regressor


def predict_demand(
    model: GradientBoostingRegressor,
    test_set: pd.DataFrame,
    model_options: dict[str, Any],
) -> pd.DataFrame:
    """Predict the daily trips of the test rows.

    Args:
        model: The fitted model from ``train_model``.
        test_set: Test rows from ``split_data``.
        model_options: Parameters; uses ``features`` and ``target``.

    Returns:
        One row per test station-day: ``date``, ``station_id``, ``district``, the
        observed ``trips`` and the model's ``predicted_trips``.
    """
    target = model_options["target"]
    predictions = test_set[["date", "station_id", "district", target]].copy()
    predicted = model.predict(test_set[list(model_options["features"])])
    predictions["predicted_trips"] = np.clip(predicted, 0, None)
    return predictions.rename(columns={target: "trips"})


def evaluate_model(test_predictions: pd.DataFrame) -> dict[str, float | int]:
    """Score the predictions against what was observed.

    Args:
        test_predictions: Output of ``predict_demand``.

    Returns:
        ``r2`` (1 is perfect, 0 is no better than the mean), ``mae`` and ``rmse``
        (in trips per station-day), ``mean_trips`` (for scale) and ``n_test`` (rows
        scored). Plain floats and ints, so the dict saves as JSON.
    """
    observed = test_predictions["trips"]
    predicted = test_predictions["predicted_trips"]
    metrics: dict[str, float | int] = {
        "r2": round(float(skm.r2_score(observed, predicted)), 4),
        "mae": round(float(skm.mean_absolute_error(observed, predicted)), 3),
        "rmse": round(float(np.sqrt(skm.mean_squared_error(observed, predicted))), 3),
        "mean_trips": round(float(observed.mean()), 3),
        "n_test": len(test_predictions),
    }
    logger.info("Model has R^2 %.3f and MAE %.2f trips", metrics["r2"], metrics["mae"])
    return metrics
