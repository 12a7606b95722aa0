"""What the portal spider yields; crawler/pipelines.py stores each kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from spiders.portal.identity import script_elements
from spiders.portal.links import LinkResult, LinkTarget
from spiders.portal.navigation import NavColumn


@dataclass
class ArticleItem:
    url: str
    column_url: str | None
    title: str
    published_at: datetime | None
    date_source: str | None
    source: str | None
    text: str
    content_hash: str
    list_signature: str | None
    charset: str
    list_date: datetime | None = None
    attachments: list[dict[str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    links: list[list[str]] = field(default_factory=list)


@dataclass
class ListPageItem:
    """One list page of a column was read; its entries are counted. The first page also tells
    how many further pages it makes known (its shape is compared with earlier runs)."""

    column_url: str
    entries: int
    first_page: bool = False
    more: int = 0


@dataclass
class ColumnStopItem:
    """An incremental crawl stopped at a list page whose entries were all known: the pages
    after it hold only stored, unchanged articles."""

    column_url: str


@dataclass
class UnchangedItem:
    """Articles a list page shows exactly as last time: not fetched again."""

    column_url: str
    urls: list[str]


@dataclass
class FetchFailureItem:
    url: str
    column_url: str | None
    page_kind: str
    code: str
    status: int | None
    detail: str


@dataclass
class NavigationItem:
    """The list columns the home page's navigation links to (all of them, known or not)."""

    columns: list[NavColumn]


@dataclass
class SiteInfoItem:
    site_id_code: str | None


@dataclass
class ListDatesItem:
    """The dates one list page of a column showed beside its entries (None: no date shown)."""

    column_url: str
    dates: list[datetime | None]


@dataclass
class HomeDatesItem:
    """The home page's dated blocks: every entry with a date beside it."""

    url: str
    # (title, url, date, "MM-DD"): a date with its year, or only month and day as the page
    # prints it (the checks give it the year from the day they judge)
    entries: list[tuple[str, str, datetime | None, str | None]]
    undated: int


@dataclass
class BoardMessageItem:
    """One 留言 detail page of a board (a column of category `interaction`)."""

    url: str
    column_url: str
    title: str
    asked_at: datetime | None
    msg_type: str | None
    type_shown: str | None
    type_inferred: bool
    unit: str | None  # 承办单位 as printed
    status: str | None
    replied: bool
    replied_at: datetime | None
    reply_text: str
    content: str


@dataclass
class LinkItem:
    """A link target of the crawled pages and what requesting it gave (stored at the end)."""

    target: LinkTarget
    result: LinkResult


@dataclass
class AttachmentItem:
    """An attachment's extracted text for the privacy check, or why it was not checked."""

    url: str
    article_url: str | None
    status: str
    reason: str | None
    file_type: str | None
    size: int | None
    text: str


@dataclass
class IdentityItem:
    """The identity elements of one sampled page (home, or a column's list/article page)."""

    url: str
    page_kind: str
    column_url: str | None
    found: dict[str, str | None]
    # footer scripts still to read, and why the page cannot be judged (a script failed)
    pending: set[str] = field(default_factory=set)
    unchecked: str | None = None

    def add_script(self, url: str, text: str | None) -> None:
        self.pending.discard(url)
        if text is None:
            self.unchecked = "页脚由脚本生成，脚本无法读取"
            return
        for name, value in script_elements(text).items():
            if value and not self.found.get(name):
                self.found[name] = value
