"""How the site search turns text and queries into terms (catalog.search.text, ADR 0012).

Pure functions, no database: normalising, bigram tokens with end tokens, the
query parser (groups, prefixes, limits), the phrase rule shared with the
backends, highlighting and snippets.
"""

import re

import pytest

from catalog.search import backends, text
from catalog.search.text import contains, highlight, normalise, parse, snippet, terms


def tokens(query: str) -> list[tuple[str, ...]]:
    return [group.tokens for group in parse(query).groups]


# Normalising and index terms ---------------------------------------------------------


def test_normalising_folds_full_width_forms_traditional_characters_and_case():
    assert normalise("ＧＢ２７６０（２０２４）") == "gb2760(2024)"
    assert normalise("食品安全監督　行政處罰") == "食品安全监督 行政处罚"
    assert normalise("Market REGULATION") == "market regulation"


def test_a_han_run_becomes_overlapping_bigrams_and_an_end_token():
    assert terms("食品安全") == "食品 品安 安全 全z"
    assert terms("食") == "食z"
    assert terms("食品，安全") == "食品 品z 安全 全z"


def test_latin_letters_and_digits_are_words_of_their_own():
    assert terms("GB2760-2014") == "gb 2760 2014"
    assert terms("拨打12315投诉") == "拨打 打z 12315 投诉 诉z"


def test_a_document_number_keeps_only_its_characters_and_digits():
    assert terms("辽市监发〔2024〕12号") == "辽市 市监 监发 发z 2024 12 号z"


def test_index_terms_are_cut_at_the_indexed_length():
    long = "食" * (text.MAX_INDEXED_CHARS + 50)
    assert len(terms(long).split()) == text.MAX_INDEXED_CHARS


# Parsing queries ---------------------------------------------------------------------


def test_a_two_character_query_is_one_bigram_and_no_prefix():
    query = parse("食品")
    assert tokens("食品") == [("食品",)]
    assert query.groups[0].prefix is False


def test_a_one_character_query_is_a_prefix():
    query = parse("罚")
    assert tokens("罚") == [("罚",)]
    assert query.groups[0].prefix is True


def test_the_last_han_run_of_a_group_has_no_end_token_but_an_inner_run_has():
    # 市监 matches inside 辽市监发; 辽市监发2024 needs the run to end before 2024.
    assert tokens("市监") == [("市监",)]
    assert tokens("辽市监发2024") == [("辽市", "市监", "监发", "发z", "2024")]


@pytest.mark.parametrize(
    "typed",
    [
        "辽市监发〔2024〕12号",
        "辽市监发[2024]12号",
        "辽市监发（２０２４）１２号",
        "辽市监发(2024)12号",
    ],
)
def test_a_document_number_typed_with_any_brackets_or_digits_parses_alike(typed):
    assert tokens(typed) == [("辽市", "市监", "监发", "发z", "2024", "12", "号")]
    assert parse(typed).groups[0].prefix is True


def test_spaces_split_a_query_into_groups_that_must_all_match():
    assert tokens("辽市监发2024 12") == [("辽市", "市监", "监发", "发z", "2024"), ("12",)]
    assert tokens("GB 2760") == [("gb",), ("2760",)]


def test_a_traditional_query_is_converted_and_says_so():
    query = parse("食品安全監督")
    assert tokens("食品安全監督") == [("食品", "品安", "安全", "全监", "监督")]
    assert query.converted
    assert not parse("食品安全监督").converted


def test_repeated_groups_are_kept_once():
    assert tokens("食品 食品 食品") == [("食品",)]


def test_the_whole_query_as_one_phrase_joins_han_and_keeps_words_apart():
    assert parse("食品 抽检").phrase.tokens == ("食品", "品抽", "抽检")
    assert parse("GB 2760").phrase.tokens == ("gb", "2760")
    assert parse("食品").phrase is None


@pytest.mark.parametrize(
    "hostile",
    [
        "'; DROP TABLE catalog_searchdocument; --",
        "<script>alert(1)</script>",
        "食品 & 安全 | !抽查 :* ( ) '",
        '食品" NEAR(安全 OR AND *',
        "a:* & !b | (c) <-> d",
        "{title_terms} : 食品",
        "\x00\u200b\ufeff食品",
    ],
)
def test_operators_of_either_backend_never_reach_a_token(hostile):
    query = parse(hostile)
    for group in query.groups:
        for token in group.tokens:
            assert all(text._TERM_CHAR_RE.match(char) for char in token), token
    tsquery = backends.tsquery(query.groups)
    literals = re.findall(r"'([^']*)'", tsquery)
    assert literals == [token for group in query.groups for token in group.tokens]
    assert set(re.sub(r"'[^']*'", "", tsquery)) <= set("()&<-> :*")
    fts = backends.fts5_query(query.groups, head=False)
    for operator in ("NEAR", "OR ", "(", ")", ":", "{"):
        assert operator not in fts


@pytest.mark.parametrize("nothing", ["", "   ", "。，、！？“”《》", "***", "&|!():'\"", None])
def test_a_query_of_punctuation_or_nothing_is_empty(nothing):
    query = parse(nothing)
    assert not query
    assert query.groups == ()


def test_a_long_query_is_cut_and_says_so():
    query = parse("食品安全" * 75)  # 300 characters
    assert len(query.text) == text.MAX_QUERY_CHARS
    assert query.truncated
    assert query.token_count <= text.MAX_QUERY_TOKENS


def test_too_many_groups_are_dropped_and_the_query_says_so():
    query = parse(" ".join(f"词{i}" for i in range(20)))
    assert len(query.groups) == text.MAX_GROUPS
    assert query.truncated
    assert not parse("词1 词2").truncated


def test_backend_queries_are_built_from_tokens_only():
    query = parse("辽市监发〔2024〕12号 食")
    assert backends.tsquery(query.groups) == (
        "('辽市' <-> '市监' <-> '监发' <-> '发z' <-> '2024' <-> '12' <-> '号':*) & ('食':*)"
    )
    assert backends.fts5_query(query.groups, head=False) == (
        '"辽市 市监 监发 发z 2024 12 号" * AND "食" *'
    )
    assert backends.fts5_query(query.groups, head=True).startswith("{title_terms number_terms} : (")


# The phrase rule (contains) ----------------------------------------------------------


def test_a_group_matches_as_a_phrase_not_as_scattered_tokens():
    group = parse("监督抽查").groups[0]
    assert contains(terms("产品质量监督抽查的通知"), group)
    assert not contains(terms("监督管理和抽查"), group)


def test_a_one_character_group_matches_any_position_of_the_character():
    group = parse("罚").groups[0]
    assert contains(terms("行政处罚"), group)  # the end token 罚z
    assert contains(terms("罚款"), group)  # the bigram 罚款
    assert not contains(terms("行政许可"), group)


def test_a_two_character_group_needs_both_characters_together():
    group = parse("食品").groups[0]
    assert contains(terms("食品安全"), group)
    assert not contains(terms("食物品种"), group)


def test_a_number_needs_the_whole_word():
    assert contains(terms("拨打12315"), parse("12315").groups[0])
    assert not contains(terms("拨打12315"), parse("1231").groups[0])
    assert contains(terms("GB2760-2014"), parse("gb2760").groups[0])


# Highlighting -------------------------------------------------------------------------


def test_highlight_marks_the_original_characters_of_a_traditional_match():
    marked = highlight("關於食品安全監督的通知", parse("食品安全监督"))
    assert marked == "關於<mark>食品安全監督</mark>的通知"


def test_highlight_marks_across_brackets_of_a_document_number():
    marked = highlight("辽市监发〔2024〕12号", parse("辽市监发2024 12"))
    assert marked == "<mark>辽市监发〔2024</mark>〕<mark>12</mark>号"


def test_highlight_escapes_everything_else():
    marked = highlight("<script>alert(1)</script>食品", parse("食品"))
    assert "<script>" not in marked
    assert marked == "&lt;script&gt;alert(1)&lt;/script&gt;<mark>食品</mark>"
    assert highlight("<b>", parse("")) == "&lt;b&gt;"


def test_a_snippet_is_cut_around_the_first_match():
    body = "甲" * 300 + "食品安全" + "乙" * 300
    cut = snippet(body, parse("食品安全"), width=40)
    assert cut.startswith("…") and cut.endswith("…")
    assert "<mark>食品安全</mark>" in cut
    assert len(cut.replace("<mark>", "").replace("</mark>", "")) <= 42


def test_a_snippet_without_a_match_is_the_beginning_escaped():
    assert snippet("<i>开头</i>" + "字" * 200, parse("食品"), width=10) == (
        "&lt;i&gt;开头&lt;/i&gt;字…"
    )


def test_occurrences_find_a_value_written_in_another_width_script_or_spacing():
    facts = "当事人張三豐（２１０１０２１９９００１０１１２３ｘ），张 三丰签字。"
    spans = text.occurrences(facts, "张三丰")
    assert [facts[start:end] for start, end in spans] == ["張三豐", "张 三丰"]
    (number,) = text.occurrences(facts, "21010219900101123X")
    assert facts[slice(*number)] == "２１０１０２１９９００１０１１２３ｘ"
    assert text.occurrences(facts, "李四") == []
    assert text.occurrences(facts, "") == []
