"""Factories for tests. Registered as fixtures once, in ``tests/conftest.py``."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from catalog.models import (
    Agency,
    AgencyLevel,
    CatalogEntry,
    DecisionKind,
    DecisionRecord,
    Department,
    DepartmentRole,
    DisclosureGuide,
    FeeItem,
    Genre,
    IndexCounter,
    PartyKind,
    PowerItem,
    PowerItemStep,
    PowerKind,
    PowerResponsibility,
    ReviewStatus,
    StaffMembership,
    StaffRole,
    Topic,
)
from catalog.validators import CREDIT_CODE_ALPHABET, credit_code_check_character


def make_credit_code(n: int) -> str:
    """A valid unified social credit code that differs for every ``n``."""
    digits = ""
    value = n
    for _ in range(8):
        digits = CREDIT_CODE_ALPHABET[value % 31] + digits
        value //= 31
    first17 = "11210000" + "M" + digits
    return first17 + credit_code_check_character(first17)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试市场监督管理局{n}")
    short_name = factory.Sequence(lambda n: f"测试局{n}")
    slug = factory.Sequence(lambda n: f"agency-{n}")
    credit_code = factory.Sequence(make_credit_code)
    level = AgencyLevel.PROVINCE
    parent = None
    address = "沈阳市和平区测试路1号"
    phone = "024-12345678"
    reception_office = "政府信息公开办公室"
    reception_address = "沈阳市和平区测试路1号一楼受理窗口"
    reception_hours = "工作日 8:30-11:30, 13:00-17:00"
    reception_phone = "024-12345679"


class CityAgencyFactory(AgencyFactory):
    level = AgencyLevel.CITY
    parent = factory.SubFactory(AgencyFactory)


class CountyAgencyFactory(AgencyFactory):
    level = AgencyLevel.COUNTY
    parent = factory.SubFactory(CityAgencyFactory)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"办公室{n}")
    role = DepartmentRole.OFFICE


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"主题{n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMembership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, is_staff=True)
    agency = factory.SubFactory(AgencyFactory)
    role = StaffRole.EDITOR

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            from django.contrib.auth.models import Group

            from catalog.roles import ROLE_GROUPS, sync_groups, sync_user_groups

            # Transactional tests flush the tables, including the groups the
            # data migration made: make them again when they are gone.
            if Group.objects.filter(name__in=ROLE_GROUPS.values()).count() < len(ROLE_GROUPS):
                sync_groups()
            sync_user_groups(obj.user)


class EntryFactory(factory.django.DjangoModelFactory):
    """A draft entry."""

    class Meta:
        model = CatalogEntry

    title = factory.Sequence(lambda n: f"关于开展第{n}批产品质量监督抽查的通知")
    agency = factory.SubFactory(AgencyFactory)
    topic = factory.SubFactory(TopicFactory)
    genre = Genre.NOTICE
    document_number = factory.Sequence(lambda n: f"辽市监发〔2026〕{n}号")
    keywords = "产品质量,抽查"
    summary = "对本省生产销售的产品开展监督抽查。"
    body = "<p>各市市场监督管理局:</p><p>现将有关事项通知如下。</p>"
    date_made = datetime.date(2026, 3, 2)


class PublishedEntryFactory(EntryFactory):
    """A published entry with an allocated index number (set up without the workflow)."""

    status = ReviewStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    confidentiality_opinion = "经审查,不涉及国家秘密,同意公开。"
    index_number = factory.LazyAttribute(
        lambda e: IndexCounter.allocate(e.agency, e.published_at.year)
    )


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisclosureGuide

    agency = factory.SubFactory(AgencyFactory)
    proactive_scope = "本机关主动公开的政府信息包括机构职能、政策法规、行政许可、行政处罚等。"
    revised_on = datetime.date(2026, 1, 15)


_PUBLISHED = {
    "status": ReviewStatus.PUBLISHED,
    "published_at": factory.LazyFunction(timezone.now),
    "confidentiality_opinion": "经审查,不涉及国家秘密,同意公开。",
}


class FeeItemFactory(factory.django.DjangoModelFactory):
    """A draft fee item."""

    class Meta:
        model = FeeItem

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"SF-{n:04d}")
    name = factory.Sequence(lambda n: f"计量检定费{n}")
    legal_basis = "《中华人民共和国计量法》第二十二条"
    approving_document = "辽价发〔2019〕12号"
    amount = "120.00"
    unit = "台次"
    payer = "申请计量检定的单位和个人"


class PublishedFeeItemFactory(FeeItemFactory):
    status = _PUBLISHED["status"]
    published_at = _PUBLISHED["published_at"]
    confidentiality_opinion = _PUBLISHED["confidentiality_opinion"]


class PowerItemFactory(factory.django.DjangoModelFactory):
    """A draft power item (a penalty unless told otherwise)."""

    class Meta:
        model = PowerItem

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"CF-{n:05d}")
    name = factory.Sequence(lambda n: f"对销售不合格产品行为的处罚{n}")
    kind = PowerKind.PENALTY
    legal_basis = "《中华人民共和国产品质量法》第四十九条"
    statutory_days = 90
    promised_days = 60
    supervision = "辽宁省市场监督管理局法规处 024-12345670"
    reconsideration_body = "辽宁省人民政府"
    litigation_court = "沈阳市和平区人民法院"


class PublishedPowerItemFactory(PowerItemFactory):
    status = _PUBLISHED["status"]
    published_at = _PUBLISHED["published_at"]
    confidentiality_opinion = _PUBLISHED["confidentiality_opinion"]


class PowerItemStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PowerItemStep

    power_item = factory.SubFactory(PowerItemFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = "立案"
    description = "对符合立案条件的案件予以立案。"


class PowerResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PowerResponsibility

    power_item = factory.SubFactory(PowerItemFactory)
    order = factory.Sequence(lambda n: n + 1)
    stage = "调查取证"
    duty = "执法人员不少于两人,出示执法证件,全面、客观、公正地调查收集证据。"


class DecisionFactory(factory.django.DjangoModelFactory):
    """A draft penalty decision against a company, for a published penalty power."""

    class Meta:
        model = DecisionRecord

    agency = factory.SubFactory(AgencyFactory)
    power_item = factory.SubFactory(
        PublishedPowerItemFactory, agency=factory.SelfAttribute("..agency")
    )
    kind = factory.LazyAttribute(
        lambda d: {
            PowerKind.LICENSING: DecisionKind.LICENCE,
            PowerKind.COERCION: DecisionKind.COERCION,
        }.get(d.power_item.kind, DecisionKind.PENALTY)
    )
    number = factory.Sequence(lambda n: f"辽市监处罚〔2026〕{n}号")
    decided_on = datetime.date(2026, 5, 12)
    party_kind = PartyKind.ORGANISATION
    party_name = factory.Sequence(lambda n: f"沈阳示例商贸有限公司{n}")
    party_code = factory.Sequence(lambda n: make_credit_code(900000 + n))
    legal_representative = "王建国"
    facts = "当事人销售不合格电线电缆。"
    basis = "《中华人民共和国产品质量法》第四十九条"
    content = "没收违法销售的产品,并处罚款。"
    fine_amount = "20000.00"


class PublishedDecisionFactory(DecisionFactory):
    status = _PUBLISHED["status"]
    published_at = _PUBLISHED["published_at"]
    confidentiality_opinion = _PUBLISHED["confidentiality_opinion"]
