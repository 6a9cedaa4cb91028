"""E-mail each agency's request handlers what is due soon and what is overdue (cron, daily).

    manage.py deadline_reminders [--today YYYY-MM-DD] [--dry-run]

For every agency with open applications whose reply is overdue or due within
3 working days (due today included), one e-mail goes to each of its request
officers and agency administrators (direct ``StaffMembership`` of those roles,
active users with an e-mail address). The list names each application by its
tracking number and due date only: no applicant's personal data. While the
clock stands still (correction, consultation, fee) an application has no due
date and is not listed.

``--dry-run`` reports how many e-mails would go to which agency and sends none.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from catalog.models import Agency, StaffMembership
from requests_app import notifications
from requests_app.deadlines import DUE_SOON_WORKING_DAYS
from requests_app.management.commands.run_request_clock import parse_day
from requests_app.models import InformationRequest
from requests_app.workdays import add_working_days
from requests_app.workflow import HANDLER_ROLES


def recipients_for(agency) -> list[str]:
    """The addresses of the agency's request officers and administrators, each once."""
    addresses = (
        StaffMembership.objects.filter(agency=agency, role__in=HANDLER_ROLES, user__is_active=True)
        .exclude(user__email="")
        .order_by("user__email")
        .values_list("user__email", flat=True)
        .distinct()
    )
    return list(addresses)


class Command(BaseCommand):
    help = "E-mail request handlers the applications due within 3 working days and overdue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=parse_day,
            default=None,
            help="The day to run for (YYYY-MM-DD); default: today in China time.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be sent; send nothing."
        )

    def handle(self, *args, today=None, dry_run=False, verbosity=1, **options):
        today = today or timezone.localdate()
        last_day = add_working_days(today, DUE_SOON_WORKING_DAYS).end
        sent = 0
        with transaction.atomic():
            requests = InformationRequest.objects.order_by("due_on", "tracking_number")
            overdue = list(requests.overdue(today))
            due_soon = list(requests.due_by(last_day, today))
            agency_ids = {r.agency_id for r in overdue + due_soon}
            for agency in Agency.objects.filter(pk__in=agency_ids).order_by("pk"):
                own_overdue = [r for r in overdue if r.agency_id == agency.pk]
                own_due_soon = [r for r in due_soon if r.agency_id == agency.pk]
                recipients = recipients_for(agency)
                if verbosity >= 2 or (verbosity >= 1 and not recipients):
                    self.stdout.write(
                        f"{agency.name}: {len(own_overdue)} overdue, {len(own_due_soon)} due "
                        f"soon, {len(recipients)} recipient(s)"
                    )
                if dry_run or not recipients:
                    continue
                sent += notifications.notify_staff_digest(
                    agency,
                    recipients,
                    due_soon=own_due_soon,
                    overdue=own_overdue,
                    today=today,
                    last_day=last_day,
                )
        if verbosity >= 1:
            prefix = "[dry run] " if dry_run else ""
            self.stdout.write(
                f"{prefix}Deadline reminders for {today.isoformat()}: {len(agency_ids)} "
                f"agencies, {len(overdue)} overdue, {len(due_soon)} due by "
                f"{last_day.isoformat()}, {sent} e-mail(s) sent."
            )
