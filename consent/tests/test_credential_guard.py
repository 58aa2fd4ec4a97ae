"""The credential guard (pure module): the corpus, and properties that must always hold."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consent.credential_guard import STOP_WORDS, find_credential, looks_like_credential
from consent.tests.conftest import corpus_scores
from consent.tests.credential_corpus import MUST_CATCH, MUST_PASS

LETTERS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=10)
SECRETS = st.builds(lambda word, digits: f"{word}{digits}", LETTERS, st.integers(min_value=10, max_value=99999))
KEYWORDS = st.sampled_from(["password", "Password", "PIN", "pw", "passcode", "memorable word", "security answer"])
CONNECTORS = st.sampled_from([" is ", ": ", " = ", " was ", " - ", " is now ", " set to "])
ORDINARY = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.", max_size=200)


def test_the_corpus_has_at_least_fifty_examples_of_each_kind():
    assert len(MUST_CATCH) >= 50
    assert len(MUST_PASS) >= 50
    assert not set(MUST_CATCH) & set(MUST_PASS)


def test_precision_and_recall_on_the_corpus_stay_at_one():
    precision, recall, _, _ = corpus_scores()
    print(f"credential guard: precision {precision:.3f}, recall {recall:.3f}")
    assert (precision, recall) == (1.0, 1.0)


@pytest.mark.parametrize("text", MUST_CATCH)
def test_each_must_catch_example_is_caught(text):
    assert looks_like_credential(text)


@pytest.mark.parametrize("text", MUST_PASS)
def test_each_ordinary_note_passes(text):
    assert find_credential(text) is None


@given(prefix=ORDINARY, keyword=KEYWORDS, connector=CONNECTORS, secret=SECRETS, suffix=ORDINARY)
def test_a_credential_word_with_a_secret_value_is_caught_wherever_it_sits_in_a_note(
    prefix, keyword, connector, secret, suffix
):
    text = f"{prefix} {keyword}{connector}{secret} {suffix}"
    finding = find_credential(text)
    assert finding is not None
    assert secret in text[finding.start : finding.end + len(secret)]


@given(keyword=KEYWORDS, connector=CONNECTORS, word=st.sampled_from(sorted(STOP_WORDS)))
def test_a_credential_word_followed_by_an_ordinary_word_passes(keyword, connector, word):
    assert not looks_like_credential(f"her {keyword}{connector}{word} and she called back")


@given(text=ORDINARY)
def test_text_with_no_credential_word_always_passes(text):
    assert not looks_like_credential(text.replace("pw", "p w").replace("pin", "p in").replace("pass", "p ass"))


@given(text=st.text(max_size=300))
def test_the_guard_never_raises_on_any_text(text):
    result = find_credential(text)
    assert result is None or 0 <= result.start < result.end <= len(text) + 1


@given(keyword=KEYWORDS, secret=SECRETS)
def test_case_and_spacing_do_not_hide_a_credential(keyword, secret):
    assert looks_like_credential(f"{keyword.upper()}   IS\n{secret}")
