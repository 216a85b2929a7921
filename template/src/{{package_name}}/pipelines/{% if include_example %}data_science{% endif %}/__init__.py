"""The data_science pipeline: steps in ``nodes.py``, wiring in ``pipeline.py``."""

from .pipeline import create_pipeline

__all__ = ["create_pipeline"]
