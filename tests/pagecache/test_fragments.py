"""``{% versioned_cache %}``: fragments kept until what they show changes."""

import datetime

import pytest
from django.core.cache import caches
from django.db import transaction
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

FRAGMENT = Template(
    '{% load pagecache %}{% versioned_cache "test" "catalog" which %}'
    "[{{ render }}]{% endversioned_cache %}"
)


class Counter:
    """Counts how often the fragment is rendered (the template calls it)."""

    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.calls


@pytest.fixture(autouse=True)
def empty_cache():
    caches["pages"].clear()


def render(counter, which="a"):
    return FRAGMENT.render(Context({"render": counter, "which": which}))


def test_a_fragment_is_rendered_once_until_its_content_changes():
    counter = Counter()
    assert render(counter) == "[1]"
    assert render(counter) == "[1]"
    factories.TopicFactory()  # the catalogue changes (and commits)
    assert render(counter) == "[2]"
    assert render(counter) == "[2]"


def test_what_it_varies_on_and_the_language_keep_fragments_apart():
    counter = Counter()
    with translation.override("zh-hans"):
        assert render(counter, "a") == "[1]"
        assert render(counter, "b") == "[2]"
    with translation.override("en"):
        assert render(counter, "a") == "[3]"
    with translation.override("zh-hans"):
        assert render(counter, "a") == "[1]"


def test_a_change_elsewhere_keeps_the_fragment():
    from requests_app.models import CalendarDay, CalendarDayKind

    counter = Counter()
    render(counter)
    CalendarDay.objects.create(
        date=datetime.date(2026, 10, 10), kind=CalendarDayKind.WORKDAY, notice="测试"
    )
    assert render(counter) == "[1]"


def test_nothing_rendered_inside_a_transaction_is_kept():
    counter = Counter()
    with transaction.atomic():
        assert render(counter) == "[1]"
        assert render(counter) == "[2]"
    assert render(counter) == "[3]"
    assert render(counter) == "[3]"


def test_an_unknown_namespace_is_refused_when_the_template_is_read():
    with pytest.raises(TemplateSyntaxError, match="Unknown content namespaces: catalogue"):
        Template(
            '{% load pagecache %}{% versioned_cache "x" "catalogue" %}{% endversioned_cache %}'
        )


def test_staff_get_the_scoreboard_from_its_fragment_but_never_from_the_page_cache(client, agency):
    staff = factories.MembershipFactory(agency=agency).user
    client.force_login(staff)
    first = client.get("/reports/scoreboard/")
    second = client.get("/reports/scoreboard/")
    assert "X-Page-Cache" not in second
    assert second.content == first.content
    keys = [key for key in caches["pages"]._cache if "pagecache:fragment:" in key]
    assert keys  # the table was kept as a fragment
