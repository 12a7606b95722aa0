"""`govwatch run` checks new and changed article bodies once and stores issues with context."""

from __future__ import annotations

from sqlalchemy import select

from govwatch.jobs.run import run_job
from storage.db import make_engine, session_factory
from storage.models import Article, TextIssueRecord
from tests.httpserver import LocalSite

BODY_WITH_TYPOS = (
    "为认真贯彻落实全县安全生产工作会议精神，县教育体育局召开专题会议进行安排部署。"
    "会议要求，各学校要按步就班推进隐患排查整治，确保各项措施落到实处。"
)
CLEAN_BODY = "会议要求，各学校要按部就班推进隐患排查整治，确保各项措施落到实处。"


def article(title: str, body: str) -> str:
    return (
        f"<html><head><meta name='ArticleTitle' content='{title}'>"
        "<meta name='PubDate' content='2025-05-06 10:00'>"
        "<meta name='ContentSource' content='县教育体育局'></head><body>"
        "<div class='nav'><a href='/'>首页</a></div>"
        f"<div class='TRS_Editor'><p>{body}</p></div>"
        "<div class='footer'>主办：测试县人民政府 滇ICP备05001234号-1 网站标识码：5323260001</div>"
        "</body></html>"
    )


def listing(first_title: str) -> str:
    rows = [
        ("/xw/t20250506_1.html", first_title),
        ("/xw/t20250506_2.html", "县教育体育局召开专题会议"),
    ]
    items = "".join(f"<li><a href='{u}'>{t}</a><span>2025-05-06</span></li>" for u, t in rows)
    return f"<ul class='list'>{items}</ul>"


def test_issues_are_stored_once_and_replaced_when_the_body_changes(tmp_path):
    with LocalSite() as site:
        site.page("/", "<html><body>首页</body></html>")
        site.page("/xw/", listing("县教育体育局部署安全工作"))
        site.page("/xw/t20250506_1.html", article("县教育体育局部署安全工作", BODY_WITH_TYPOS))
        site.page("/xw/t20250506_2.html", article("县教育体育局召开专题会议", CLEAN_BODY))
        config = tmp_path / "govwatch.yaml"
        config.write_text(
            f"""county: 测试县
portal: {{name: 测试县人民政府, start_url: "{site.url}", discover_columns: false}}
columns: [{{name: 工作动态, url: "{site.url}xw/", category: news}}]
units: [{{name: 县教育体育局, aliases: [县教体局]}}]
crawl: {{download_delay: 0, autothrottle: false}}
""",
            encoding="utf-8",
        )
        db_url = f"sqlite:///{tmp_path / 'g.db'}"
        sessions = session_factory(make_engine(db_url))

        run_job(config, db_url)
        with sessions() as session:
            issues = session.scalars(select(TextIssueRecord)).all()
            assert [(i.found, i.suggestion, i.kind) for i in issues] == [
                ("按步就班", "按部就班", "typo")
            ]
            (issue,) = issues
            assert (
                issue.sentence
                == "会议要求，各学校要按步就班推进隐患排查整治，确保各项措施落到实处。"
            )
            assert issue.sentence[issue.start - issue.sentence_offset :].startswith("按步就班")
            first_id = issue.id
            assert all(
                a.text_checked_hash == a.content_hash for a in session.scalars(select(Article))
            )

        run_job(config, db_url)  # nothing changed: nothing checked again
        with sessions() as session:
            assert [i.id for i in session.scalars(select(TextIssueRecord))] == [first_id]

        # the unit corrects the article: its issues go
        site.page("/xw/t20250506_1.html", article("县教育体育局部署安全工作", CLEAN_BODY))
        site.page("/xw/", listing("县教育体育局部署安全工作（更新）"))
        run_job(config, db_url)
        with sessions() as session:
            assert session.scalars(select(TextIssueRecord)).all() == []
