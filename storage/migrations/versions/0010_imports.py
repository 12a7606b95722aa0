"""imports: the 依申请公开 register, the 政务服务平台's monthly statistics, 12345 tickets and
the import batches they came in

Revision ID: 0010
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("months", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_import_batch_site_id_site")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_batch_sha256"), ["sha256"], unique=False)

    op.create_table(
        "hotline_ticket",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("ticket_no", sa.String(length=100), nullable=False),
        sa.Column("dispatched_at", sa.DateTime(), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.Column("returns", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("time_limit", sa.Text(), nullable=False),
        sa.Column("deadline", sa.DateTime(), nullable=True),
        sa.Column("unit_raw", sa.Text(), nullable=False),
        sa.Column("handling", sa.Text(), nullable=False),
        sa.Column("reply", sa.Text(), nullable=False),
        sa.Column("reply_checked_hash", sa.String(length=64), nullable=True),
        sa.Column("reply_issues", sa.JSON(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["import_batch.id"], name=op.f("fk_hotline_ticket_batch_id_import_batch")
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_hotline_ticket_site_id_site")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hotline_ticket")),
        sa.UniqueConstraint("site_id", "ticket_no", name=op.f("uq_hotline_ticket_site_id")),
    )
    with op.batch_alter_table("hotline_ticket", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hotline_ticket_dispatched_at"), ["dispatched_at"], unique=False
        )

    op.create_table(
        "info_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("applicant_type", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("reply_method", sa.Text(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["import_batch.id"], name=op.f("fk_info_request_batch_id_import_batch")
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_info_request_site_id_site")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_info_request")),
        sa.UniqueConstraint("site_id", "key", name=op.f("uq_info_request_site_id")),
    )
    with op.batch_alter_table("info_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_info_request_received_on"), ["received_on"], unique=False
        )

    op.create_table(
        "service_month",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("closed", sa.Integer(), nullable=False),
        sa.Column("rated", sa.Integer(), nullable=False),
        sa.Column("ratings", sa.Integer(), nullable=True),
        sa.Column("good", sa.Integer(), nullable=False),
        sa.Column("bad", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["import_batch.id"], name=op.f("fk_service_month_batch_id_import_batch")
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_service_month_site_id_site")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_month")),
        sa.UniqueConstraint("site_id", "month", name=op.f("uq_service_month_site_id")),
    )


def downgrade() -> None:
    op.drop_table("service_month")
    with op.batch_alter_table("info_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_info_request_received_on"))

    op.drop_table("info_request")
    with op.batch_alter_table("hotline_ticket", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hotline_ticket_dispatched_at"))

    op.drop_table("hotline_ticket")
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batch_sha256"))

    op.drop_table("import_batch")
