"""Make the example project's raw data: a small, made-up bike-share scheme.

The template's example pipelines need raw data that anyone may copy, so we make it
ourselves. This script writes two files into ``template/data/01_raw/``:

- ``stations.xlsx`` (sheet ``stations``): one row per docking station: id, name,
  district, number of docks, elevation, whether it offers e-bikes.
- ``trips.csv``: one row per station and day of 2025: trips started there, and the
  day's weather.

Demand follows rules an apprentice can discover in the notebook: more trips in the
centre, on warm dry days, on weekdays at the university, on weekends at the harbour,
fewer on public holidays and at stations up the hill. The files also carry the mess
the ``data_processing`` pipeline cleans: humidity as strings such as ``"71%"``, gaps
in the weather columns, station ids and district names in inconsistent case and with
stray spaces, ``yes``/``Y``/``no`` flags, a missing dock count, duplicated rows,
missing trip counts and a few counter faults (``9999``).

In the template the two files carry names that render empty when a project is
made without the example (``{% if include_example %}trips.csv{% endif %}``), so
copier leaves them out; ``--plain-names`` writes ``trips.csv`` and ``stations.xlsx``.

The output is deterministic: the same seed gives the same bytes (the Excel file's
zip timestamps and document properties are pinned). Run from the repository root::

    python scripts/make_example_data.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook

SEED = 20250101
YEAR = 2025
OUTPUT_DIR = Path(__file__).resolve().parent.parent / "template" / "data" / "01_raw"
PINNED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)
FILE_NAMES = ("stations.xlsx", "trips.csv")


def template_name(name: str) -> str:
    """The name under which copier copies a file only into example projects."""
    return "{% if include_example %}" + name + "{% endif %}"


# Public holidays of the made-up city; the same list is in the example's
# conf/base/parameters_data_processing.yml.
HOLIDAYS = (
    "2025-01-01",
    "2025-04-18",
    "2025-04-21",
    "2025-05-01",
    "2025-05-29",
    "2025-06-09",
    "2025-12-25",
    "2025-12-26",
)

# id, name, district, docks, elevation in metres, e-bikes
STATIONS = (
    ("S01", "Market Square", "Centre", 40, 12, True),
    ("S02", "Central Station", "Centre", 48, 8, True),
    ("S03", "Town Hall", "Centre", 30, 15, False),
    ("S04", "Cathedral Lane", "Centre", 24, 22, False),
    ("S05", "Library", "University", 30, 35, True),
    ("S06", "Science Park", "University", 36, 48, True),
    ("S07", "Student Village", "University", 20, 61, False),
    ("S08", "Ferry Terminal", "Harbour", 32, 3, True),
    ("S09", "Fish Market", "Harbour", 18, 4, False),
    ("S10", "Lighthouse", "Harbour", 16, 6, False),
    ("S11", "Hillside Road", "Residential", 16, 96, True),
    ("S12", "Oak Avenue", "Residential", 20, 54, False),
)

# Trips per dock on a mild dry weekday, and the weekend multiplier, per district.
DISTRICT_RATE = {"Centre": 2.4, "University": 2.0, "Harbour": 1.6, "Residential": 1.2}
WEEKEND_FACTOR = {"Centre": 0.8, "University": 0.55, "Harbour": 1.5, "Residential": 1.1}

# How the raw files spell the district names and e-bike flags (the mess to clean).
DISTRICT_SPELLINGS = {
    "Centre": ("Centre", "centre", "CENTRE "),
    "University": ("University", "university"),
    "Harbour": ("Harbour", " harbour"),
    "Residential": ("Residential", "RESIDENTIAL"),
}
EBIKE_SPELLINGS = {True: ("yes", "Y", "Yes"), False: ("no", "N", "No")}


def make_weather(rng: np.random.Generator, dates: pd.DatetimeIndex) -> pd.DataFrame:
    """City-wide daily weather: a seasonal temperature, rain showers, humidity."""
    day = np.arange(len(dates))
    seasonal = 11.0 - 8.5 * np.cos(2 * np.pi * (day - 15) / 365.0)
    wobble = np.zeros(len(dates))
    for i in range(1, len(dates)):  # weather lingers: an AR(1) deviation
        wobble[i] = 0.7 * wobble[i - 1] + rng.normal(0.0, 1.8)
    temperature = np.round(seasonal + wobble, 1)
    rainy = rng.random(len(dates)) < 0.38
    precipitation = np.where(rainy, np.round(rng.gamma(1.4, 4.0, len(dates)), 1), 0.0)
    humidity = 62 + 2.2 * np.minimum(precipitation, 12) - 0.6 * (temperature - 11)
    humidity = np.clip(np.round(humidity + rng.normal(0, 5, len(dates))), 35, 99)
    return pd.DataFrame(
        {
            "date": dates,
            "temperature_c": temperature,
            "precipitation_mm": precipitation,
            "humidity": humidity.astype(int),
        }
    )


def expected_trips(station: tuple, weather: pd.DataFrame) -> np.ndarray:
    """Mean number of trips per day at one station, from the rules in the docstring."""
    _, _, district, docks, elevation, ebikes = station
    weekend = weather["date"].dt.day_of_week.to_numpy() >= 5
    holiday = weather["date"].dt.strftime("%Y-%m-%d").isin(HOLIDAYS).to_numpy()
    temperature = weather["temperature_c"].to_numpy()
    rain = weather["precipitation_mm"].to_numpy()
    humidity = weather["humidity"].to_numpy()
    rate = DISTRICT_RATE[district] * docks
    rate *= 1.2 if ebikes else 1.0
    rate *= np.exp(-elevation / (250.0 if ebikes else 120.0))
    day_factor = np.where(weekend | holiday, WEEKEND_FACTOR[district], 1.0)
    day_factor = np.where(holiday, day_factor * 0.75, day_factor)
    warmth = np.exp(-(((temperature - 21.0) / 11.0) ** 2))
    wet = np.exp(-0.09 * rain)
    muggy = 1.0 - 0.004 * np.maximum(humidity - 70, 0)
    return rate * day_factor * (0.25 + 0.75 * warmth) * wet * muggy


def make_trips(rng: np.random.Generator, weather: pd.DataFrame) -> pd.DataFrame:
    """One clean row per station and day, before any mess is added."""
    frames = []
    for station in STATIONS:
        mean = expected_trips(station, weather)
        # Gamma-Poisson mixture: counts vary more than a plain Poisson would.
        counts = rng.poisson(mean * rng.gamma(12.0, 1 / 12.0, len(mean)))
        frame = weather.copy()
        frame.insert(1, "station_id", station[0])
        frame.insert(2, "trips", counts.astype(float))
        frames.append(frame)
    return pd.concat(frames, ignore_index=True).sort_values(
        ["date", "station_id"], ignore_index=True
    )


def add_trip_mess(rng: np.random.Generator, trips: pd.DataFrame) -> pd.DataFrame:
    """Add what real exports contain: gaps, faults, odd spellings, duplicates."""
    messy = trips.copy()
    n = len(messy)
    messy["date"] = messy["date"].dt.strftime("%Y-%m-%d")
    # Humidity arrives as a percentage string.
    messy["humidity"] = messy["humidity"].astype(int).astype(str) + "%"
    # Station ids typed by hand at some stations: lower case, stray spaces.
    odd_ids = rng.random(n) < 0.06
    messy.loc[odd_ids, "station_id"] = [
        rng.choice([f" {s}", s.lower(), f"{s.lower()} "])
        for s in messy.loc[odd_ids, "station_id"]
    ]
    # Weather feed gaps (the same day's value is known at other stations).
    for column, share in (
        ("temperature_c", 0.02),
        ("precipitation_mm", 0.03),
        ("humidity", 0.02),
    ):
        messy.loc[rng.random(n) < share, column] = None
    # Counter outages leave no count; counter faults report 9999.
    messy.loc[rng.random(n) < 0.01, "trips"] = np.nan
    messy.loc[rng.random(n) < 0.003, "trips"] = 9999
    # The export repeats some rows.
    repeats = messy.sample(n=25, random_state=int(rng.integers(1 << 31)))
    messy = pd.concat([messy, repeats]).sort_index(kind="stable")
    return messy.reset_index(drop=True)


def make_stations(rng: np.random.Generator) -> list[list[object]]:
    """Station attributes as sheet rows, spelled the way a person types them."""
    rows: list[list[object]] = []
    for station_id, name, district, docks, elevation, ebikes in STATIONS:
        rows.append(
            [
                station_id,
                name,
                str(rng.choice(DISTRICT_SPELLINGS[district])),
                docks,
                elevation,
                str(rng.choice(EBIKE_SPELLINGS[ebikes])),
            ]
        )
    rows[8][3] = None  # nobody counted the docks at the Fish Market
    return rows


def stations_workbook(rows: list[list[object]]) -> bytes:
    """The stations sheet as .xlsx bytes, with pinned timestamps (reproducible)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "stations"
    sheet.append(
        ["station_id", "name", "district", "docks", "elevation_m", "has_ebikes"]
    )
    for row in rows:
        sheet.append(row)
    book.properties.creator = "Keel example data"
    book.properties.created = PINNED_TIME
    book.properties.modified = PINNED_TIME
    raw = io.BytesIO()
    book.save(raw)
    return _pin_zip_times(raw.getvalue())


def _pin_zip_times(data: bytes) -> bytes:
    """Rewrite the .xlsx zip with pinned member times and "modified" property.

    openpyxl stamps the save time into both, which would change the bytes on
    every run.
    """
    stamp = PINNED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    pinned = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(pinned, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, PINNED_TIME.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    content,
                )
            target.writestr(member, content)
    return pinned.getvalue()


def write_example_data(
    output_dir: Path, seed: int = SEED, *, plain_names: bool = False
) -> list[Path]:
    """Write ``stations.xlsx`` and ``trips.csv`` into ``output_dir``.

    Args:
        output_dir: Folder to write into; created if missing.
        seed: Seed of the random generator; the same seed gives the same bytes.
        plain_names: Write ``trips.csv`` rather than the template's conditional
            name ``{% if include_example %}trips.csv{% endif %}``.

    Returns:
        The paths written.
    """
    rng = np.random.default_rng(seed)
    dates = pd.date_range(f"{YEAR}-01-01", f"{YEAR}-12-31", freq="D")
    weather = make_weather(rng, dates)
    trips = add_trip_mess(rng, make_trips(rng, weather))
    stations = make_stations(rng)
    output_dir.mkdir(parents=True, exist_ok=True)
    stations_name, trips_name = (
        name if plain_names else template_name(name) for name in FILE_NAMES
    )
    trips_path = output_dir / trips_name
    stations_path = output_dir / stations_name
    trips.to_csv(trips_path, index=False, lineterminator="\n", float_format="%g")
    stations_path.write_bytes(stations_workbook(stations))
    return [stations_path, trips_path]


def main(argv: list[str] | None = None) -> int:
    """Run the command line: ``[--output DIR] [--seed N] [--plain-names]``.

    Returns:
        The exit code: 0.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT_DIR)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--plain-names", action="store_true")
    args = parser.parse_args(argv)
    written = write_example_data(args.output, args.seed, plain_names=args.plain_names)
    for path in written:
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
