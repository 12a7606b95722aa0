"""The demo site: the content plan rendered into servable resources, plus the two dynamic
endpoints (Hanweb's dataproxy.jsp and a redirect for folder URLs without a slash).

Everything is rendered in memory at build time; `add_articles` re-renders (about a second)
and swaps the whole page table at once, so a concurrent request sees the old or the new site,
never half of each.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from random import Random
from urllib.parse import parse_qs, urlencode, urlsplit

from core.periods import BEIJING
from demo import render_board, render_hanweb, render_portal, render_trs
from demo.board import BOARDS
from demo.columns import (
    COLUMNS,
    HANWEB_BY_COL_ID,
    HANWEB_GROUP_SIZE,
    JSON_LIST_PATH,
    column_for,
)
from demo.config import ACCOUNTS, config_yaml
from demo.items import (
    DEFAULT_AS_OF,
    SEED,
    ContentPlan,
    Item,
    QuarterStory,
)
from demo.loopback import Resource, error_page
from demo.planner import plan_content
from demo.render_common import footer_js, html_resource
from demo.site_plants import (
    DOWN_503_LINK,
    LIMITED_429_LINK,
    OUTAGE_REQUESTS,
    attachment_line,
    serves_attachment,
)
from demo.texts import make_title
from demo.units import GOV_OFFICE, UNITS_BY_NAME
from spiders.portal.listing import HANWEB_PROXY_PATH


def build_site(as_of: date = DEFAULT_AS_OF) -> DemoSite:
    """The demo portal for the quarter before `as_of` (deterministic: same input, same bytes)."""
    if isinstance(as_of, datetime):
        as_of = as_of.astimezone(BEIJING).date() if as_of.tzinfo else as_of.date()
    return DemoSite(plan_content(as_of))


class DemoSite:
    def __init__(self, plan: ContentPlan) -> None:
        self.plan = plan
        self._lock = threading.Lock()
        self._outage_left = OUTAGE_REQUESTS
        self._resources: dict[str, Resource] = {}
        self._records: dict[int, list[str]] = {}
        # list pages that page by query string: an unknown ?page= is a 404, not page 1
        self._query_routed: set[str] = set()
        self._render()

    # -- facts --------------------------------------------------------------------------------
    @property
    def as_of(self) -> date:
        return self.plan.as_of

    @property
    def quarter(self) -> str:
        return self.plan.quarter

    @property
    def items(self) -> list[Item]:
        return self.plan.items

    def figures(self) -> QuarterStory:
        """What a correct crawl reports for the quarter (per unit × month, zero-news sets)."""
        return self.plan.figures()

    def paths(self) -> list[str]:
        """Every servable GET target (path, with query where the page needs one), sorted.

        Includes the dataproxy.jsp ranges beyond each column page's inline records (the data
        a crawler fetches by POST), so a raw fetch of every path moves the same content.
        """
        resources = self._resources
        out = set(resources)
        for col_id, records in self._records.items():
            column = HANWEB_BY_COL_ID[col_id]
            group = column.per_page * HANWEB_GROUP_SIZE
            for start in range(group + 1, len(records) + 1, group):
                query = urlencode(
                    {
                        "startrecord": start,
                        "endrecord": min(start + group - 1, len(records)),
                        "perpage": column.per_page,
                        "columnid": col_id,
                        "unitid": column.jpage_unit,
                    }
                )
                out.add(f"{HANWEB_PROXY_PATH}?{query}")
        return sorted(out)

    def config_yaml(self, base_url: str) -> str:
        """govwatch.yaml text for a crawl of this site served at base_url."""
        return config_yaml(base_url)

    # -- serving ------------------------------------------------------------------------------
    def get(self, target: str) -> Resource | None:
        """The static resource for a GET target (`/path?query`), or None."""
        resources = self._resources
        if target in resources:
            return resources[target]
        path = urlsplit(target).path
        if path != target and path not in self._query_routed:
            # a static file ignores its query string (cache busters, ?uid=&pageNum= on Hanweb
            # column pages, which always render page 1)
            return resources.get(path)
        return None

    def respond(self, method: str, target: str, body: bytes = b"") -> Resource:
        """The answer to one request (the server adds the host and the status line)."""
        parts = urlsplit(target)
        if parts.path == HANWEB_PROXY_PATH:
            if method not in ("GET", "HEAD", "POST"):
                return _error(405)
            return self._proxy(parts.query, body if method == "POST" else b"")
        if method == "POST":
            return _error(405)
        if parts.path == DOWN_503_LINK:
            with self._lock:  # down for the first requests of this server's life, then back
                self._outage_left -= 1
                if self._outage_left >= 0:
                    return error_page(503)
        found = self.get(target)
        if found is not None:
            return found
        if not parts.path.endswith("/") and parts.path + "/" in self._resources:
            return Resource(b"", "text/html", 301, location=parts.path + "/")
        return _error(404)

    def _proxy(self, query: str, form: bytes) -> Resource:
        params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
        params.update({k: v[-1] for k, v in parse_qs(form.decode("utf-8", "replace")).items() if v})
        try:
            column = HANWEB_BY_COL_ID.get(int(params.get("columnid", "0")))
            per = int(params.get("perpage") or (column.per_page if column else 15))
            if "startrecord" in params:
                start = int(params["startrecord"])
                end = int(params.get("endrecord") or start + per * HANWEB_GROUP_SIZE - 1)
            elif "page" in params:
                number = max(1, int(params["page"]))
                start, end = (number - 1) * per + 1, number * per
            else:
                start, end = 1, per * HANWEB_GROUP_SIZE
        except ValueError:
            return _error(400)
        if column is None or per <= 0:
            records: list[str] = []
            column = next(iter(HANWEB_BY_COL_ID.values()))
        else:
            records = self._records[column.col_id]
        xml = render_hanweb.proxy_response(column, records, start, end, max(per, 1))
        return Resource(xml.encode("utf-8"), "text/xml;charset=UTF-8")

    # -- changes ------------------------------------------------------------------------------
    def add_articles(self, n: int, column: str = "zwyw") -> list[Item]:
        """Publish n new articles dated the day before as_of (for incremental-crawl benchmarks).

        They are credited to 县政府办公室, which already has news in every month, so the
        zero-news findings stay as they were; the quarter total grows by n when the day before
        as_of lies in the quarter (it does for the default as_of).
        """
        if n < 0:
            raise ValueError("n must be >= 0")
        col = column_for(column)
        with self._lock:
            unit = UNITS_BY_NAME[GOV_OFFICE]
            day = datetime.combine(self.as_of - timedelta(days=1), time(8, 0), BEIJING)
            hanweb = col.family == "hanweb"
            same_family = [i.doc_id for i in self.items if (i.col.family == "hanweb") == hanweb]
            next_id = max(same_family, default=1_000_000)
            added = []
            for number in range(n):
                rng = Random(f"{SEED}:added:{len(self.items)}")
                next_id += 1 + rng.randrange(3)
                when = day + timedelta(seconds=(number * 36_000) // max(n, 1))
                kind = "county-news" if col.is_news else _kind_of(col.category, col.family)
                topic = rng.choice(unit.topics)
                item = Item(
                    seq=len(self.items),
                    column=col.key,
                    kind=kind,
                    unit=unit.name,
                    source=rng.choice(unit.source_forms),
                    placement="meta",
                    published=when,
                    topic=topic,
                    doc_id=next_id,
                    style=rng.randrange(1000),
                    tags={"added"},
                )
                item.title = make_title(rng, kind, unit, topic, when)
                self.items.append(item)
                added.append(item)
            self._render()
        return added

    # -- rendering ----------------------------------------------------------------------------
    def _render(self) -> None:
        resources: dict[str, Resource] = {}
        records: dict[int, list[str]] = {}
        query_routed: set[str] = set()
        by_column: dict[str, list[Item]] = {c.key: [] for c in COLUMNS}
        for item in self.items:
            by_column[item.column].append(item)
        for key in by_column:
            by_column[key].sort(key=_newest_first)
        dated = {k: [i for i in v if i.published] for k, v in by_column.items()}

        for column in COLUMNS:
            items = by_column[column.key]
            if column.family == "trs":
                sidebar = dated["tzgg" if column.key != "tzgg" else "zwyw"][:5]
                for path, text in render_trs.render_list_pages(column, items, sidebar):
                    resources[path] = html_resource(text, column.charset)
                if column.path.endswith("/"):
                    resources[column.path] = resources[column.path + "index.html"]
                else:
                    query_routed.add(column.path)
                for item in items:
                    self._article(resources, render_trs.render_article(item), item)
            elif column.family == "hanweb":
                rows = [render_hanweb.record_html(column, item) for item in items]
                records[column.col_id] = rows
                text = render_hanweb.render_column_page(column, rows)
                resources[column.path] = html_resource(text, "utf-8")
                for item in items:
                    self._article(resources, render_hanweb.render_article(item), item)
            else:  # the browser-built list
                page_text = render_portal.render_json_list_page()
                resources[column.path] = html_resource(page_text, "utf-8")
                resources[column.path + "index.html"] = resources[column.path]
                resources[JSON_LIST_PATH] = Resource(
                    render_portal.render_json_list(items), "application/json; charset=utf-8"
                )
                for item in items:
                    self._article(resources, render_trs.render_article(item), item)

        latest = {key: dated[key][:10] for key in ("zwyw", "tzgg", "bmdt", "xzdt")}
        accounts = [(f"{name}{platform}", owner) for name, platform, owner in ACCOUNTS]
        home = html_resource(render_portal.render_home(latest, accounts), "utf-8")
        resources["/"] = resources["/index.html"] = home
        pages = {
            "/zfxxgk/": render_portal.render_zfxxgk(),
            "/zfxxgk/zn.html": render_portal.render_guide(),
            "/zfxxgk/nb.html": render_portal.render_report(),
            "/xqgk/": render_portal.render_about(),
            "/hdjl/": render_portal.render_letters(),
        }
        for path, text in pages.items():
            resources[path] = html_resource(text, "utf-8")
            if path.endswith("/"):
                resources[path + "index.html"] = resources[path]
        for spec in BOARDS:  # the 网民留言 boards: list pages and one detail page per 留言
            letters = [letter for letter in self.plan.letters if letter.board == spec.key]
            for target, text in render_board.render_board_lists(spec, letters):
                resources[target] = html_resource(text, "utf-8")
            query_routed.add(spec.path)
            for letter in letters:
                target = render_board.detail_target(spec, letter)
                resources[target] = html_resource(render_board.render_letter(spec, letter), "utf-8")
                query_routed.add(target.split("?", 1)[0])
        resources.update(_static_files())
        # swap in one assignment each: readers never see a half-built table
        self._records = records
        self._query_routed = query_routed
        self._resources = resources

    def _article(
        self, resources: dict[str, Resource], pages: Iterable[tuple[str, str]], item: Item
    ) -> None:
        charset = item.col.charset if item.col.family == "trs" else "utf-8"
        for path, text in pages:
            resources[path] = html_resource(text, charset)
        if item.attachment and serves_attachment(item):
            key = item.attachment_path
            body = render_portal.pdf(item.attachment_name, attachment_line(item))
            resources[key] = Resource(body, "application/pdf")


def _newest_first(item: Item) -> tuple[int, float, int]:
    return (0 if item.pinned else 1, -item.url_date.timestamp(), -item.doc_id)


def _kind_of(category: str, family: str) -> str:
    if category in ("notice", "personnel", "plan"):
        return category
    return "interpretation" if family == "json" else "policy"


def _error(status: int) -> Resource:
    if status == 404:  # the portal's own 404 page, as real sites serve one
        return Resource(render_portal.NOT_FOUND_HTML.encode("utf-8"), status=404)
    return error_page(status)


def _static_files() -> dict[str, Resource]:
    js = "application/javascript; charset=utf-8"
    logo = render_portal.png(4, 4, (180, 0, 0))
    return {
        "/robots.txt": Resource(render_portal.ROBOTS_TXT.encode(), "text/plain; charset=utf-8"),
        "/css/style.css": Resource(render_portal.STYLE_CSS.encode(), "text/css; charset=utf-8"),
        "/js/footer.js": Resource(footer_js().encode("utf-8"), js),
        "/js/pagenav.js": Resource(render_portal.PAGENAV_JS.encode("utf-8"), js),
        "/common/js/createPageHTML.js": Resource(
            render_portal.CREATE_PAGE_HTML_JS.encode("utf-8"), js
        ),
        "/module/jslib/jquery/jquery.js": Resource(render_portal.JQUERY_JS.encode(), js),
        "/module/web/jpage/jquery.jpage.js": Resource(render_portal.JPAGE_JS.encode("utf-8"), js),
        "/images/logo.png": Resource(logo, "image/png"),
        "/images/W020190117350825039697.png": Resource(render_portal.png(), "image/png"),
        "/images/red.png": Resource(render_portal.png(2, 2, (200, 0, 0)), "image/png"),
        "/favicon.ico": Resource(logo, "image/x-icon"),
        # planted (demo/site_plants.py): a system down on every request, a rate-limited page
        DOWN_503_LINK: html_resource("<html><body><h1>在线访谈</h1></body></html>", "utf-8"),
        LIMITED_429_LINK: Resource("<html><body>访问过于频繁</body></html>".encode(), status=429),
    }
