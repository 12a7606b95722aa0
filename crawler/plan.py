"""What a crawl sets out to read, from the config and what is already stored.

Full or incremental: a full crawl reads every list page; an incremental one stops at the
first list page whose entries are all known (spiders/portal/spider.py). A column is crawled
incrementally only when the previous run ended normally and read it completely, and a full
crawl happened within `crawl.full_every_days` — so a killed run, a failed list page or an
edited old article is always caught up by reading everything again.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from w3lib.url import safe_url_string

from core.config import Config
from core.periods import now
from core.vocab import RunStatus
from crawler.settings import DEFAULTS
from spiders.blocked import blocked_reason
from spiders.portal.links import LinkTarget, on_hosts
from spiders.portal.plan import ColumnPlan, CrawlPlan
from storage.links import failing_before
from storage.models import (
    Article,
    AttachmentText,
    Column,
    ColumnRunState,
    CrawlRun,
    DigestRecord,
)

_ENDED = (RunStatus.finished, RunStatus.incomplete)


def build_plan(
    session: Session, config: Config, site_id: int, run_id: int, *, full: bool = False
) -> CrawlPlan:
    """The plan for run `run_id`; marks the run as full or incremental."""
    counts = dict(
        session.execute(
            select(Article.column_id, func.count())
            .where(Article.site_id == site_id)
            .group_by(Article.column_id)
        ).all()
    )
    complete = _complete_last_time(session, site_id, run_id, config) if not full else set()
    wait_for = {c.url: c.wait_for for c in config.columns}
    columns = [
        ColumnPlan(
            name=c.name,
            url=c.url,
            category=c.category,
            render=c.render,
            wait_for=wait_for.get(c.url),
            known_articles=counts.get(c.id, 0),
            incremental=c.id in complete and counts.get(c.id, 0) > 0,
        )
        for c in session.scalars(
            select(Column).where(Column.site_id == site_id, Column.active.is_(True))
        )
        # columns found in the navigation are crawled only while discovery is on
        if config.portal.discover_columns or not c.discovered
    ]
    session.get_one(CrawlRun, run_id).full = not any(c.incremental for c in columns)
    return CrawlPlan(
        start_url=config.portal.start_url,
        allowed_domains=config.portal.allowed_domains,
        columns=columns,
        discover=config.portal.discover_columns,
        site_names=(config.portal.name,),
        known=_known(session, site_id),
        links=config.links,
        privacy=config.privacy,
        identity=config.identity,
        known_attachments=set(
            session.scalars(select(AttachmentText.url).where(AttachmentText.status == "ok"))
        ),
        https_probe=_https_probe(config),
        recheck_links=[
            *_failing_links(session, site_id, run_id),
            *_unchecked_links(session, site_id, config),
        ],
    )


def _failing_links(session: Session, site_id: int, run_id: int) -> list[LinkTarget]:
    return [
        LinkTarget(r.url, r.tag, r.internal, r.text or "", list(r.pages), r.page_count, r.on_home)
        for r in failing_before(session, site_id, run_id)
    ]


def _unchecked_links(session: Session, site_id: int, config: Config) -> list[LinkTarget]:
    """The body links of articles a killed run read: it stored them but never checked them,
    and the next run does not fetch an unchanged article again."""
    domains = [*config.portal.allowed_domains, *config.links.internal_hosts]
    out: list[LinkTarget] = []
    rows = session.execute(
        select(Article.url, Article.links, Article.attachments).where(
            Article.site_id == site_id, Article.links_run_id.is_(None)
        )
    )
    for url, links, attachments in rows:
        found = [*links, *([a["url"], "attachment", a.get("name", "")] for a in attachments)]
        for target, tag, text in found:
            target = safe_url_string(target)
            out.append(LinkTarget(target, tag, on_hosts(target, domains), text, [url], 1))
        if len(out) >= config.links.max_links:
            break
    return out


def _https_probe(config: Config) -> str | None:
    """Where to ask whether HTTPS is offered: only a plain-http portal on the standard port
    (an explicit port, as on a test server, says nothing about the site's 443)."""
    parts = urlsplit(config.portal.start_url)
    if not config.identity.https or parts.scheme != "http" or parts.port not in (None, 80):
        return None
    return f"https://{parts.hostname}/"


def _complete_last_time(session: Session, site_id: int, run_id: int, config: Config) -> set[int]:
    """Columns the previous run read completely — if it ended and a full crawl is not due."""
    previous = session.scalar(
        select(CrawlRun)
        .where(CrawlRun.site_id == site_id, CrawlRun.id < run_id)
        .order_by(CrawlRun.id.desc())
    )
    if previous is None or previous.status not in _ENDED:
        return set()  # first crawl, or the last one was killed: read everything
    if session.scalar(select(DigestRecord.id).where(DigestRecord.run_id == previous.id)) is None:
        # its crawl ended but it was stopped before its checks: what only it saw would
        # otherwise never be judged (the checks judge the pages the latest crawl saw)
        return set()
    every = config.crawl.full_every_days
    days = DEFAULTS["GOVWATCH_FULL_EVERY_DAYS"] if every is None else every
    last_full = session.scalar(
        select(func.max(CrawlRun.started_at)).where(
            CrawlRun.site_id == site_id, CrawlRun.full.is_(True), CrawlRun.status.in_(_ENDED)
        )
    )
    if last_full is None or now() - last_full >= timedelta(days=days):
        return set()
    return set(
        session.scalars(
            select(ColumnRunState.column_id).where(
                ColumnRunState.run_id == previous.id, ColumnRunState.complete.is_(True)
            )
        )
    )


def _known(session: Session, site_id: int) -> dict[str, str | None]:
    """URL → list signature of every stored article worth keeping as it is. Articles stored
    without a title or date, or whose stored content looks like a verification page (stored
    by an earlier version), are fetched again: a clean fetch repairs them."""
    known: dict[str, str | None] = {}
    rows = session.execute(
        select(
            Article.url, Article.list_signature, Article.title, Article.published_at, Article.text
        ).where(Article.site_id == site_id)
    )
    for url, signature, title, published, text in rows:
        suspect = not title or published is None or blocked_reason(f"{title}\n{text}")
        known[url] = None if suspect else signature
    return known
