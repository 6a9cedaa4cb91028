"""Run the daily clock of disclosure on request (cron, once a day, after midnight).

    manage.py run_request_clock [--today YYYY-MM-DD] [--dry-run]

In one transaction, through ``requests_app.workflow``:

1. confirms receipt of every online application left unconfirmed past the next
   working day after its submission, with receipt on that day (Art. 31; staff
   inaction cannot stall the clock);
2. closes as ``other.no_correction`` every application whose correction was not
   received by the date the applicant was given (Art. 30);
3. closes as ``other.fee_unpaid`` every application whose processing fee was not
   paid within 20 working days of the notice (国办函〔2020〕109号).

Applicants are e-mailed about each step after the transaction commits.
``--dry-run`` does the work, reports the counts and rolls it all back (no
e-mail is sent). Running it twice on one day changes nothing the second time.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from requests_app import workflow


def parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from error


class Command(BaseCommand):
    help = "Confirm unconfirmed online applications, close those not corrected or not paid in time."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=parse_day,
            default=None,
            help="The day to run for (YYYY-MM-DD); default: today in China time.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; change nothing."
        )

    def handle(self, *args, today=None, dry_run=False, verbosity=1, **options):
        today = today or timezone.localdate()
        with transaction.atomic():
            counts = {
                "confirmed automatically": workflow.auto_confirm(today),
                "closed, not corrected in time": workflow.close_uncorrected(today),
                "closed, fee not paid in time": workflow.close_unpaid(today),
            }
            if dry_run:
                transaction.set_rollback(True)
        if verbosity >= 1:
            prefix = "[dry run] " if dry_run else ""
            self.stdout.write(f"{prefix}Request clock for {today.isoformat()}:")
            for label, count in counts.items():
                self.stdout.write(f"  {label}: {count}")
            if not dry_run:
                self.stdout.write(self.style.SUCCESS("Done."))
