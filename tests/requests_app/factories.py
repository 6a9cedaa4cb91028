"""Factories and helpers for tests of disclosure on request.

- ``InformationRequestFactory``: a valid online application of a natural person,
  in state SUBMITTED (receipt not yet confirmed), with its public SUBMITTED
  event, a valid 18-digit resident ID number (check digit included), an
  e-mail address, and the query code ``QUERY_CODE`` (stored hashed).
  Pass ``submitted_event=False`` for a bare row without its event.
- ``OrganisationRequestFactory``: the same for a commercial enterprise, with
  a valid unified social credit code, legal representative and contact person.
- ``handler(agency, role=REQUEST_OFFICER)``: a staff user who may handle the
  agency's requests.
- ``received_request(on=..., user=None, **factory_kwargs)``: an application
  taken through ``workflow.confirm_receipt``, so it is RECEIVED with its
  receipt date, clock start and due date set by the workflow itself.
- ``at_china(day, hour=9)``: an aware datetime in China time, for ``submitted_at``.
- ``use_private_storage(tmp_path, monkeypatch)``: documents saved in a test go to
  ``tmp_path``, not to the real private storage.
- ``make_resident_id(n)``: a valid resident ID number that differs for every ``n``.

Speed: hashing (staff passwords, query codes) is slow on purpose; a test module that
does not test it may set ``settings.PASSWORD_HASHERS = FAST_HASHERS``.

Dates: ``submitted_at`` is "now" (freeze the clock with ``time_machine``);
``received_request(on=...)`` takes the legal date of receipt.
"""

import datetime
import functools
import zoneinfo

import factory
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from catalog.models import StaffRole
from requests_app.models import (
    ApplicantKind,
    Channel,
    Delivery,
    EventKind,
    IdType,
    InformationForm,
    InformationRequest,
    RequestCounter,
    RequestEvent,
    RequestStatus,
)
from tests.factories import AgencyFactory, MembershipFactory, make_credit_code

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")

# The query code of every factory-made request (see ``InformationRequestFactory``).
QUERY_CODE = "K7M9P3QX4R"

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def resident_id_check_character(first17: str) -> str:
    """The check character of a resident ID number (GB 11643-1999, ISO 7064 MOD 11-2)."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def make_resident_id(n: int, born: datetime.date = datetime.date(1985, 6, 15)) -> str:
    """A valid resident ID number of Shenyang Heping district, different for every ``n``.

    ``n`` picks the birth date (days after ``born``) and the sequence digits.
    """
    birthday = born + datetime.timedelta(days=n // 500)
    first17 = f"210102{birthday:%Y%m%d}{n % 500 * 2 + 1:03d}"
    return first17 + resident_id_check_character(first17)


# For ``settings.PASSWORD_HASHERS`` in tests that do not test hashing itself: the real
# hasher is slow on purpose, and every staff user and query code is hashed.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def query_code_hash(code: str = QUERY_CODE) -> str:
    """The stored hash of ``code``, made once per set of configured hashers."""
    return _hash(code, tuple(settings.PASSWORD_HASHERS))


@functools.cache
def _hash(code: str, hashers: tuple) -> str:
    return make_password(code)


def _tracking_number(request) -> str:
    return RequestCounter.allocate(timezone.localtime(request.submitted_at).year)


class InformationRequestFactory(factory.django.DjangoModelFactory):
    """An online application of a natural person, SUBMITTED, awaiting confirmation of receipt."""

    class Meta:
        model = InformationRequest
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    channel = Channel.ONLINE
    status = RequestStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)
    consent_at = factory.SelfAttribute("submitted_at")
    tracking_number = factory.LazyAttribute(_tracking_number)
    query_code_hash = factory.LazyFunction(query_code_hash)

    applicant_kind = ApplicantKind.NATURAL_PERSON
    applicant_name = factory.Sequence(lambda n: ["张伟", "王芳", "李娜", "刘洋"][n % 4] + "明")
    id_type = IdType.RESIDENT_ID
    id_number = factory.Sequence(make_resident_id)
    phone = factory.Sequence(lambda n: f"138{n % 100000000:08d}")
    email = factory.Sequence(lambda n: f"applicant{n}@example.com")
    address = "沈阳市和平区示例街道12号3单元401室"
    postcode = "110001"

    information_title = factory.Sequence(lambda n: f"2025年度食品安全监督抽检结果{n}")
    information_number = ""
    description = "请公开贵局2025年度本市食品安全监督抽检的结果汇总及不合格产品名单。"
    information_form = InformationForm.ELECTRONIC
    delivery = Delivery.EMAIL

    @factory.post_generation
    def submitted_event(obj, create, extracted, **kwargs):  # noqa: N805
        """The public SUBMITTED event intake writes; ``submitted_event=False`` leaves it out."""
        if create and extracted is not False:
            RequestEvent.objects.create(
                request=obj,
                kind=EventKind.SUBMITTED,
                at=obj.submitted_at,
                public=True,
                data={"channel": obj.channel},
            )


class OrganisationRequestFactory(InformationRequestFactory):
    """An online application of a commercial enterprise."""

    applicant_kind = ApplicantKind.COMMERCIAL
    applicant_name = factory.Sequence(lambda n: f"沈阳示例信息咨询有限公司{n}")
    id_type = ""
    id_number = ""
    organisation_code = factory.Sequence(lambda n: make_credit_code(500000 + n))
    legal_representative = "赵建国"
    contact_person = "钱晓东"


def at_china(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """An aware datetime on ``day`` at ``hour:minute`` China time."""
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA)


def use_private_storage(directory, monkeypatch):
    """Point the private storage of request documents at ``directory`` (a ``tmp_path``)."""
    from requests_app.models import RequestDocument

    storage = RequestDocument._meta.get_field("file").storage
    monkeypatch.setitem(storage.__dict__, "base_location", str(directory))
    monkeypatch.setitem(storage.__dict__, "location", str(directory))
    return directory


def handler(agency, role=StaffRole.REQUEST_OFFICER, **kwargs):
    """A staff user who handles requests of ``agency`` (a request officer by default)."""
    return MembershipFactory(agency=agency, role=role, **kwargs).user


def received_request(*, on: datetime.date | None = None, user=None, **kwargs):
    """An application whose receipt ``workflow.confirm_receipt`` confirmed on ``on``.

    ``kwargs`` go to ``InformationRequestFactory``; ``user`` defaults to a new
    request officer of the request's agency. Without ``submitted_at``, an
    application received on ``on`` was submitted that morning at 9:00.
    Returns the request as stored.
    """
    from requests_app import workflow

    if on is not None and "submitted_at" not in kwargs:
        kwargs["submitted_at"] = at_china(on)
    request = InformationRequestFactory(**kwargs)
    workflow.confirm_receipt(request, user or handler(request.agency), on=on)
    request.refresh_from_db()
    return request
