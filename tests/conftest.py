"""Shared test helpers. Saved pages live in tests/files as raw bytes plus a JSON sidecar
(url, content_type, charset, where the structure comes from), so decoding is tested too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spiders.page import Page

FILES = Path(__file__).parent / "files"


def saved_page(name: str) -> Page:
    meta = json.loads((FILES / f"{name}.json").read_text(encoding="utf-8"))
    body_path = next(p for p in FILES.glob(f"{name}.*") if p.suffix != ".json")
    return Page.from_bytes(meta["url"], body_path.read_bytes(), meta["content_type"])


@pytest.fixture
def page_of():
    return saved_page
