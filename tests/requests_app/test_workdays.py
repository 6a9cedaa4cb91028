"""The working-day calendar (DOMAIN.md section 7; ADR 0005).

Source order: a CalendarDay override, then the chinese-calendar package
(2004-2026), then the weekend rule, which is provisional for a year whose
holidays are not published. Dates come from the package's 2026 data.
"""

import datetime

import chinese_calendar
import pytest
from django.utils import translation

from requests_app.models import CalendarDay, CalendarDayKind
from requests_app.workdays import (
    Calendar,
    DaySource,
    Override,
    add_working_days,
    day_info,
    statutory_day_info,
    working_days_between,
)

D = datetime.date


def dates(first, last):
    return [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]


@pytest.fixture
def fixed():
    """A calendar with no overrides that never touches the database."""
    return Calendar.fixed()


# The weekend rule and the package --------------------------------------------


def test_section7_saturday_and_sunday_are_days_off_monday_to_friday_working_days(fixed):
    saturday, sunday, monday = (fixed.day_info(D(2026, 3, d)) for d in (7, 8, 9))
    assert not saturday.is_workday and not sunday.is_workday
    assert monday.is_workday
    assert saturday.source == DaySource.STATUTORY
    assert not saturday.provisional
    with translation.override("en"):
        assert str(saturday.label) == "Weekend"
        assert monday.label == ""


def test_section7_spring_festival_2026_is_off_15_to_23_february_with_saturdays_14_and_28_worked(
    fixed,
):
    with translation.override("en"):
        for day in dates(D(2026, 2, 15), D(2026, 2, 23)):
            info = fixed.day_info(day)
            assert not info.is_workday, day
            assert str(info.name) == "Spring Festival"
            assert info.source == DaySource.STATUTORY
        for day in (D(2026, 2, 14), D(2026, 2, 28)):
            info = fixed.day_info(day)
            assert info.is_workday and info.is_makeup_workday, day
            assert str(info.name) == "Spring Festival"


def test_section7_mid_autumn_and_national_day_2026_with_20_september_and_10_october_worked(fixed):
    with translation.override("en"):
        for day in dates(D(2026, 9, 25), D(2026, 9, 27)):
            assert str(fixed.day_info(day).name) == "Mid-autumn Festival"
            assert not fixed.day_info(day).is_workday
        for day in dates(D(2026, 10, 1), D(2026, 10, 7)):
            assert str(fixed.day_info(day).name) == "National Day"
            assert not fixed.day_info(day).is_workday
    assert fixed.day_info(D(2026, 9, 20)).is_makeup_workday
    assert fixed.day_info(D(2026, 10, 10)).is_makeup_workday
    assert fixed.day_info(D(2026, 10, 8)).is_workday


def test_section7_a_year_the_package_does_not_know_falls_back_to_the_weekend_rule_provisionally(
    fixed,
):
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(2027, 1, 1))
    friday, saturday = fixed.day_info(D(2027, 1, 1)), fixed.day_info(D(2027, 1, 2))
    assert friday.is_workday and not saturday.is_workday
    assert friday.source == saturday.source == DaySource.WEEKEND_RULE
    assert friday.provisional and saturday.provisional
    assert statutory_day_info(D(2027, 1, 1)).provisional


# Overrides ----------------------------------------------------------------------


def override(date, kind, name="春节", notice=""):
    return CalendarDay.objects.create(date=date, kind=kind, name=name, notice=notice)


@pytest.mark.django_db
def test_section7_an_override_wins_over_the_package():
    override(D(2026, 2, 16), CalendarDayKind.WORKDAY, name="更正")
    info = day_info(D(2026, 2, 16))
    assert info.is_workday
    assert info.source == DaySource.OVERRIDE
    assert info.name == "更正"
    assert not info.provisional


@pytest.mark.django_db
def test_section7_a_holiday_citing_its_notice_publishes_its_year():
    override(D(2027, 2, 8), CalendarDayKind.HOLIDAY, notice="国办发明电〔2026〕X号")
    calendar = Calendar.around(D(2027, 1, 1))
    holiday = calendar.day_info(D(2027, 2, 8))
    assert not holiday.is_workday and holiday.source == DaySource.OVERRIDE
    assert not holiday.provisional
    wednesday = calendar.day_info(D(2027, 3, 3))
    assert wednesday.is_workday
    assert wednesday.source == DaySource.WEEKEND_RULE
    assert not wednesday.provisional
    assert calendar.day_info(D(2028, 3, 1)).provisional


@pytest.mark.django_db
def test_section7_an_override_without_notice_settles_its_own_day_only():
    override(D(2027, 2, 8), CalendarDayKind.HOLIDAY)
    override(D(2027, 2, 20), CalendarDayKind.WORKDAY, notice="国办发明电〔2026〕X号")
    calendar = Calendar.around(D(2027, 2, 1))
    assert not calendar.day_info(D(2027, 2, 8)).provisional
    assert not calendar.day_info(D(2027, 2, 20)).provisional
    assert calendar.day_info(D(2027, 2, 20)).is_makeup_workday
    assert calendar.day_info(D(2027, 2, 9)).provisional
    assert not calendar.is_year_known(2027)


def test_section7_a_fixed_calendar_answers_from_the_overrides_it_is_given():
    calendar = Calendar.fixed([Override(D(2027, 10, 1), is_workday=False, name="国庆节")])
    assert not calendar.day_info(D(2027, 10, 1)).is_workday
    assert calendar.day_info(D(2027, 10, 1)).name == "国庆节"


# Counting -------------------------------------------------------------------------


def test_civil_code_art201_the_start_day_is_not_counted(fixed):
    count = add_working_days(D(2026, 3, 6), 1, fixed)
    assert count.end == D(2026, 3, 9)
    assert [d.date for d in count.counted] == [D(2026, 3, 9)]
    assert [d.date for d in count.skipped] == [D(2026, 3, 7), D(2026, 3, 8)]
    assert not count.provisional


def test_add_working_days_counts_makeup_saturdays_and_skips_holidays_with_their_names(fixed):
    count = add_working_days(D(2026, 2, 13), 2, fixed)
    assert count.end == D(2026, 2, 24)
    assert [d.date for d in count.counted] == [D(2026, 2, 14), D(2026, 2, 24)]
    with translation.override("en"):
        assert {str(d.label) for d in count.skipped} == {"Spring Festival"}
    assert len(count.skipped) == 9


def test_add_working_days_skips_paused_days_and_lists_them(fixed):
    count = add_working_days(D(2026, 3, 2), 3, fixed, pauses=[(D(2026, 3, 3), D(2026, 3, 4))])
    assert count.end == D(2026, 3, 9)
    assert [d.date for d in count.paused] == [D(2026, 3, 3), D(2026, 3, 4)]


def test_add_working_days_zero_is_the_start_and_negative_is_refused(fixed):
    assert add_working_days(D(2026, 3, 7), 0, fixed).end == D(2026, 3, 7)
    with pytest.raises(ValueError):
        add_working_days(D(2026, 3, 7), -1, fixed)


def test_add_working_days_stops_on_a_calendar_without_working_days():
    first = D(2026, 1, 1)
    all_off = [Override(d, is_workday=False) for d in dates(first, first.replace(year=2032))]
    with pytest.raises(RuntimeError):
        add_working_days(first, 1, Calendar.fixed(all_off))


def test_working_days_between_counts_after_the_first_day_up_to_the_second(fixed):
    assert working_days_between(D(2026, 2, 10), D(2026, 3, 16), fixed) == 20
    assert working_days_between(D(2026, 3, 16), D(2026, 2, 10), fixed) == -20
    assert working_days_between(D(2026, 3, 7), D(2026, 3, 8), fixed) == 0
    assert working_days_between(D(2026, 3, 9), D(2026, 3, 9), fixed) == 0


# Queries ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_calendar_loads_the_overrides_of_a_span_in_one_query(django_assert_num_queries):
    override(D(2026, 12, 31), CalendarDayKind.HOLIDAY, name="测试")
    override(D(2027, 1, 1), CalendarDayKind.HOLIDAY, name="元旦", notice="国办发明电〔2026〕X号")
    with django_assert_num_queries(1):
        calendar = Calendar.around(D(2026, 12, 1))
        infos = [calendar.day_info(day) for day in dates(D(2026, 12, 1), D(2027, 3, 1))]
    assert sum(1 for info in infos if info.source == DaySource.OVERRIDE) == 2
    with django_assert_num_queries(1):
        calendar.day_info(D(2028, 1, 3))
        calendar.day_info(D(2028, 6, 1))


@pytest.mark.django_db
def test_working_days_between_two_years_is_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert working_days_between(D(2026, 1, 1), D(2027, 12, 31)) > 400


# The model's warning ------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "kind", "warns"),
    [
        (D(2027, 1, 2), CalendarDayKind.HOLIDAY, True),  # a Saturday is off anyway
        (D(2026, 2, 16), CalendarDayKind.HOLIDAY, True),  # the package has it already
        (D(2027, 1, 4), CalendarDayKind.WORKDAY, True),  # a Monday is worked anyway
        (D(2027, 1, 4), CalendarDayKind.HOLIDAY, False),
        (D(2027, 1, 9), CalendarDayKind.WORKDAY, False),
        (D(2026, 2, 16), CalendarDayKind.WORKDAY, False),  # undoes a package holiday
        (D(2026, 2, 14), CalendarDayKind.HOLIDAY, False),  # undoes a make-up Saturday
    ],
)
def test_calendar_day_warns_when_it_does_not_change_whether_the_day_is_worked(date, kind, warns):
    row = CalendarDay(date=date, kind=kind, name="测试")
    assert bool(row.redundancy_warning()) is warns
