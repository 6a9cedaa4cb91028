"""The one place that answers "which agencies may this staff member act for".

Every admin queryset, every foreign-key choice and every workflow check goes
through these functions, so a city editor can neither see nor pick another
city's records.
"""

from catalog.models import Agency, StaffMembership, StaffRole

# Who may do what, by membership role.
EDIT_ROLES = (StaffRole.EDITOR, StaffRole.REVIEWER, StaffRole.AGENCY_ADMIN)
REVIEW_ROLES = (StaffRole.REVIEWER,)
WITHDRAW_ROLES = (StaffRole.REVIEWER, StaffRole.AGENCY_ADMIN)
ADMIN_ROLES = (StaffRole.AGENCY_ADMIN,)
ANY_ROLE = tuple(StaffRole)


def agencies_for(user, roles=ANY_ROLE):
    """Agencies the user may act for in one of ``roles`` (a lazy queryset).

    A membership covers its own agency and, when ``covers_subordinates`` is
    set, every agency below it (at most two levels: city and county).
    """
    if not (user and user.is_authenticated and user.is_active):
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    memberships = StaffMembership.objects.filter(user=user, role__in=roles)
    direct = memberships.values("agency_id")
    covering = memberships.filter(covers_subordinates=True).values("agency_id")
    return Agency.objects.filter(pk__in=direct) | Agency.objects.subtrees_of(covering)


def may_act_for(user, agency, roles=ANY_ROLE) -> bool:
    if agency is None:
        return False
    return agencies_for(user, roles).filter(pk=agency.pk).exists()


def may_edit(user, agency) -> bool:
    return may_act_for(user, agency, EDIT_ROLES)


def may_review(user, agency) -> bool:
    return may_act_for(user, agency, REVIEW_ROLES)


def may_withdraw(user, agency) -> bool:
    return may_act_for(user, agency, WITHDRAW_ROLES)
