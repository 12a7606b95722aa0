"""links, probes, attachment texts and page identity; crawl_run.link_requests

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 07:22:43.682745
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("crawl_run", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("link_requests", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("links", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(sa.Column("links_run_id", sa.Integer(), nullable=True))
    op.create_table(
        "probe",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("round_at", sa.DateTime(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("elapsed_ms", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(length=30), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_probe_site_id_site")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_probe")),
    )
    with op.batch_alter_table("probe", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_probe_round_at"), ["round_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_probe_site_id"), ["site_id"], unique=False)

    op.create_table(
        "attachment_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("article_url", sa.Text(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("file_type", sa.String(length=10), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["crawl_run.id"],
            name=op.f("fk_attachment_text_run_id_crawl_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment_text")),
        sa.UniqueConstraint("url", name=op.f("uq_attachment_text_url")),
    )
    with op.batch_alter_table("attachment_text", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_text_run_id"), ["run_id"], unique=False)

    op.create_table(
        "link_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("tag", sa.String(length=12), nullable=False),
        sa.Column("internal", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(length=30), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("pages", sa.JSON(), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("on_home", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["crawl_run.id"],
            name=op.f("fk_link_check_run_id_crawl_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_check")),
        sa.UniqueConstraint("run_id", "url", name=op.f("uq_link_check_run_id")),
    )
    with op.batch_alter_table("link_check", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_link_check_run_id"), ["run_id"], unique=False)

    op.create_table(
        "page_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("page_kind", sa.String(length=10), nullable=False),
        sa.Column("column_id", sa.Integer(), nullable=True),
        sa.Column("found", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["column_id"], ["site_column.id"], name=op.f("fk_page_identity_column_id_site_column")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["crawl_run.id"],
            name=op.f("fk_page_identity_run_id_crawl_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page_identity")),
        sa.UniqueConstraint("run_id", "url", name=op.f("uq_page_identity_run_id")),
    )
    with op.batch_alter_table("page_identity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_page_identity_run_id"), ["run_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_column("links_run_id")
        batch_op.drop_column("links")
    with op.batch_alter_table("crawl_run", schema=None) as batch_op:
        batch_op.drop_column("link_requests")
    with op.batch_alter_table("page_identity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_page_identity_run_id"))

    op.drop_table("page_identity")
    with op.batch_alter_table("link_check", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_link_check_run_id"))

    op.drop_table("link_check")
    with op.batch_alter_table("attachment_text", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_text_run_id"))

    op.drop_table("attachment_text")
    with op.batch_alter_table("probe", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_probe_site_id"))
        batch_op.drop_index(batch_op.f("ix_probe_round_at"))

    op.drop_table("probe")
