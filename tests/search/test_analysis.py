from search.analysis import (
    bigram_tokens,
    code_key,
    code_prefixes,
    is_single_character,
    normalise,
    query_terms,
    unigram_tokens,
)


def test_chinese_runs_become_overlapping_bigrams():
    assert bigram_tokens("食品安全") == ["食品", "品安", "安全"]


def test_lone_character_stays_a_unigram():
    assert bigram_tokens("罚 款") == ["罚", "款"]


def test_latin_and_digit_words_stay_whole_and_split_from_chinese():
    assert bigram_tokens("ABC食品2023年") == ["abc", "食品", "2023", "年"]


def test_unigrams_give_every_character():
    assert unigram_tokens("罚款2000元") == ["罚", "款", "2000", "元"]


def test_traditional_characters_fold_to_simplified():
    assert normalise("行政處罰") == "行政处罚"
    assert bigram_tokens("處罰") == bigram_tokens("处罚")


def test_full_width_and_case_fold():
    assert normalise("ＡＢＣ１２３") == "abc123"


def test_codes_compare_whole_and_by_prefix():
    assert code_key(" 苏市监罚〔２０２３〕１２３号 ") == "苏市监罚〔2023〕123号"
    assert "苏市监罚〔2023〕" in code_prefixes("苏市监罚〔2023〕123号")
    assert code_key("91320105780688132k") == "91320105780688132K"


def test_query_terms_split_on_any_white_space():
    assert query_terms(" 食品\u3000安全  罚款 ") == ["食品", "安全", "罚款"]


def test_single_character_terms_are_recognised():
    assert is_single_character("罚") and not is_single_character("罚款") and not is_single_character("a")
