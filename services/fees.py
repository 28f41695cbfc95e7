"""Which fee applies: today's row of each variant, and the next one
scheduled. Plain objects (anything with `variant_en`, `valid_from`), so the
rule is tested without the database."""

from dataclasses import dataclass


@dataclass
class FeeLine:
    """One variant as the page shows it."""

    current: object  # the row valid today, or None when only a future one exists
    scheduled: object  # the next row with a later valid_from, or None

    @property
    def variant(self):
        return (self.current or self.scheduled).variant


def _key(fee):
    return " ".join((fee.variant_en or "").split()).casefold()


def fee_lines(fees, today):
    """One FeeLine per variant, in the order the variants first appear.
    Rows older than the current one are history: kept, not shown."""
    groups = {}
    for fee in fees:
        groups.setdefault(_key(fee), []).append(fee)
    lines = []
    for rows in groups.values():
        past = [fee for fee in rows if fee.valid_from <= today]
        future = [fee for fee in rows if fee.valid_from > today]
        current = max(past, key=lambda fee: fee.valid_from, default=None)
        scheduled = min(future, key=lambda fee: fee.valid_from, default=None)
        lines.append(FeeLine(current, scheduled))
    return lines
