"""When the public last saw an item change: one rule for feeds, calendars,
sitemaps and sharing metadata."""


def last_change(obj):
    """When the public last saw the item change: an item edited before its
    scheduled publication time changed, for the public, when it appeared."""
    if obj.published_at and obj.published_at > obj.updated_at:
        return obj.published_at
    return obj.updated_at
