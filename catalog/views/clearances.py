"""Placeholder: the four-clearance overview (being written)."""

from catalog.views.sections import clearances as overview  # noqa: F401
from catalog.views.sections import clearances as agency_overview  # noqa: F401
