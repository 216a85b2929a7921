"""Config loading: ``conf/base`` then ``conf/<env>``, interpolation, runtime parameters.

Kedro-compatible (``OmegaConfigLoader``'s behaviour) on plain PyYAML::

    from my_package.runtime.config import ConfigLoader

    loader = ConfigLoader("conf", env="local", runtime_params={"model.lr": 0.1})
    catalog_conf = loader["catalog"]
"""

from __future__ import annotations

from ._errors import ConfigFileError
from ._errors import DuplicateConfigKeyError
from ._errors import InterpolationError
from ._errors import MissingConfSourceError
from ._errors import MissingEnvironmentError
from ._errors import ParamsSyntaxError
from ._errors import UnknownConfigKindError
from ._loader import DEFAULT_CONFIG_PATTERNS
from ._loader import ENV_VAR
from ._loader import ConfigLoader
from ._params import merge_params
from ._params import parse_params

__all__ = [
    "DEFAULT_CONFIG_PATTERNS",
    "ENV_VAR",
    "ConfigFileError",
    "ConfigLoader",
    "DuplicateConfigKeyError",
    "InterpolationError",
    "MissingConfSourceError",
    "MissingEnvironmentError",
    "ParamsSyntaxError",
    "UnknownConfigKindError",
    "merge_params",
    "parse_params",
]
