"""The staff side: every catalog model, scoped to the agencies a user acts for."""

from catalog.admin import agencies, entries, review

__all__ = ["agencies", "entries", "review"]
