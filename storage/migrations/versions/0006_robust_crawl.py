"""robust crawl: run mode, first-page shape and template changes per column, list dates

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(sa.Column("list_date", sa.DateTime(), nullable=True))

    with op.batch_alter_table("column_run_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_page_entries", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("first_page_more", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("stopped_early", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("template_note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("template_since", sa.DateTime(), nullable=True))

    with op.batch_alter_table("crawl_run", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("full", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    # failure codes of earlier versions
    op.execute("UPDATE fetch_failure SET code = 'template_changed' WHERE code = 'template'")


def downgrade() -> None:
    op.execute("UPDATE fetch_failure SET code = 'template' WHERE code = 'template_changed'")
    with op.batch_alter_table("crawl_run", schema=None) as batch_op:
        batch_op.drop_column("full")

    with op.batch_alter_table("column_run_state", schema=None) as batch_op:
        batch_op.drop_column("template_since")
        batch_op.drop_column("template_note")
        batch_op.drop_column("stopped_early")
        batch_op.drop_column("first_page_more")
        batch_op.drop_column("first_page_entries")

    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_column("list_date")
