"""one case per concern: escalation topics and activity, counselor notes, resume codes, notification contacts

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("escalations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("genes", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("drugs", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("last_activity_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("reopened_count", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "case_notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("escalation_id", sa.Integer(), sa.ForeignKey("escalations.id"), nullable=False),
        sa.Column("counselor_id", sa.Integer(), sa.ForeignKey("counselors.id"), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_case_notes_escalation_id", "case_notes", ["escalation_id"])
    op.create_table(
        "resume_codes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("session_id", sa.String(length=36), sa.ForeignKey("patient_sessions.id"), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False, unique=True),
        sa.Column("secret_hash", sa.String(length=255), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_resume_codes_session_id", "resume_codes", ["session_id"])
    op.create_table(
        "notify_contacts",
        sa.Column("session_id", sa.String(length=36), sa.ForeignKey("patient_sessions.id"), primary_key=True),
        sa.Column("email_encrypted", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("notify_contacts")
    op.drop_index("ix_resume_codes_session_id", table_name="resume_codes")
    op.drop_table("resume_codes")
    op.drop_index("ix_case_notes_escalation_id", table_name="case_notes")
    op.drop_table("case_notes")
    with op.batch_alter_table("escalations", schema=None) as batch_op:
        for column in ("reopened_count", "last_activity_at", "drugs", "genes"):
            batch_op.drop_column(column)
