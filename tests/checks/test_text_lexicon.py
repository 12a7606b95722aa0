"""The site lexicon over stored articles: local terms stop being flagged, typos do not.

The articles are written straight into a migrated SQLite database (no crawl), so each test
states exactly which unit published what and when.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from checks.text import TextChecker
from checks.text_issues import build_checker, check_new_articles
from core.config import Config, parse_config
from core.periods import BEIJING
from storage.db import make_engine, session_factory, transaction, upgrade
from storage.models import Article, TextIssueRecord, Unit
from storage.models.text import ArticleTextState, SiteTerm
from storage.sync import sync_config

CONFIG_YAML = """
county: 测试县
portal: {name: 测试县人民政府, start_url: "http://www.example.gov.cn/"}
units:
  - {name: 县公安局}
  - {name: 金碧镇, kind: township}
  - {name: 县住房城乡建设局}
"""

# 反电诈 in three different sentences, from two units, in two months
ANTI_FRAUD = [
    ("县公安局", "2025-04-03", "县公安局深入开展反电诈宣传进社区活动，提高群众防范意识。"),
    ("金碧镇", "2025-05-08", "金碧镇联合派出所举办反电诈知识讲座，现场发放宣传资料。"),
    ("县公安局", "2025-05-20", "县公安局召开反电诈工作推进会，安排部署下一阶段工作。"),
]


@pytest.fixture(scope="module")
def config() -> Config:
    return parse_config(CONFIG_YAML)


@pytest.fixture(scope="module")
def checker(config: Config) -> TextChecker:
    return build_checker(config)


@pytest.fixture
def db(tmp_path: Path, config: Config) -> tuple[str, sessionmaker[Session], int]:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    upgrade(url)
    sessions = session_factory(make_engine(url))
    with transaction(sessions) as session:
        site_id = sync_config(session, config)
    return url, sessions, site_id


def add_article(
    sessions: sessionmaker[Session], site_id: int, unit: str, day: str, body: str
) -> int:
    with transaction(sessions) as session:
        unit_id = session.scalar(select(Unit.id).where(Unit.name == unit))
        published = datetime.fromisoformat(day).replace(hour=9, tzinfo=BEIJING)
        article = Article(
            url=f"http://www.example.gov.cn/{hashlib.md5(body.encode()).hexdigest()}.html",
            site_id=site_id,
            unit_id=unit_id,
            source_raw=unit,
            title=body[:12],
            published_at=published,
            fetched_at=published,
            content_hash=hashlib.sha256(body.encode()).hexdigest(),
            text=body,
        )
        session.add(article)
        session.flush()
        return article.id


def issues(sessions: sessionmaker[Session]) -> list[tuple[int, str, str, int]]:
    with sessions() as session:
        rows = session.scalars(select(TextIssueRecord).order_by(TextIssueRecord.id))
        return [(r.article_id, r.found, r.suggestion, r.count) for r in rows]


def test_a_term_used_across_units_and_months_is_learned_and_no_longer_flagged(
    db, config, checker
) -> None:
    url, sessions, site_id = db
    first = add_article(sessions, site_id, *ANTI_FRAUD[0])
    check_new_articles(sessions, config, site_id, None, checker)
    # one article alone proves nothing: the flag stands, with its reason
    with sessions() as session:
        (record,) = session.scalars(select(TextIssueRecord)).all()
        assert (record.article_id, record.found, record.suggestion) == (first, "诈", "话")
        assert record.word == "电诈"
        assert "「电诈」不成词" in record.evidence and "「电话」" in record.evidence

    for row in ANTI_FRAUD[1:]:
        add_article(sessions, site_id, *row)
    summary = check_new_articles(sessions, config, site_id, None, checker)
    assert summary.articles == 2
    assert summary.learned_terms >= 1
    # learned: the new articles are not flagged, and the first one's flag is withdrawn
    assert issues(sessions) == []
    with sessions() as session:
        term = session.scalar(select(SiteTerm).where(SiteTerm.term == "电诈"))
        assert term is not None and term.learned
        assert (term.articles, term.units, term.months) == (3, 2, 2)
        assert term.first_seen is not None and term.first_seen.date().isoformat() == "2025-04-03"

    proc = subprocess.run(
        [sys.executable, "-m", "govwatch", "lexicon", "--json", "--db", url, "--config", "-"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # "-" is not a config file: a clear one-line error naming it
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_lexicon_command_lists_the_learned_terms(db, config, checker, tmp_path: Path) -> None:
    url, sessions, site_id = db
    for row in ANTI_FRAUD:
        add_article(sessions, site_id, *row)
    check_new_articles(sessions, config, site_id, None, checker)
    config_file = tmp_path / "govwatch.yaml"
    config_file.write_text(CONFIG_YAML, encoding="utf-8")
    base = [sys.executable, "-m", "govwatch", "lexicon", "--db", url, "--config", str(config_file)]
    proc = subprocess.run([*base, "--json"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    terms = {t["term"]: t for t in json.loads(proc.stdout)["terms"]}
    assert terms["电诈"] == {
        "term": "电诈",
        "learned": True,
        "articles": 3,
        "units": 2,
        "months": 2,
        "sentences": 3,
        "first_seen": "2025-04-03",
    }
    text = subprocess.run(base, capture_output=True, text=True, timeout=120).stdout
    assert "本站词库" in text
    assert any(line.split()[:4] == ["电诈", "3", "2", "2"] for line in text.splitlines())

    # check-text applies the stored lexicon when given the database
    sample = tmp_path / "in.txt"
    sample.write_text("县公安局开展反电诈宣传，各部门要按步就班推进。\n", encoding="utf-8")
    check = [sys.executable, "-m", "govwatch", "check-text", str(sample), "--format", "jsonl"]
    check += ["--config", str(config_file)]
    without = subprocess.run(check, capture_output=True, text=True, timeout=120)
    with_db = subprocess.run([*check, "--db", url], capture_output=True, text=True, timeout=120)
    found = [[i["found"] for i in json.loads(p.stdout)["issues"]] for p in (without, with_db)]
    assert found == [["诈", "按步就班"], ["按步就班"]]


def test_a_listed_typo_repeated_across_units_is_still_found_in_every_article(
    db, config, checker
) -> None:
    _, sessions, site_id = db
    rows = [
        ("县住房城乡建设局", "2025-04-02", "县住建局要求各施工单位按步就班落实安全措施。"),
        ("金碧镇", "2025-05-06", "各村要按步就班推进人居环境整治。"),
        ("县住房城乡建设局", "2025-06-10", "全县干部要按步就班抓好秋收工作。"),
    ]
    ids = [add_article(sessions, site_id, *row) for row in rows]
    check_new_articles(sessions, config, site_id, None, checker)
    assert issues(sessions) == [(i, "按步就班", "按部就班", 1) for i in ids]


def test_a_typo_copied_with_its_article_is_not_learned(db, config, checker) -> None:
    _, sessions, site_id = db
    body = "经抽样，该批次产品质量检剑合格，准予出厂销售。"
    ids = [
        add_article(sessions, site_id, unit, day, body + suffix)
        for unit, day, suffix in [
            ("县住房城乡建设局", "2025-04-02", ""),
            ("金碧镇", "2025-05-06", "\n（转载）"),
            ("县公安局", "2025-06-10", "\n来源：县市场监管局"),
        ]
    ]
    check_new_articles(sessions, config, site_id, None, checker)
    # three articles, three units, three months, but one sentence: still a typo
    assert issues(sessions) == [(i, "剑", "验", 1) for i in ids]


def test_the_same_slip_in_one_article_is_one_issue_with_its_count(db, config, checker) -> None:
    _, sessions, site_id = db
    body = "".join(f"抽查的第{n}批产品质量检剑合格，准予出厂。" for n in range(1, 9))
    article_id = add_article(sessions, site_id, "县公安局", "2025-04-03", body)
    check_new_articles(sessions, config, site_id, None, checker)
    assert issues(sessions) == [(article_id, "剑", "验", 8)]
    with sessions() as session:
        record = session.scalars(select(TextIssueRecord)).one()
        assert record.sentence == "抽查的第1批产品质量检剑合格，准予出厂。"


def test_only_new_or_changed_bodies_are_read_again(db, config, checker) -> None:
    _, sessions, site_id = db
    for row in ANTI_FRAUD:
        add_article(sessions, site_id, *row)
    assert check_new_articles(sessions, config, site_id, None, checker).articles == 3
    assert check_new_articles(sessions, config, site_id, None, checker).articles == 0
    with transaction(sessions) as session:
        article = session.scalars(select(Article)).first()
        assert article is not None
        article.text += "抽查的产品质量检剑合格。"
        article.content_hash = hashlib.sha256(article.text.encode()).hexdigest()
    summary = check_new_articles(sessions, config, site_id, None, checker)
    assert summary.articles == 1
    assert [(found, suggestion) for _, found, suggestion, _ in issues(sessions)] == [("剑", "验")]


def test_a_huge_body_is_checked_only_up_to_the_cap(db, config, checker) -> None:
    _, sessions, site_id = db
    sentence = "全县上下要坚定信心、真抓实干，推动各项工作落地见效。"
    body = sentence * (checker.max_chars // len(sentence) + 2000)
    article_id = add_article(sessions, site_id, "县公安局", "2025-04-03", body)
    started = time.perf_counter()
    check_new_articles(sessions, config, site_id, None, checker)
    assert time.perf_counter() - started < 60
    with sessions() as session:
        state = session.get_one(ArticleTextState, article_id)
        assert state.total_chars == len(body)
        # cut after a full stop: no half word at the end to be taken for a typo
        assert state.checked_chars <= checker.max_chars
        assert body[: state.checked_chars].endswith("。")
    assert issues(sessions) == []
