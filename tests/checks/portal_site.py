"""A small county portal on 127.0.0.1 with one of each problem the portal checks look for:
a stale notice column, an empty column, a 网民留言 board with an unanswered 留言, an article
without 来源. Shared by the crawl tests of checks/portal and checks/board."""

from __future__ import annotations

from datetime import datetime

from core.periods import BEIJING
from tests.crawler.test_crawl import article_html, list_html
from tests.httpserver import LocalSite

AS_OF = datetime(2025, 7, 1, tzinfo=BEIJING)
NAV = '<div class="nav"><a href="/xwdt/">新闻动态</a><a href="/tzgg/">通知公告</a></div>'

CONFIG = """\
county: 测试县
portal:
  name: 测试县人民政府
  start_url: {url}
  discover_columns: false
columns:
  - name: 新闻动态
    url: {url}xwdt/
    category: news
    unit: 县政府办公室
  - name: 通知公告
    url: {url}tzgg/
    category: notice
    unit: 县政府办公室
  - name: 重大项目
    url: {url}zdxm/
    category: other
    unit: 县发展改革局
  - name: 网民留言
    url: {url}hdjl/
    category: interaction
    unit: 县政府办公室
units:
  - name: 县政府办公室
  - name: 县发展改革局
  - name: 县教育局
    aliases: [县教体局, 测试县教育体育局]
  - name: 甲镇
    kind: township
text_check:
  enabled: false
crawl:
  concurrency_per_site: 4
  download_delay: 0
  autothrottle: false
  timeout: 3
  retries: 0
"""

# (id, title, asked, type shown, unit, status, reply time, reply text)
MESSAGES = [
    (1, "咨询学生转学手续办理流程", "2025-02-10 09:12", "政务咨询", "测试县教育体育局", "办理中",
     "", ""),
    (2, "关于小区路灯损坏的求助", "2025-06-01 10:00", "服务诉求", "甲镇人民政府", "已办结",
     "2025-06-05 16:30", "您好，路灯已于6月5日修复。"),
    (3, "咨询社保卡补办地点", "2025-03-01 08:00", "政务咨询", "县政府办公室", "已办结", "",
     "您好，请到县政务服务中心一楼办理。"),
    (4, "建议在县城增设公交站点", "2025-05-20 11:00", "", "县发展改革局", "已回复",
     "2025-05-28 09:00", "感谢您的建议，已纳入规划研究。"),
]  # fmt: skip


def board_list_html(rows: list[tuple]) -> str:
    body = "".join(
        f'<tr><td>{n}</td><td><a href="/hdjl/content_{n}.html" title="{t}">{t}</a></td>'
        f"<td>{status}</td><td>{asked[:10]}</td></tr>"
        for n, t, asked, _, _, status, _, _ in rows
    )
    return (
        f"<html><head><meta charset='utf-8'></head><body>{NAV}<table class='lylb'>"
        f"<tr><th>编号</th><th>留言标题</th><th>状态</th><th>留言时间</th></tr>{body}"
        "</table></body></html>"
    )


def board_detail_html(row: tuple) -> str:
    _, title, asked, kind, unit, status, reply_at, reply = row
    reply_rows = ""
    if reply or reply_at:
        reply_rows = f"<tr><th>回复时间</th><td>{reply_at}</td></tr>"
        reply_rows += f"<tr><th>回复内容</th><td>{reply}</td></tr>"
    return f"""<html><head><meta charset="utf-8"><title>{title}</title></head><body>{NAV}
<table class="ly_detail">
<tr><th>留言标题</th><td>{title}</td></tr>
<tr><th>留言时间</th><td>{asked}</td></tr>
<tr><th>留言类型</th><td>{kind}</td></tr>
<tr><th>留言内容</th><td>{title}，请相关部门予以答复。</td></tr>
<tr><th>承办单位</th><td>{unit}</td></tr>
<tr><th>办理状态</th><td>{status}</td></tr>
{reply_rows}
</table></body></html>"""


def build_portal(site: LocalSite) -> None:
    site.page(
        "/",
        f"<html><body>{NAV}<ul class='news'>"
        "<li><a href='/xwdt/202506/t20250625_1.html' title='测试县召开防汛工作会议'>"
        "测试县召开防汛工作会议</a><span>06-25</span></li>"
        "<li><a href='/tzgg/202410/t20241001_2.html' title='关于国庆假期安排的通知'>"
        "关于国庆假期安排的通知</a><span>2024-10-01</span></li></ul></body></html>",
    )
    news = [("/xwdt/202506/t20250625_1.html", "测试县召开防汛工作会议", "2025-06-25")]
    site.page("/xwdt/", list_html(news))
    site.page(
        news[0][0], article_html(news[0][1], "2025-06-25 09:00", "县政府办公室", "会议。" * 20)
    )
    notices = [("/tzgg/202410/t20241001_2.html", "关于国庆假期安排的通知", "2024-10-01")]
    site.page("/tzgg/", list_html(notices))
    # no 来源 anywhere on the page: 要素不全
    site.page(notices[0][0], article_html(notices[0][1], "2024-10-01 10:00", None, "通知。" * 20))
    site.page("/zdxm/", f"<html><body>{NAV}<ul class='list'><li>暂无信息</li></ul></body></html>")
    site.page("/hdjl/", board_list_html(MESSAGES))
    for row in MESSAGES:
        site.page(f"/hdjl/content_{row[0]}.html", board_detail_html(row))
