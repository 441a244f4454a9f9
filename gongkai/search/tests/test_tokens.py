"""Pure tests: how texts become index terms and how queries become query terms (no database)."""

import random

import pytest

from gongkai.search import expressions, highlight, tokens
from gongkai.search.tokens import (
    ERROR_EMPTY,
    ERROR_NOTHING,
    ERROR_TOO_LONG,
    MAX_QUERY_CHARS,
    index_tokens,
    load_user_dictionary,
    loaded_user_words,
    normalize,
    query_terms,
    streams,
)


def grams(text):
    return streams(text).grams


def words(text):
    return [w for w, _ in streams(text).words]


def clauses(query):
    """[(terms, prefix)] of every clause of every group."""
    parsed = query_terms(query)
    return [(c.phrase.terms, c.phrase.prefix) for g in parsed.groups for c in g.clauses]


def occurs(query, text):
    """Does `text` match `query`, by scanning its gram stream (what the index does)?"""
    stream = grams(text)

    def has(phrase):
        n = len(phrase.terms)
        for i in range(len(stream) - n + 1):
            w = stream[i : i + n]
            last_ok = w[-1].startswith(phrase.terms[-1]) if phrase.prefix else w[-1] == phrase.terms[-1]
            if w[:-1] == list(phrase.terms[:-1]) and last_ok:
                return True
        return False

    parsed = query_terms(query)
    assert parsed.ok, parsed.error
    return all(has(c.phrase) for g in parsed.groups for c in g.clauses)


# --- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ＡＢＣ１２３", "abc123"),
        ("ＧＢ／Ｔ　３７６６８", "gb/t 37668"),
        ("Hello World", "hello world"),
        ("示范市", "示范市"),
        ("①", "1"),
        ("\uf900", "\u8c48"),  # a CJK compatibility ideograph becomes the unified one
        ("（一）", "(一)"),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_normalize_keeps_every_offset():
    text = "ＧＢ／Ｔ　３７６６８－２０１９《信息技术》①㈠ﬁ\U00020000"
    assert len(normalize(text)) == len(text)


# --- index terms -----------------------------------------------------------------------------------


def test_gram_stream_of_a_han_run_has_one_term_per_character():
    assert grams("示范市") == ["示范", "范市", "市"]
    assert grams("市") == ["市"]


def test_punctuation_separates_runs_and_is_dropped():
    assert grams("食品、药品。") == ["食品", "品", "药品", "品"]


def test_document_numbers_become_words_and_numbers():
    assert grams("示市监发〔2024〕12号") == ["示市", "市监", "监发", "发", "2024", "12", "号"]


def test_letters_and_digits_are_split_and_lowercased():
    assert grams("GB/T37668-2019 MA01X covid19") == ["gb", "t", "37668", "2019", "ma", "01", "x", "covid", "19"]


def test_words_come_from_rjieba():
    assert "当事人" in words("当事人张伟华，女")
    assert "张伟华" in words("当事人张伟华，女")
    assert all(len(w) > 1 for w in words("关于印发示范市2024年政务公开工作要点的通知"))


def test_index_tokens_contains_words_and_grams():
    tokens = index_tokens("当事人张伟华")
    assert {"当事人", "张伟华", "张伟", "伟华", "华"} <= set(tokens)


def test_word_positions_point_at_their_first_character():
    s = streams("住所：示范市建设大道88号")
    for word, pos in s.words:
        assert s.grams[pos].startswith(word[:2] if len(word) > 1 else word)


def test_user_dictionary_keeps_agency_names_whole():
    load_user_dictionary(["测试县市场监督管理局", "abc", "x"])
    assert "测试县市场监督管理局" in words("测试县市场监督管理局发布通知")
    assert "测试县市场监督管理局" in loaded_user_words()
    assert "abc" not in loaded_user_words()  # only Han words of 2+ characters
    assert load_user_dictionary(["测试县市场监督管理局"]) == 0  # already known


def _streams_by_segments(text: str) -> tokens.Streams:
    """streams() as first written, on segments() and han_grams(): the reference it is compared with."""
    result = tokens.Streams()
    grams, words = result.grams, result.words
    for seg in tokens.segments(normalize(text or "")):
        if seg.han:
            base = len(grams)
            grams.extend(tokens.han_grams(seg.text))
            offset = 0
            for word in tokens.rjieba.cut(seg.text) if len(seg.text) > 1 else ():
                if len(word) > 1:
                    words.append((word, base + offset))
                offset += len(word)
        else:
            grams.append(seg.text)
    return result


def test_streams_are_the_segments_and_grams_of_the_text():
    """streams() is written out for speed; it must give exactly what segments() + han_grams() give."""
    rnd = random.Random(20261127)
    alphabet = "示范市场监督管理局行政处罚决定书张伟２０２４年ＡＢＣabcXYZ0189"
    alphabet += " ，。、（）〔〕-_/.:;？\n\tÉßΣ㈠①丨々〇𠀀\u3000"
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 80))) for _ in range(3000)]
    texts += ["", None, "张", "张伟", "x" * 40, "x" * 41]
    texts.append("关于印发《示范市2024年政务公开工作要点》的通知（示政办发〔2024〕3号）")
    for text in texts:
        assert streams(text) == _streams_by_segments(text), text


def test_a_new_dictionary_word_renews_remembered_segmentations():
    text = "本局乙丙丁戊庚辛壬癸事项"
    assert "乙丙丁戊" not in words(text)  # segmented (and remembered) before the word is known
    assert load_user_dictionary(["乙丙丁戊"]) == 1
    assert "乙丙丁戊" in words(text)


def test_terms_survive_the_fts5_unicode61_tokenizer():
    """Every term we produce must stay one token in SQLite's unicode61 tokenizer."""
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 remove_diacritics 0')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    text = "示范市建设大道88号；ＧＢ／Ｔ３７６６８ Foreign-Invested 当事人张伟华〇① 𠀀𠀁 Ωmega café"
    tokens = index_tokens(text)
    db.execute("INSERT INTO t(a) VALUES (?)", (" ".join(tokens),))
    stored = [row[0] for row in db.execute("SELECT term FROM v ORDER BY offset")]
    assert stored == [t.lower() for t in tokens]


# --- queries: what matches what ------------------------------------------------------------------------

MATCHES = [
    # (query, text, matches?)
    ("张伟", "当事人张伟，男", True),
    ("张伟", "当事人张伟华，女", True),  # a name inside a longer name is found (ranked lower)
    ("伟华", "当事人张伟华，女", True),
    ("伟华", "示范市鑫伟华贸易有限公司", True),
    ("张伟华", "当事人张伟，男", False),
    ("建设大道", "住所：示范市建设大道88号", True),
    ("示范市建设大道", "住所：示范市建设大道88号", True),
    ("建设大道88号", "示范市建设大道88号", True),
    ("建设大道88号", "示范市建设大道100号", False),
    ("市", "示范市", True),  # the last character of a run
    ("示", "示范市", True),
    ("区", "示范市", False),
    ("12号", "示市监发〔2024〕12号", True),
    ("12号", "示市监发〔2024〕112号", False),
    ("12号", "第12号令", True),
    ("2024", "示市监发〔2024〕12号", True),
    ("202", "示市监发〔2024〕12号", False),  # numbers are whole terms
    ("2024年", "2024年工作要点", True),
    ("2024年", "2024 年", True),  # only a space between: still next to each other
    ("2024年", "年度报告2024", False),
    ("第3条", "依照第3条规定", True),
    ("GB/T 37668", "ＧＢ／Ｔ　３７６６８－２０１９", True),
    ("gb/t37668", "GB/T 37668-2019", True),
    ("ＡＢＣ", "abc", True),
    ("abc", "abcd", False),
    ("行政处罚 决定", "行政处罚……作出罚款决定", True),
    ('"行政处罚决定"', "行政处罚……作出罚款决定", False),
    ('"行政处罚决定"', "行政处罚决定书", True),
    ('"行政处罚 决定"', "行政处罚决定书", True),  # spaces inside quotes are ignored between Han
    ("行政处罚决定书", "行政处罚决定书", True),
    ("双随机一公开", "推行“双随机、一公开”监管", True),  # long queries are split into words
    ('"双随机一公开"', "推行“双随机、一公开”监管", False),
    ("政务公开", "政务服务和信息公开", False),  # up to 4 characters must occur as written
    ("政务公开工作要点", "政务公开……工作要点", True),
    ("《行政处罚法》", "《中华人民共和国行政处罚法》", True),
    ("“政务公开”", "政务公开办公室", True),
    ("食品、药品", "食品药品", True),  # punctuation in a query separates words
    ("3·15", "“3·15”国际消费者权益日", True),
]


@pytest.mark.parametrize("query, text, expected", MATCHES)
def test_what_matches(query, text, expected):
    assert occurs(query, text) is expected


# --- queries: shape ---------------------------------------------------------------------------------------


def test_one_character_query_is_a_prefix():
    assert clauses("市") == [(("市",), True)]


def test_two_characters_are_one_bigram_and_a_word():
    parsed = query_terms("张伟")
    (clause,) = parsed.groups[0].clauses
    assert clause.phrase.terms == ("张伟",)
    assert clause.words == ("张伟",)


def test_three_and_four_characters_are_a_phrase_of_bigrams():
    assert clauses("张伟华") == [(("张伟", "伟华"), False)]
    assert clauses("政务公开") == [(("政务", "务公", "公开"), False)]


def test_longer_runs_are_split_into_words_with_a_boost_phrase():
    parsed = query_terms("食品安全抽样检验")
    (group,) = parsed.groups
    assert len(group.clauses) >= 2
    assert group.boost is not None
    assert "".join(group.boost.terms[i][0] for i in range(len(group.boost.terms))) + group.boost.terms[-1][
        1
    ] == normalize("食品安全抽样检验")


def test_spaces_make_groups_quotes_make_phrases():
    assert len(query_terms("行政处罚 决定").groups) == 2
    (group,) = query_terms('"行政处罚 决定"').groups
    assert group.quoted
    assert group.clauses[0].phrase.terms == ("行政", "政处", "处罚", "罚决", "决定")


def test_unclosed_quote_runs_to_the_end():
    (group,) = query_terms("“行政处罚决定").groups
    assert group.quoted


@pytest.mark.parametrize(
    "query, error",
    [
        ("", ERROR_EMPTY),
        ("   ", ERROR_EMPTY),
        (None, ERROR_EMPTY),
        ("！？。，", ERROR_NOTHING),
        ("“”", ERROR_NOTHING),
        ("字" * (MAX_QUERY_CHARS + 1), ERROR_TOO_LONG),
    ],
)
def test_refused_queries(query, error):
    parsed = query_terms(query)
    assert not parsed.ok
    assert parsed.error == error


def test_longest_allowed_query_is_accepted():
    assert query_terms("政务公开" * (MAX_QUERY_CHARS // 4)).ok


def test_error_messages_are_chinese():
    for message in (ERROR_EMPTY, ERROR_TOO_LONG, ERROR_NOTHING):
        assert any("\u4e00" <= c <= "\u9fff" for c in message)


# --- expressions ---------------------------------------------------------------------------------------------


def test_fts5_expression():
    parsed = query_terms("张伟 12号")
    assert expressions.fts5_match(parsed) == '({tg bg} : "张伟") AND ({tg bg} : "12 号"*)'
    filtered = expressions.fts5_match(parsed, filters=[["y2024"], ["k72", "k73"]])
    assert filtered.endswith("{fx} : (y2024) AND {fx} : (k72 OR k73)")


def test_tsquery_expression():
    parsed = query_terms("张伟华 市")
    assert expressions.tsquery(parsed) == "(('张伟' <-> '伟华')) & ('市':*)"


def test_ranking_features_of_a_short_group():
    (group,) = query_terms("张伟").groups
    assert not expressions.is_scattered(group)
    assert expressions.fts5_feature(group, expressions.TITLE) == '{tg} : "张伟"'
    assert expressions.fts5_feature(group, expressions.EXACT) is None  # every match has it as written
    assert expressions.fts5_feature(group, expressions.TITLE_WORDS) == 'tw : "张伟"'
    assert expressions.fts5_feature(group, expressions.BODY_WORDS) == 'bw : "张伟"'
    assert expressions.ts_feature(group, expressions.TITLE) == "'张伟':A"
    assert expressions.ts_feature(group, expressions.BODY_WORDS) == "'~张伟':B"
    (one,) = query_terms("市").groups
    assert expressions.fts5_feature(one, expressions.TITLE_WORDS) is None  # no word of one character


def test_ranking_features_of_a_long_name():
    (group,) = query_terms("锦华包装制品有限公司").groups
    assert expressions.is_scattered(group)  # its words may stand apart in a text
    whole = '"锦华 华包 包装 装制 制品 品有 有限 限公 公司"'
    assert expressions.fts5_feature(group, expressions.TITLE) == "{tg} : " + whole
    assert expressions.fts5_feature(group, expressions.EXACT) == "{tg bg} : " + whole
    assert expressions.fts5_feature(group, expressions.BODY_WORDS) is None  # only the whole name ranks
    assert expressions.ts_feature(group, expressions.EXACT).startswith("('锦华' <-> '华包' <-> ")


def test_tsvector_literal_weights_and_positions():
    literal = expressions.tsvector_literal(streams("张伟"), streams("伟华"))
    assert "'张伟':1A" in literal
    assert "'伟华':4B" in literal  # the body starts two positions after the title
    assert "'~张伟':1A" in literal


def _tsvector_by_positions(title_streams, body_streams):
    """The tsvector literal written out position by position: the specification tsvector_literal keeps."""
    positions = {}

    def add(term, pos, weight):
        entries = positions.setdefault(term, [])
        if len(entries) < 256:  # PostgreSQL keeps at most 256 positions per lexeme
            entries.append(f"{min(pos, 16383)}{weight}")  # and positions up to 16383

    for i, term in enumerate(title_streams.grams):
        add(term, i + 1, "A")
    for word, pos in title_streams.words:
        add("~" + word, pos + 1, "A")
    offset = len(title_streams.grams) + 2
    for i, term in enumerate(body_streams.grams):
        add(term, offset + i, "B")
    for word, pos in body_streams.words:
        add("~" + word, offset + pos, "B")
    return " ".join(f"'{term}':{','.join(pos)}" for term, pos in positions.items())


def test_tsvector_literal_is_every_position_of_every_term():
    rnd = random.Random(20261128)
    alphabet = "示范市场监督管理局行政处罚决定书张伟２０２４年abc 0189，。（）"
    cases = [("", ""), ("张伟", ""), ("", "张伟"), ("张伟" * 9000, "处罚")]  # a title past position 16383
    cases += [
        (
            "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60))),
            "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 900))),
        )
        for _ in range(400)
    ]
    cases += [("罚款决定", "张伟" * n) for n in (255, 256, 257, 600)]  # more than 256 positions of one term
    cases += [("罚款决定", "".join(rnd.choice(alphabet) for _ in range(n))) for n in (16380, 16390, 20000)]
    for title, body in cases:
        ts, bs = streams(title), streams(body)
        assert expressions.tsvector_literal(ts, bs) == _tsvector_by_positions(ts, bs), (title[:20], len(body))
    crowded = dict(
        part.split(":") for part in expressions.tsvector_literal(streams("罚款"), streams("张伟" * 600)).split()
    )
    assert len(crowded["'张伟'"].split(",")) == 256  # 600 occurrences, the first 256 kept
    assert crowded["'张伟'"].endswith(",514B")
    long = expressions.tsvector_literal(streams("罚款"), streams("张伟" * 10000))
    positions = [int(mark[:-1]) for part in long.split() for mark in part.split(":")[1].split(",")]
    assert max(positions) == 16383 and "16383B" in dict(part.split(":") for part in long.split())["'伟'"]


def test_facet_terms_are_letters_and_digits():
    terms = expressions.facet_terms(kind="record", category="6.1", department_id=3, year=2024, validity="有效")
    assert all(t.isalnum() and t.isascii() for t in terms)
    assert len(set(terms)) == 5


# --- highlighting ---------------------------------------------------------------------------------------------------


def test_highlight_escapes_and_marks():
    regex = highlight.query_regex(query_terms("script 张伟"))
    html = highlight.highlight('<script>alert("张伟")</script> & Script', regex)
    assert html == (
        "&lt;<mark>script</mark>&gt;alert(&quot;<mark>张伟</mark>&quot;)&lt;/<mark>script</mark>&gt;"
        " &amp; <mark>Script</mark>"
    )


def test_highlight_marks_full_width_text_for_half_width_query():
    regex = highlight.query_regex(query_terms("GB/T 37668"))
    # (runs of white space, the ideographic space included, are shown as one space)
    assert highlight.highlight("ＧＢ／Ｔ　３７６６８", regex) == "<mark>ＧＢ／Ｔ</mark> <mark>３７６６８</mark>"


def test_highlight_respects_number_boundaries():
    regex = highlight.query_regex(query_terms("12号"))
    assert highlight.highlight("〔2024〕112号、12号", regex) == "〔2024〕112号、<mark>12号</mark>"


def test_snippet_is_around_the_first_match():
    text = "开头" * 100 + "当事人张伟华" + "结尾" * 100
    snippet = highlight.snippet(text, highlight.query_regex(query_terms("伟华")), width=40)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>伟华</mark>" in snippet


def test_snippet_without_match_is_the_beginning():
    snippet = highlight.snippet("第一段。" * 100, highlight.query_regex(query_terms("张伟")), width=20)
    assert snippet.startswith("第一段") and snippet.endswith("…")
