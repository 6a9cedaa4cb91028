"""Replays the demo plan through the real intake and workflow functions.

Every application is filed by ``intake.submit_online`` (online) or
``workflow.register_offline`` (in person, post, e-mail, fax) and every step is
the workflow function of the same name, called with the step's legal date
(``on``) and event time (``at``). Nothing here sets a status, a date of the
clock or an outcome. The only fields written directly are bookkeeping
timestamps (``created_at``, ``updated_at``, ``uploaded_at``), given the
historical times the functions could not know, as the catalogue demo does.
"""

from dataclasses import replace

from django.core.files.base import ContentFile

from catalog.demo.departments import departments_for
from catalog.demo.files import one_page_pdf
from catalog.models import Agency, CatalogEntry, Department, DisclosureMode, Topic
from requests_app import intake, workflow
from requests_app.demo import scenarios, texts
from requests_app.demo.staff import handler_for
from requests_app.models import (
    Channel,
    DocumentKind,
    InformationRequest,
    RequestDocument,
    RequestStatus,
    ReviewCase,
)

# The query code of every demo application (demo data only; documented in the README).
DEMO_QUERY_CODE = "DEMQ234567"


class SavedFiles:
    """Files the demo saved in the private storage, to delete again after a dry run."""

    def __init__(self):
        self.files = []

    def add(self, document) -> None:
        self.files.append((document.file.storage, document.file.name))

    def remove(self) -> None:
        for storage, name in self.files:
            storage.delete(name)
        self.files.clear()


class Replayer:
    def __init__(self, loader, users: dict, files: SavedFiles):
        self.loader = loader
        self.users = users
        self.files = files
        # One documented code for every demo application, hashed once (hashing is slow
        # on purpose); real applications each get their own.
        self.query_code = intake.QueryCode(DEMO_QUERY_CODE, intake.hash_query_code(DEMO_QUERY_CODE))
        slugs = list(scenarios.AGENCY_WEIGHTS)
        self.agencies = {a.slug: a for a in Agency.objects.filter(slug__in=slugs)}
        self.departments = self._departments()
        self.topics = {topic.slug: topic for topic in Topic.objects.all()}
        rows = InformationRequest.objects.filter(agency__in=self.agencies.values())
        self.existing = {
            (agency_id, submitted_at): pk
            for agency_id, submitted_at, pk in rows.values_list("agency_id", "submitted_at", "pk")
        }
        self.requests = {}  # scenario key -> request pk

    def _departments(self) -> dict:
        """{(agency slug, department key): Department}"""
        by_name = {
            (d.agency_id, d.name): d
            for d in Department.objects.filter(agency__in=self.agencies.values())
        }
        found = {}
        for slug, agency in self.agencies.items():
            for spec, name in departments_for(agency.level):
                found[(slug, spec.key)] = by_name.get((agency.pk, name))
        return found

    def run(self, plan: scenarios.Plan) -> None:
        for scenario in plan.scenarios:
            agency = self.agencies[scenario.agency]
            pk = self.existing.get((agency.pk, scenario.submitted_at))
            if pk is None:
                pk = self.create(scenario, agency).pk
            self.requests[scenario.key] = pk
            for review in scenario.reviews:
                self.load_review(pk, review)

    # One application ------------------------------------------------------------------------

    def create(self, scenario: scenarios.Scenario, agency) -> InformationRequest:
        scenario, entries = self.with_catalogue_entry(scenario, agency)
        data = scenario.cleaned_data()
        if scenario.channel == Channel.ONLINE:
            request, _code = intake.submit_online(
                agency=agency,
                cleaned_data=data,
                entries=entries,
                now=scenario.submitted_at,
                query_code=self.query_code,
            )
        else:
            request, _code = workflow.register_offline(
                agency=agency,
                user=self.handler(scenario),
                cleaned_data=data,
                channel=scenario.channel,
                event_on=scenario.submitted_on,
                query_code=self.query_code,
                entries=entries,
                at=scenario.submitted_at,
            )
        for step in scenario.steps:
            request = ACTIONS[step.action](self, request, step, scenario)
        self.backdate(request, scenario)
        self.loader.count("Information requests", "created")
        self.loader.say(
            f"  {request.tracking_number} {agency.slug:<18} {request.status:<11} {request.outcome}",
            2,
        )
        return request

    def with_catalogue_entry(self, scenario, agency):
        """An application naming a 依申请公开 entry of the agency's catalogue: the scenario
        with the entry's title and index number in its text, and the entries it names."""
        if scenario.subject != texts.CATALOGUE.key:
            return scenario, ()
        candidates = list(
            CatalogEntry.objects.published()
            .filter(agency=agency, disclosure_mode=DisclosureMode.ON_REQUEST)
            .order_by("index_number")
        )
        if not candidates:
            return scenario, ()
        entry = candidates[int(scenario.key[1:]) % len(candidates)]
        fill = {**scenario.fill, "entry_title": entry.title, "entry_index": entry.index_number}
        answer = next((s.option("answer") for s in scenario.steps if s.action == "reply"), "")
        reply = texts.reply_text(answer, texts.CATALOGUE, fill, entry.title) if answer else ""
        information = texts.information(texts.CATALOGUE, fill)
        return replace(scenario, fill=fill, information=information, reply_text=reply), (entry,)

    def handler(self, scenario):
        return self.users[handler_for(scenario.agency)]

    def refreshed(self, request):
        request.refresh_from_db()
        return request

    def backdate(self, request, scenario) -> None:
        """The historical times of the bookkeeping fields."""
        last = scenario.steps[-1].at if scenario.steps else scenario.submitted_at
        InformationRequest.objects.filter(pk=request.pk).update(
            created_at=scenario.submitted_at, updated_at=last
        )

    # Review cases -----------------------------------------------------------------------------

    def load_review(self, request_pk: int, review: scenarios.Review) -> None:
        values = {
            "case_number": review.case_number,
            "filed_on": review.filed_on,
            "body": review.body,
            "result": review.result,
            "decided_on": review.decided_on,
            "note": review.note,
        }
        lookup = {"request_id": request_pk, "kind": review.kind}  # one case of a kind each
        row = ReviewCase.objects.filter(**lookup).first()
        if row is None:
            ReviewCase.objects.create(**lookup, **values)
            self.loader.count("Review cases", "created")
            return
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        for name in changed:
            setattr(row, name, values[name])
        if changed:
            row.save()
            self.loader.count("Review cases", "updated")


# The steps: one function of the workflow each ------------------------------------------------


def _confirm_receipt(replayer, request, step, scenario):
    return workflow.confirm_receipt(request, replayer.handler(scenario), on=step.on, at=step.at)


def _auto_confirm(replayer, request, step, scenario):
    workflow.auto_confirm(step.on, at=step.at)
    return _checked(replayer.refreshed(request), RequestStatus.SUBMITTED, step)


def _checked(request, not_status, step):
    """The daily clock acts on every application due; make sure it acted on this one."""
    if request.status == not_status:
        raise RuntimeError(f"{step.action} on {step.on} left {request} {request.status}")
    return request


def _assign(replayer, request, step, scenario):
    department = replayer.departments.get((scenario.agency, step.option("department")))
    department = department or replayer.departments[(scenario.agency, "office")]
    return workflow.assign(
        request,
        replayer.handler(scenario),
        department=department,
        officer=replayer.handler(scenario),
        on=step.on,
        at=step.at,
    )


def _request_correction(replayer, request, step, scenario):
    return workflow.request_correction(
        request,
        replayer.handler(scenario),
        items=step.option("items"),
        due_on=step.option("due_on"),
        on=step.on,
        at=step.at,
    )


def _receive_correction(replayer, request, step, scenario):
    return workflow.receive_correction(request, replayer.handler(scenario), on=step.on, at=step.at)


def _close_uncorrected(replayer, request, step, scenario):
    workflow.close_uncorrected(step.on, at=step.at)
    return _checked(replayer.refreshed(request), RequestStatus.CORRECTION, step)


def _start_consultation(replayer, request, step, scenario):
    return workflow.start_consultation(
        request,
        replayer.handler(scenario),
        reason=step.option("reason"),
        note=step.option("note"),
        on=step.on,
        at=step.at,
    )


def _end_consultation(replayer, request, step, scenario):
    return workflow.end_consultation(
        request, replayer.handler(scenario), note=step.option("note"), on=step.on, at=step.at
    )


def _extend(replayer, request, step, scenario):
    return workflow.extend(
        request,
        replayer.handler(scenario),
        days=step.option("days"),
        reason=step.option("reason"),
        approved_by=step.option("approved_by"),
        on=step.on,
        at=step.at,
    )


def _issue_fee_notice(replayer, request, step, scenario):
    return workflow.issue_fee_notice(
        request,
        replayer.handler(scenario),
        method=step.option("method"),
        pages=step.option("pages"),
        on=step.on,
        at=step.at,
    )


def _record_payment(replayer, request, step, scenario):
    return workflow.record_payment(request, replayer.handler(scenario), on=step.on, at=step.at)


def _close_unpaid(replayer, request, step, scenario):
    workflow.close_unpaid(step.on, at=step.at)
    return _checked(replayer.refreshed(request), RequestStatus.FEE_PENDING, step)


def _reply(replayer, request, step, scenario):
    documents = ()
    if scenario.documents:
        pdf = one_page_pdf(
            [
                "Liaoning market regulation - disclosure portal demo",
                f"Reply document of application {request.tracking_number}",
                f"Replied on {step.on.isoformat()}",
                "",
                "This file was generated by manage.py load_demo.",
                "It stands in for the information disclosed in the reply.",
            ]
        )
        documents = [
            intake.Upload(
                ContentFile(pdf, name="政府信息公开申请答复材料.pdf"),
                DocumentKind.REPLY,
                "application/pdf",
            )
        ]
    request = workflow.reply(
        request,
        replayer.handler(scenario),
        answer=step.option("answer"),
        text=scenario.reply_text,
        documents=documents,
        on=step.on,
        at=step.at,
    )
    for document in request.documents.filter(kind=DocumentKind.REPLY):
        replayer.files.add(document)
        RequestDocument.objects.filter(pk=document.pk).update(uploaded_at=step.at)
        replayer.loader.count("Reply documents", "created")
    return request


def _record_delivery(replayer, request, step, scenario):
    return workflow.record_delivery(request, replayer.handler(scenario), on=step.on, at=step.at)


def _withdraw(replayer, request, step, scenario):
    user = None if step.option("by_applicant") else replayer.handler(scenario)
    return workflow.withdraw(request, user, reason=step.option("reason"), on=step.on, at=step.at)


def _mark_repeat(replayer, request, step, scenario):
    earlier = InformationRequest.objects.get(pk=replayer.requests[step.option("earlier")])
    return workflow.mark_repeat(
        request, replayer.handler(scenario), earlier=earlier, on=step.on, at=step.at
    )


def _convert(replayer, request, step, scenario):
    entry = workflow.convert_to_catalogue_draft(
        request,
        replayer.handler(scenario),
        title=step.option("title"),
        topic=replayer.topics[step.option("topic")],
        summary=step.option("summary"),
        on=step.on,
        at=step.at,
    )
    CatalogEntry.objects.filter(pk=entry.pk).update(created_at=step.at, updated_at=step.at)
    replayer.loader.count("Catalogue drafts from requests", "created")
    return replayer.refreshed(request)


ACTIONS = {
    "confirm_receipt": _confirm_receipt,
    "auto_confirm": _auto_confirm,
    "assign": _assign,
    "request_correction": _request_correction,
    "receive_correction": _receive_correction,
    "close_uncorrected": _close_uncorrected,
    "start_consultation": _start_consultation,
    "end_consultation": _end_consultation,
    "extend": _extend,
    "issue_fee_notice": _issue_fee_notice,
    "record_payment": _record_payment,
    "close_unpaid": _close_unpaid,
    "reply": _reply,
    "record_delivery": _record_delivery,
    "withdraw": _withdraw,
    "mark_repeat": _mark_repeat,
    "convert": _convert,
}
