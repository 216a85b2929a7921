"""The project's pipelines: one subpackage each (``__init__``, ``nodes``, ``pipeline``).

Create one with ``<project> pipeline create NAME``; ``pipeline_registry`` finds it.
"""
