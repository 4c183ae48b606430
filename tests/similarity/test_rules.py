"""The pure similarity rules: normalisation, grams, queries and scores."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wagtail_feedback.rules import similarity as rules

SYNONYMS = [["エクスポート", "export", "書き出し", "出力"], ["ログイン", "login", "sign in"]]


@pytest.mark.parametrize(
    "a,b",
    [
        ("ＣＳＶエクスポート", "csvエクスポート"),  # full-width letters
        ("ｴｸｽﾎﾟｰﾄ", "エクスポート"),  # half-width katakana
        ("えくすぽーと", "エクスポート"),  # hiragana for katakana
        ("ユーザ", "ユーザー"),  # long-vowel mark
        ("ウィンドウ", "ウインドウ"),  # small kana
        ("シングル・サインオン", "シングルサインオン"),  # middle dot
        ("Export", "EXPORT"),
        ("e-mail", "email"),
        ("Café", "cafe"),
        ("dark　mode", "dark mode"),  # ideographic space
    ],
)
def test_variants_normalise_alike(a, b):
    assert rules.normalise(a) == rules.normalise(b)


def test_normalise_keeps_only_letters_and_digits():
    assert rules.normalise('  "CSV" * (AND) OR: 50% _x_ \\ 👍 ') == "csv and or 50 x"
    assert rules.normalise("🎉🎉") == ""
    assert rules.normalise(None) == ""


def test_japanese_is_cut_into_pairs_and_latin_into_marked_triples():
    assert rules.grams("請求書") == ["請求", "求書", "請_書"]
    assert rules.grams("export") == ["^ex", "exp", "xpo", "por", "ort", "#eoprtx"]
    assert rules.grams("CSVで出力") == ["^cs", "csv", "#csv", "で出", "出力", "で_力"]


def test_a_half_typed_word_shares_all_its_grams_with_the_word():
    assert set(rules.grams("expo")) - {"#eopx"} <= set(rules.grams("export"))
    assert set(rules.grams("エクス")) - {"え_す"} <= set(rules.grams("エクスポート"))


def test_transposed_letters_share_the_word_key():
    assert rules.word_key("mdoe") == rules.word_key("mode")
    assert rules.word_key("it") is None and rules.word_key("internationalisation") is None


def test_title_grams_outweigh_description_grams():
    doc = rules.document("Export invoices", "Export to a spreadsheet")
    assert doc.weights["^ex"] == rules.TITLE_WEIGHT
    assert doc.weights["^sp"] == rules.DESCRIPTION_WEIGHT
    assert doc.title_grams == len(rules.grams("Export invoices"))


def test_stop_words_go_unless_they_may_be_half_typed():
    assert rules.build_query("I would like to export").normalised == "export"
    assert rules.build_query("export the").normalised == "export the"  # "the" may become "theme"
    assert rules.build_query("export the ").normalised == "export"
    assert rules.build_query("the").normalised == "the"  # nothing else to search for


def test_synonyms_become_one_unit_with_alternatives():
    query = rules.build_query("CSVエクスポート", SYNONYMS)
    unit = query.units[0]
    assert unit.alternatives[0] == tuple(rules.grams("エクスポート"))
    assert tuple(rules.grams("export")) in unit.alternatives
    assert ("出力",) in unit.alternatives
    assert "^ex" in query.grams


def test_a_latin_term_matches_at_the_start_of_a_word_only():
    assert rules.build_query("exporting", SYNONYMS).units[0].alternatives[0] == tuple(rules.grams("export"))
    assert all(("出力",) not in u.alternatives for u in rules.build_query("reexport", SYNONYMS).units)


def test_a_half_typed_last_word_finds_its_synonyms():
    query = rules.build_query("I want to expo", SYNONYMS)
    assert any(tuple(rules.grams("エクスポート")) in u.alternatives for u in query.units)
    assert rules.build_query("expo ", SYNONYMS).units[0].alternatives == ((("^ex", "exp", "xpo"), ("#eopx",)))
    query = rules.build_query("CSVをｴｸｽﾎﾟ", SYNONYMS)
    assert any(tuple(rules.grams("export")) in u.alternatives for u in query.units)
    short = rules.build_query("CSVをｴｸ", SYNONYMS)  # two kana are too few to mean エクスポート
    assert not any(tuple(rules.grams("export")) in u.alternatives for u in short.units)


def test_particles_and_boilerplate_count_for_less():
    units = {u.alternatives[0][0]: u.factor for u in rules.build_query("電子署名に対応してほしい").units}
    assert units["署名"] == 1.0
    assert units["対応"] < 1.0 and units["ほし"] < 1.0 and units["名に"] < 1.0
    # typed in hiragana, a word is a word
    assert {u.factor for u in rules.build_query("だっしゅぼーど").units} == {1.0}


def test_long_input_is_capped():
    query = rules.build_query("export invoices " * 2000)
    assert 0 < len(query.grams) <= rules.MAX_QUERY_GRAMS * 3
    query = rules.build_query("あいうえおかきくけこ" * 1000)
    assert len(query.units) <= rules.MAX_QUERY_GRAMS


def _score(text, title, description="", synonyms=()):
    query = rules.build_query(text, synonyms)
    doc = rules.document(title, description)
    weights = dict.fromkeys(query.grams, 1.0)
    return rules.score(query, weights, {g: doc.weights[g] for g in query.grams if g in doc.weights}, doc.title_grams)


def test_scores():
    assert _score("dark mode", "Dark mode") == 1.0
    assert _score("dark mode", "Offline mode for the app") < _score("dark mode", "Dark mode for the app")
    assert _score("dark mode", "Dark mode for the app") < _score("dark mode", "Dark mode")
    assert _score("dark mode", "Settings", "Dark mode") < _score("dark mode", "Dark mode")  # title above description
    assert _score("video calls", "Export invoices") == 0.0
    assert _score("エクスポート", "Export invoices", synonyms=SYNONYMS) > 0.5
    assert _score("dark mdoe", "Dark mode") > 0.9


@settings(deadline=None)  # timing is not what this checks, and the machine may be busy
@given(st.text(max_size=300), st.text(max_size=100), st.text(max_size=300))
def test_any_text_scores_between_zero_and_one(text, title, description):
    score = _score(text, title, description, SYNONYMS)
    assert 0.0 <= score <= 1.0


def test_synonym_terms_are_split_like_an_editor_types_them():
    assert rules.synonym_terms("エクスポート\nexport, 書き出し、出力;  Export ") == ["エクスポート", "export", "書き出し", "出力"]
