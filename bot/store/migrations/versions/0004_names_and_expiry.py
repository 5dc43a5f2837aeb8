"""counselor display names (patients see them, not the login name); last-activity times for session expiry

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 03:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("counselors") as batch_op:
        batch_op.add_column(sa.Column("display_name", sa.String(length=80), nullable=True))
    with op.batch_alter_table("patient_sessions") as batch_op:
        batch_op.add_column(sa.Column("last_active_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("counselor_tokens") as batch_op:
        batch_op.add_column(sa.Column("last_used_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("counselor_tokens") as batch_op:
        batch_op.drop_column("last_used_at")
    with op.batch_alter_table("patient_sessions") as batch_op:
        batch_op.drop_column("last_active_at")
    with op.batch_alter_table("counselors") as batch_op:
        batch_op.drop_column("display_name")
