"""The same crawl against PostgreSQL (the README says it works by URL): schema, writes,
incremental run, figures."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import func, select

from govwatch.jobs.run import run_job
from storage.db import alembic_config, make_engine, session_factory
from storage.models import Article
from tests.crawler.test_crawl import CONFIG, build_site, figures
from tests.httpserver import LocalSite
from tests.postgres import running_postgres, server_binaries

pytestmark = pytest.mark.skipif(
    server_binaries() is None, reason="Debian's postgresql package is not installed"
)


def test_crawl_into_postgresql(tmp_path):
    with running_postgres() as db_url, LocalSite() as site:
        build_site(site)
        config_path = tmp_path / "govwatch.yaml"
        config_path.write_text(CONFIG.format(url=site.url), encoding="utf-8")

        first = run_job(config_path, db_url)
        assert first.status == "finished"
        command.check(alembic_config(db_url))  # the migrations match the models on PostgreSQL too

        site.reset_log()
        second = run_job(config_path, db_url)
        assert second.status == "finished"
        assert not [h for h in site.hits() if "/2025" in h]  # incremental: no article refetched

        with session_factory(make_engine(db_url))() as session:
            assert session.scalar(select(func.count()).select_from(Article)) == 7
        fig = figures(config_path, db_url, first.site_id)
        assert (fig.items, fig.publishing_units) == (7, 3)
        assert fig.units["县教育局"]["2025-04"] == {"all": 3, "news": 3}
