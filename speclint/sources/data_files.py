"""Read a small YAML or JSON file users write (configuration, rulesets), turning every failure into a
one-line ConfigError.

Every configuration or ruleset file read is noted with a digest of its text (:func:`files_read`):
a cached lint result is valid only under the same rules, so the cache key covers them all.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from speclint.errors import ConfigError
from speclint.sources.yaml_loading import YamlError, load_yaml

_READ: dict[str, str] = {}  # path -> sha256 of the text read, since forget_files_read()


def read_config_text(path: Path) -> str:
    """The text of a configuration or ruleset file, noted for :func:`files_read`."""
    text = path.read_text(encoding="utf-8")
    note_read(path, text)
    return text


def note_read(path: Path, text: str) -> None:
    _READ[str(path)] = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def files_read() -> dict[str, str]:
    """The configuration and ruleset files read since :func:`forget_files_read`, with digests."""
    return dict(sorted(_READ.items()))


def forget_files_read() -> None:
    _READ.clear()


def read_yaml(path: Path, text: str | None = None) -> Any:
    """The data of ``path`` (or of ``text`` read from it); empty files give ``{}``."""
    if text is None:
        try:
            text = read_config_text(path)
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: cannot read: {getattr(error, 'strerror', None) or error}") from None
    else:
        note_read(path, text)
    try:
        data = load_yaml(text)
    except YamlError as error:
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
