"""Reading govwatch.yaml: errors name the file, the line and the field, because the people
editing it are county staff, not programmers; a key written twice is an error."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from core.config.base import DB_ENV, DEFAULT_CONFIG_NAME, DEFAULT_DB_URL, ConfigError
from core.config.model import Config


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate a config file; raise ConfigError with file:line on any problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no such file (run `govwatch init` to write one, or pass --config)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    return parse_config(text, str(path))


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: str, first: int, again: int) -> None:
        super().__init__(f"{key!r} appears twice (lines {first} and {again})")
        self.key, self.first, self.again = key, first, again


class _StrictLoader(yaml.SafeLoader):
    """YAML where a key written twice in one mapping is an error: PyYAML would silently keep
    the second (a second `units:` replacing the first deactivates every unit)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            line = key_node.start_mark.line + 1
            if key in seen:
                raise _DuplicateKey(str(key), seen[key], line)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def parse_config(text: str, filename: str = DEFAULT_CONFIG_NAME) -> Config:
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # a SafeLoader: no object construction
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except _DuplicateKey as exc:
        where = "on the same line" if exc.first == exc.again else f"first at line {exc.first}"
        raise ConfigError(
            f"{filename}:{exc.again}: duplicate key {exc.key!r} ({where}); keep one of them"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{filename}:{mark.line + 1}" if mark else filename
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{where}: YAML syntax error: {problem}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{filename}: expected a mapping of settings at the top level")
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, root, filename)) from None


def _describe(exc: ValidationError, root: yaml.Node | None, filename: str) -> str:
    lines = []
    for error in exc.errors():
        loc = [part for part in error["loc"] if not _is_tag(part)]
        line = _line_of(root, loc)
        where = f"{filename}:{line}" if line else filename
        field = _field_path(loc) or "(top level)"
        message = error["msg"].removeprefix("Value error, ")
        lines.append(f"{where}: {field}: {message}")
    return "\n".join(lines)


def _is_tag(part: Any) -> bool:
    # pydantic puts the union member / validator name into loc for some errors
    return isinstance(part, str) and (part.startswith("function-") or part in ("str", "int"))


def _field_path(loc: list[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(node: yaml.Node | None, loc: list[Any]) -> int | None:
    """Line (1-based) of the deepest YAML node on the path loc."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def resolve_db_url(cli_value: str | None = None) -> str:
    """--db beats GOVWATCH_DB beats a SQLite file in the working folder."""
    return cli_value or os.environ.get(DB_ENV) or DEFAULT_DB_URL
