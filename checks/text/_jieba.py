"""jieba, imported without pkg_resources.

jieba 0.42 imports setuptools' pkg_resources (a third of a second) only to open its own
data files, and falls back to plain paths when that import fails. The checker reads its
dictionary from its own cache, so the fallback is enough; every `govwatch check-text`
saves the time. Only when nothing has imported pkg_resources yet is it hidden, and only
for the duration of jieba's import.
"""

from __future__ import annotations

import logging
import sys

if "jieba" in sys.modules or "pkg_resources" in sys.modules:
    import jieba
else:
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import fail
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]

jieba.setLogLevel(logging.WARNING)

__all__ = ["jieba"]
