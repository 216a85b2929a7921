"""Tests of the data_processing pipeline."""
