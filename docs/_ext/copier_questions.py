"""Sphinx extension: write the reference of copier.yml's questions at build time.

The page ``reference/questions.md`` holds only an introduction; when Sphinx reads
it, this extension appends one section per question found in ``copier.yml``
(help, type, default, allowed values, when it is asked), so the page cannot drift
from the questions copier really asks.

The rendering functions need only PyYAML, so tests can call them without Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import yaml

if TYPE_CHECKING:
    from sphinx.application import Sphinx

PAGE = "reference/questions"
COPIER_YML = Path(__file__).resolve().parents[2] / "copier.yml"
_TYPE_NAMES = {bool: "bool", int: "int", float: "float", str: "str"}


@dataclass(frozen=True)
class Question:
    """One question of copier.yml, as the reference page shows it."""

    key: str
    help: str
    type: str
    default: Any
    choices: list[tuple[str, Any]]
    when: Any
    rules: list[str]
    secret: bool


class _Loader(yaml.SafeLoader):
    """Safe YAML loader that keeps unknown tags (such as ``!include``) as text."""


def _unknown_tag(_loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> str:
    return f"!{suffix} {getattr(node, 'value', '')}".strip()


_Loader.add_multi_constructor("!", _unknown_tag)


def load_questions(text: str) -> list[Question]:
    """Return the questions of a copier.yml document, in file order.

    Keys that start with an underscore are copier settings, not questions.

    Args:
        text: The YAML text of copier.yml (one or more documents).

    Returns:
        One Question per question key.
    """
    merged: dict[str, Any] = {}
    for document in yaml.load_all(text, Loader=_Loader):
        if isinstance(document, dict):
            merged.update(document)
    return [
        _question(str(key), spec)
        for key, spec in merged.items()
        if not str(key).startswith("_")
    ]


def _question(key: str, spec: Any) -> Question:
    if not isinstance(spec, dict):
        # shorthand: `key: default`
        spec = {"default": spec}
    default = spec.get("default")
    type_name = spec.get("type") or _TYPE_NAMES.get(type(default), "yaml")
    return Question(
        key=key,
        help=str(spec.get("help") or "").strip(),
        type=str(type_name),
        default=default,
        choices=_choices(spec.get("choices")),
        when=spec.get("when"),
        rules=validator_messages(str(spec.get("validator") or "")),
        secret=bool(spec.get("secret")),
    )


def _choices(raw: Any) -> list[tuple[str, Any]]:
    if isinstance(raw, dict):
        return [(str(label), _choice_value(value)) for label, value in raw.items()]
    if isinstance(raw, list):
        return [(str(value), value) for value in raw]
    if isinstance(raw, str) and raw:
        # a Jinja expression that copier renders into a list
        return [(raw, raw)]
    return []


def validator_messages(template: str) -> list[str]:
    """Return the messages a copier validator can show, with Jinja tags removed.

    Expressions such as ``{{ package_name }}`` are shown as ``<package_name>``.
    """
    without_comments = re.sub(r"\{#.*?#\}", "", template, flags=re.DOTALL)
    fragments = re.split(r"\{%.*?%\}", without_comments, flags=re.DOTALL)
    messages = []
    for fragment in fragments:
        text = " ".join(fragment.split())
        text = re.sub(r"\{\{-?\s*(.*?)\s*-?\}\}", r"`<\1>`", text)
        if text:
            messages.append(text)
    return messages


def _choice_value(value: Any) -> Any:
    # the long form `label: {value: x, validator: ...}`
    return value.get("value") if isinstance(value, dict) else value


def _code(value: Any) -> str:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    else:
        text = str(value).strip()
    ticks = "``" if "`" in text else "`"
    return f"{ticks}{text}{ticks}" if text else '`""`'


def render_question(question: Question) -> str:
    """Return the Markdown section of one question."""
    lines = [f"## `{question.key}`", ""]
    lines += [question.help or "(No help text.)", ""]
    lines.append(f"- **Type:** `{question.type}`")
    if question.secret:
        lines.append("- **Secret:** yes (not stored in the answers file)")
    else:
        default = question.default
        is_derived = isinstance(default, str) and "{{" in default
        label = "Default (derived from other answers)" if is_derived else "Default"
        shown = "none: an answer is required" if default is None else _code(default)
        lines.append(f"- **{label}:** {shown}")
    if question.choices:
        lines.append("- **Allowed values:**")
        lines += [
            f"  - {_code(value)}" + ("" if str(value) == label else f": {label}")
            for label, value in question.choices
        ]
    elif question.type == "bool":
        lines.append("- **Allowed values:** `true` or `false`")
    elif not question.rules:
        lines.append(f"- **Allowed values:** any `{question.type}`")
    if question.rules:
        lines.append("- **Refused with these messages:**")
        lines += [f"  - {rule}" for rule in question.rules]
    if question.when is not None and question.when is not True:
        lines.append(f"- **Asked when:** {_code(question.when)}")
    return "\n".join(lines) + "\n"


def render_questions(text: str | None) -> str:
    """Return the Markdown reference of every question in a copier.yml text.

    Args:
        text: The text of copier.yml, or None when the file does not exist.

    Returns:
        Markdown to append to the reference page.
    """
    if text is None:
        return (
            "\n```{note}\nThis build found no copier.yml, so there are no "
            "questions to list.\n```\n"
        )
    questions = load_questions(text)
    intro = f"\ncopier.yml asks {len(questions)} questions, in this order.\n\n"
    return intro + "\n".join(render_question(q) for q in questions)


def _append_questions(_app: Sphinx, docname: str, source: list[str]) -> None:
    if docname != PAGE:
        return
    text = COPIER_YML.read_text(encoding="utf-8") if COPIER_YML.is_file() else None
    source[0] += render_questions(text)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension with Sphinx."""
    app.connect("source-read", _append_questions)
    app.connect("env-get-outdated", _always_outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def _always_outdated(
    _app: Sphinx,
    env: Any,
    _added: set[str],
    _changed: set[str],
    _removed: set[str],
) -> list[str]:
    # Re-read the page on every build: it is one page, and this way neither a
    # change to copier.yml nor to this extension can leave it stale.
    return [PAGE] if PAGE in env.found_docs else []
