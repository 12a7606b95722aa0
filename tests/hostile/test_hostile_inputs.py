"""Every page of the hostile corpus ends as a named outcome — a page kind, or a FetchFailure
with its code — never a traceback, in bounded time and memory (figures printed with -s)."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta

import pytest

from core.failures import FetchFailure
from core.periods import BEIJING
from spiders.page import Page
from spiders.portal.kinds import read_page
from tests.hostile.corpus import cases

CASES = list(cases())
URL = "http://www.example.gov.cn/xwdt/202504/t20250401_1.html"
SECONDS = 10.0  # per page, on a loaded 2-core machine


def outcome(body: bytes, content_type: str) -> tuple[str, object | None]:
    try:
        page = Page.from_bytes(URL, body, content_type)
        reading = read_page(page)
        return reading.kind, reading
    except FetchFailure as exc:
        return f"采集失败:{exc.code}", None


@pytest.mark.parametrize(("name", "body", "content_type"), CASES, ids=[c[0] for c in CASES])
def test_a_named_outcome_in_bounded_time(name: str, body: bytes, content_type: str) -> None:
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result, _reading = outcome(body, content_type)
    seconds = time.perf_counter() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"{name:28} {result:26} {seconds:6.2f} s  peak +{grown:6.0f} MiB")
    assert result in {"article", "list", "board", "home", "other"} or result.startswith("采集失败:")
    assert seconds < SECONDS
    assert grown < 512


def test_dates_that_cannot_be_are_not_believed() -> None:
    for name in ("date_feb_30", "date_month_13", "date_chinese_impossible", "date_garbage"):
        _, reading = outcome(*next((b, c) for n, b, c in CASES if n == name))
        assert reading is not None and reading.article.published_at is None, name  # type: ignore[attr-defined]
    _, reading = outcome(*next((b, c) for n, b, c in CASES if n == "date_future"))
    published = reading.article.published_at  # type: ignore[union-attr]
    assert published is None or published < datetime.now(BEIJING) + timedelta(days=1)


@pytest.mark.parametrize("name", ["script_in_title", "img_onerror_in_title"])
def test_markup_planted_in_a_title_is_not_kept_as_markup(name: str) -> None:
    # meta values are text: tags inside them are dropped (outputs escape what is left)
    _, reading = outcome(*next((b, c) for n, b, c in CASES if n == name))
    title = reading.article.title  # type: ignore[union-attr]
    assert "<script" not in title and "<img" not in title and title.endswith(("通知", "公告"))


@pytest.mark.parametrize("name", ["deep_divs_10000", "png_as_html", "huge_attribute", "empty"])
def test_govwatch_extract_never_shows_a_traceback(name: str, tmp_path) -> None:
    body, content_type = next((b, c) for n, b, c in CASES if n == name)
    path = tmp_path / f"{name}.html"
    path.write_bytes(body)
    proc = subprocess.run(
        [sys.executable, "-m", "govwatch", "extract", str(path), "--content-type", content_type],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode in (0, 2), proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
