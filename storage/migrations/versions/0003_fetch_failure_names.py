"""fetch failures: one name from spider to report (table fetch_failure, column code)

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("fetch_error", schema=None) as batch_op:
        batch_op.drop_index("ix_fetch_error_run_id")
    op.rename_table("fetch_error", "fetch_failure")
    with op.batch_alter_table("fetch_failure", schema=None, recreate="always") as batch_op:
        batch_op.alter_column("reason", new_column_name="code")
        batch_op.drop_constraint("fk_fetch_error_column_id_site_column", type_="foreignkey")
        batch_op.drop_constraint("fk_fetch_error_run_id_crawl_run", type_="foreignkey")
        batch_op.create_foreign_key(
            "fk_fetch_failure_column_id_site_column", "site_column", ["column_id"], ["id"]
        )
        batch_op.create_foreign_key(
            "fk_fetch_failure_run_id_crawl_run",
            "crawl_run",
            ["run_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index("ix_fetch_failure_run_id", ["run_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("fetch_failure", schema=None) as batch_op:
        batch_op.drop_index("ix_fetch_failure_run_id")
    op.rename_table("fetch_failure", "fetch_error")
    with op.batch_alter_table("fetch_error", schema=None, recreate="always") as batch_op:
        batch_op.alter_column("code", new_column_name="reason")
        batch_op.drop_constraint("fk_fetch_failure_column_id_site_column", type_="foreignkey")
        batch_op.drop_constraint("fk_fetch_failure_run_id_crawl_run", type_="foreignkey")
        batch_op.create_foreign_key(
            "fk_fetch_error_column_id_site_column", "site_column", ["column_id"], ["id"]
        )
        batch_op.create_foreign_key(
            "fk_fetch_error_run_id_crawl_run", "crawl_run", ["run_id"], ["id"], ondelete="CASCADE"
        )
        batch_op.create_index("ix_fetch_error_run_id", ["run_id"], unique=False)
