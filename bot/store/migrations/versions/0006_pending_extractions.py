"""rows read from a PDF/HTML report, waiting for the patient's confirmation

Revision ID: 0006
Revises: 0003 (0004 and 0005 are on other branches; whoever merges last points this at the newest)
Create Date: 2026-12-03 03:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_extractions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("session_id", sa.String(length=36), sa.ForeignKey("patient_sessions.id"), nullable=False),
        sa.Column("source_format", sa.String(length=16), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_pending_extractions_session_id", "pending_extractions", ["session_id"])


def downgrade() -> None:
    op.drop_index("ix_pending_extractions_session_id", table_name="pending_extractions")
    op.drop_table("pending_extractions")
