"""Every check's id, severity, one-line explanation and fix hint, in report order."""

from __future__ import annotations

from typing import Final

from .._errors import ConfigError
from .._suggest import did_you_mean
from ._model import Rule

__all__ = ["FAMILIES", "RULES", "expand_selectors", "rule"]

_RULES: Final = (
    # ---------------------------------------------------------------- catalog
    Rule(
        "KEEL-CAT001",
        "error",
        "every catalog entry has a 'type' that names a dataset class",
        "Use a built-in type such as 'pandas.CSVDataset' or the dotted path of an "
        "AbstractDataset subclass.",
    ),
    Rule(
        "KEEL-CAT002",
        "error",
        "every catalog entry gives the arguments its dataset type requires, no others",
        "Add the missing argument (often 'filepath') or remove the one the type "
        "does not take.",
    ),
    Rule(
        "KEEL-CAT003",
        "error",
        "every free input of every registered pipeline is in the catalog or a "
        "parameter",
        "Add an entry for it to conf/base/catalog.yml, or fix the name in the node.",
    ),
    Rule(
        "KEEL-CAT004",
        "error",
        "every 'params:' input names a parameter that exists",
        "Fix the name in the node, or add the parameter to conf/base/parameters*.yml.",
    ),
    Rule(
        "KEEL-CAT005",
        "warning",
        "every node output is saved by the catalog or used by another node",
        "Add a catalog entry to keep it, use it in a node, or remove the output "
        "(a typo in its name makes it silently vanish).",
    ),
    Rule(
        "KEEL-CAT006",
        "warning",
        "every catalog entry is used by a registered pipeline",
        "Remove the entry, or fix the dataset name in the pipeline that should use it.",
    ),
    Rule(
        "KEEL-CAT007",
        "warning",
        "local file paths in the catalog point inside data/",
        "Keep project data under data/<layer>/ (git ignores it), e.g. "
        "data/01_raw/file.csv.",
    ),
    Rule(
        "KEEL-CAT008",
        "error",
        "the configuration files load",
        "Fix the file at the line shown (indentation, colons, quotes, duplicate keys).",
    ),
    # ---------------------------------------------------------------- secrets
    Rule(
        "KEEL-SEC001",
        "error",
        "no literal value under a secret-like key (password, token, secret, key) "
        "in conf/base",
        "Move the value to conf/local/credentials.yml, or read it with "
        "${oc.env:NAME}; rotate it if it was ever committed.",
    ),
    Rule(
        "KEEL-SEC002",
        "error",
        "no private-key block in conf/base",
        "Keep keys out of the repository (conf/local or a secret store); rotate "
        "the key, it has been exposed.",
    ),
    Rule(
        "KEEL-SEC003",
        "error",
        "no string shaped like an access token in conf/base",
        "Move the token to conf/local/credentials.yml or an environment variable, "
        "and rotate it.",
    ),
    Rule(
        "KEEL-SEC004",
        "error",
        "conf/local is git-ignored and nothing in it but .gitkeep is committed",
        "Add 'conf/local/**' and '!conf/local/.gitkeep' to .gitignore, and "
        "'git rm --cached' the committed files.",
    ),
    Rule(
        "KEEL-SEC005",
        "error",
        "catalog entries refer to credentials by name only",
        "Write 'credentials: <name>' and define <name> in conf/local/credentials.yml.",
    ),
    # ------------------------------------------------------- data, notebooks
    Rule(
        "KEEL-DATA001",
        "error",
        "nothing under data/ is committed except .gitkeep and the allowed files",
        "Run 'git rm --cached <file>' (the file stays on disk), or allow it in "
        "[tool.keel.check] allowed-data-files of pyproject.toml.",
    ),
    Rule(
        "KEEL-NB001",
        "error",
        "notebooks are saved without outputs",
        "Clear the outputs (nbstripout <notebook>, or Clear All Outputs) and save.",
    ),
    # ----------------------------------------------------------------- layout
    Rule(
        "KEEL-LAY001",
        "warning",
        "each pipeline package has nodes.py and pipeline.py",
        "Put the node functions in nodes.py and create_pipeline() in pipeline.py "
        "('pipeline create NAME' scaffolds both).",
    ),
    Rule(
        "KEEL-LAY002",
        "warning",
        "each pipeline has tests in tests/pipelines/<name>/",
        "Add tests/pipelines/<name>/test_pipeline.py.",
    ),
    Rule(
        "KEEL-LAY003",
        "warning",
        "node functions have docstrings",
        "Add a docstring saying what the function takes and returns.",
    ),
    Rule(
        "KEEL-LAY004",
        "warning",
        "nodes are plain functions (no lambdas, no bound methods of mutable objects)",
        "Define a named function in nodes.py; pass state as inputs or parameters.",
    ),
    Rule(
        "KEEL-LAY005",
        "error",
        "the pipeline registry and every pipeline package load",
        "Fix the error shown; 'run --pipeline NAME --verbose' prints the traceback.",
    ),
    # --------------------------------------------------------------- template
    Rule(
        "KEEL-TPL001",
        "warning",
        "the project is on a released template version",
        "Run 'copier update' to move to the latest release.",
    ),
    Rule(
        "KEEL-TPL002",
        "warning",
        "the project is on the template's latest release",
        "Run 'copier update' and commit the result.",
    ),
)

RULES: Final[dict[str, Rule]] = {r.id: r for r in _RULES}
"""Rule id -> rule, in report order."""

FAMILIES: Final[tuple[str, ...]] = tuple(dict.fromkeys(r.family for r in _RULES))
"""The families, in report order: CAT, SEC, DATA, NB, LAY, TPL."""


def rule(rule_id: str) -> Rule:
    """Return the rule with this id (a KeyError names a rule that does not exist)."""
    return RULES[rule_id]


def _normalise(selector: str) -> str:
    text = selector.strip().upper()
    return text if text.startswith("KEEL-") else f"KEEL-{text}"


def expand_selectors(selectors: list[str], *, source: str) -> set[str]:
    """Return the rule ids that the selectors name: an id, or a family like ``SEC``.

    ``KEEL-`` is optional and case does not matter: ``sec``, ``KEEL-SEC`` and
    ``SEC001`` all work.

    Args:
        selectors: What the user wrote.
        source: Where it was written, for messages (``--select``, pyproject.toml).

    Returns:
        The rule ids.

    Raises:
        ConfigError: A selector matches no rule.
    """
    ids: set[str] = set()
    for selector in selectors:
        wanted = _normalise(selector)
        matched = {
            rule_id
            for rule_id, r in RULES.items()
            if wanted in {rule_id, f"KEEL-{r.family}"}
        }
        if not matched:
            candidates = [*RULES, *(f"KEEL-{f}" for f in FAMILIES)]
            raise ConfigError(
                f"check {selector!r} in {source} is not a check id or family"
                f"{did_you_mean(wanted, candidates)}. Use an id such as 'KEEL-CAT003' "
                f"or a family ({', '.join(FAMILIES)}); 'check --list' shows them all."
            )
        ids |= matched
    return ids
