"""Folding text into search words: every word of an entry can be found by its start."""

from hypothesis import given
from hypothesis import strategies as st

from directory import words


def test_words_are_folded_to_lower_case_ascii():
    assert words.fold("Women's Aid (NI) – Café") == ["women", "s", "aid", "ni", "cafe"]


@given(st.text(max_size=60))
def test_every_folded_word_is_plain_lower_case_ascii_within_the_limit(text):
    for word in words.fold(text):
        assert word.isascii()
        assert word == word.lower()
        assert 0 < len(word) <= words.MAX_LENGTH


@given(st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True), st.from_regex(r"[a-z0-9]{0,12}", fullmatch=True))
def test_a_prefix_range_holds_every_word_that_starts_with_it_and_no_other(prefix, rest):
    word = prefix + rest
    assert prefix <= word < words.upper_bound(prefix)
