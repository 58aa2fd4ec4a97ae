"""The plan Haven proposes when an incident starts (pure module, property-based)."""

from hypothesis import given
from hypothesis import strategies as st

from incidents.definitions import PROTOCOLS
from incidents.proposal import DOMESTIC_ABUSE, SUICIDE_SELF_HARM, THREAT_TO_OTHERS, propose

words = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Zs", "Po")), max_size=80)
channels = st.sampled_from(["", "telephone", "letter", "third-party", "social-media", "home-visit"])
markers = st.frozensets(st.sampled_from(["domestic-abuse-risk", "risk-to-staff", "learning-difficulty"]))


@given(said=words, marker_codes=markers, channel=channels)
def test_a_proposal_is_always_one_of_the_plans_or_none_with_a_reason(said, marker_codes, channel):
    proposal = propose(said, marker_codes, channel)
    assert proposal.protocol_id in (*PROTOCOLS, None)
    assert proposal.reason


@given(before=words, after=words, marker_codes=markers, channel=channels)
def test_saying_they_will_end_their_life_always_proposes_the_six_point_plan(before, after, marker_codes, channel):
    proposal = propose(f"{before} I want to end my life {after}", marker_codes, channel)
    assert proposal.protocol_id == SUICIDE_SELF_HARM


@given(marker_codes=markers, channel=channels)
def test_what_they_said_outweighs_markers_and_channel(marker_codes, channel):
    assert propose("I'll kill the bailiff if he comes back", marker_codes, channel).protocol_id == THREAT_TO_OTHERS
    assert propose("I won't be safe once he's told", marker_codes, channel).protocol_id == DOMESTIC_ABUSE


def test_markers_then_channel_decide_when_nothing_was_said():
    assert propose("", {"domestic-abuse-risk"}, "telephone").protocol_id == DOMESTIC_ABUSE
    assert propose("", set(), "third-party").protocol_id == SUICIDE_SELF_HARM
    assert propose("", set(), "telephone").protocol_id is None


def test_phrases_match_whole_words_only():
    assert propose("my therapist says I'm doing well").protocol_id is None
    assert propose("she has a partnership business").protocol_id is None
    assert propose("my partner hits me").protocol_id == DOMESTIC_ABUSE
