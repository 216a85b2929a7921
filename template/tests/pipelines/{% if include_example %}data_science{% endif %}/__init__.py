"""Tests of the data_science pipeline."""
