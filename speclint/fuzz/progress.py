"""Progress for fuzz runs: the shared one-line display."""

from __future__ import annotations

from speclint.progress import Progress

__all__ = ["Progress"]
