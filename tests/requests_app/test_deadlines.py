"""The legal clock of disclosure on request (DOMAIN.md section 4), named by the article checked.

Arts. 30-33 of the Regulations, 国办函〔2020〕109号 (fees) and Civil Code
Art. 201 (the day a period starts from is not counted). Holidays and make-up
days are the chinese-calendar package's 2026 data.
"""

import datetime

import pytest
from django.utils import translation

from catalog.statutes import (
    CORRECTION_NOTICE_WORKING_DAYS,
    EXTENSION_MAX_WORKING_DAYS,
    FEE_PAYMENT_WORKING_DAYS,
    REPLY_WORKING_DAYS,
    THIRD_PARTY_WORKING_DAYS,
)
from requests_app.deadlines import (
    ExtensionError,
    Pause,
    correction_notice_due,
    fee_payment_due,
    receipt_date,
    reply_due,
    restart_after_correction,
    third_party_reply_due,
)
from requests_app.models import CalendarDay, CalendarDayKind, Channel, PauseReason
from requests_app.workdays import Calendar, DaySource, add_working_days

D = datetime.date


@pytest.fixture
def fixed():
    """The statutory calendar without overrides; never touches the database."""
    return Calendar.fixed()


def counted_dates(due):
    return [day.date for day in due.counted]


# Art. 33: 20 working days, receipt day not counted ------------------------------------


def test_art33_reply_due_is_20th_working_day_after_receipt_receipt_day_not_counted(fixed):
    due = reply_due(D(2026, 3, 2), calendar=fixed)  # a Monday in a month without holidays
    assert due.due_on == D(2026, 3, 30)
    assert len(due.counted) == REPLY_WORKING_DAYS
    assert due.counted[0].date == D(2026, 3, 3)
    assert D(2026, 3, 2) not in counted_dates(due)
    assert not due.provisional


def test_art33_reply_clock_skips_plain_weekends_and_names_them(fixed):
    due = reply_due(D(2026, 3, 2), calendar=fixed)
    assert [day.date for day in due.skipped] == [
        D(2026, 3, 7),
        D(2026, 3, 8),
        D(2026, 3, 14),
        D(2026, 3, 15),
        D(2026, 3, 21),
        D(2026, 3, 22),
        D(2026, 3, 28),
        D(2026, 3, 29),
    ]
    with translation.override("en"):
        assert {str(day.label) for day in due.skipped} == {"Weekend"}
        assert "March 7, 2026 to March 8, 2026: Weekend, not counted" in due.explain()


def test_art33_reply_clock_across_spring_festival_2026_counts_the_makeup_saturdays(fixed):
    due = reply_due(D(2026, 2, 10), calendar=fixed)
    assert due.due_on == D(2026, 3, 16)
    assert [day.date for day in due.makeup_workdays] == [D(2026, 2, 14), D(2026, 2, 28)]
    festival = [day.date for day in due.skipped if day.date.month == 2]
    assert festival == [D(2026, 2, d) for d in range(15, 24)]
    with translation.override("en"):
        lines = due.explain()
        assert "Feb. 14, 2026: make-up workday (Spring Festival), counted" in lines
        assert "Feb. 15, 2026 to Feb. 23, 2026: Spring Festival, not counted" in lines
        assert "Due on March 16, 2026, working day 20 after it." in lines


def test_art33_reply_clock_across_mid_autumn_and_national_day_2026(fixed):
    due = reply_due(D(2026, 9, 18), calendar=fixed)
    assert due.due_on == D(2026, 10, 22)
    assert [day.date for day in due.makeup_workdays] == [D(2026, 9, 20), D(2026, 10, 10)]
    with translation.override("en"):
        names = {day.date: str(day.label) for day in due.skipped}
    assert names[D(2026, 9, 25)] == "Mid-autumn Festival"
    assert names[D(2026, 10, 1)] == names[D(2026, 10, 7)] == "National Day"
    assert len(due.counted) == REPLY_WORKING_DAYS


def test_art31_art33_receipt_on_a_weekend_counts_from_the_next_working_day(fixed):
    saturday = reply_due(D(2026, 3, 7), calendar=fixed)
    friday = reply_due(D(2026, 3, 6), calendar=fixed)
    assert saturday.counted[0].date == D(2026, 3, 9)
    assert saturday.due_on == friday.due_on == D(2026, 4, 3)


def test_art31_art33_receipt_on_a_holiday_counts_from_the_first_working_day_after_it(fixed):
    due = reply_due(D(2026, 10, 3), calendar=fixed)  # in the National Day break
    assert due.counted[0].date == D(2026, 10, 8)
    assert D(2026, 10, 10) in counted_dates(due)  # the make-up Saturday
    assert due.due_on == D(2026, 11, 3)


# A year the calendar does not know ---------------------------------------------------


def test_art33_clock_running_into_unknown_2027_is_provisional_and_does_not_crash(fixed):
    due = reply_due(D(2026, 12, 14), calendar=fixed)
    assert due.due_on == D(2027, 1, 11)
    assert due.provisional
    assert due.provisional_years == [2027]
    new_year = next(day for day in due.counted if day.date == D(2027, 1, 1))
    assert new_year.source == DaySource.WEEKEND_RULE  # no notice yet: a Friday is worked
    assert not any(day.provisional for day in due.counted if day.date.year == 2026)
    with translation.override("en"):
        assert due.explain()[-1].startswith("Provisional: the holidays of 2027 are not published")


@pytest.mark.django_db
def test_art33_2027_calendar_entries_move_the_due_date_and_end_the_provisional_flag():
    received = D(2026, 12, 28)
    assert reply_due(received).due_on == D(2027, 1, 25)
    CalendarDay.objects.create(
        date=D(2027, 1, 1),
        kind=CalendarDayKind.HOLIDAY,
        name="元旦",
        notice="国办发明电〔2026〕X号",
    )
    with_holiday = reply_due(received)
    assert with_holiday.due_on == D(2027, 1, 26)
    assert not with_holiday.provisional  # the notice publishes 2027 (ADR 0005)
    CalendarDay.objects.create(date=D(2027, 1, 24), kind=CalendarDayKind.WORKDAY, name="春节")
    with_makeup = reply_due(received)
    assert with_makeup.due_on == D(2027, 1, 25)
    assert with_makeup.makeup_workdays[0].date == D(2027, 1, 24)
    assert with_makeup.makeup_workdays[0].source == DaySource.OVERRIDE


@pytest.mark.django_db
def test_art33_2027_entries_without_a_notice_leave_the_other_days_provisional():
    CalendarDay.objects.create(date=D(2027, 1, 1), kind=CalendarDayKind.HOLIDAY, name="元旦")
    due = reply_due(D(2026, 12, 28))
    assert due.due_on == D(2027, 1, 26)
    assert due.provisional
    assert not next(day for day in due.skipped if day.date == D(2027, 1, 1)).provisional


# Pauses (Arts. 32, 33; 109号) -------------------------------------------------------------


def test_art32_art33_third_party_consultation_is_not_counted(fixed):
    pause = Pause(D(2026, 3, 10), D(2026, 3, 12), PauseReason.THIRD_PARTY)
    due = reply_due(D(2026, 3, 2), pauses=[pause], calendar=fixed)
    assert due.due_on == D(2026, 4, 2)  # three working days later than without the pause
    assert [day.date for day in due.paused] == [D(2026, 3, 10), D(2026, 3, 11), D(2026, 3, 12)]
    assert not set(counted_dates(due)) & {D(2026, 3, 10), D(2026, 3, 11), D(2026, 3, 12)}
    with translation.override("en"):
        assert (
            "March 10, 2026 to March 12, 2026: clock stopped "
            "(Consulting a third party (Art. 32)), not counted" in due.explain()
        )


def test_art33_other_agency_consultation_spanning_national_day_loses_only_its_working_days(
    fixed,
):
    pause = (D(2026, 9, 24), D(2026, 10, 9), PauseReason.OTHER_AGENCY)
    due = reply_due(D(2026, 9, 18), pauses=[pause], calendar=fixed)
    # Working days inside the pause: 24, 28, 29, 30 September, 8, 9 October.
    assert due.due_on == add_working_days(D(2026, 10, 22), 6, fixed).end == D(2026, 10, 30)
    assert len(due.paused) == 16
    assert not [day for day in due.skipped if D(2026, 9, 24) <= day.date <= D(2026, 10, 9)]
    assert len(due.counted) == REPLY_WORKING_DAYS


def test_109_fee_notice_to_payment_and_a_consultation_both_stop_the_clock(fixed):
    pauses = [
        Pause(D(2026, 3, 4), D(2026, 3, 4), PauseReason.OTHER_AGENCY),
        Pause(D(2026, 3, 16), D(2026, 3, 20), PauseReason.FEE),
    ]
    due = reply_due(D(2026, 3, 2), pauses=pauses, calendar=fixed)
    assert due.due_on == add_working_days(D(2026, 3, 30), 6, fixed).end == D(2026, 4, 8)
    assert len(due.paused) == 6


def test_art33_a_pause_ending_before_it_starts_is_refused(fixed):
    with pytest.raises(ValueError, match="before it starts"):
        reply_due(D(2026, 3, 2), pauses=[(D(2026, 3, 10), D(2026, 3, 9))], calendar=fixed)


# Art. 33: one extension of at most 20 working days ----------------------------------


def test_art33_extension_adds_its_working_days_after_the_original_due_date(fixed):
    due = reply_due(D(2026, 3, 2), extension_days=EXTENSION_MAX_WORKING_DAYS, calendar=fixed)
    assert due.due_on == add_working_days(D(2026, 3, 30), 20, fixed).end == D(2026, 4, 28)
    assert due.working_days == REPLY_WORKING_DAYS + EXTENSION_MAX_WORKING_DAYS
    with translation.override("en"):
        assert "This includes an extension of 20 working days (Art. 33)." in due.explain()


def test_art33_extension_of_21_working_days_is_refused(fixed):
    with translation.override("en"), pytest.raises(ExtensionError, match="at most 20 working"):
        reply_due(D(2026, 3, 2), extension_days=EXTENSION_MAX_WORKING_DAYS + 1, calendar=fixed)


def test_art33_negative_extension_is_refused(fixed):
    with pytest.raises(ExtensionError):
        reply_due(D(2026, 3, 2), extension_days=-1, calendar=fixed)


# Art. 30: correction ----------------------------------------------------------------------


def test_art30_correction_notice_is_due_7_working_days_after_receipt(fixed):
    due = correction_notice_due(D(2026, 3, 5), calendar=fixed)
    assert len(due.counted) == CORRECTION_NOTICE_WORKING_DAYS
    assert due.due_on == D(2026, 3, 16)


def test_art30_correction_restarts_the_clock_from_receipt_of_the_corrected_application(fixed):
    first = reply_due(D(2026, 3, 2), calendar=fixed)
    restarted = restart_after_correction(D(2026, 3, 20), calendar=fixed)
    assert first.due_on == D(2026, 3, 30)
    # 20 fresh working days from 20 March, across Qingming (4-6 April).
    assert restarted.due_on == D(2026, 4, 20)
    assert restarted.counted[0].date == D(2026, 3, 23)
    assert len(restarted.counted) == REPLY_WORKING_DAYS
    with translation.override("en"):
        assert "corrected application (Art. 30)" in restarted.explain()[0]


# Art. 32 and 109号: the other periods ---------------------------------------------------


def test_art32_third_party_has_15_working_days(fixed):
    due = third_party_reply_due(D(2026, 6, 15), calendar=fixed)
    assert len(due.counted) == THIRD_PARTY_WORKING_DAYS
    assert due.due_on == D(2026, 7, 7)  # across the Dragon Boat Festival, 19-21 June


def test_109_fee_is_paid_within_20_working_days_from_the_day_after_the_notice(fixed):
    due = fee_payment_due(D(2026, 4, 30), calendar=fixed)
    assert len(due.counted) == FEE_PAYMENT_WORKING_DAYS
    assert due.counted[0].date == D(2026, 5, 6)  # after Labour Day, 1-5 May
    assert D(2026, 5, 9) in counted_dates(due)  # the make-up Saturday
    assert due.due_on == D(2026, 6, 1)


# Art. 31: the receipt date per channel ----------------------------------------------------


@pytest.mark.parametrize(
    ("channel", "keyword"),
    [
        (Channel.IN_PERSON, "handed_in_on"),
        (Channel.POST, "signed_for_on"),
        (Channel.ONLINE, "confirmed_on"),
        (Channel.FAX, "confirmed_on"),
        (Channel.EMAIL, "mail_received_on"),
    ],
)
def test_art31_receipt_date_is_the_day_of_the_event_the_channel_names(channel, keyword):
    events = {
        "handed_in_on": D(2026, 3, 1),
        "signed_for_on": D(2026, 3, 2),
        "confirmed_on": D(2026, 3, 3),
        "mail_received_on": D(2026, 3, 4),
    }
    assert receipt_date(channel, **events) == events[keyword]
    others = {k: v for k, v in events.items() if k != keyword}
    with translation.override("en"), pytest.raises(ValueError, match="was not given"):
        receipt_date(channel, **others)


def test_art31_receipt_time_is_read_in_china_time():
    late_utc = datetime.datetime(2026, 3, 2, 17, 30, tzinfo=datetime.UTC)  # 01:30 in Beijing
    assert receipt_date(Channel.EMAIL, mail_received_on=late_utc) == D(2026, 3, 3)
    naive = datetime.datetime(2026, 3, 2, 23, 0)  # a wall-clock time, taken as is
    assert receipt_date("in_person", handed_in_on=naive) == D(2026, 3, 2)


# Queries -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_art33_due_date_with_calendar_entries_costs_one_query(django_assert_num_queries):
    for day in (D(2026, 12, 31), D(2027, 1, 1)):
        CalendarDay.objects.create(date=day, kind=CalendarDayKind.HOLIDAY, name="元旦")
    with django_assert_num_queries(1):
        due = reply_due(
            D(2026, 12, 14),
            pauses=[(D(2026, 12, 21), D(2026, 12, 22))],
            extension_days=EXTENSION_MAX_WORKING_DAYS,
        )
        due.explain()
    assert {day.date for day in due.skipped} >= {D(2026, 12, 31), D(2027, 1, 1)}
