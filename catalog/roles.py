"""Staff roles as Django groups, and keeping users' groups in step with their memberships.

A membership says where someone works (scoping, in ``catalog.permissions``);
the group of its role says which admin screens they get (model permissions).
Data migrations call ``sync_groups`` whenever the permissions below change.
"""

from catalog.models.agencies import StaffRole

ROLE_GROUPS = {
    StaffRole.EDITOR: "信息发布员",
    StaffRole.REVIEWER: "保密审查员",
    StaffRole.REQUEST_OFFICER: "依申请办理员",
    StaffRole.AGENCY_ADMIN: "机关管理员",
}

_READ_REFERENCE = [
    "catalog.view_agency",
    "catalog.view_department",
    "catalog.view_topic",
    "catalog.view_disclosureguide",
]
_EDIT_ENTRIES = [
    "catalog.add_catalogentry",
    "catalog.change_catalogentry",
    "catalog.view_catalogentry",
    "catalog.delete_catalogentry",  # the admin lets only drafts be deleted
    "catalog.add_entryattachment",
    "catalog.change_entryattachment",
    "catalog.delete_entryattachment",
    "catalog.view_entryattachment",
    "catalog.view_reviewevent",
]

# The four clearances: power items with their steps, fee items, decisions.
_EDIT_CLEARANCES = [
    f"catalog.{action}_{model}"
    for model in (
        "poweritem",
        "poweritemstep",
        "powerresponsibility",
        "feeitem",
        "decisionrecord",
    )
    for action in ("add", "change", "view", "delete")
]
# Department powers: staffing and workflows, kept by the agency's administrator.
_EDIT_DEPARTMENT_POWERS = [
    f"catalog.{action}_{model}"
    for model in ("staffingquota", "workflow", "workflowstep")
    for action in ("add", "change", "view", "delete")
]

ROLE_PERMISSIONS = {
    StaffRole.EDITOR: _READ_REFERENCE + _EDIT_ENTRIES + _EDIT_CLEARANCES,
    StaffRole.REVIEWER: _READ_REFERENCE + _EDIT_ENTRIES + _EDIT_CLEARANCES,
    StaffRole.REQUEST_OFFICER: _READ_REFERENCE
    + ["catalog.view_catalogentry", "catalog.view_poweritem"],
    StaffRole.AGENCY_ADMIN: _READ_REFERENCE
    + _EDIT_ENTRIES
    + _EDIT_CLEARANCES
    + _EDIT_DEPARTMENT_POWERS
    + [
        "catalog.change_agency",
        "catalog.add_department",
        "catalog.change_department",
        "catalog.delete_department",
        "catalog.add_staffmembership",
        "catalog.change_staffmembership",
        "catalog.delete_staffmembership",
        "catalog.view_staffmembership",
        "catalog.add_disclosureguide",
        "catalog.change_disclosureguide",
    ],
}


def sync_groups(apps=None) -> None:
    """Create the role groups and give each exactly its permissions.

    In a data migration (``apps`` given) the permissions are created first,
    and those of models a later migration adds are left for that migration's
    own call. Outside migrations every permission must exist.
    """
    if apps is None:
        from django.contrib.auth.models import Group, Permission
    else:
        _create_permissions(apps)
        Group = apps.get_model("auth", "Group")  # noqa: N806
        Permission = apps.get_model("auth", "Permission")  # noqa: N806
    all_permissions = role_permissions()
    for role, group_name in ROLE_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = []
        for dotted in all_permissions[role]:
            app_label, codename = dotted.split(".")
            found = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if found is None and apps is None:
                raise LookupError(f"Permission {dotted} does not exist.")
            if found is not None:
                wanted.append(found)
        group.permissions.set(wanted)


def role_permissions() -> dict:
    """The permissions of each role: the catalogue's, plus those each other app adds.

    An app contributes by defining ``ROLE_PERMISSIONS`` in its ``roles`` module
    (``requests_app.roles``), so the catalogue never imports the apps that build
    on it.
    """
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps as installed

    combined = {role: list(perms) for role, perms in ROLE_PERMISSIONS.items()}
    for app_config in installed.get_app_configs():
        module_name = f"{app_config.name}.roles"
        if app_config.name == "catalog" or find_spec(module_name) is None:
            continue
        for role, perms in getattr(import_module(module_name), "ROLE_PERMISSIONS", {}).items():
            combined[role] += perms
    return combined


def _create_permissions(apps) -> None:
    """Permissions are normally made after all migrations ran; make them now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def sync_user_groups(user) -> None:
    """Give a user the groups of the roles they hold, and staff status if they hold any."""
    from django.contrib.auth.models import Group

    roles = set(user.memberships.values_list("role", flat=True))
    role_group_names = set(ROLE_GROUPS.values())
    keep = [g for g in user.groups.all() if g.name not in role_group_names]
    wanted = list(Group.objects.filter(name__in=[ROLE_GROUPS[r] for r in roles]))
    user.groups.set(keep + wanted)
    if roles and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
