"""Nodes of the data_processing pipeline: clean the raw tables, join them, add features.

Every function here takes and returns pandas DataFrames and never touches a file:
the catalog (``conf/base/catalog.yml``) loads the inputs and saves the outputs.
That is what makes each step easy to test on a table of three rows.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import pandas as pd

logger = logging.getLogger(__name__)

WEATHER_COLUMNS = ("temperature_c", "precipitation_mm", "humidity")
_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})


def _normalise_ids(ids: pd.Series) -> pd.Series:
    """Station ids as the sheet defines them: upper case, no stray spaces."""
    return ids.astype("string").str.strip().str.upper()


def _parse_flags(flags: pd.Series) -> pd.Series:
    """Booleans from yes/Y/no/N style flags; any other value is an error."""
    words = flags.astype("string").str.strip().str.lower()
    unknown = sorted(set(words.dropna()) - _YES - _NO)
    if unknown or words.isna().any():
        shown = unknown or ["<missing>"]
        raise ValueError(
            f"column {flags.name!r} has values that are neither yes nor no: "
            f"{shown!r}. Fix the raw file or extend the accepted spellings."
        )
    return words.isin(_YES).astype(bool)


def _parse_percentages(values: pd.Series) -> pd.Series:
    """Fractions from percentage strings: ``"71%"`` becomes 0.71; blanks stay blank."""
    numbers = values.astype("string").str.strip().str.rstrip("%").str.strip()
    return pd.to_numeric(numbers, errors="coerce").astype(float) / 100


def preprocess_stations(stations: pd.DataFrame) -> pd.DataFrame:
    """Clean the station sheet.

    Args:
        stations: Raw station attributes, one row per station, with the columns
            ``station_id``, ``name``, ``district``, ``docks``, ``elevation_m`` and
            ``has_ebikes`` (``data/01_raw/stations.xlsx``).

    Returns:
        One row per station: ``station_id`` in upper case, ``district`` in title
        case, ``has_ebikes`` as a boolean, and a missing ``docks`` count filled with
        the median of the other stations in the same district.

    Raises:
        ValueError: If ``has_ebikes`` holds something other than yes or no.

    Example:
        >>> raw = pd.DataFrame({"station_id": [" s1"], "name": ["Quay"],
        ...     "district": ["HARBOUR "], "docks": [12], "elevation_m": [3],
        ...     "has_ebikes": ["Y"]})
        >>> preprocess_stations(raw)[["station_id", "district", "has_ebikes"]]
          station_id district  has_ebikes
        0         S1  Harbour        True
    """
    cleaned = stations.copy()
    cleaned["station_id"] = _normalise_ids(cleaned["station_id"])
    cleaned["name"] = cleaned["name"].astype("string").str.strip()
    cleaned["district"] = cleaned["district"].astype("string").str.strip().str.title()
    cleaned["has_ebikes"] = _parse_flags(cleaned["has_ebikes"])
    district_median = cleaned.groupby("district")["docks"].transform("median")
    docks = cleaned["docks"].fillna(district_median).fillna(cleaned["docks"].median())
    cleaned["docks"] = docks.round().astype(int)
    cleaned["elevation_m"] = cleaned["elevation_m"].astype(float)
    return cleaned.drop_duplicates("station_id").reset_index(drop=True)


def preprocess_trips(trips: pd.DataFrame, max_daily_trips: int) -> pd.DataFrame:
    """Clean the daily trip counts and the weather that comes with them.

    The weather is the same for the whole city on a day, so a gap in a weather
    column is filled with that day's value at the other stations.

    Args:
        trips: Raw counts, one row per station and day, with the columns ``date``,
            ``station_id``, ``trips``, ``temperature_c``, ``precipitation_mm`` and
            ``humidity`` (a string such as ``"71%"``) (``data/01_raw/trips.csv``).
        max_daily_trips: Counts above this are counter faults, not demand.

    Returns:
        One row per station and day, sorted by date and station: ``date`` as a
        datetime, ``station_id`` in upper case, ``trips`` as integers (rows without
        a plausible count dropped), ``humidity`` as a fraction (0.71), weather gaps
        filled; of repeated rows for the same station and day, the first is kept.
    """
    cleaned = trips.copy()
    cleaned["date"] = pd.to_datetime(cleaned["date"], format="%Y-%m-%d")
    cleaned["station_id"] = _normalise_ids(cleaned["station_id"])
    cleaned["humidity"] = _parse_percentages(cleaned["humidity"])
    cleaned = cleaned.drop_duplicates(["date", "station_id"])
    for column in WEATHER_COLUMNS:
        cleaned[column] = cleaned[column].astype(float)
        same_day = cleaned.groupby("date")[column].transform("mean")
        cleaned[column] = cleaned[column].fillna(same_day)
    plausible = cleaned["trips"].between(0, max_daily_trips)
    complete = cleaned[list(WEATHER_COLUMNS)].notna().all(axis=1)
    kept = cleaned[plausible & complete].copy()
    logger.info(
        "Kept %d of %d station-days; dropped %d without a plausible count or weather",
        len(kept),
        len(cleaned),
        len(cleaned) - len(kept),
    )
    kept["trips"] = kept["trips"].astype(int)
    return kept.sort_values(["date", "station_id"]).reset_index(drop=True)


def create_station_days(
    preprocessed_trips: pd.DataFrame, preprocessed_stations: pd.DataFrame
) -> pd.DataFrame:
    """Join each day's counts with the attributes of its station.

    Args:
        preprocessed_trips: Output of ``preprocess_trips``.
        preprocessed_stations: Output of ``preprocess_stations``.

    Returns:
        One row per station and day with the station's name, district, docks,
        elevation and e-bike flag next to the trips and weather, sorted by date
        and station. Counts for a station the sheet does not list are dropped.
    """
    joined = preprocessed_trips.merge(
        preprocessed_stations, on="station_id", how="inner", validate="many_to_one"
    )
    # The row order of an inner merge differs between pandas versions: fix it.
    return joined.sort_values(["date", "station_id"]).reset_index(drop=True)


def create_model_input_table(
    station_days: pd.DataFrame, public_holidays: Iterable[str]
) -> pd.DataFrame:
    """Add the calendar and district features a model can learn from.

    Args:
        station_days: Output of ``create_station_days``.
        public_holidays: Dates (``"YYYY-MM-DD"``) on which people do not commute.

    Returns:
        ``station_days`` plus ``day_of_week`` (0 is Monday), ``is_weekend``,
        ``is_holiday``, and one 0/1 column per district named
        ``district_<name in lower case>``.
    """
    table = station_days.copy()
    holidays = pd.to_datetime(list(public_holidays), format="%Y-%m-%d")
    table["day_of_week"] = table["date"].dt.day_of_week.astype(int)
    table["is_weekend"] = (table["day_of_week"] >= 5).astype(int)
    table["is_holiday"] = table["date"].isin(holidays).astype(int)
    table["has_ebikes"] = table["has_ebikes"].astype(int)
    districts = table["district"].astype(str).str.lower().str.replace(" ", "_")
    for district in sorted(districts.unique()):
        table[f"district_{district}"] = (districts == district).astype(int)
    return table
