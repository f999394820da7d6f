"""Why speclint could not do its job (exit status 2). Findings are not exceptions."""

from __future__ import annotations


class SpeclintError(Exception):
    """The command could not run; the message is the one line the user sees."""

    exit_code = 2


class UsageError(SpeclintError):
    """Bad arguments or options."""


class ConfigError(SpeclintError):
    """A configuration or ruleset file that cannot be used."""


class InputError(SpeclintError):
    """A path that does not exist or cannot be read."""


class OutputError(SpeclintError):
    """A report or file that cannot be written (a full disk, a missing folder)."""


class ConnectionFailed(SpeclintError):
    """A server that cannot be reached."""
