"""Import and export of power items and fee items in the admin (issue 3, point 7).

Upload -> preview of every row (a dry run) -> confirm, which writes everything
or nothing; the confirm step trusts only a payload signed for this user and
agency. Export gives the same columns back, as a button and as a list action.
"""

import codecs
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from catalog import spreadsheets
from catalog.models import FeeItem, PowerItem, ReviewStatus, StaffRole
from catalog.spreadsheets import POWER_ITEMS
from tests import factories

IMPORT = reverse("admin:catalog_poweritem_import")
EXPORT = reverse("admin:catalog_poweritem_export")
POWER_LIST = reverse("admin:catalog_poweritem_changelist")
FEE_IMPORT = reverse("admin:catalog_feeitem_import")
HEADERS = POWER_ITEMS.headers
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def login():
    def _login(user):
        client = Client(headers={"accept-language": "en"})
        client.force_login(user)
        return client

    return _login


def row(**cells):
    values = {
        "职权编码": "XK-001",
        "职权名称": "食品经营许可",
        "职权类别": "行政许可",
        "设定依据": "《中华人民共和国食品安全法》第三十五条",
        "办理流程": "受理：窗口受理\n决定：作出许可决定",
        "法定时限（工作日）": 20,
        "承诺时限（工作日）": 10,
        "实施日期": "2026/1/5",
    }
    values.update(cells)
    return values


def xlsx_upload(rows, name="权责清单.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for values in rows:
        sheet.append([values.get(h, "") for h in HEADERS])
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue(), content_type=XLSX)


def csv_upload(rows, encoding, name="权责清单.csv"):
    lines = [",".join(HEADERS)]
    for values in rows:
        cells = [str(values.get(h, "")) for h in HEADERS]
        lines.append(",".join(f'"{c}"' if "\n" in c or "," in c else c for c in cells))
    data = "\r\n".join(lines).encode(encoding)
    if encoding == "utf-8":
        data = codecs.BOM_UTF8 + data
    return SimpleUploadedFile(name, data, content_type="text/csv")


def upload(client, agency, file, url=IMPORT):
    return client.post(url, {"agency": agency.pk, "file": file})


def confirm(client, preview):
    form = preview.context["confirm"]
    return client.post(
        IMPORT,
        {"agency": form.initial["agency"], "payload": form.initial["payload"]},
        follow=True,
    )


# The way in ------------------------------------------------------------------------------


def test_the_list_has_import_and_export_buttons(login, editor):
    response = login(editor).get(POWER_LIST)
    assert f'href="{IMPORT}"' in response.text
    assert f'href="{EXPORT}"' in response.text


def test_import_form_offers_only_agencies_the_user_may_edit(login, make_staff, city, other_city):
    user = make_staff(city, StaffRole.EDITOR)
    factories.MembershipFactory(user=user, agency=other_city, role=StaffRole.REQUEST_OFFICER)
    response = login(user).get(IMPORT)
    assert response.status_code == 200
    assert list(response.context["form"].fields["agency"].queryset) == [city]
    assert "职权编码" in response.text  # the columns are explained


def test_a_request_officer_may_not_import(login, make_staff, city):
    officer = make_staff(city, StaffRole.REQUEST_OFFICER)
    assert login(officer).get(IMPORT).status_code == 403


def test_uploading_into_another_agency_is_refused(login, editor, other_city):
    response = upload(login(editor), other_city, xlsx_upload([row()]))
    assert "agency" in response.context["form"].errors
    assert not PowerItem.objects.exists()


# Preview, then confirm -------------------------------------------------------------------


def test_valid_xlsx_is_previewed_then_written_on_confirmation(login, editor, city):
    client = login(editor)
    preview = upload(client, city, xlsx_upload([row(), row(职权编码="XK-002", 职权名称="许可二")]))
    assert preview.status_code == 200
    assert [(r.number, r.action_label) for r in preview.context["plan"].rows] == [
        (2, "New"),
        (3, "New"),
    ]
    assert not PowerItem.objects.exists()  # a preview writes nothing
    response = confirm(client, preview)
    assert response.redirect_chain[-1][0] == f"{POWER_LIST}?agency__id__exact={city.pk}"
    [message] = [str(m) for m in response.context["messages"]]
    assert "2 new, 0 updated, 0 unchanged" in message
    items = PowerItem.objects.filter(agency=city).order_by("code")
    assert [(i.code, i.status, i.created_by) for i in items] == [
        ("XK-001", ReviewStatus.DRAFT, editor),
        ("XK-002", ReviewStatus.DRAFT, editor),
    ]
    assert [s.name for s in items[0].steps.all()] == ["受理", "决定"]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_valid_csv_is_imported_whatever_excel_saved_it_as(login, editor, city, encoding):
    client = login(editor)
    preview = upload(client, city, csv_upload([row()], encoding))
    assert preview.context["plan"].is_valid
    confirm(client, preview)
    item = PowerItem.objects.get(agency=city)
    assert item.name == "食品经营许可"
    assert [s.description for s in item.steps.all()] == ["窗口受理", "作出许可决定"]


def test_invalid_rows_are_listed_with_row_and_column_and_cannot_be_confirmed(login, editor, city):
    rows = [row(), row(职权编码="XK-002", 职权类别="许可"), row(职权编码="XK-003", 实施日期="明年")]
    response = upload(login(editor), city, xlsx_upload(rows))
    assert response.context["confirm"] is None
    assert "Nothing has been written" in response.text
    assert '<th scope="row">3</th>' in response.text
    assert "职权类别：“许可” is not one of" in response.text
    assert "实施日期：“明年” is not a date" in response.text
    assert 'name="payload"' not in response.text
    assert not PowerItem.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused_next_to_the_field(login, editor, city):
    fake = SimpleUploadedFile("权责清单.xlsx", b"%PDF-1.7 not a workbook", content_type=XLSX)
    response = upload(login(editor), city, fake)
    assert (
        "The file is not an XLSX workbook that can be opened."
        in response.context["form"].errors["file"]
    )
    picture = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    response = upload(login(editor), city, picture)
    assert (
        "Upload a spreadsheet: an .xlsx or a .csv file." in response.context["form"].errors["file"]
    )


def test_a_file_with_the_wrong_columns_is_refused_with_what_is_missing(login, editor, city):
    data = "职权编码,职权名称\r\nXK-001,许可\r\n".encode()
    response = upload(login(editor), city, SimpleUploadedFile("a.csv", data))
    [error] = response.context["form"].errors["file"]
    assert error.startswith("Columns missing: 子项、职权类别")


def test_a_tampered_payload_is_refused_and_writes_nothing(login, editor, city):
    client = login(editor)
    preview = upload(client, city, xlsx_upload([row()]))
    payload = preview.context["confirm"].initial["payload"]
    response = client.post(IMPORT, {"agency": city.pk, "payload": payload[:-3] + "abc"})
    assert "This preview has expired or was altered." in response.text
    assert not PowerItem.objects.exists()


def test_a_payload_forged_from_another_users_preview_or_agency_is_refused(
    login, editor, make_staff, city
):
    table = [[1, HEADERS], [2, [row().get(h, "") for h in HEADERS]]]
    colleague = make_staff(city, StaffRole.EDITOR)
    theirs = spreadsheets.sign_table(table, sheet=POWER_ITEMS, user=colleague, agency=city)
    response = login(editor).post(IMPORT, {"agency": city.pk, "payload": theirs})
    assert "This preview has expired or was altered." in response.text
    fee_payload = spreadsheets.sign_table(
        table, sheet=spreadsheets.FEE_ITEMS, user=editor, agency=city
    )
    response = login(editor).post(IMPORT, {"agency": city.pk, "payload": fee_payload})
    assert "This preview has expired or was altered." in response.text
    assert not PowerItem.objects.exists()


def test_a_payload_for_an_agency_the_user_no_longer_edits_is_refused(login, make_staff, city):
    user = make_staff(city, StaffRole.EDITOR)
    client = login(user)
    preview = upload(client, city, xlsx_upload([row()]))
    user.memberships.update(role=StaffRole.REQUEST_OFFICER)
    form = preview.context["confirm"]
    response = client.post(IMPORT, {"agency": city.pk, "payload": form.initial["payload"]})
    assert "This preview has expired or was altered." in response.text
    assert not PowerItem.objects.exists()


def test_confirmation_checks_again_and_writes_nothing_if_an_item_was_published_meanwhile(
    login, editor, city
):
    client = login(editor)
    preview = upload(client, city, xlsx_upload([row(), row(职权编码="XK-002")]))
    factories.PublishedPowerItemFactory(agency=city, code="XK-002", name="刚发布的事项")
    response = confirm(client, preview)
    assert "Nothing has been written" in response.text
    assert list(PowerItem.objects.values_list("code", flat=True)) == ["XK-002"]


# Export ----------------------------------------------------------------------------------


def test_export_button_downloads_one_agencys_list_in_the_import_format(
    login, editor, city, other_city
):
    factories.PowerItemFactory(agency=city, code="XK-9")
    factories.PublishedPowerItemFactory(agency=other_city, code="OTHER-1")
    client = login(editor)
    form = client.get(EXPORT)
    assert list(form.context["form"].fields["agency"].queryset) == [city]
    response = client.get(EXPORT, {"agency": city.pk, "file_format": "xlsx"})
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADERS
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["XK-9"]
    refused = client.get(EXPORT, {"agency": other_city.pk, "file_format": "csv"})
    assert "agency" in refused.context["form"].errors


def test_export_action_of_the_selected_items_imports_back_without_changes(login, editor, city):
    items = factories.PowerItemFactory.create_batch(2, agency=city)
    client = login(editor)
    response = client.post(
        POWER_LIST,
        {"action": "export_csv_selected", "_selected_action": [i.pk for i in items]},
    )
    assert response.content.startswith(codecs.BOM_UTF8)
    again = upload(client, city, SimpleUploadedFile("导出.csv", response.content))
    assert [r.action_label for r in again.context["plan"].rows] == ["No change", "No change"]
    assert again.context["confirm"] is None
    assert "there is nothing to import" in again.text


def test_export_action_refuses_items_of_two_agencies(login, make_staff, agency, city, other_city):
    covering = make_staff(agency, StaffRole.REVIEWER, covers_subordinates=True)
    items = [factories.PowerItemFactory(agency=a) for a in (city, other_city)]
    response = login(covering).post(
        POWER_LIST,
        {"action": "export_xlsx_selected", "_selected_action": [i.pk for i in items]},
        follow=True,
    )
    assert "Select the items of one agency" in response.text


def test_a_blank_template_has_only_the_header(login, editor):
    response = login(editor).get(EXPORT, {"blank": "1", "file_format": "csv"})
    assert response.content.decode("utf-8-sig").strip() == ",".join(HEADERS)


def test_fee_items_are_imported_through_their_own_list(login, editor, city):
    headers = spreadsheets.FEE_ITEMS.headers
    values = {
        "收费编码": "SF-01",
        "收费项目名称": "计量检定费",
        "收费依据": "《计量法》",
        "批准文件": "辽价发〔2019〕12号",
        "收费标准（元）": "120",
        "缴费对象": "申请人",
    }
    data = "\r\n".join([",".join(headers), ",".join(values.get(h, "") for h in headers)])
    client = login(editor)
    preview = upload(client, city, SimpleUploadedFile("收费.csv", data.encode()), url=FEE_IMPORT)
    form = preview.context["confirm"]
    client.post(FEE_IMPORT, {"agency": city.pk, "payload": form.initial["payload"]})
    assert FeeItem.objects.get(agency=city).name == "计量检定费"
