"""Read a small YAML file of configuration, turning every failure into a one-line ConfigError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from speclint.errors import ConfigError


def read_yaml(path: Path, text: str | None = None) -> Any:
    """The data of ``path`` (or of ``text`` read from it); empty files give ``{}``."""
    import yaml_rs

    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: cannot read: {getattr(error, 'strerror', None) or error}") from None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception as error:
        first = str(error).strip().splitlines()
        raise ConfigError(f"{path}: invalid YAML: {first[0] if first else error}") from None
    return {} if data is None else data


def expect_mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(value).__name__}")
    return value


def expect_names(value: Any, where: str) -> list[str]:
    """A list of strings, or one comma-separated string."""
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{where}: expected a list of names")
