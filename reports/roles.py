"""What each staff role may do with annual reports (model permissions).

Collected by ``catalog.roles.sync_groups`` into the role groups; for which
agency is decided by ``catalog.permissions.agencies_for``, as everywhere. The
report is the agency administrator's job (its disclosure office); every other
role may read it.
"""

from catalog.models import StaffRole

_READ_REPORTS = ["reports.view_annualreport"]
_KEEP_REPORTS = ["reports.add_annualreport", "reports.change_annualreport"]

ROLE_PERMISSIONS = {
    StaffRole.EDITOR: _READ_REPORTS,
    StaffRole.REVIEWER: _READ_REPORTS,
    StaffRole.REQUEST_OFFICER: _READ_REPORTS,
    StaffRole.AGENCY_ADMIN: _READ_REPORTS + _KEEP_REPORTS,
}
