"""text issues once per article with count, judged word and evidence; the site lexicon

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "site_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=40), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("contexts", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=True),
        sa.Column("learned", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_site_term_site_id_site"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_term")),
        sa.UniqueConstraint("site_id", "term", name=op.f("uq_site_term_site_id")),
    )
    with op.batch_alter_table("site_term", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_site_term_site_id"), ["site_id"], unique=False)

    op.create_table(
        "article_text_state",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("total_chars", sa.Integer(), nullable=False),
        sa.Column("checked_chars", sa.Integer(), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_article_text_state_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_text_state")),
    )
    # Rows stored before this revision were one per occurrence, without evidence: they are
    # kept (count 1) until the next run, which checks every article again because none has
    # an article_text_state row yet.
    with op.batch_alter_table("text_issue", schema=None) as batch_op:
        batch_op.add_column(sa.Column("count", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("word", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("evidence", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("text_issue", schema=None) as batch_op:
        batch_op.drop_column("evidence")
        batch_op.drop_column("word")
        batch_op.drop_column("count")

    op.drop_table("article_text_state")
    with op.batch_alter_table("site_term", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_site_term_site_id"))

    op.drop_table("site_term")
