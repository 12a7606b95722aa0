"""accounts: the 政务新媒体 registry, check runs, per-account results and posts

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("ids", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_account_site_id_site")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("site_id", "key", name=op.f("uq_account_site_id")),
    )
    op.create_table(
        "account_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("as_of", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_account_run_site_id_site")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_run")),
    )
    op.create_table(
        "account_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=40), nullable=True),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("covered_since", sa.DateTime(), nullable=True),
        sa.Column("history_complete", sa.Boolean(), nullable=False),
        sa.Column("tracks_pushes", sa.Boolean(), nullable=False),
        sa.Column("posts_read", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("latest_post_at", sa.DateTime(), nullable=True),
        sa.Column("latest_post_url", sa.Text(), nullable=True),
        sa.Column("days_since", sa.Integer(), nullable=True),
        sa.Column("overdue_days", sa.Integer(), nullable=True),
        sa.Column("quarter", sa.String(length=8), nullable=True),
        sa.Column("posts_per_month", sa.JSON(), nullable=False),
        sa.Column("pushes_per_month", sa.JSON(), nullable=True),
        sa.Column("longest_gap_days", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_account_check_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["account_run.id"],
            name=op.f("fk_account_check_run_id_account_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_check")),
        sa.UniqueConstraint("run_id", "account_id", name=op.f("uq_account_check_run_id")),
    )
    with op.batch_alter_table("account_check", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_check_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "account_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.String(length=200), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("repost", sa.Boolean(), nullable=False),
        sa.Column("push_id", sa.String(length=100), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("first_run_id", sa.Integer(), nullable=True),
        sa.Column("last_run_id", sa.Integer(), nullable=True),
        sa.Column("text_checked_hash", sa.String(length=64), nullable=True),
        sa.Column("text_issues", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_account_post_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["first_run_id"],
            ["account_run.id"],
            name=op.f("fk_account_post_first_run_id_account_run"),
        ),
        sa.ForeignKeyConstraint(
            ["last_run_id"],
            ["account_run.id"],
            name=op.f("fk_account_post_last_run_id_account_run"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_post")),
        sa.UniqueConstraint("account_id", "post_id", name=op.f("uq_account_post_account_id")),
    )
    with op.batch_alter_table("account_post", schema=None) as batch_op:
        batch_op.create_index(
            "ix_account_post_published", ["account_id", "published_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("account_post", schema=None) as batch_op:
        batch_op.drop_index("ix_account_post_published")

    op.drop_table("account_post")
    with op.batch_alter_table("account_check", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_check_account_id"))

    op.drop_table("account_check")
    op.drop_table("account_run")
    op.drop_table("account")
