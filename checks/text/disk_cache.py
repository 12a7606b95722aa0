"""Tables the checker derives from its data files, kept on disk between processes.

Parsing the gzip files and building jieba's dictionary takes seconds; `govwatch run` and
every `govwatch check-text` need the same tables again, so they are stored with marshal
(fast to read, handles exactly the plain dicts, tuples and strings used here) under a
name that contains a digest of everything they were built from: a changed data file or
jieba version means a new file, never a stale table.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from core.paths import cache_dir

# Bumped when the layout of a cached value changes.
FORMAT = "3"


def digest(parts: Iterable[bytes]) -> str:
    h = hashlib.sha1(FORMAT.encode(), usedforsecurity=False)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()[:20]


def file_digest(paths: Iterable[Path], extra: Iterable[str] = ()) -> str:
    """A digest of files' contents (the data files are small) and of ``extra`` strings."""
    parts = [p.read_bytes() for p in paths]
    return digest([*parts, *(s.encode() for s in extra)])


def cached(name: str, key: str, build: Callable[[], Any]) -> Any:
    """``build()``'s value, from ``<cache>/text-<name>-<key>.marshal`` when present."""
    folder = cache_dir()
    path = folder / f"text-{name}-{key}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(value))
        partial.replace(path)  # atomic: a concurrent reader sees all or nothing
        # tables built from older data are never read again
        for old in folder.glob(f"text-{name}-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass  # a read-only home only costs the seconds again next time
    return value
