"""Load the demo bureau system, deterministically and idempotently.

    manage.py load_demo [--dry-run]

Writes, in one transaction:

1. the provincial market regulator 辽宁省市场监督管理局, its 14 city bureaus and a
   few county / district bureaus, with contact data, reception window, functions,
   staffing and structure (``catalog.demo.agencies``);
2. their departments with the routing role of each (``catalog.demo.departments``);
3. the topic tree (``catalog.demo.topics``);
4. demo staff accounts, one per role, sharing the password in ``catalog.demo.staff``;
5. a disclosure guide for every agency (``catalog.demo.guides``);
6. the catalogue (``catalog.demo.entries``): more than 485 published entries, plus a
   few drafts, entries in review and withdrawn ones. Every published entry goes
   through the real workflow (draft -> submit_for_review -> publish with its
   historical date), so it gets its index number from the real counter, in order
   of publication. Attachments are small generated files;
7. department powers (``catalog.demo.department_powers``): authorised staffing of every
   agency by category, and its workflows as ordered steps;
8. fee items of the province and five cities, with suspended and abolished ones
   (``catalog.demo.fees``);
9. the power catalogue (``catalog.demo.powers``): exactly 196 items of the provincial
   bureau, smaller catalogues of every city and county bureau, each item with its process
   steps, responsibility steps, fee and the catalogue entries its legal basis cites;
10. published decisions (``catalog.demo.decisions``): a few hundred licensing, penalty
   and coercion decisions of 2025-2026, a few of 2023, each resting on a published power
   item of its own agency and kind.

Fee items, power items and decisions go through the same workflow as entries (draft ->
submit_for_review -> publish with their historical dates, a few left in review or
withdrawn); the workflow stamps "now", so their times and events are backdated after.

Everything is looked up by a natural key first (agency slug, department name,
topic slug, username, agency + entry title, agency + category for staffing, agency +
workflow title, agency + code for fee and power items, agency + number for decisions),
so a second run creates nothing, changes nothing and allocates no index number.
``--dry-run`` does all the work, reports it, and rolls it back (files it saved are
deleted again).
"""

import datetime
from collections import Counter, defaultdict
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from catalog import workflow
from catalog.demo import agencies as demo_agencies
from catalog.demo import entries as demo_entries
from catalog.demo import files as demo_files
from catalog.demo import powers as demo_powers
from catalog.demo.decisions import build_decision_specs
from catalog.demo.department_powers import staffing_quotas, workflow_steps, workflows_for
from catalog.demo.departments import departments_for
from catalog.demo.fees import build_fee_specs
from catalog.demo.guides import guide_fields
from catalog.demo.staff import ACCOUNTS, DEMO_PASSWORD, actors_for
from catalog.demo.topics import flat_topics
from catalog.models import (
    Agency,
    CatalogEntry,
    DecisionRecord,
    Department,
    DisclosureGuide,
    EntryAttachment,
    FeeItem,
    Genre,
    PowerItem,
    PowerItemStep,
    PowerResponsibility,
    ReviewAction,
    ReviewEvent,
    ReviewStatus,
    StaffingQuota,
    StaffMembership,
    Topic,
    Validity,
    Workflow,
    WorkflowStep,
)
from catalog.roles import sync_user_groups
from catalog.search import index as search_index

SILENT_MAIL = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}

OPINIONS = {
    "proactive": "经保密审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意主动公开。",
    "on_request": "经保密审查，该信息属于依申请公开范围，同意在目录中公开其名称和内容概述。",
    "withheld": "经保密审查，该信息依法不予公开，同意在目录中列明其名称及不予公开的理由。",
    "internal": "经保密审查，不涉及国家秘密，同意在机关内部公开（局务公开）。",
}


# Genres of the catalogue entries a power item's legal basis may cite.
LAW_GENRES = (Genre.ORDER, Genre.RULE, Genre.NORMATIVE, Genre.MEASURES, Genre.PROVISIONS)
# At most this many catalogue entries per power item.
MAX_BASIS_ENTRIES = 3
BATCH = 500


def upsert(model, lookup: dict, values: dict):
    """Create the row, or update only the fields that differ. Returns (row, change), the
    change being "created", "updated" or ""."""
    row = model.objects.filter(**lookup).first()
    if row is None:
        return model.objects.create(**lookup, **values), "created"
    return row, update_changed(row, values)


def update_changed(row, values: dict) -> str:
    """Save the fields of ``row`` that differ from ``values``: "updated", or "" if none."""
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, values[name])
    if changed:
        row.save()
    return "updated" if changed else ""


def batches(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Loader:
    """The steps of the load; each one reports what it created or changed."""

    def __init__(self, command, verbosity: int, dry_run: bool):
        self.command = command
        self.verbosity = verbosity
        self.dry_run = dry_run
        self.changes = Counter()
        self.saved_files = []

    def say(self, message: str, level: int = 1) -> None:
        if self.verbosity >= level:
            self.command.stdout.write(message)

    def count(self, label: str, change: str) -> None:
        if change:
            self.changes[(label, change)] += 1

    def report(self, label: str) -> None:
        created = self.changes[(label, "created")]
        updated = self.changes[(label, "updated")]
        if self.dry_run:
            self.say(f"{label}: {created} would be created, {updated} would be updated")
        else:
            self.say(f"{label}: {created} created, {updated} updated")

    # --- 1-2. agencies and departments ------------------------------------------------

    def load_agencies(self) -> dict:
        agencies = {}
        for serial, place in enumerate(demo_agencies.ALL_PLACES):
            names = [name for _spec, name in departments_for(place.level)]
            values = demo_agencies.agency_fields(place, serial, names)
            values["parent_id"] = agencies[place.parent].pk if place.parent else None
            agency, change = upsert(Agency, {"slug": place.slug}, values)
            self.count("Agencies", change)
            agencies[place.slug] = agency
        self.report("Agencies")
        return agencies

    def load_departments(self, agencies: dict) -> dict:
        """{(agency slug, department key): Department}"""
        departments = {}
        for serial, place in enumerate(demo_agencies.ALL_PLACES):
            agency = agencies[place.slug]
            for position, (spec, name) in enumerate(departments_for(place.level), start=1):
                values = {
                    "role": spec.role,
                    "duties": spec.duties,
                    "phone": demo_agencies.phone(place, serial, 10 + position),
                    "sort_order": position,
                }
                department, change = upsert(Department, {"agency": agency, "name": name}, values)
                self.count("Departments", change)
                departments[(place.slug, spec.key)] = department
        self.report("Departments")
        return departments

    # --- 3. topics --------------------------------------------------------------------

    def load_topics(self) -> dict:
        topics = {}
        for slug, name, parent, sort_order in flat_topics():
            values = {
                "name": name,
                "parent_id": topics[parent].pk if parent else None,
                "sort_order": sort_order,
            }
            topic, change = upsert(Topic, {"slug": slug}, values)
            self.count("Topics", change)
            topics[slug] = topic
        self.report("Topics")
        return topics

    # --- 4. staff ---------------------------------------------------------------------

    def load_staff(self, agencies: dict) -> dict:
        user_model = get_user_model()
        # One hash for the one shared demo password: hashing is slow on purpose.
        password = make_password(DEMO_PASSWORD)
        users = {}
        for account in ACCOUNTS:
            user, created = user_model.objects.get_or_create(
                username=account.username,
                defaults={
                    "password": password,
                    "first_name": account.first_name,
                    "last_name": account.last_name,
                    "email": f"{account.username}@amr.example.cn",
                    "is_staff": True,
                    "is_superuser": account.superuser,
                },
            )
            self.count("Staff accounts", "created" if created else "")
            if account.agency:
                self.load_membership(user, account, agencies[account.agency])
            users[account.username] = user
        self.report("Staff accounts")
        self.report("Staff memberships")
        return users

    def load_membership(self, user, account, agency) -> None:
        _membership, change = upsert(
            StaffMembership,
            {"user": user, "agency": agency, "role": account.role},
            {"covers_subordinates": account.covers_subordinates},
        )
        self.count("Staff memberships", change)
        sync_user_groups(user)

    # --- 5. guides --------------------------------------------------------------------

    def load_guides(self, agencies: dict) -> None:
        for serial, place in enumerate(demo_agencies.ALL_PLACES):
            _guide, change = upsert(
                DisclosureGuide, {"agency": agencies[place.slug]}, guide_fields(place, serial)
            )
            self.count("Disclosure guides", change)
        self.report("Disclosure guides")

    # --- 6. catalogue -----------------------------------------------------------------

    def load_entries(self, agencies, departments, topics, users) -> None:
        rows = CatalogEntry.objects.filter(agency__in=agencies.values()).values_list(
            "agency__slug", "title", "pk"
        )
        existing = {(slug, title): pk for slug, title, pk in rows}
        specs = demo_entries.build_entry_specs()
        keys, new = {}, set()
        for spec in specs:
            pk = existing.get((spec.agency, spec.title))
            if pk is None:
                pk = self.create_entry(spec, agencies, departments, topics, users).pk
                new.add(spec.key)
            keys[spec.key] = pk
        self.link_replacements(specs, keys, new)
        self.report("Catalogue entries")
        self.report("Attachments")

    def create_entry(self, spec, agencies, departments, topics, users):
        editor_name, reviewer_name = actors_for(spec.agency)
        editor, reviewer = users[editor_name], users[reviewer_name]
        department = (
            departments.get((spec.agency, spec.department)) or departments[(spec.agency, "office")]
        )
        entry = CatalogEntry.objects.create(
            title=spec.title,
            agency=agencies[spec.agency],
            department=department,
            topic=topics[spec.topic],
            genre=spec.genre,
            document_number=spec.document_number,
            keywords=spec.keywords,
            summary=spec.summary,
            body=spec.body,
            date_made=spec.date_made,
            effective_from=spec.date_made if spec.timeliness == "standing" else None,
            validity=spec.validity,
            validity_changed_on=spec.validity_changed_on,
            disclosure_mode=spec.disclosure_mode,
            withheld_ground=spec.withheld_ground,
            scope=spec.scope,
            timeliness=spec.timeliness,
            clearance_aspect=spec.clearance_aspect,
            created_by=editor,
        )
        self.record_created(entry, editor)
        self.advance(entry, spec, editor, reviewer)
        self.backdate(entry, spec)
        self.count("Catalogue entries", "created")
        self.say(f"  {spec.status:<9} {entry.index_number or '-':<30} {spec.title}", 2)
        return entry

    def record_created(self, entry, editor) -> None:
        ReviewEvent.objects.create(
            content_type=ContentType.objects.get_for_model(CatalogEntry),
            object_id=entry.pk,
            action=ReviewAction.CREATED,
            from_status="",
            to_status=entry.status,
            actor=editor,
        )

    def advance(self, entry, spec, editor, reviewer) -> None:
        """Take a new draft as far as its spec says, through the workflow functions."""
        if spec.status == demo_entries.DRAFT:
            return
        workflow.submit_for_review(entry, editor)
        if spec.status == demo_entries.IN_REVIEW:
            return
        opinion = OPINIONS["internal" if spec.scope == "internal" else spec.disclosure_mode]
        workflow.publish(entry, reviewer, opinion, when=spec.published_at)
        if spec.disclosure_mode == "proactive":
            self.attach_files(entry, spec)
        if spec.status == demo_entries.WITHDRAWN:
            workflow.withdraw(entry, reviewer, spec.withdrawal_reason)

    def attach_files(self, entry, spec) -> None:
        number = entry.index_number.rsplit("/", 1)[-1]
        published = f"{spec.published_at:%Y-%m-%d}"
        for position, title in enumerate(spec.attachments, start=1):
            if "名单" in title or "信息" in title:
                name = f"{number}-{position}.txt"
                data = demo_files.attachment_text(title, spec.title, spec.summary)
            else:
                name = f"{number}-{position}.pdf"
                data = demo_files.attachment_pdf(entry.index_number, position, published)
            attachment = EntryAttachment(entry=entry, title=title, sort_order=position)
            attachment.file.save(name, ContentFile(data), save=True)
            self.saved_files.append(attachment.file.name)
            self.count("Attachments", "created")

    def backdate(self, entry, spec) -> None:
        """The workflow stamps "now"; give the entry and its events their historical times."""
        made = datetime.datetime.combine(
            spec.date_made, datetime.time(8, 30), tzinfo=demo_entries.SHANGHAI
        )
        published = spec.published_at
        created = min(made, published - datetime.timedelta(hours=1)) if published else made
        submitted = (
            published - datetime.timedelta(minutes=30)
            if published
            else made + datetime.timedelta(hours=5)
        )
        withdrawn = (
            min(published + datetime.timedelta(days=30), demo_entries.LAST_PUBLISHED)
            if spec.status == demo_entries.WITHDRAWN
            else None
        )
        entry_times = {"created_at": created, "updated_at": withdrawn or published or submitted}
        if spec.status != demo_entries.DRAFT:
            entry_times["submitted_at"] = submitted
        if withdrawn:
            entry_times["withdrawn_at"] = withdrawn
        CatalogEntry.objects.filter(pk=entry.pk).update(**entry_times)
        events = ReviewEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(CatalogEntry), object_id=entry.pk
        )
        moments = {
            ReviewAction.CREATED: created,
            ReviewAction.SUBMITTED: submitted,
            ReviewAction.PUBLISHED: published,
            ReviewAction.WITHDRAWN: withdrawn,
        }
        for action, moment in moments.items():
            if moment:
                events.filter(action=action).update(at=moment)

    def link_replacements(self, specs, keys: dict, new: set) -> None:
        """An amended or repealed entry points at the newer one that replaces it."""
        for spec in specs:
            if spec.replaced_by and spec.key in new:
                CatalogEntry.objects.filter(pk=keys[spec.key]).update(
                    replaced_by_id=keys[spec.replaced_by]
                )

    def remove_saved_files(self) -> None:
        for name in self.saved_files:
            default_storage.delete(name)
        self.saved_files.clear()

    # --- 7. department powers ---------------------------------------------------------

    def load_department_powers(self, agencies: dict, departments: dict) -> None:
        steps = {}
        for serial, place in enumerate(demo_agencies.ALL_PLACES):
            agency = agencies[place.slug]
            for category, authorised, filled, note in staffing_quotas(place, serial):
                _quota, change = upsert(
                    StaffingQuota,
                    {"agency": agency, "category": category},
                    {"authorised": authorised, "filled": filled, "note": note},
                )
                self.count("Staffing quotas", change)
            for position, spec in enumerate(workflows_for(place), start=1):
                department = departments[(place.slug, spec.department)]
                row, change = upsert(
                    Workflow,
                    {"agency": agency, "title": spec.title},
                    {
                        "department_id": department.pk,
                        "description": spec.description,
                        "sort_order": position * 10,
                    },
                )
                self.count("Workflows", change)
                steps[row.pk] = workflow_steps(spec)
        self.sync_children("Workflow steps", WorkflowStep, "workflow", steps)
        for label in ("Staffing quotas", "Workflows", "Workflow steps"):
            self.report(label)

    def sync_children(self, label: str, model, parent: str, wanted: dict) -> None:
        """Make the ordered rows (steps) of each parent equal ``wanted[parent pk]``, a list
        of field dicts. Parents whose rows already match are left alone."""
        fields = sorted({name for rows in wanted.values() for row in rows for name in row})
        parent_id = f"{parent}_id"
        existing = defaultdict(list)
        for chunk in batches(list(wanted)):
            rows = model.objects.filter(**{f"{parent_id}__in": chunk}).order_by(parent_id, "order")
            for row in rows.values(parent_id, *fields):
                existing[row.pop(parent_id)].append(row)
        stale = [pk for pk, rows in wanted.items() if existing.get(pk, []) != rows]
        for chunk in batches([pk for pk in stale if pk in existing]):
            model.objects.filter(**{f"{parent_id}__in": chunk}).delete()
        model.objects.bulk_create(
            [model(**{parent_id: pk}, **row) for pk in stale for row in wanted[pk]],
            batch_size=BATCH,
        )
        for pk in stale:
            for _row in wanted[pk]:
                self.count(label, "updated" if pk in existing else "created")

    # --- 8-10. fee items, power items, decisions: records that go through review ---------

    def load_reviewables(self, label, model, specs, agencies, users, values_of) -> dict:
        """Create each missing record as its agency's editor would and take it through the
        workflow as far as its spec says; update the fields of existing ones that differ.
        Returns {(agency slug, natural key): row}."""
        key_field = next(iter(specs[0].lookup))
        existing = {
            (row.agency_id, getattr(row, key_field)): row
            for row in model.objects.filter(agency__in=agencies.values())
        }
        rows, created = {}, []
        for spec in specs:
            agency = agencies[spec.agency]
            key = spec.lookup[key_field]
            row = existing.get((agency.pk, key))
            if row is None:
                row = self.create_reviewable(model, agency, spec, values_of(spec), users)
                created.append((row, spec.publication))
                self.count(label, "created")
            else:
                self.count(label, update_changed(row, values_of(spec)))
            rows[(spec.agency, key)] = row
        self.backdate_reviewables(model, created)
        self.report(label)
        return rows

    def create_reviewable(self, model, agency, spec, values: dict, users: dict):
        editor_name, reviewer_name = actors_for(spec.agency)
        editor, reviewer = users[editor_name], users[reviewer_name]
        row = model.objects.create(agency=agency, **spec.lookup, **values, created_by=editor)
        publication = spec.publication
        if publication.status != demo_powers.DRAFT:
            workflow.submit_for_review(row, editor)
        if publication.published_at:
            workflow.publish(row, reviewer, publication.opinion, when=publication.published_at)
        if publication.status == demo_powers.WITHDRAWN:
            workflow.withdraw(row, reviewer, publication.withdrawal_reason)
        return row

    def backdate_reviewables(self, model, created: list) -> None:
        """Record the drafting, then give the records and their review events the historical
        times of their specs (the workflow stamped "now")."""
        content_type = ContentType.objects.get_for_model(model)
        ReviewEvent.objects.bulk_create(
            [
                ReviewEvent(
                    content_type=content_type,
                    object_id=row.pk,
                    action=ReviewAction.CREATED,
                    from_status="",
                    to_status=ReviewStatus.DRAFT,
                    actor_id=row.created_by_id,
                )
                for row, _publication in created
            ],
            batch_size=BATCH,
        )
        moments = {row.pk: publication.moments() for row, publication in created}
        stamped = [
            model(
                pk=pk,
                created_at=times["created"],
                submitted_at=times.get("submitted"),
                withdrawn_at=times.get("withdrawn"),
                updated_at=max(times.values()),
            )
            for pk, times in moments.items()
        ]
        fields = ["created_at", "submitted_at", "withdrawn_at", "updated_at"]
        model.objects.bulk_update(stamped, fields, batch_size=BATCH)
        events = []
        for chunk in batches(list(moments)):
            events += ReviewEvent.objects.filter(content_type=content_type, object_id__in=chunk)
        for event in events:
            event.at = moments[event.object_id][event.action]
        ReviewEvent.objects.bulk_update(events, ["at"], batch_size=BATCH)

    def load_fees(self, agencies: dict, users: dict) -> dict:
        """{(agency slug, fee key): FeeItem}"""
        specs = build_fee_specs()
        rows = self.load_reviewables(
            "Fee items", FeeItem, specs, agencies, users, lambda spec: spec.values
        )
        return {(spec.agency, spec.key): rows[(spec.agency, spec.code)] for spec in specs}

    def load_powers(self, agencies, departments, fees, users) -> tuple[list, dict]:
        """The power catalogues: (the specs, {(agency slug, code): PowerItem})."""
        specs = demo_powers.build_power_specs()

        def values_of(spec):
            department = (
                departments.get((spec.agency, spec.department))
                or departments[(spec.agency, "legal")]
            )
            fee = fees.get((spec.agency, spec.fee))
            return {
                **spec.values,
                "department_id": department.pk,
                "fee_item_id": fee.pk if fee else None,
            }

        rows = self.load_reviewables("Power items", PowerItem, specs, agencies, users, values_of)
        pks = [(spec, rows[(spec.agency, spec.code)].pk) for spec in specs]
        self.sync_children(
            "Power item steps", PowerItemStep, "power_item", {pk: s.steps for s, pk in pks}
        )
        self.sync_children(
            "Responsibility steps",
            PowerResponsibility,
            "power_item",
            {pk: s.responsibilities for s, pk in pks},
        )
        self.link_basis_entries(pks, agencies)
        for label in ("Power item steps", "Responsibility steps", "Legal-basis links"):
            self.report(label)
        return specs, rows

    def link_basis_entries(self, pks: list, agencies: dict) -> None:
        """Each power item cites the current published rules and normative documents of its
        own agency or the province whose titles contain the words its spec names."""
        entries = CatalogEntry.objects.published().filter(
            validity=Validity.VALID, genre__in=LAW_GENRES
        )
        by_agency = defaultdict(list)
        for pk, agency_id, title in entries.order_by("pk").values_list("pk", "agency_id", "title"):
            by_agency[agency_id].append((pk, title))
        province = agencies[demo_agencies.PROVINCE.slug].pk
        wanted = {}
        for spec, item in pks:
            own = agencies[spec.agency].pk
            candidates = by_agency[own] + (by_agency[province] if own != province else [])
            cited = [pk for pk, title in candidates if any(word in title for word in spec.cites)]
            wanted[item] = set(cited[:MAX_BASIS_ENTRIES])
        through = PowerItem.basis_entries.through
        existing = defaultdict(set)
        for chunk in batches(list(wanted)):
            links = through.objects.filter(poweritem_id__in=chunk)
            for item, entry in links.values_list("poweritem_id", "catalogentry_id"):
                existing[item].add(entry)
        for item, entries in existing.items():
            gone = entries - wanted[item]
            if gone:
                through.objects.filter(poweritem_id=item, catalogentry_id__in=gone).delete()
                for _link in gone:
                    self.count("Legal-basis links", "updated")
        new = [
            (item, entry)
            for item, entries in wanted.items()
            for entry in sorted(entries - existing[item])
        ]
        through.objects.bulk_create(
            [through(poweritem_id=item, catalogentry_id=entry) for item, entry in new],
            batch_size=BATCH,
        )
        for _link in new:
            self.count("Legal-basis links", "created")

    def load_decisions(self, agencies, power_specs, powers, users) -> None:
        specs = build_decision_specs(power_specs)

        def values_of(spec):
            return {**spec.values, "power_item_id": powers[(spec.agency, spec.power_code)].pk}

        self.load_reviewables("Decisions", DecisionRecord, specs, agencies, users, values_of)

    def run(self) -> None:
        agencies = self.load_agencies()
        departments = self.load_departments(agencies)
        topics = self.load_topics()
        users = self.load_staff(agencies)
        self.load_guides(agencies)
        self.load_entries(agencies, departments, topics, users)
        self.load_department_powers(agencies, departments)
        fees = self.load_fees(agencies, users)
        power_specs, powers = self.load_powers(agencies, departments, fees, users)
        self.load_decisions(agencies, power_specs, powers, users)
        self.load_other_apps()

    def load_other_apps(self) -> None:
        """The demo data of the apps that build on the catalogue.

        An app contributes by defining ``load(loader)`` in its ``demo`` module
        (``requests_app/demo``); the loader gives it ``say``, ``count``,
        ``report`` and ``dry_run``. The catalogue never imports those apps.
        """
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if app_config.name == "catalog" or find_spec(module_name) is None:
                continue
            import_module(module_name).load(self)


class Command(BaseCommand):
    help = (
        "Load the demo bureau system (provincial market regulator, 14 city and some county "
        "bureaus), its catalogue, guides and demo staff accounts. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything, report what would be created, then roll it back.",
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        loader = Loader(self, verbosity, dry_run)
        try:
            # Replayed history never sends mail (the demo applicants' e-mails).
            # The search index is rebuilt once at the end rather than per record.
            with (
                override_settings(MAILERS=SILENT_MAIL),
                transaction.atomic(),
                search_index.deferred(),
            ):
                loader.run()
                if dry_run:
                    transaction.set_rollback(True)
        except BaseException:
            loader.remove_saved_files()
            raise
        if dry_run:
            loader.remove_saved_files()
        if verbosity >= 1:
            self.print_outcome(loader, dry_run)

    def print_outcome(self, loader, dry_run):
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: everything was rolled back."))
            return
        if loader.changes:
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        else:
            self.stdout.write("The demo data is already loaded; nothing changed.")
        self.print_logins()

    def print_logins(self):
        agencies = dict(Agency.objects.values_list("slug", "name"))
        self.stdout.write("\nDemo logins (username, role, agency, password):")
        for account in ACCOUNTS:
            role = "superuser" if account.superuser else account.role
            agency = agencies.get(account.agency, "-")
            if account.covers_subordinates:
                agency += " (+ subordinate agencies)"
            self.stdout.write(f"  {account.username:<18} {role:<16} {agency:<36} {DEMO_PASSWORD}")
