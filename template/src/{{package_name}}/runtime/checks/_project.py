"""What the checks read from a project: files, git, config and pipelines, each once."""

from __future__ import annotations

import os
import re
import subprocess
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from pathlib import PurePosixPath
from typing import Any

from .._errors import ConfigError
from .._errors import KeelError
from ._model import Finding
from ._registry import rule
from ._sources import literal_index
from ._yamlpos import YamlFile
from ._yamlpos import compose

__all__ = ["GitUnavailableError", "ProjectFacts"]

_GIT_TIMEOUT = 20
_CONFIG_SUFFIXES = (".yml", ".yaml", ".json")
# PipelineImportWarning's message: "pipeline 'x' was skipped: <reason> (file, line N)."
_SKIPPED = re.compile(r"pipeline '([^']+)' was skipped")
_FRAME = re.compile(r"\(([^(),]+\.py), line (\d+)\)")
_SKIP_DIRS = frozenset({".git", ".nox", ".venv", "venv", "node_modules", "build"})


class GitUnavailableError(Exception):
    """The project is not in a git repository (or git is not installed)."""


@dataclass
class ProjectFacts:
    """The project under check, read lazily so that each check pays only for itself.

    Attributes:
        root: The project root.
        package: The project package.
        env: The configuration environment (None: the default, usually local).
        allowed_data_files: Globs of files under data/ that may be committed.
        conf_source: The configuration folder (default: CONF_SOURCE of settings.py).
    """

    root: Path
    package: str
    env: str | None = None
    allowed_data_files: tuple[str, ...] = ()
    conf_source: Path | None = None

    # ------------------------------------------------------------------ paths
    def rel(self, path: str | Path) -> str:
        """``path`` relative to the root, POSIX style (as given when outside it)."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def finding(
        self,
        rule_id: str,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        *,
        severity: str | None = None,
        hint: str | None = None,
    ) -> Finding:
        """A finding of ``rule_id``, with its path made relative to the root."""
        found = rule(rule_id)
        return Finding(
            file=None if path is None else self.rel(self.root / path),
            line=line,
            id=rule_id,
            severity=severity or found.severity,
            message=message,
            hint=found.hint if hint is None else hint,
        )

    def files(
        self, folder: str, suffixes: tuple[str, ...], *, skip: Iterable[str] = ()
    ) -> list[Path]:
        """Files under ``root/folder`` ending with ``suffixes`` (no tool folders).

        ``skip`` names folders directly under ``root/folder`` not to enter.
        """
        found: list[Path] = []
        start = self.root / folder
        skipped = _SKIP_DIRS | set(skip)
        for top, dirs, names in os.walk(start):
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith((".", "__pycache__"))
                and d not in (skipped if Path(top) == start else _SKIP_DIRS)
            )
            found.extend(Path(top) / n for n in sorted(names) if n.endswith(suffixes))
        return found

    # -------------------------------------------------------------------- git
    def git(self, *args: str, stdin: str | None = None) -> str:
        """Run git in the root and return its output.

        Raises:
            GitUnavailableError: git is missing or the root is not in a repository.
        """
        try:
            done = subprocess.run(
                ["git", *args],
                cwd=self.root,
                input=stdin,
                capture_output=True,
                text=True,
                timeout=_GIT_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise GitUnavailableError(str(exc)) from exc
        if done.returncode not in (0, 1):  # 1: check-ignore matched nothing
            raise GitUnavailableError(done.stderr.strip())
        return done.stdout

    @cached_property
    def in_git(self) -> bool:
        """Whether the root is inside a git work tree."""
        try:
            return self.git("rev-parse", "--is-inside-work-tree").strip() == "true"
        except GitUnavailableError:
            return False

    def tracked(self, *paths: str) -> list[str]:
        """Committed or staged files under ``paths``, relative to the root."""
        output = self.git("ls-files", "-z", "--", *paths)
        return sorted(p for p in output.split("\0") if p)

    def ignored(self, paths: Iterable[str]) -> set[str]:
        """Which of ``paths`` git ignores by its rules (tracked or not)."""
        paths = list(paths)
        if not paths:
            return set()
        output = self.git(
            "check-ignore", "--no-index", "-z", "--stdin", stdin="\0".join(paths)
        )
        return {p for p in output.split("\0") if p}

    def reincluded(self, paths: Iterable[str]) -> set[str]:
        """Which of ``paths`` a ``!pattern`` of .gitignore explicitly keeps in git."""
        paths = list(paths)
        if not paths:
            return set()
        output = self.git(
            "check-ignore",
            "--no-index",
            "--verbose",
            "--non-matching",
            "-z",
            "--stdin",
            stdin="\0".join(paths),
        )
        fields = output.split("\0")
        kept = set()
        for index in range(0, len(fields) - 3, 4):  # source, line, pattern, path
            if fields[index + 2].startswith("!"):
                kept.add(fields[index + 3])
        return kept

    # ----------------------------------------------------------------- config
    @cached_property
    def settings(self) -> Any:
        """The project's settings (CONF_SOURCE, CONFIG_LOADER_ARGS)."""
        from ..project import load_settings  # noqa: PLC0415 - imports project code

        return load_settings(self.package)

    @cached_property
    def conf(self) -> Path:
        """The configuration folder."""
        return self.conf_source or self.root / self.settings.conf_source

    @cached_property
    def loader(self) -> Any:
        """The project's ConfigLoader, as ``run`` builds it."""
        from ..config import ConfigLoader  # noqa: PLC0415 - not needed by every check

        return ConfigLoader(self.conf, env=self.env, **self.settings.config_loader_args)

    def env_folders(self) -> list[Path]:
        """``conf/base`` then the run environment's folder, when it exists."""
        base = self.conf / self.loader.base_env
        run = self.conf / self.loader.env
        return [base] if run == base or not run.is_dir() else [base, run]

    def config_files(self, kind: str) -> list[Path]:
        """The files of one config kind in base and the run environment, in order."""
        patterns = self.loader.config_patterns.get(kind, [])
        found = []
        for folder in self.env_folders():
            for path in self.files(self.rel(folder), _CONFIG_SUFFIXES):
                relative = PurePosixPath(path.relative_to(folder).as_posix())
                visible = not path.name.startswith(".")
                if visible and any(relative.match(p) for p in patterns):
                    found.append(path)
        return found

    def load(self, kind: str) -> tuple[dict[str, Any], Finding | None]:
        """The merged, resolved config of ``kind``, or {} and the error as a finding."""
        try:
            return dict(self.loader.get(kind, {}) or {}), None
        except ConfigError as exc:
            path = getattr(exc, "path", None)
            paths = getattr(exc, "paths", None)
            where, line = (
                path or (paths[-1] if paths else None),
                getattr(exc, "line", None),
            )
            key = getattr(exc, "key", None)
            if where is None and isinstance(key, str):
                where, line = self.position(kind, *key.split("."))
            return {}, self.finding("KEEL-CAT008", str(exc), where, line)

    def position(self, kind: str, *keys: str) -> tuple[Path | None, int | None]:
        """Where the key path ``keys`` is in ``kind``'s files (the last file wins)."""
        for path in reversed(self.config_files(kind)):
            yaml_file = compose(path)
            line = yaml_file.key_line(*keys) if yaml_file else None
            if line is not None:
                return path, line
        return None, None

    @cached_property
    def catalog_files(self) -> list[YamlFile]:
        """The catalog files, composed with line numbers (invalid ones left out)."""
        return [y for p in self.config_files("catalog") if (y := compose(p))]

    def catalog_position(self, name: str, *keys: str) -> tuple[Path | None, int | None]:
        """The file and line where catalog entry ``name`` (or its ``keys``) is written.

        The last file that defines the entry wins, as in the merged config.
        """
        for yaml_file in reversed(self.catalog_files):
            line = yaml_file.key_line(name)
            if line is not None:
                return yaml_file.path, yaml_file.key_line(name, *keys) or line
        return None, None

    # -------------------------------------------------------------- pipelines
    @cached_property
    def pipelines(self) -> tuple[dict[str, Any], list[Finding]]:
        """The registered pipelines, and a finding for each that failed to load."""
        from ..project import PipelineImportWarning  # noqa: PLC0415
        from ..project import configure_project  # noqa: PLC0415
        from ..project import load_pipelines  # noqa: PLC0415

        problems: list[Finding] = []
        registry = self.root / "src" / self.package / "pipeline_registry.py"
        configure_project(self.package)  # for find_pipelines() in the registry
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", PipelineImportWarning)
            try:
                pipelines = load_pipelines(self.package)
            except KeelError as exc:
                return {}, [self.finding("KEEL-LAY005", str(exc), registry)]
        for warning in caught:
            if issubclass(warning.category, PipelineImportWarning):
                message = str(warning.message)
                problems.append(
                    self.finding("KEEL-LAY005", message, *self._at(message))
                )
            else:  # not ours to swallow
                warnings.warn_explicit(
                    warning.message, warning.category, warning.filename, warning.lineno
                )
        return pipelines, problems

    def _at(self, message: str) -> tuple[Path | None, int | None]:
        """Where a skipped pipeline failed: the traceback's frame, else its package."""
        frame = _FRAME.search(message)
        if frame is not None:
            return Path(frame.group(1)), int(frame.group(2))
        name = _SKIPPED.match(message)
        if name is None:
            return None, None
        folder = self.root / "src" / self.package / "pipelines" / name.group(1)
        return (folder if folder.is_dir() else None), None

    @cached_property
    def pipeline_sources(self) -> list[Path]:
        """The Python files that build pipelines: the registry and pipelines/**."""
        package = self.root / "src" / self.package
        files = self.files(f"src/{self.package}/pipelines", (".py",))
        registry = package / "pipeline_registry.py"
        pipeline_py = [f for f in files if f.name == "pipeline.py"]
        others = [f for f in files if f.name != "pipeline.py"]
        return [*pipeline_py, *others, *([registry] if registry.is_file() else [])]

    @cached_property
    def literals(self) -> dict[str, list[tuple[Path, int]]]:
        """String literal -> where the pipeline code writes it."""
        return literal_index(self.pipeline_sources)

    def written_at(self, *names: str) -> tuple[Path | None, int | None]:
        """Where the first of ``names`` is written as a string in the pipeline code."""
        for name in names:
            places = self.literals.get(name)
            if places:
                return places[0]
        return None, None
