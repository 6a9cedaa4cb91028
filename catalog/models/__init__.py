from catalog.models.agencies import (
    Agency,
    AgencyLevel,
    Department,
    DepartmentRole,
    StaffMembership,
    StaffRole,
)
from catalog.models.entries import (
    CatalogEntry,
    ClearanceArea,
    ClearanceAspect,
    DisclosureMode,
    EntryAttachment,
    Genre,
    IndexCounter,
    Scope,
    Timeliness,
    Validity,
)
from catalog.models.guide import DisclosureGuide
from catalog.models.review import (
    Reviewable,
    ReviewableQuerySet,
    ReviewAction,
    ReviewEvent,
    ReviewStatus,
)
from catalog.models.topics import Topic

__all__ = [
    "Agency",
    "AgencyLevel",
    "CatalogEntry",
    "ClearanceArea",
    "ClearanceAspect",
    "Department",
    "DepartmentRole",
    "DisclosureGuide",
    "DisclosureMode",
    "EntryAttachment",
    "Genre",
    "IndexCounter",
    "ReviewAction",
    "ReviewEvent",
    "ReviewStatus",
    "Reviewable",
    "ReviewableQuerySet",
    "Scope",
    "StaffMembership",
    "StaffRole",
    "Timeliness",
    "Topic",
    "Validity",
]
