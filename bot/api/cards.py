"""The report summary cards now live in ``bot.reports.cards`` (domain code); this name stays for old imports."""

from bot.reports.cards import LEVEL_LABELS, Card, Level, pgx_card, summary_cards, variant_card

__all__ = ["LEVEL_LABELS", "Card", "Level", "pgx_card", "summary_cards", "variant_card"]
