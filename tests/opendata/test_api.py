"""The open-data API (/api/v1/, ADR 0013): a valid OpenAPI document, the catalogue
page's counts, decisions leaving with their publication period, no applicant data,
keyset pages, ETags, the rate limit, CORS and problem details in two languages."""

import datetime
import json

import pytest
import time_machine
from django.urls import reverse
from openapi_spec_validator import validate

from catalog.models import CatalogEntry
from tests.opendata.conftest import APPLICANT_MARKERS, CHINA

pytestmark = pytest.mark.django_db

API = "/api/v1"
LIST_ENDPOINTS = ("/entries", "/power-items", "/fee-items", "/decisions", "/reports")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def get(client, path, **headers):
    return client.get(f"{API}{path}", **headers)


def crawl(client, path, limit=3):
    """Every item of a list, following ``next``; also the raw bodies."""
    items, bodies, url = [], [], f"{API}{path}{'&' if '?' in path else '?'}limit={limit}"
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        bodies.append(response.content.decode())
        data = response.json()
        items.extend(data["items"])
        url = data["next"]
    return items, bodies


# The document ----------------------------------------------------------------------


def test_openapi_document_is_valid_openapi_3_at_a_stable_address(client):
    response = get(client, "/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    validate(document)
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) >= {
        f"{API}{path}"
        for path in (
            *LIST_ENDPOINTS,
            "/agencies",
            "/topics",
            "/entries/{index_number}",
            "/decisions/{decision_id}",
            "/agencies/{slug}/guide",
            "/reports/{slug}/{year}",
            "/scoreboard",
        )
    }
    not_found = document["paths"][f"{API}/entries/{{index_number}}"]["get"]["responses"]["404"]
    assert list(not_found["content"]) == ["application/problem+json"]


def test_docs_page_renders_with_the_swagger_ui_shipped_with_ninja(client):
    response = get(client, "/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert "/api/v1/openapi.json" in page


# Lists and details -----------------------------------------------------------------


def test_agencies_and_topics_are_trees_with_parents_and_children(client, dataset):
    agencies = {a["slug"]: a for a in get(client, "/agencies").json()}
    province, city = agencies["province"], agencies["city"]
    assert city["parent"] == province["id"] and province["children"] == [city["id"]]
    topics = {t["slug"]: t for t in get(client, "/topics").json()}
    assert topics["food-sampling"]["parent"] == topics["food"]["id"]
    assert topics["food"]["children"] == [topics["food-sampling"]["id"]]
    assert topics["food"]["entries"] == 8  # its own 4 and its subtopic's 4: public only


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"agency": "province"},
        {"agency": "city"},
        {"topic": "food"},
        {"topic": "food-sampling", "agency": "city"},
        {"q": "食品"},
        {"q": "食品", "agency": "city"},
        {"year": "2026"},
        {"genre": "notice", "validity": "valid"},
    ],
)
def test_entries_count_what_the_catalogue_page_counts(client, dataset, params):
    page = client.get(reverse("catalog:entry_list"), params)
    response = client.get(f"{API}/entries", params)
    assert response.status_code == 200
    assert response.json()["count"] == page.context["page_obj"].count
    items, _bodies = crawl(client, "/entries?" + "&".join(f"{k}={v}" for k, v in params.items()))
    assert len(items) == page.context["page_obj"].count


def test_keyset_pages_cover_every_entry_exactly_once_in_order(client, dataset):
    items, _bodies = crawl(client, "/entries", limit=2)
    numbers = [item["index_number"] for item in items]
    published = CatalogEntry.objects.listed().values_list("index_number", flat=True)
    assert len(numbers) == len(set(numbers)) == 12  # 11 and the annual report's entry
    assert set(numbers) == set(published)
    order = [(item["published_at"], item["index_number"]) for item in items]
    assert [o[0] for o in order] == sorted((o[0] for o in order), reverse=True)


@pytest.mark.parametrize("path", LIST_ENDPOINTS[1:])
def test_keyset_pages_cover_every_row_of_the_other_lists_once(client, dataset, path):
    one_page = get(client, f"{path}?limit=100").json()["items"]
    items, _bodies = crawl(client, path, limit=1)
    assert items == one_page and len({json.dumps(i) for i in items}) == len(items)


def test_an_entry_by_index_number_and_an_unknown_one(client, dataset):
    entry = dataset["entries"][0]
    response = get(client, f"/entries/{entry.index_number}")
    assert response.status_code == 200
    assert response.json()["title"] == entry.title
    missing = get(client, "/entries/nothing-like-it", **EN)
    assert missing.status_code == 404
    assert missing["Content-Type"].startswith("application/problem+json")


def test_power_items_carry_their_steps(client, dataset):
    (item,) = get(client, "/power-items").json()["items"]
    assert [step["order"] for step in item["steps"]] == [1, 2]


def test_decisions_are_masked_as_on_their_page(client, dataset):
    listed = dataset["listed"]
    (shown,) = get(client, "/decisions").json()["items"]
    assert shown["party_name"] == listed.public_party_name != listed.party_name
    assert shown["party_code"] == listed.public_party_code != listed.party_code
    assert shown["legal_representative"] == listed.public_legal_representative
    page = client.get(listed.get_absolute_url()).content.decode()
    assert shown["party_name"] in page and listed.party_name not in page


def test_a_decision_past_its_publication_period_is_absent(client, dataset):
    expired, listed = dataset["expired"], dataset["listed"]
    ids = [d["id"] for d in get(client, "/decisions").json()["items"]]
    assert ids == [listed.pk]
    assert get(client, f"/decisions/{expired.pk}").status_code == 404
    # 36 months after 12 May 2026, the listed one leaves too.
    with time_machine.travel(datetime.datetime(2029, 5, 13, 10, tzinfo=CHINA), tick=False):
        assert get(client, "/decisions").json()["items"] == []
        assert get(client, f"/decisions/{listed.pk}").status_code == 404


def test_guide_of_an_agency_and_of_one_without(client, dataset):
    assert get(client, "/agencies/province/guide").json()["agency"] == "province"
    assert get(client, "/agencies/city/guide").status_code == 404


def test_report_figures_are_the_published_snapshot(client, dataset):
    report = dataset["report"]
    report.refresh_from_db()
    data = get(client, "/reports/city/2025").json()
    snapshot = report.tables()
    assert [t["key"] for t in data["tables"]] == [t.key for t in snapshot.all()]
    table3 = next(t for t in data["tables"] if t["key"] == snapshot.table3.key)
    assert [row["cells"] for row in table3["rows"]] == [
        list(row.cells) for row in snapshot.table3.rows
    ]
    assert get(client, "/reports/city/2024").status_code == 404
    assert get(client, "/reports/nowhere/2025").status_code == 404


def test_scoreboard_gives_the_page_figures(client, dataset):
    data = get(client, "/scoreboard").json()
    city = next(s for s in data["items"] if s["agency"] == "city")
    page = client.get(reverse("reports:scoreboard"))
    score = next(s for s in page.context["scores"] if s.agency.slug == "city")
    assert city["requests_received"] == score.received
    assert city["entries_year"] == score.entries_year


def test_no_applicant_data_in_any_response(client, dataset):
    markers = [*APPLICANT_MARKERS.values(), *(r.tracking_number for r in dataset["requests"])]
    bodies = []
    for path in LIST_ENDPOINTS:
        bodies.extend(crawl(client, path, limit=2)[1])
    for path in ("/agencies", "/topics", "/scoreboard", "/reports/city/2025"):
        bodies.append(get(client, path).content.decode())
    bodies.append(get(client, f"/entries?q={APPLICANT_MARKERS['applicant_name']}").content.decode())
    for body in bodies:
        for marker in markers:
            assert marker not in body


# HTTP behaviour --------------------------------------------------------------------


def test_etag_and_304_on_if_none_match(client, dataset):
    first = get(client, "/entries")
    etag = first["ETag"]
    assert etag.startswith('W/"')
    again = get(client, "/entries", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert get(client, "/entries", HTTP_IF_NONE_MATCH='W/"other"').status_code == 200


def test_429_with_retry_after_past_the_limit(client, dataset, settings):
    settings.OPENDATA_API_RATE_LIMIT = {"REQUESTS": 3, "SECONDS": 60}
    statuses = [get(client, "/agencies").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = get(client, "/topics", **EN)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["title"] == "Too many requests"


def test_cors_header_on_get_of_the_api_only(client, dataset):
    origin = {"HTTP_ORIGIN": "https://example.org"}
    assert get(client, "/agencies", **origin)["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/catalog/", **origin)


@pytest.mark.parametrize(("headers", "title"), [(EN, "Invalid parameters"), (ZH, "参数无效")])
def test_bad_parameters_are_problem_details_in_the_visitors_language(client, headers, title, db):
    response = get(client, "/entries?year=abc", **headers)
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["title"] == title and body["status"] == 422
    assert {"type", "detail"} <= set(body) and body["errors"][0]["parameter"] == "year"


@pytest.mark.parametrize(("headers", "title"), [(EN, "Not found"), (ZH, "未找到")])
def test_unknown_ids_are_404_problems_in_the_visitors_language(client, headers, title, db):
    for path in ("/decisions/999999", "/entries/none", "/no-such-thing"):
        response = get(client, path, **headers)
        assert response.status_code == 404
        assert response.json()["title"] == title


def test_a_cursor_not_given_out_is_a_400_and_an_unknown_agency_a_422(client, dataset):
    assert get(client, "/entries?cursor=not-a-cursor").status_code == 400
    assert get(client, "/decisions?cursor=%%%").status_code == 400
    response = get(client, "/entries?agency=nowhere", **EN)
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "agency"


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("/entries", 2),
        ("/entries?q=食品&agency=city", 3),
        ("/power-items", 2),
        ("/fee-items", 1),
        ("/decisions", 1),
        ("/reports", 1),
        ("/agencies", 1),
        ("/topics", 2),
        ("/scoreboard", 13),
    ],
)
def test_query_counts_are_pinned_per_list(
    client, dataset, path, queries, django_assert_max_num_queries
):
    with django_assert_max_num_queries(queries):
        assert get(client, path).status_code == 200


def test_head_is_answered_like_get_without_a_body(client, dataset):
    got = client.get("/api/v1/entries")
    head = client.head("/api/v1/entries")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == got["ETag"]
    assert head["Content-Type"] == got["Content-Type"]
    assert int(head["Content-Length"]) == len(got.content)
    assert client.head("/api/v1/no-such-thing").status_code == 404
