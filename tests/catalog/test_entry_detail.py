"""An entry's page and its attachments: what each kind of entry shows, and to whom."""

import datetime
from urllib.parse import quote

import factory
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from catalog.models import (
    DisclosureMode,
    EntryAttachment,
    ReviewStatus,
    Scope,
    StaffRole,
    Validity,
)
from tests import factories

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n% test attachment\n"


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntryAttachment

    entry = factory.SubFactory(factories.PublishedEntryFactory)
    title = factory.Sequence(lambda n: f"附件{n}")
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="抽查结果.pdf"))


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def detail(client, entry, **kwargs):
    return client.get(
        reverse("catalog:entry_detail", kwargs={"index_number": entry.index_number}), **kwargs
    )


def published(**kwargs):
    return factories.PublishedEntryFactory(**kwargs)


# What the page shows ----------------------------------------------------------


def test_proactive_entry_shows_metadata_body_and_attachments(client, city):
    department = factories.DepartmentFactory(agency=city, name="质量监督处")
    entry = published(
        agency=city,
        department=department,
        title="关于产品质量抽查的通知",
        document_number="辽市监发〔2026〕7号",
        keywords="产品质量,抽查",
        body="<p>现将抽查结果公布如下。</p>",
    )
    AttachmentFactory(entry=entry, title="抽查结果汇总表")

    response = detail(client, entry, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    body = response.content.decode()
    text_only = strip_tags(body)
    for text in [
        entry.index_number,
        entry.topic.name,
        "Notice (通知)",
        city.name,
        "2026-03-02",
        "辽市监发〔2026〕7号",
        "产品质量、抽查",
        "In force (有效)",
        "Proactive disclosure (主动公开)",
        "The public (面向社会)",
        "Standing (长期公开)",
        "质量监督处",
        "<p>现将抽查结果公布如下。</p>",
        "抽查结果汇总表",
        "PDF",
        f"{len(PDF_BYTES)}\xa0bytes",
    ]:
        assert text in body or text in text_only, text
    assert response.context["breadcrumbs"][-2][0] == city.name
    assert response.context["breadcrumbs"][-1] == (entry.title, None)


def test_on_request_entry_shows_metadata_and_an_apply_button_but_no_body(client):
    entry = published(
        disclosure_mode=DisclosureMode.ON_REQUEST,
        summary="企业年度抽查明细。",
        body="<p>正文不应出现</p>",
    )
    AttachmentFactory(entry=entry, title="不应出现的附件")

    body = detail(client, entry, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "企业年度抽查明细。" in body
    assert "Apply for this information" in body
    apply_url = reverse("requests_app:new") + "?entry=" + quote(entry.index_number)
    assert f'href="{apply_url}"' in body
    assert "正文不应出现" not in body
    assert "不应出现的附件" not in body


def test_withheld_entry_shows_the_legal_ground_and_no_body(client):
    entry = published(
        disclosure_mode=DisclosureMode.WITHHELD,
        withheld_ground="依据《政府信息公开条例》第十四条,涉及国家秘密。",
        body="<p>机密正文</p>",
    )

    body = detail(client, entry).content.decode()

    assert "第十四条" in body
    assert "机密正文" not in body


def test_repealed_entry_is_marked_and_links_to_its_replacement(client):
    new = published(title="新办法")
    old = published(
        title="旧办法",
        validity=Validity.REPEALED,
        validity_changed_on=datetime.date(2025, 6, 30),
        replaced_by=new,
    )

    body = detail(client, old, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "This document was repealed on 2025-06-30." in body
    assert f'<a href="{new.get_absolute_url()}">新办法</a>' in body

    # The new entry names what it replaces.
    new_body = detail(client, new).content.decode()
    assert f'<a href="{old.get_absolute_url()}">旧办法</a>' in new_body


@pytest.mark.parametrize(
    ("validity", "message"),
    [(Validity.EXPIRED, "This document expired on"), (Validity.AMENDED, "was amended on")],
)
def test_expired_and_amended_entries_are_marked(client, validity, message):
    entry = published(validity=validity, validity_changed_on=datetime.date(2025, 1, 1))

    assert message in detail(client, entry, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_replacement_that_is_not_visible_is_not_linked(client):
    draft = factories.EntryFactory(title="尚未发布的新办法")
    old = published(
        validity=Validity.REPEALED,
        validity_changed_on=datetime.date(2025, 6, 30),
        replaced_by=draft,
    )

    response = detail(client, old)

    assert response.status_code == 200
    assert "尚未发布的新办法" not in response.content.decode()


# Who sees what --------------------------------------------------------------------


def test_unknown_index_number_is_404(client, agency):
    response = client.get(
        reverse("catalog:entry_detail", kwargs={"index_number": "11210000MB0123456X/2026-99999"})
    )

    assert response.status_code == 404


@pytest.mark.parametrize("status", [ReviewStatus.DRAFT, ReviewStatus.IN_REVIEW])
def test_unpublished_entries_are_404(client, status):
    entry = published(status=status)

    assert detail(client, entry).status_code == 404


def test_withdrawn_entry_answers_410_naming_its_index_number_and_date(client):
    entry = published(
        title="已撤回的通知",
        status=ReviewStatus.WITHDRAWN,
        withdrawn_at=datetime.datetime(2026, 4, 1, 2, 0, tzinfo=datetime.UTC),
        withdrawal_reason="内部原因:涉及尚未公开的执法线索",
    )

    response = detail(client, entry, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 410
    assert [t.name for t in response.templates][0] == "catalog/entry_gone.html"
    body = strip_tags(response.content.decode())
    assert entry.index_number in body
    assert "已撤回的通知" in body
    assert "withdrawn on 2026-04-01" in body
    assert "执法线索" not in body


def test_withdrawn_internal_entry_is_404_for_outsiders(client, city, other_city, make_staff):
    entry = published(
        agency=city,
        scope=Scope.INTERNAL,
        status=ReviewStatus.WITHDRAWN,
        withdrawn_at=timezone.now(),
    )

    assert detail(client, entry).status_code == 404
    client.force_login(make_staff(other_city, StaffRole.EDITOR))
    assert detail(client, entry).status_code == 404
    client.force_login(make_staff(city, StaffRole.EDITOR))
    assert detail(client, entry).status_code == 410


def test_internal_entry_is_404_for_the_public_and_other_agencies_but_200_for_its_staff(
    client, city, other_city, make_staff
):
    entry = published(agency=city, scope=Scope.INTERNAL, title="局务公开事项")
    missing_number = entry.index_number[:-1] + "9"
    missing = client.get(reverse("catalog:entry_detail", kwargs={"index_number": missing_number}))

    anonymous = detail(client, entry)
    assert anonymous.status_code == 404
    # Indistinguishable from a number that was never given out.
    assert [t.name for t in anonymous.templates] == [t.name for t in missing.templates]
    assert "局务公开事项" not in anonymous.content.decode()

    client.force_login(make_staff(other_city, StaffRole.EDITOR))
    assert detail(client, entry).status_code == 404

    client.force_login(make_staff(city, StaffRole.EDITOR))
    response = detail(client, entry)
    assert response.status_code == 200
    assert "局务公开事项" in response.content.decode()


def test_internal_entry_is_visible_to_staff_of_a_covering_parent_agency(client, city, make_staff):
    county = factories.CountyAgencyFactory(parent=city)
    entry = published(agency=county, scope=Scope.INTERNAL)
    user = make_staff(city, StaffRole.REVIEWER, covers_subordinates=True)
    client.force_login(user)

    assert detail(client, entry).status_code == 200


# Attachments ------------------------------------------------------------------------


def download(client, attachment, entry=None):
    entry = entry or attachment.entry
    return client.get(
        reverse(
            "catalog:attachment_download",
            kwargs={"index_number": entry.index_number, "pk": attachment.pk},
        )
    )


def test_attachment_download_serves_the_file_with_its_chinese_name(client):
    attachment = AttachmentFactory()

    response = download(client, attachment)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(PDF_BYTES))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote('抽查结果.pdf')}" in disposition


def test_attachment_of_on_request_entry_is_404(client):
    attachment = AttachmentFactory(entry=published(disclosure_mode=DisclosureMode.ON_REQUEST))

    assert download(client, attachment).status_code == 404


def test_attachment_of_withdrawn_entry_is_404(client):
    attachment = AttachmentFactory()
    attachment.entry.status = ReviewStatus.WITHDRAWN
    attachment.entry.save()

    assert download(client, attachment).status_code == 404


def test_attachment_under_another_entrys_number_is_404(client):
    attachment = AttachmentFactory()
    other = published()

    assert download(client, attachment, entry=other).status_code == 404


def test_attachment_of_internal_entry_is_404_for_the_public(client, city, make_staff):
    attachment = AttachmentFactory(entry=published(agency=city, scope=Scope.INTERNAL))

    assert download(client, attachment).status_code == 404
    client.force_login(make_staff(city, StaffRole.EDITOR))
    assert download(client, attachment).status_code == 200


# Query counts -------------------------------------------------------------------------


# entry, replacement, replaced entries, attachments, power items citing it, nav guide link
DETAIL_QUERY_LIMIT = 6


def test_detail_query_count_is_the_same_with_0_and_5_attachments(
    client, django_assert_max_num_queries
):
    counts = []
    for n_attachments in (0, 5):
        new = published()
        entry = published(
            validity=Validity.AMENDED,
            validity_changed_on=datetime.date(2025, 1, 1),
            replaced_by=new,
        )
        published(replaced_by=entry)
        AttachmentFactory.create_batch(n_attachments, entry=entry)

        with django_assert_max_num_queries(DETAIL_QUERY_LIMIT) as captured:
            response = detail(client, entry)

        assert len(response.context["attachments"]) == n_attachments
        counts.append(len(captured))
    assert counts[0] == counts[1]
