"""The Alembic migrations build exactly the schema the models describe, and go back down."""

from alembic import command
from sqlalchemy import inspect

from storage.db import alembic_config, make_engine, upgrade


def test_upgrade_matches_models_and_downgrades(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    upgrade(url)  # idempotent
    command.check(alembic_config(url))  # raises if models and migrations differ
    tables = set(inspect(make_engine(url)).get_table_names())
    assert {"article", "site_column", "unit", "unit_alias", "crawl_run", "fetch_failure"} <= tables
    command.downgrade(alembic_config(url), "base")
    assert set(inspect(make_engine(url)).get_table_names()) == {"alembic_version"}
