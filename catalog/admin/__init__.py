"""The staff side: every catalog model, scoped to the agencies a user acts for."""

from catalog.admin import agencies, clearances, department_powers, entries, review

__all__ = ["agencies", "clearances", "department_powers", "entries", "review"]
