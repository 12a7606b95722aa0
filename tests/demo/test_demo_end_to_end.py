"""`govwatch demo` end to end: generated portal → real spider → database → the bulletin's
section 一(一) figures, exactly. The expected numbers are the bulletin's own
(../shared/reference/2025Q2-inspection-bulletin.txt), not the generator's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from core.config import IdentityConfig
from demo import build_site, site_plants
from demo.planted import expected_findings, sort_key
from storage.db import make_engine, session_factory
from storage.models import LinkCheck

pytestmark = pytest.mark.browser  # the demo's 政策解读 column is rendered by Playwright

# 大姚县 2025年二季度通报, 一(一): 新闻类信息发布为0的单位
BULLETIN_ZERO_NEWS = {
    "2025-04": {
        "县工业信息化商务科技局", "县教育体育局", "县人社局", "县交通运输局", "县文化和旅游局",
        "县卫生健康局", "县搬迁安置办", "金碧镇",
    },
    "2025-05": {
        "县工业信息化商务科技局", "县教育体育局", "县人社局", "县文化和旅游局", "县搬迁安置办",
        "金碧镇", "赵家店镇",
    },
    "2025-06": {
        "县人社局", "县文化和旅游局", "县卫生健康局", "县林草局", "县医保局", "县搬迁安置办",
        "金碧镇", "赵家店镇",
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    result = subprocess.run(
        [sys.executable, "-m", "govwatch", "demo", "--json"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        # no GOVWATCH_DB or GOVWATCH_CRAWL_* from the caller's shell
        env={k: v for k, v in os.environ.items() if not k.startswith("GOVWATCH_")},
    )
    assert result.returncode == 0, result.stderr
    return folder, json.loads(result.stdout)


def test_quarter_figures_are_the_bulletins(demo_run):
    _, data = demo_run
    assert data["quarter"] == "2025Q2"
    assert data["items"] == 1268
    assert data["publishing_units"] == 42
    assert {m: set(names) for m, names in data["zero_news_units"].items()} == BULLETIN_ZERO_NEWS
    assert data["zero_news_unverified"] == {}
    assert data["fetch_failures"] == []
    assert data["crawl_complete"] is True


def test_every_unit_and_month_matches_the_generated_portal(demo_run):
    _, data = demo_run
    expected = build_site().figures()
    assert data["units"] == expected.units
    assert sorted(s["source"] for s in data["unmatched_sources"]) == expected.unmatched_sources
    # two pages print no date at all, one only on its list entry (planted: 要素不全)
    assert data["undated_items"] == expected.undated_items == 3


def test_text_checks_find_the_published_errors_and_nothing_else(demo_run):
    _, data = demo_run
    found = {
        unit: {kind: n for kind, n in kinds.items() if n}
        for unit, kinds in data["text_issues"]["units"].items()
    }
    assert found == build_site().figures().text_issues
    by_unit = {e["unit"]: e for e in data["text_issues"]["examples"]}
    assert by_unit["县住房城乡建设局"]["found"] == "按步就班"
    assert by_unit["县住房城乡建设局"]["suggestion"] == "按部就班"
    assert by_unit["县农业农村局"]["sentence"] == "全面贯彻落实中华人民共和宪法和法律法规。"


def test_demo_leaves_config_and_database_for_the_other_commands(demo_run):
    folder, data = demo_run
    assert (folder / "govwatch.yaml").exists() and (folder / "govwatch.db").exists()
    stats = subprocess.run(
        [sys.executable, "-m", "govwatch", "stats", "--as-of", "2025-07-01", "--json"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert stats.returncode == 0, stats.stderr
    again = json.loads(stats.stdout)
    assert (again["items"], again["zero_news_units"]) == (data["items"], data["zero_news_units"])
    text = subprocess.run(
        [sys.executable, "-m", "govwatch", "stats", "--as-of", "2025-07-01"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "2025年二季度，大姚县人民政府网站发布信息1268条，信息发布单位共计42家。" in text
    assert "4月，县工业信息化商务科技局、县教育体育局、县人社局" in text


# 一(三) of the bulletin, with the percentages computed (largest remainder, ties in the type
# order): the bulletin's own 37 %/13 % and 66 %/34 % are hand rounding
BULLETIN_MESSAGES = {
    "2025-04": {
        "count": 8,
        "by_type": {"政务咨询": 3, "服务诉求": 1, "意见建议": 2, "投诉举报": 2},
        "by_type_percent": {"政务咨询": 38, "服务诉求": 12, "意见建议": 25, "投诉举报": 25},
        "by_unit": {"县住房城乡建设局": 3, "县教育体育局": 1, "县公安局": 1, "县财政局": 1,
                    "县卫生健康局": 1, "龙街镇": 1},
    },
    "2025-05": {
        "count": 5,
        "by_type": {"政务咨询": 5},
        "by_type_percent": {"政务咨询": 100},
        "by_unit": {"县政府办公室": 2, "县教育体育局": 1, "县人社局": 2},
    },
    "2025-06": {
        "count": 6,
        "by_type": {"政务咨询": 4, "服务诉求": 2},
        "by_type_percent": {"政务咨询": 67, "服务诉求": 33},
        "by_unit": {"县农业农村局": 2, "县民政局": 1, "县人社局": 1, "县自然资源局": 1,
                    "龙街镇": 1},
    },
}  # fmt: skip


def govwatch(folder, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govwatch", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_board_figures_are_the_bulletins(demo_run):
    folder, data = demo_run
    months = {
        key: {k: v for k, v in month.items() if k != "inferred_types"}
        for key, month in data["messages"].items()
    }
    assert months == BULLETIN_MESSAGES
    assert data["messages"]["2025-04"]["inferred_types"] == 1  # one page shows no type
    assert data["messages_complete"] is True
    text = govwatch(folder, "stats", "--as-of", "2025-07-01").stdout
    assert "2025年二季度，大姚县政府网站共收到网民留言19条。其中，4月份收到网民留言8条" in text
    assert "政务咨询类4条，占总数的67%；服务诉求类2条，占总数的33%。" in text


def _detail(finding: dict) -> str:
    evidence = finding["evidence"]
    return {
        "zero_news": evidence.get("month"),
        "text_issue": evidence.get("kind"),
        "elements_missing": evidence.get("missing"),
        "stale_column": "stale",
        "empty_column": "empty",
        "board_unanswered": "unanswered",
        "board_no_recent_reply": "no_recent_reply",
        "dead_link": urlsplit(evidence.get("target", "")).path,
        "privacy_leak": evidence.get("kind"),
        "identity_missing": "meta"
        if evidence.get("element") == "article_meta"
        else evidence.get("element"),
    }.get(finding["kind"], finding["kind"])


def test_the_digest_carries_every_planted_problem_and_nothing_else(demo_run):
    folder, _ = demo_run
    result = govwatch(folder, "digest", "--format", "json")
    assert result.returncode == 0, result.stderr
    digest = json.loads(result.stdout)
    found = sorted(
        ((f["kind"], f["unit"], f["column"] if f["kind"] != "zero_news" else None, _detail(f))
         for f in digest["findings"]),
        key=sort_key,
    )  # fmt: skip
    # text issues are listed per unit and kind in the ground truth (their column aside)
    found = sorted(
        [(k, u, None if k == "text_issue" else c, d) for k, u, c, d in found], key=sort_key
    )
    site = build_site()
    pages = {item.path: site.get(item.path).body for item in site.items if site.get(item.path)}
    expected = expected_findings(site.plan, pages, IdentityConfig().article_meta)
    assert found == [tuple(e.__dict__.values()) for e in expected]
    assert all(f["status"] == "open" for f in digest["findings"])
    # new in the crawl run; the 12345 findings come from the import after it, not from a run
    assert all(f["new"] != f["kind"].startswith("hotline_") for f in digest["findings"])
    assert digest["fetch_failures"] == []
    lines = {line["key"]: (line["count"], line["line"]) for line in digest["site_verdict"]["lines"]}
    assert lines == {"stale_key": (1, 5), "stale_other": (1, 10), "empty": (1, 5)}
    assert digest["site_verdict"]["board_unanswered"] == 1
    # the 42 units, then the site as a whole (its footer, its home page's dead link)
    assert len(digest["units"]) == 43 and digest["units"][-1]["unit"] == "全站或未对应单位"
    assert {u["unit"]: u["text"] for u in digest["units"]}["县审计局"] == "无问题"
    html = govwatch(folder, "digest", "--format", "html").stdout
    assert "「招生计划」栏目已392天未更新" in html and "<script" not in html


# 通报 (五): the 12 accounts and their owners, all 正常 (无 逾期)
BULLETIN_ACCOUNTS = [
    ("大姚警方微信公众号", "县公安局"), ("大姚警方微博号", "县公安局"),
    ("大姚警方抖音号", "县公安局"),
    ("健康大姚微信公众号", "县卫生健康局"), ("文旅大姚微信公众号", "县文化和旅游局"),
    ("大姚林业微信公众号", "县林草局"), ("大姚县医疗保障局微信公众号", "县医保局"),
    ("大姚人社微信公众号", "县人社局"), ("美丽六苴微信公众号", "六苴镇"),
    ("六苴镇综合审批服务平台微信小程序", "六苴镇"), ("大姚县人民政府微信公众号", "县政府办公室"),
    ("大美桂花", "桂花镇"),
]  # fmt: skip


def test_accounts_table_is_the_bulletins_plus_marked_extras(demo_run):
    _, data = demo_run
    rows = data["accounts"]
    assert [(r["name"], r["owner"]) for r in rows[:12]] == BULLETIN_ACCOUNTS
    assert {(r["status"], r["overdue"]) for r in rows[:12]} == {("正常", "无")}
    extras = {r["name"].split("：")[-1].rstrip("）"): r for r in rows[12:]}
    assert set(extras) == {"逾期", "被验证码拦截", "置顶旧帖"}
    assert extras["逾期"]["status"] == "逾期" and extras["逾期"]["overdue"].startswith("逾期")
    assert extras["被验证码拦截"]["status"] == "采集失败"
    assert extras["被验证码拦截"]["overdue_days"] is None
    assert extras["置顶旧帖"]["status"] == "正常"


# 通报 一(四) and (六), as the bulletin prints them
BULLETIN_SERVICES = (
    "4月份受理737件，办结737件，办结率为100%。办件主动评价率88.8%，好评率100%，差评率为0。"
    "5月份受理585件，办结585件，办结率为100%。办件主动评价率89.67%，好评率100%，差评率为0。"
    "6月份受理6265件，办结6265件，办结率为100%。办件主动评价率99.26%，好评率100%，差评率为0。"
)
BULLETIN_HOTLINE = (
    "2025年二季度，大姚县12345政务服务便民热线平台共接收派发工单751件，办结751件，"
    "办结率100%，无超期办件。"
)


def _zero_news(paragraph: str) -> dict[str, set[str]]:
    listed = paragraph.split("新闻类信息发布为0的单位：")[1].rstrip("。")
    out = {}
    for part in listed.split("；"):
        month, names = part.split("，", 1)
        out[f"2025-{int(month.removesuffix('月')):02d}"] = set(names.split("、"))
    return out


def test_the_report_carries_every_figure_of_the_bulletin(demo_run):
    from docx import Document

    folder, _ = demo_run
    result = govwatch(folder, "report", "--quarter", "2025Q2", "--format", "docx", "-o", "q2.docx")
    assert result.returncode == 0, result.stderr
    document = Document(str(folder / "q2.docx"))
    texts = [p.text for p in document.paragraphs]
    body = "\n".join(texts)
    assert "【待补充" not in body  # every figure is there
    assert ("2025年二季度，县人民政府办公室对县政府门户网站各单位维护情况和全县12个"
            "政府系统政务新媒体开展了检查，检查比例为100%。") in texts  # fmt: skip
    portal = texts[texts.index("（一）网站运维检查情况") + 1]
    assert portal.startswith(
        "2025年二季度，大姚县人民政府网站发布信息1268条，信息发布单位共计42家。"
    )
    assert _zero_news(portal) == BULLETIN_ZERO_NEWS
    assert "2025年二季度，收到依申请公开事项2件，已办结。" in texts
    board = texts[texts.index("（三）网民留言办理情况") + 1]
    assert board.startswith(
        "2025年二季度，大姚县政府网站共收到网民留言19条。其中，4月份收到网民留言8条"
    )
    assert "5月份收到网民留言5条" in board and "6月份收到网民留言6条" in board
    assert "政务咨询类3条" in board and "投诉举报类2条" in board
    assert BULLETIN_SERVICES in texts and BULLETIN_HOTLINE in texts
    assert (
        "2025年二季度，检查全县12个政府系统政务新媒体，未发现不合格政务新媒体，总体合格率100%。"
        in texts
    )
    (table,) = document.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "账号名称", "开设主体", "状态", "逾期情况"]
    assert all(run.font.bold for run in table.rows[0].cells[1].paragraphs[0].runs)
    assert [r[1] for r in rows[1:]] == [name for name, _ in BULLETIN_ACCOUNTS]
    assert rows[1][2:] == ["大姚县公安局", "正常", "无"] and rows[12][2] == "大姚县桂花镇人民政府"
    # the demo-only extras are named under the table, outside the bulletin's figures
    assert any(
        t.startswith("注：大姚应急微博号（演示附加：逾期）") and "共3个账号" in t for t in texts
    )
    problems = "\n".join(texts[texts.index("二、存在的主要问题") : texts.index("三、工作要求")])
    assert "“按步就班”应为“按部就班”" in problems
    assert "招生计划、政策问答2个栏目超过更新时限未更新" in problems
    assert "本季度3件工单未在派发当日（工作日）签收" in problems
    assert "1件工单回退记录达3次及以上" in problems
    assert "（三）政务新媒体" not in problems  # the only overdue account is a demo extra
    assert texts[-2] == "大姚县人民政府办公室"
    figures = json.loads(govwatch(folder, "report", "--quarter", "2025Q2", "-f", "json").stdout)
    assert (figures["portal"]["items"], figures["hotline"]["received"]) == (1268, 751)
    assert figures["accounts"]["qualified_rate"] == 1.0 and figures["accounts"]["accounts"] == 12


def test_links_that_cannot_be_judged_tonight_are_not_dead(demo_run):
    """The 在线访谈 system down during the crawl (503), the rate-limited 热点 page (429) and
    every external link (this machine is offline) are recorded, none as dead."""
    folder, _ = demo_run
    with session_factory(make_engine(f"sqlite:///{folder / 'govwatch.db'}"))() as session:
        rows = {
            (urlsplit(r.url).path if r.internal else r.url): (r.outcome, r.http_status)
            for r in session.scalars(select(LinkCheck))
        }
    assert rows[site_plants.DOWN_503_LINK] == ("suspected", 503)
    assert rows[site_plants.LIMITED_429_LINK] == ("not_checked", 429)
    external = {k: v for k, v in rows.items() if k.startswith("http")}
    assert external and {outcome for outcome, _ in external.values()} == {"not_checked"}
    assert sorted(k for k, (outcome, _) in rows.items() if outcome == "dead") == sorted(
        f.detail for f in expected_findings_of(build_site(), "dead_link")
    )


def expected_findings_of(site, kind: str):
    pages = {item.path: site.get(item.path).body for item in site.items if site.get(item.path)}
    expected = expected_findings(site.plan, pages, IdentityConfig().article_meta)
    return [e for e in expected if e.kind == kind]
