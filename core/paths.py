"""Where govwatch keeps files of its own outside the working folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir

CACHE_ENV = "GOVWATCH_CACHE"


def cache_dir() -> Path:
    """$GOVWATCH_CACHE, else the user's cache folder (~/.cache/govwatch on Linux)."""
    return Path(os.environ.get(CACHE_ENV) or user_cache_dir("govwatch", appauthor=False))
