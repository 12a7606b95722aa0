"""board messages, the dates list pages and the home page showed, digests

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "board_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("column_id", sa.Integer(), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=True),
        sa.Column("msg_type", sa.String(length=20), nullable=True),
        sa.Column("type_shown", sa.Text(), nullable=True),
        sa.Column("type_inferred", sa.Boolean(), nullable=False),
        sa.Column("unit_raw", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("replied", sa.Boolean(), nullable=False),
        sa.Column("replied_at", sa.DateTime(), nullable=True),
        sa.Column("reply_text", sa.Text(), nullable=False),
        sa.Column("reply_checked_hash", sa.String(length=64), nullable=True),
        sa.Column("reply_issues", sa.JSON(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.Column("first_run_id", sa.Integer(), nullable=True),
        sa.Column("last_run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["column_id"], ["site_column.id"], name=op.f("fk_board_message_column_id_site_column")
        ),
        sa.ForeignKeyConstraint(
            ["first_run_id"], ["crawl_run.id"], name=op.f("fk_board_message_first_run_id_crawl_run")
        ),
        sa.ForeignKeyConstraint(
            ["last_run_id"], ["crawl_run.id"], name=op.f("fk_board_message_last_run_id_crawl_run")
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_board_message_site_id_site")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_board_message")),
        sa.UniqueConstraint("url", name=op.f("uq_board_message_url")),
    )
    with op.batch_alter_table("board_message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_board_message_column_id"), ["column_id"], unique=False)

    op.create_table(
        "digest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("generated_at", sa.DateTime(), nullable=False),
        sa.Column("as_of", sa.DateTime(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["crawl_run.id"], name=op.f("fk_digest_run_id_crawl_run")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_digest_site_id_site")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest")),
    )
    with op.batch_alter_table("digest", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_digest_site_id"), ["site_id"], unique=False)

    op.create_table(
        "page_dates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("column_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("undated", sa.Integer(), nullable=False),
        sa.Column("newest", sa.DateTime(), nullable=True),
        sa.Column("sample", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["column_id"], ["site_column.id"], name=op.f("fk_page_dates_column_id_site_column")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["crawl_run.id"],
            name=op.f("fk_page_dates_run_id_crawl_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page_dates")),
    )
    with op.batch_alter_table("page_dates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_page_dates_run_id"), ["run_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("page_dates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_page_dates_run_id"))

    op.drop_table("page_dates")
    with op.batch_alter_table("digest", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_digest_site_id"))

    op.drop_table("digest")
    with op.batch_alter_table("board_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_board_message_column_id"))

    op.drop_table("board_message")
