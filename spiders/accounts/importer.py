"""Posts the office exports by hand (微信小程序, or any account without a public feed): a CSV
or XLSX with a header row in Chinese — 发布时间 (required), 标题, 内容, 链接, 置顶.

The file is the office's own record of what it published, so it counts as the complete
history; a row whose time cannot be read is a failure naming the row, never skipped silently.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

from core.accounts import Platform
from core.config import AccountConfig
from core.periods import BEIJING, beijing
from spiders.accounts.base import AccountFailure, Adapter, FetchContext, FetchResult, Http, Post

TIME_HEADERS = ("发布时间", "时间", "日期", "发布日期")
_COLUMNS = {
    "title": ("标题", "题目"),
    "text": ("内容", "正文", "摘要"),
    "url": ("链接", "网址", "URL", "url"),
    "pinned": ("置顶",),
}
MAX_ROWS = 100_000


def read_table(path: Path) -> list[dict[str, Any]]:
    """Rows of a CSV (UTF-8, with or without BOM, or GB18030) or the first XLSX sheet."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            rows = list(book.worksheets[0].iter_rows(values_only=True, max_row=MAX_ROWS + 1))
        finally:
            book.close()
        if not rows:
            return []
        header = [str(h).strip() if h is not None else "" for h in rows[0]]
        return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(row)]
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError(f"{path}: neither UTF-8 nor GB18030")
    reader = csv.DictReader(io.StringIO(text))
    return [{(k or "").strip(): v for k, v in row.items()} for row in reader][:MAX_ROWS]


def cell_time(value: Any) -> datetime:
    if isinstance(value, datetime):
        return beijing(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=BEIJING)
    text = str(value or "").strip().replace("/", "-").replace("年", "-").replace("月", "-")
    text = text.replace("日", "").replace("T", " ")
    for form in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, form).replace(tzinfo=BEIJING)
        except ValueError:
            continue
    raise ValueError(f"unreadable time {value!r}")


def _get(row: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        if row.get(name) not in (None, ""):
            return row[name]
    return None


def read_posts(path: Path) -> list[Post]:
    rows = read_table(path)
    posts = []
    for number, row in enumerate(rows, 2):  # row 1 is the header
        value = _get(row, TIME_HEADERS)
        if value is None:
            raise AccountFailure("import_file", f"{path.name} 第{number}行：缺少发布时间")
        try:
            published = cell_time(value)
        except ValueError:
            raise AccountFailure(
                "import_file", f"{path.name} 第{number}行：发布时间无法识别（{value}）"
            ) from None
        pinned = str(_get(row, _COLUMNS["pinned"]) or "").strip() in ("是", "1", "true", "置顶")
        posts.append(
            Post(
                post_id=f"{path.name}:{number}",
                published_at=published,
                url=_get(row, _COLUMNS["url"]),
                title=str(_get(row, _COLUMNS["title"]) or ""),
                text=str(_get(row, _COLUMNS["text"]) or ""),
                pinned=pinned,
            )
        )
    return posts


class ImportAdapter(Adapter):
    name = "import"
    platforms = (Platform.miniprogram, Platform.imported)

    async def fetch(self, account: AccountConfig, http: Http, ctx: FetchContext) -> FetchResult:
        name = account.ref.ids.get("posts_file")
        if not name:
            raise AccountFailure("unsupported", "no posts_file for this account")
        path = Path(ctx.config_dir) / name
        try:
            posts = read_posts(path)
        except (OSError, ValueError) as exc:
            raise AccountFailure("import_file", f"{path.name}: {exc}") from None
        return FetchResult("ok", "import", posts=posts, history_complete=True)
