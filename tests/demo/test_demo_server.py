"""The demo portal over a real DemoServer: links, charsets, robots, dataproxy, JSON, failures."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from lxml import html as lxml_html

from demo import DemoServer, DemoSite, build_site, site_plants
from demo.columns import COLUMNS, COLUMNS_BY_KEY, JSON_LIST_PATH
from demo.texts import GBK_ONLY_CHARS
from spiders.portal.listing import HANWEB_PROXY_PATH

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.demo.conftest import Client

    MakeClient = Callable[[str], Client]

_SCRIPT_ATTACHMENT_RE = re.compile(r"""href=["'](\./P0[^"']+)""")
_RECORD_RE = re.compile(r"<record><!\[CDATA\[(.*?)\]\]></record>", re.S)
_HREF_RE = re.compile(r"""href=['"]([^'"]+)['"]""")


def _decode(body: bytes, content_type: str) -> str:
    return body.decode("gb18030" if b"charset=gb" in body[:400].lower() else "utf-8")


def _links(base: str, path: str, text: str) -> set[str]:
    """Same-site targets a page links or loads (href, src, and ./P0 attachments in scripts)."""
    doc = lxml_html.fromstring(text)
    found = set(doc.xpath("//a/@href | //link/@href | //img/@src | //script/@src"))
    for script in doc.xpath("//script/text()"):
        found.update(_SCRIPT_ATTACHMENT_RE.findall(script))
    out = set()
    for href in found:
        href = href.strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")):
            continue
        url = urljoin(base + path.lstrip("/"), href)
        parts = urlsplit(url)
        if parts.netloc != urlsplit(base).netloc:
            continue
        out.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def test_every_linked_path_is_served(demo_server: DemoServer, demo_site: DemoSite, client: Client):
    base = demo_server.base_url
    linked: set[str] = set()
    pages = [p for p in demo_site.paths() if not p.startswith(HANWEB_PROXY_PATH)]
    planted = {site_plants.DOWN_503_LINK: (503, 200), site_plants.LIMITED_429_LINK: (429,)}
    for path in pages:
        response = client.request(path)
        assert response.status in planted.get(path, (200,)), path
        if response.content_type.startswith("text/html"):
            linked |= _links(base, path, _decode(response.body, response.content_type))
    served = set(pages)
    dead = sorted(p for p in linked if p not in served and client.request(p).status != 200)
    # the planted dead links (demo/site_plants.py), and nothing else
    missing = next(i for i in demo_site.items if site_plants.MISSING_ATTACHMENT in i.tags)
    assert dead == sorted(
        [site_plants.DEAD_HOME_LINK, site_plants.DEAD_BODY_LINK, site_plants.DEAD_IMAGE,
         missing.attachment_path]
    )  # fmt: skip


def test_every_article_is_reachable_from_a_list(demo_site: DemoSite, client: Client) -> None:
    """Lists (all pager pages), Hanweb records (inline + proxy) and the JSON name every item."""
    listed: set[str] = set()
    for path in demo_site.paths():
        response = client.request(path)
        if not response.content_type.startswith(("text/html", "text/xml", "application/json")):
            continue
        gbk = path.startswith(("/zwyw/", "/bmdt/"))
        text = response.body.decode("gb18030" if gbk else "utf-8")
        if path.startswith(("/zwyw/index", "/bmdt/index", "/xzdt/index", "/tzgg/list")):
            doc = lxml_html.fromstring(text)
            for href in doc.xpath("//ul[@class='list']//a/@href"):
                listed.add(urljoin(path, href))
        elif path.startswith(HANWEB_PROXY_PATH) or path.startswith("/col/"):
            for record in _RECORD_RE.findall(text):
                listed.update(_HREF_RE.findall(record))
        elif path == JSON_LIST_PATH:
            listed.update(row["url"] for row in json.loads(text)["list"])
    assert {i.path for i in demo_site.items} <= listed


def test_gbk_pages_carry_gbk_bytes(demo_site: DemoSite, client: Client) -> None:
    # 政务要闻: GBK with charset=GBK in the header
    zwyw = [i for i in demo_site.items if i.column == "zwyw"]
    response = client.request(zwyw[0].path)
    assert response.content_type == "text/html; charset=GBK"
    with pytest.raises(UnicodeDecodeError):
        response.body.decode("utf-8")
    assert "政务要闻" in response.body.decode("gbk")
    # 部门动态: GBK bytes, header without charset, <meta ... charset=gb2312> only
    bmdt = [i for i in demo_site.items if i.column == "bmdt"]
    gbk_only = 0
    for item in bmdt[:40]:
        response = client.request(item.path)
        assert response.content_type == "text/html"
        assert b'content="text/html; charset=gb2312"' in response.body
        text = response.body.decode("gbk")
        if any(ch in text for ch in GBK_ONLY_CHARS):
            gbk_only += 1
            with pytest.raises(UnicodeDecodeError):
                response.body.decode("gb2312")  # the declaration lies: only GBK/GB18030 work
    assert gbk_only > 0
    # the list pages of both columns are GBK too
    assert client.request("/bmdt/").content_type == "text/html"
    assert client.request("/zwyw/index_1.html").content_type == "text/html; charset=GBK"


def test_other_pages_are_utf8(demo_site: DemoSite, client: Client) -> None:
    for path in ("/", "/xzdt/", "/tzgg/list.html", "/col/col5101/index.html", "/zcjd/"):
        response = client.request(path)
        assert response.content_type == "text/html; charset=utf-8"
        response.body.decode("utf-8")
    hanweb = next(i for i in demo_site.items if i.column == "rsxx")
    assert client.request(hanweb.path).content_type == "text/html; charset=utf-8"


def test_robots_txt(client: Client) -> None:
    response = client.request("/robots.txt")
    assert response.status == 200 and response.content_type.startswith("text/plain")
    text = response.body.decode()
    assert "User-agent: *" in text and "Disallow: /admin/" in text
    for needed in ("/zwyw/", "/col/", "/module/web/jpage/", "/api/", "/art/"):
        assert f"Disallow: {needed}" not in text


def _records(body: bytes) -> list[str]:
    return _RECORD_RE.findall(body.decode("utf-8"))


def test_dataproxy_post_returns_the_requested_range(demo_site: DemoSite, client: Client) -> None:
    column = COLUMNS_BY_KEY["zcwj"]
    items = sorted(
        (i for i in demo_site.items if i.column == "zcwj"),
        key=lambda i: (0 if i.pinned else 1, -i.url_date.timestamp(), -i.doc_id),
    )
    form = urlencode(
        {
            "col": 1,
            "appid": 1,
            "webid": 1,
            "path": "/",
            "columnid": column.col_id,
            "sourceContentType": 1,
            "unitid": column.jpage_unit,
            "webname": "大姚县人民政府",
            "permissiontype": 0,
        }
    ).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Requested-With": "XMLHttpRequest",
    }
    response = client.request(
        f"{HANWEB_PROXY_PATH}?startrecord=46&endrecord=90&perpage=15", "POST", form, headers
    )
    assert response.status == 200
    assert response.content_type.startswith("text/xml")
    text = response.body.decode("utf-8")
    assert f"<totalrecord>{len(items)}</totalrecord>" in text
    assert f"<totalpage>{-(-len(items) // 15)}</totalpage>" in text
    records = _records(response.body)
    assert len(records) == 45
    assert items[45].path in records[0] and items[89].path in records[-1]
    # the last group is short
    last = client.request(
        f"{HANWEB_PROXY_PATH}?startrecord=136&endrecord=180&perpage=15", "POST", form, headers
    )
    assert len(_records(last.body)) == len(items) - 135


def test_dataproxy_get_by_page(demo_site: DemoSite, client: Client) -> None:
    column = COLUMNS_BY_KEY["ghjh"]
    query = f"page=2&appid=1&webid=1&path=/&columnid={column.col_id}&unitid={column.jpage_unit}"
    records = _records(client.request(f"{HANWEB_PROXY_PATH}?{query}").body)
    assert len(records) == 15
    inline = _records(client.request(column.path).body)
    assert records == inline[15:30]  # page 2 at 15 per page, as on the column page


def test_dataproxy_unknown_column_is_empty(client: Client) -> None:
    response = client.request(f"{HANWEB_PROXY_PATH}?columnid=999&startrecord=1&endrecord=45")
    assert response.status == 200 and "<totalrecord>0</totalrecord>" in response.body.decode()
    assert client.request(f"{HANWEB_PROXY_PATH}?columnid=x&page=1").status == 400


def test_json_list_endpoint(demo_site: DemoSite, client: Client) -> None:
    page = client.request("/zcjd/").body.decode("utf-8")
    assert '<ul class="list" id="zcjdList"></ul>' in page and JSON_LIST_PATH in page
    response = client.request(JSON_LIST_PATH)
    assert response.content_type == "application/json; charset=utf-8"
    data = json.loads(response.body)
    items = [i for i in demo_site.items if i.column == "zcjd"]
    assert data["total"] == len(items) == len(data["list"])
    assert all(client.request(row["url"]).status == 200 for row in data["list"][:5])


def test_errors_redirects_and_host(demo_site: DemoSite, demo_server: DemoServer, client: Client):
    assert client.request("/no/such/page.html").status == 404
    assert client.request("/tzgg/list.html?page=999").status == 404
    moved = client.request("/zwyw")
    assert moved.status == 301 and moved.headers["location"] == "/zwyw/"
    assert client.request("/zwyw/", "POST", b"x=1").status == 405
    assert client.request("/", "HEAD").status == 200
    # meta Url / SiteDomain name the server actually serving the page
    item = next(i for i in demo_site.items if i.column == "xzdt" and i.placement == "meta")
    text = client.request(item.path).body.decode("utf-8")
    assert f'content="{demo_server.base_url.rstrip("/")}{item.path}"' in text


def test_fail_and_restore(make_client: MakeClient) -> None:
    site = build_site()
    with DemoServer(site) as server:
        c = make_client(server.base_url)
        assert c.request("/bmdt/index_2.html").status == 200
        server.fail("/bmdt/")
        assert c.request("/bmdt/").status == 500
        assert c.request("/bmdt/index_2.html").status == 500
        assert c.request("/zwyw/").status == 200
        server.fail("/zwyw/index_1.html", status=503)
        assert c.request("/zwyw/index_1.html").status == 503
        server.restore("/bmdt/")
        assert c.request("/bmdt/").status == 200
        server.restore()
        assert c.request("/zwyw/index_1.html").status == 200


def test_requests_are_counted_and_logged(make_client: MakeClient) -> None:
    site = build_site()
    with DemoServer(site) as server:
        c = make_client(server.base_url)
        c.request("/")
        c.request(HANWEB_PROXY_PATH + "?columnid=5101&page=1", "POST", b"columnid=5101",
                  {"X-Requested-With": "XMLHttpRequest",
                   "Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
        c.request("/missing")
        assert server.requests == 3
        last = server.request_log[-1]
        assert (last.method, last.target, last.status) == ("GET", "/missing", 404)
        assert server.request_log[1].headers["X-Requested-With"] == "XMLHttpRequest"
        assert server.base_url.startswith("http://127.0.0.1:")


def test_add_articles_shows_up_in_lists_proxy_and_json(make_client: MakeClient) -> None:
    site = build_site()
    before = {c.key: sum(1 for i in site.items if i.column == c.key) for c in COLUMNS}
    added = site.add_articles(5)
    assert len(added) == 5
    as_of_eve = site.as_of.toordinal() - 1
    assert all(i.published.toordinal() == as_of_eve for i in added)  # type: ignore[union-attr]
    with DemoServer(site) as server:
        c = make_client(server.base_url)
        first = c.request("/zwyw/").body.decode("gbk")
        for item in added:
            assert "./" + item.path.removeprefix("/zwyw/") in first
            assert c.request(item.path).status == 200
        hanweb = site.add_articles(2, column="政策文件")
        query = "columnid=5101&startrecord=1&endrecord=45&perpage=15"
        proxy = c.request(f"{HANWEB_PROXY_PATH}?{query}").body.decode()
        assert f"<totalrecord>{before['zcwj'] + 2}</totalrecord>" in proxy
        assert all(i.path in proxy for i in hanweb)
        js = site.add_articles(1, column="zcjd")
        data = json.loads(c.request(JSON_LIST_PATH).body)
        assert data["list"][0]["url"] == js[0].path
    story = site.figures()
    assert story.items == 1268 + 8  # the eve of 2025-07-01 is in Q2
    assert story.zero_news_units == build_site().figures().zero_news_units
