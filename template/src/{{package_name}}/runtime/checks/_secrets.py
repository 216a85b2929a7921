"""Secret checks (KEEL-SEC…): no secret in conf/base; conf/local kept out of git."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from ._model import Finding
from ._project import GitUnavailableError
from ._project import ProjectFacts
from ._yamlpos import compose
from ._yamlpos import line_of

__all__ = ["check_secrets"]

_SECRET_KEY = re.compile(
    r"^(?:key|pwd|passwd|password|token|secret|auth|api[_-]?key|apikey"
    r"|(?:.*[_-])?(?:password|passwd|token|secret|api[_-]?key|apikey"
    r"|access[_-]?key|secret[_-]?key|private[_-]?key|access[_-]?token))$",
    re.IGNORECASE,
)
_PRIVATE_KEY = re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")
_TOKENS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(rx))
    for label, rx in (
        ("an AWS access key id", r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
        ("a GitHub token", r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_\w{22,})"),
        ("a GitLab token", r"\bglpat-[A-Za-z0-9_-]{20,}"),
        ("a Slack token", r"\bxox[baprs]-[A-Za-z0-9-]{10,}"),
        ("a Google API key", r"\bAIza[0-9A-Za-z_-]{35}"),
        ("a Stripe live key", r"\b[rs]k_live_[0-9A-Za-z]{20,}"),
        ("an API secret key (sk-…)", r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}"),
        ("a JSON web token", r"\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}"),
        ("a password inside a URL", r"[A-Za-z][\w+.-]*://[^/\s:@${}]+:[^@\s/${}]+@"),
    )
)
_LITERAL_TAGS = frozenset(
    {"tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
)


def _is_literal(node: yaml.Node) -> bool:
    if not isinstance(node, yaml.ScalarNode) or node.tag not in _LITERAL_TAGS:
        return False
    value = str(node.value).strip()
    placeholder = value.startswith("<") and value.endswith(">")
    return bool(value) and "${" not in value and not placeholder


def _text_findings(facts: ProjectFacts, path: Path) -> Iterator[Finding]:
    """SEC002 (private-key blocks) and SEC003 (token shapes), line by line."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if _PRIVATE_KEY.search(line):
            yield facts.finding(
                "KEEL-SEC002", "a private key is written here.", path, number
            )
            continue
        for label, pattern in _TOKENS:
            if pattern.search(line):
                yield facts.finding(
                    "KEEL-SEC003", f"this looks like {label}.", path, number
                )
                break


def _key_findings(facts: ProjectFacts, path: Path, skip: set[int]) -> Iterator[Finding]:
    """SEC001: secret-like keys with literal values (lines already reported skipped)."""
    yaml_file = compose(path)
    if yaml_file is None:
        return
    for keys, _key_node, value in yaml_file.walk():
        if _SECRET_KEY.match(keys[-1]) and _is_literal(value):
            line = line_of(value)
            if line not in skip:
                yield facts.finding(
                    "KEEL-SEC001",
                    f"key {'.'.join(keys)!r} holds a literal value (not shown).",
                    path,
                    line,
                )


def _credentials_by_name(facts: ProjectFacts) -> Iterator[Finding]:
    """SEC005: a catalog entry whose ``credentials`` is a mapping, not a name."""
    for yaml_file in facts.catalog_files:
        for keys, key_node, value in yaml_file.walk():
            if keys[-1] == "credentials" and not isinstance(value, yaml.ScalarNode):
                yield facts.finding(
                    "KEEL-SEC005",
                    f"catalog entry {keys[0]!r} writes its credentials inline instead "
                    "of naming them.",
                    yaml_file.path,
                    line_of(key_node),
                )


def _local_ignored(facts: ProjectFacts) -> Iterator[Finding]:
    """SEC004: conf/<local env> is git-ignored and holds nothing committed."""
    local = facts.settings.config_loader_args.get("default_run_env", "local")
    folder = facts.rel(facts.conf / str(local))
    if not facts.in_git:
        yield facts.finding(
            "KEEL-SEC004",
            f"skipped: not a git repository, so whether {folder}/ is ignored is "
            "unknown.",
            severity="info",
            hint="Run 'git init' to version the project.",
        )
        return
    try:
        probe = f"{folder}/credentials.yml"
        if probe not in facts.ignored([probe]):
            yield facts.finding(
                "KEEL-SEC004",
                f"{folder}/ is not git-ignored, so credentials put there would be "
                "committed.",
                ".gitignore",
            )
        for tracked in facts.tracked(folder):
            if Path(tracked).name != ".gitkeep":
                yield facts.finding(
                    "KEEL-SEC004",
                    f"{tracked} is committed, but {folder}/ is for local files only.",
                    tracked,
                )
    except GitUnavailableError as exc:
        yield facts.finding(
            "KEEL-SEC004", f"skipped: git failed ({exc}).", severity="info"
        )


def check_secrets(facts: ProjectFacts) -> Iterator[Finding]:
    """Run the secret checks.

    Args:
        facts: The project.

    Yields:
        The findings of KEEL-SEC001 to KEEL-SEC005. Values are never shown.
    """
    base_env = facts.settings.config_loader_args.get("base_env", "base")
    base = facts.rel(facts.conf / str(base_env))
    for path in facts.files(base, ("",)):
        text = list(_text_findings(facts, path))
        yield from text
        if path.suffix in (".yml", ".yaml"):
            yield from _key_findings(facts, path, {f.line or 0 for f in text})
    yield from _credentials_by_name(facts)
    yield from _local_ignored(facts)
