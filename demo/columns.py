"""The demo portal's list columns and the real CMS structure each one is built with.

Real county portals mix template families: a TRS WCM main portal (some columns still on old
GBK templates) plus a Hanweb JCMS 信息公开 platform, and now and then a column whose list is
built in the browser from JSON. Each column here picks one of the structures described in
docs/research/cms-structures.md so that one crawl meets all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Family = Literal["trs", "hanweb", "json"]
# trs-a-script: 4-argument WCM pager as inline `var countPage` script (0-based, index_{k-1})
# trs-a-call:   the same, written as createPageHTML(count, current, "index", "html")
# trs-b:        createPageHTML('page_div', count, current, 'index', 'html', records) (1-based)
# query:        list.html?page=N with numbered 首页/上一页/下一页/尾页 links
# hanweb:       inline <datastore> + jpage + dataproxy.jsp
# json:         empty <ul> filled by fetch() of a JSON file
Pager = Literal["trs-a-script", "trs-a-call", "trs-b", "query", "hanweb", "json"]
# gbk-header: GBK bytes, `charset=GBK` in the Content-Type header (and in <meta>)
# gbk-meta:   GBK bytes, header without charset, only <meta ... charset=gb2312>
# utf-8:      UTF-8 bytes, charset in header and <meta>
Charset = Literal["gbk-header", "gbk-meta", "utf-8"]


@dataclass(frozen=True)
class DemoColumn:
    key: str
    name: str
    category: str  # core.config.Category value
    family: Family
    pager: Pager
    charset: Charset
    # the column's URL path on the demo server (what the nav links and the config name)
    path: str
    per_page: int
    # listed in govwatch.yaml; False = left for discovery from the home page navigation
    configured: bool = True
    # `unit:` in the config: credited with articles that name no source
    default_unit: str | None = None
    # Hanweb: column id and the unitid of the jpage block
    col_id: int = 0
    jpage_unit: int = 0
    description: str = ""
    # linked from the top navigation (the others only from the 信息公开 menu)
    in_nav: bool = True

    @property
    def is_news(self) -> bool:
        return self.category == "news"

    @property
    def encoding(self) -> str:
        return "gbk" if self.charset.startswith("gbk") else "utf-8"

    @property
    def dir(self) -> str:
        """Folder of a TRS column: /zwyw/ (articles live in /zwyw/YYYYMM/)."""
        return self.path if self.path.endswith("/") else self.path.rsplit("/", 1)[0] + "/"


COLUMNS: tuple[DemoColumn, ...] = (
    DemoColumn("zwyw", "政务要闻", "news", "trs", "trs-a-script", "gbk-header", "/zwyw/", 20,
               default_unit="县政府办公室", description="全县重要政务活动和工作动态"),
    DemoColumn("bmdt", "部门动态", "news", "trs", "trs-b", "gbk-meta", "/bmdt/", 25,
               description="县级各部门工作动态"),
    DemoColumn("xzdt", "乡镇动态", "news", "trs", "trs-a-call", "utf-8", "/xzdt/", 20,
               description="各乡镇工作动态"),
    DemoColumn("tzgg", "通知公告", "notice", "trs", "query", "utf-8", "/tzgg/list.html", 15,
               description="县人民政府及各部门通知公告"),
    DemoColumn("zcwj", "政策文件", "policy", "hanweb", "hanweb", "utf-8",
               "/col/col5101/index.html", 15, col_id=5101, jpage_unit=28301),
    DemoColumn("rsxx", "人事信息", "personnel", "hanweb", "hanweb", "utf-8",
               "/col/col5102/index.html", 15, col_id=5102, jpage_unit=28302),
    # not in govwatch.yaml: the spider must find it in the home page navigation
    DemoColumn("ghjh", "规划计划", "plan", "hanweb", "hanweb", "utf-8",
               "/col/col5103/index.html", 15, configured=False, col_id=5103, jpage_unit=28303),
    DemoColumn("zcjd", "政策解读", "policy", "json", "json", "utf-8", "/zcjd/", 0,
               description="政策解读"),
    # planted problems (demo/planted.py): the two columns the bulletin says had to be chased
    # again and again (招生计划, 政策问答), and one column that never had an item
    DemoColumn("zsjh", "招生计划", "plan", "hanweb", "hanweb", "utf-8",
               "/col/col5104/index.html", 15, default_unit="县教育体育局", col_id=5104,
               jpage_unit=28304, in_nav=False),
    DemoColumn("zcwd", "政策问答", "policy", "hanweb", "hanweb", "utf-8",
               "/col/col5105/index.html", 15, default_unit="县政府办公室", col_id=5105,
               jpage_unit=28305, in_nav=False),
    DemoColumn("zdxm", "重大建设项目", "other", "hanweb", "hanweb", "utf-8",
               "/col/col5106/index.html", 15, default_unit="县发展和改革局", col_id=5106,
               jpage_unit=28306, in_nav=False),
)  # fmt: skip

COLUMNS_BY_KEY: dict[str, DemoColumn] = {c.key: c for c in COLUMNS}
HANWEB_BY_COL_ID: dict[int, DemoColumn] = {c.col_id: c for c in COLUMNS if c.family == "hanweb"}
NEWS_COLUMNS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.is_news)

# The JSON column: endpoint its page fetches, and the CSS selector of a built list item.
JSON_LIST_PATH = "/api/zcjd/list.json"
JSON_LIST_ID = "zcjdList"
JSON_WAIT_FOR = f"#{JSON_LIST_ID} li"

HANWEB_GROUP_SIZE = 3


def column_for(key_or_name: str) -> DemoColumn:
    """A column by key (zwyw) or Chinese name (政务要闻)."""
    if key_or_name in COLUMNS_BY_KEY:
        return COLUMNS_BY_KEY[key_or_name]
    for column in COLUMNS:
        if column.name == key_or_name:
            return column
    raise KeyError(f"no demo column {key_or_name!r}")
