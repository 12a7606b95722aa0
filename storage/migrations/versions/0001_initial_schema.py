"""initial schema

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "site",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("start_url", sa.Text(), nullable=False),
        sa.Column("site_id_code", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site")),
        sa.UniqueConstraint("start_url", name=op.f("uq_site_start_url")),
    )
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
        sa.UniqueConstraint("name", name=op.f("uq_unit_name")),
    )
    op.create_table(
        "crawl_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("articles_new", sa.Integer(), nullable=False),
        sa.Column("articles_changed", sa.Integer(), nullable=False),
        sa.Column("articles_unchanged", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_crawl_run_site_id_site")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crawl_run")),
    )
    op.create_table(
        "site_column",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("render", sa.String(length=10), nullable=False),
        sa.Column("default_unit_id", sa.Integer(), nullable=True),
        sa.Column("discovered", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["default_unit_id"], ["unit.id"], name=op.f("fk_site_column_default_unit_id_unit")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_site_column_site_id_site")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_column")),
        sa.UniqueConstraint("site_id", "url", name=op.f("uq_site_column_site_id")),
    )
    op.create_table(
        "unit_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_unit_alias_unit_id_unit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_alias")),
        sa.UniqueConstraint("alias", name=op.f("uq_unit_alias_alias")),
    )
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("column_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("source_raw", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("date_source", sa.String(length=20), nullable=True),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("list_signature", sa.String(length=64), nullable=True),
        sa.Column("charset", sa.String(length=40), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("attachments", sa.JSON(), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("first_run_id", sa.Integer(), nullable=True),
        sa.Column("last_run_id", sa.Integer(), nullable=True),
        sa.Column("text_checked_hash", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["column_id"], ["site_column.id"], name=op.f("fk_article_column_id_site_column")
        ),
        sa.ForeignKeyConstraint(
            ["first_run_id"], ["crawl_run.id"], name=op.f("fk_article_first_run_id_crawl_run")
        ),
        sa.ForeignKeyConstraint(
            ["last_run_id"], ["crawl_run.id"], name=op.f("fk_article_last_run_id_crawl_run")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_article_site_id_site")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_article_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("url", name=op.f("uq_article_url")),
    )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index("ix_article_published", ["published_at"], unique=False)

    op.create_table(
        "column_run_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("column_id", sa.Integer(), nullable=False),
        sa.Column("list_pages", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("failed_pages", sa.Integer(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["column_id"],
            ["site_column.id"],
            name=op.f("fk_column_run_state_column_id_site_column"),
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["crawl_run.id"],
            name=op.f("fk_column_run_state_run_id_crawl_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_column_run_state")),
        sa.UniqueConstraint("run_id", "column_id", name=op.f("uq_column_run_state_run_id")),
    )
    op.create_table(
        "fetch_error",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("column_id", sa.Integer(), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("page_kind", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["column_id"], ["site_column.id"], name=op.f("fk_fetch_error_column_id_site_column")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["crawl_run.id"],
            name=op.f("fk_fetch_error_run_id_crawl_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fetch_error")),
    )
    with op.batch_alter_table("fetch_error", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fetch_error_run_id"), ["run_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("fetch_error", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fetch_error_run_id"))

    op.drop_table("fetch_error")
    op.drop_table("column_run_state")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index("ix_article_published")

    op.drop_table("article")
    op.drop_table("unit_alias")
    op.drop_table("site_column")
    op.drop_table("crawl_run")
    op.drop_table("unit")
    op.drop_table("site")
