"""What each staff role may do in disclosure on request (model permissions).

Collected by ``catalog.roles.sync_groups`` into the role groups; which
agency's requests a person may touch is decided by
``catalog.permissions.agencies_for``, as everywhere.
"""

from catalog.models import StaffRole

_READ_CALENDAR = ["requests_app.view_calendarday"]
_HANDLE_REQUESTS = [
    "requests_app.add_informationrequest",
    "requests_app.change_informationrequest",
    "requests_app.view_informationrequest",
    "requests_app.view_requestevent",
    "requests_app.view_requestpause",
    "requests_app.add_requestdocument",
    "requests_app.view_requestdocument",
    "requests_app.add_reviewcase",
    "requests_app.change_reviewcase",
    "requests_app.view_reviewcase",
]
# The calendar is one table for the whole system; the admin lets only
# provincial administrators (and superusers) change it.
_KEEP_CALENDAR = [
    "requests_app.add_calendarday",
    "requests_app.change_calendarday",
    "requests_app.delete_calendarday",
]

ROLE_PERMISSIONS = {
    StaffRole.EDITOR: _READ_CALENDAR,
    StaffRole.REVIEWER: _READ_CALENDAR,
    StaffRole.REQUEST_OFFICER: _READ_CALENDAR + _HANDLE_REQUESTS,
    StaffRole.AGENCY_ADMIN: _READ_CALENDAR + _HANDLE_REQUESTS + _KEEP_CALENDAR,
}
