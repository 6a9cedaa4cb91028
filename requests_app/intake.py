"""Creation of online applications and the applicant's way back to them.

An applicant has no account: the tracking number and a secret query code
are the key to the request. The code is shown once on the receipt and sent
once by e-mail; only its hash is stored (``make_password``) and it is
compared in constant time (``check_password``). Looking a request up by
number and code takes the same time whether or not the number exists.

Staff intake of offline applications (in person, post, e-mail, fax) is
``requests_app.workflow.register_offline``; both use ``save_documents`` and
the query-code helpers here.
"""

import logging
import posixpath
import re
import secrets
import zoneinfo
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone

from requests_app.models import (
    Channel,
    DocumentKind,
    EventKind,
    InformationRequest,
    RequestCounter,
    RequestDocument,
    RequestEvent,
    RequestStatus,
)

logger = logging.getLogger(__name__)

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")

# No 0/O, 1/I/L: a code read from paper or a phone screen is typed right.
QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
QUERY_CODE_LENGTH = 10

# The fields of an application the form may set; everything else is the workflow's.
APPLICATION_FIELDS = (
    "applicant_kind",
    "applicant_name",
    "id_type",
    "id_number",
    "organisation_code",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "information_title",
    "information_number",
    "description",
    "information_form",
    "delivery",
)


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def normalise_query_code(code: str) -> str:
    """What the applicant typed, as stored: capitals, without spaces or dashes."""
    return re.sub(r"[\s-]", "", code or "").upper()


def normalise_tracking_number(number: str) -> str:
    return re.sub(r"\s", "", number or "")


def hash_query_code(code: str) -> str:
    return make_password(normalise_query_code(code))


def check_query_code(request: InformationRequest, code: str) -> bool:
    return check_password(normalise_query_code(code), request.query_code_hash)


def _decoy_hash() -> str:
    """A hash to check against when the number is unknown, so both cases cost the same
    (made with the hasher in force, once per configuration)."""
    return _decoy_hash_for(tuple(settings.PASSWORD_HASHERS))


@cache
def _decoy_hash_for(hashers: tuple) -> str:
    return make_password(new_query_code())


def find_for_tracking(number: str, code: str) -> InformationRequest | None:
    """The request with this tracking number if ``code`` is its query code, else None.

    Always runs exactly one hash check: an unknown number takes as long to
    refuse as a wrong code, so timing does not tell numbers apart.
    """
    number = normalise_tracking_number(number)
    found = None
    if re.fullmatch(RequestCounter.PATTERN, number):
        found = (
            InformationRequest.objects.select_related("agency")
            .filter(tracking_number=number)
            .first()
        )
    if found is None:
        check_password(normalise_query_code(code), _decoy_hash())
        return None
    return found if check_query_code(found, code) else None


@dataclass(frozen=True)
class Upload:
    """A file to keep with a request: its content type was checked by content, not by name."""

    file: object  # an UploadedFile or a django File
    kind: str = DocumentKind.APPLICANT_FILE
    content_type: str = "application/octet-stream"


def save_documents(request: InformationRequest, uploads, *, user=None, public=False) -> list:
    """Store ``uploads`` in the private storage as documents of ``request``."""
    documents = []
    for upload in uploads:
        name = posixpath.basename(getattr(upload.file, "name", "") or "") or "file"
        document = RequestDocument(
            request=request,
            kind=upload.kind,
            title=name[:200],
            content_type=upload.content_type,
            size=getattr(upload.file, "size", 0) or 0,
            public=public,
            uploaded_by=user,
        )
        document.file.save(name, upload.file, save=False)
        document.save()
        documents.append(document)
    return documents


@dataclass(frozen=True)
class QueryCode:
    """A query code and its hash. Hashing is slow on purpose; ``QueryCode.new()`` makes
    a fresh one per application. Only the demo loader passes one shared, documented code
    (hashed once) to every demo application."""

    code: str
    hash: str

    @classmethod
    def new(cls) -> "QueryCode":
        code = new_query_code()
        return cls(code, hash_query_code(code))


def submit_online(*, agency, cleaned_data: dict, entries=(), uploads=(), now=None, query_code=None):
    """File an online application: returns ``(request, query_code)``.

    One transaction: a tracking number from the year's counter (China time),
    the request (SUBMITTED, awaiting confirmation of receipt, Art. 31), the
    catalogue entries it names, its documents in private storage and the
    public SUBMITTED event. After commit the applicant is notified, the one
    time the query code is ever mailed.
    """
    now = now or timezone.now()
    query_code = query_code or QueryCode.new()
    code = query_code.code
    values = {name: cleaned_data[name] for name in APPLICATION_FIELDS if name in cleaned_data}
    with transaction.atomic():
        request = InformationRequest(
            tracking_number=RequestCounter.allocate(now.astimezone(CHINA).year),
            query_code_hash=query_code.hash,
            agency=agency,
            channel=Channel.ONLINE,
            status=RequestStatus.SUBMITTED,
            submitted_at=now,
            consent_at=now,
            **values,
        )
        request.save()
        if entries:
            request.entries.set(entries)
        save_documents(request, uploads)
        event = RequestEvent.objects.create(
            request=request,
            kind=EventKind.SUBMITTED,
            at=now,
            public=True,
            data={"channel": Channel.ONLINE.value},
        )
        transaction.on_commit(lambda: _notify_submitted(event, code))
    logger.info("Online application %s filed with agency %s", request.tracking_number, agency.pk)
    return request, code


def _notify_submitted(event, code):
    from requests_app import notifications

    notifications.notify_applicant(event, query_code=code)
