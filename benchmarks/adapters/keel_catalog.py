"""Keel: build a catalog from a config folder through the config loader.

Usage: python keel_catalog.py PACKAGE CONF_SOURCE EXPECTED_ENTRIES
"""

from __future__ import annotations

import importlib
import sys
import time

from _workloads import report


def main(package: str, conf_source: str, expected: int) -> None:
    """Load ``catalog*`` from base and local, build the catalog, count its entries."""
    started = time.perf_counter()
    rt = importlib.import_module(f"{package}.runtime")
    imported = time.perf_counter()
    loader = rt.ConfigLoader(conf_source, base_env="base", default_run_env="local")
    config = loader["catalog"]
    loaded = time.perf_counter()
    catalog = rt.DataCatalog.from_config(config)
    count = len(catalog.keys())
    built = time.perf_counter()
    if count != expected:
        sys.exit(f"catalog has {count} entries, expected {expected}")
    report(
        import_s=imported - started, config_s=loaded - imported, build_s=built - loaded
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
