from requests_app.models.calendar import CalendarDay, CalendarDayKind, CalendarDayQuerySet
from requests_app.models.documents import RequestDocument
from requests_app.models.enums import (
    ApplicantKind,
    Channel,
    Delivery,
    DocumentKind,
    EventKind,
    FeeMethod,
    IdType,
    InformationForm,
    PauseReason,
    RequestStatus,
    ReviewKind,
    ReviewResult,
)
from requests_app.models.requests import (
    InformationRequest,
    RequestCounter,
    RequestEvent,
    RequestPause,
    applicant_key,
)
from requests_app.models.reviews import ReviewCase

__all__ = [
    "ApplicantKind",
    "CalendarDay",
    "CalendarDayKind",
    "CalendarDayQuerySet",
    "Channel",
    "Delivery",
    "DocumentKind",
    "EventKind",
    "FeeMethod",
    "IdType",
    "InformationForm",
    "InformationRequest",
    "PauseReason",
    "RequestCounter",
    "RequestDocument",
    "RequestEvent",
    "RequestPause",
    "RequestStatus",
    "ReviewCase",
    "ReviewKind",
    "ReviewResult",
    "applicant_key",
]
