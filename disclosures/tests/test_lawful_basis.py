"""The lawful-basis rules (pure module): no invalid combination is ever accepted, each
valid row of the table is accepted, and every refusal names the rule it breaks."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosures import lawful_basis as lb
from disclosures.lawful_basis import Article6, Article9, Consent, Exemption, Facts, Para18Reason, Protection, Schedule1

BOOLS = [f.name for f in dataclasses.fields(Facts) if f.type in ("bool", bool)]


def facts_strategy(codes=None):
    codes = codes or {}
    return st.builds(
        Facts,
        consent=codes.get("consent", st.sampled_from(list(Consent))),
        article_6=codes.get("article_6", st.sampled_from([*Article6, "sch2-2", "6-1-f"])),
        article_9=codes.get("article_9", st.sampled_from(list(Article9))),
        schedule_1=codes.get("schedule_1", st.sampled_from(list(Schedule1))),
        exemption=st.sampled_from(list(Exemption)),
        protection=st.sampled_from(list(Protection)),
        para_18_reason=st.sampled_from(list(Para18Reason)),
        **{name: st.booleans() for name in BOOLS},
    )


def independently_lawful(f: Facts) -> bool:
    """The law restated without the table, for the property test to compare against:
    each line is one way a combination breaks the law."""
    given = f.consent == Consent.GIVEN
    adult_at_risk = f.needs_care_and_support and f.experiencing_or_at_risk_of_harm and f.unable_to_protect_self
    safeguarding_met = not given and f.protection and f.para_18_reason and (f.under_18 or adult_at_risk)
    broken = [
        f.article_6 not in set(Article6),
        f.special_category and not f.article_9,
        f.incapable_of_consent and given,
        f.exemption == Exemption.CRIME and not f.prevent_or_detect_crime,
        f.article_6 == Article6.CONSENT and not given,
        f.article_6 == Article6.VITAL_INTERESTS and not f.risk_to_life,
        f.article_6 == Article6.LEGAL_OBLIGATION and not f.legal_duty,
        f.article_9 == Article9.EXPLICIT_CONSENT and not (given and f.consent_explicit),
        f.article_9 == Article9.VITAL_INTERESTS and not f.incapable_of_consent,
        f.article_9 == Article9.SUBSTANTIAL_PUBLIC_INTEREST and not f.schedule_1,
        f.schedule_1 == Schedule1.SAFEGUARDING and not safeguarding_met,
        f.schedule_1 == Schedule1.UNLAWFUL_ACTS and (given or not f.prevent_or_detect_crime),
    ]
    return not any(broken)


@given(facts_strategy())
def test_no_combination_the_law_forbids_is_ever_accepted(facts):
    verdict = lb.check(facts)
    if verdict.accepted:
        assert independently_lawful(facts), facts
    else:
        assert verdict.problems, "a refusal always says why"


def _satisfying(rule: lb.Rule, **extra) -> Facts:
    """Facts that meet every test of the row, built from what the row asks for."""
    base = {
        "article_6": rule.article_6,
        "article_9": rule.article_9,
        "schedule_1": rule.schedule_1,
        "special_category": rule.article_9 != Article9.NONE,
        "consent": Consent.NOT_OBTAINABLE,
    }
    fields = {test.field for test in rule.tests}
    if {"consent_explicit"} & fields or lb.CONSENT_GIVEN in rule.tests:
        base.update(consent=Consent.GIVEN, consent_explicit=True)
    if "incapable_of_consent" in fields:
        base["incapable_of_consent"] = True
    base.update(
        risk_to_life="risk_to_life" in fields,
        legal_duty="legal_duty" in fields,
        prevent_or_detect_crime="prevent_or_detect_crime" in fields,
        protection=Protection.HARM if "protection" in fields else "",
        under_18="under_18" in fields,
        para_18_reason=Para18Reason.WOULD_PREJUDICE if "para_18_reason" in fields else "",
    )
    base.update(extra)
    return Facts(**base)


def test_every_row_of_the_table_is_accepted_when_its_tests_hold():
    for rule in lb.RULES:
        verdict = lb.check(_satisfying(rule))
        assert verdict.accepted, (rule.cites, verdict.problems)
        assert verdict.rule == rule


@given(st.sampled_from(lb.RULES), st.data())
def test_each_row_is_accepted_whatever_the_facts_it_does_not_ask_about(rule, data):
    facts = _satisfying(rule)
    asked = {test.field for test in rule.tests} | {"consent", "consent_explicit", "incapable_of_consent"}
    unasked = [name for name in BOOLS if name not in asked and name != "special_category"]
    changes = {name: data.draw(st.booleans()) for name in unasked}
    facts = dataclasses.replace(facts, **changes)
    if facts.under_18 is False and "under_18" in asked:
        facts = dataclasses.replace(facts, under_18=True)
    assert lb.check(facts).accepted, (rule.cites, lb.check(facts).problems)


@given(facts_strategy())
def test_every_refusal_names_a_provision_or_asks_for_a_choice(facts):
    for problem in lb.check(facts).problems:
        assert any(word in problem.message for word in ("UK GDPR", "DPA 2018", "Choose", "consent")), problem


def test_schedule_2_paragraph_2_is_refused_as_a_basis_and_said_to_be_an_exemption():
    verdict = lb.check(Facts(consent=Consent.REFUSED, article_6="sch2-2", prevent_or_detect_crime=True))
    assert not verdict.accepted
    assert verdict.problems[0].field == "article_6"
    assert "exemption, not a lawful basis" in verdict.problems[0].message


def test_the_crime_exemption_is_recorded_beside_a_basis_when_the_sharing_is_about_crime():
    facts = Facts(
        consent=Consent.NOT_SOUGHT,
        article_6=Article6.PUBLIC_TASK,
        schedule_1=Schedule1.UNLAWFUL_ACTS,
        exemption=Exemption.CRIME,
        prevent_or_detect_crime=True,
    )
    assert lb.check(facts).accepted
    refused = lb.check(dataclasses.replace(facts, schedule_1="", prevent_or_detect_crime=False))
    assert "Sch. 2 para 2 applies only" in " ".join(p.message for p in refused.problems)


def test_vital_interests_under_article_9_never_overrides_a_refusal_by_someone_with_capacity():
    facts = Facts(
        consent=Consent.REFUSED,
        article_6=Article6.VITAL_INTERESTS,
        article_9=Article9.VITAL_INTERESTS,
        special_category=True,
        risk_to_life=True,
        incapable_of_consent=False,
    )
    verdict = lb.check(facts)
    assert not verdict.accepted
    assert "never over a refusal by someone with capacity" in verdict.problems[0].message
    assert lb.check(dataclasses.replace(facts, incapable_of_consent=True)).accepted


def test_safeguarding_an_adult_needs_all_three_limbs_of_paragraph_18_3():
    facts = Facts(
        consent=Consent.REFUSED,
        article_6=Article6.PUBLIC_TASK,
        article_9=Article9.SUBSTANTIAL_PUBLIC_INTEREST,
        schedule_1=Schedule1.SAFEGUARDING,
        special_category=True,
        protection=Protection.HARM,
        para_18_reason=Para18Reason.WOULD_PREJUDICE,
        needs_care_and_support=True,
        experiencing_or_at_risk_of_harm=True,
    )
    verdict = lb.check(facts)
    assert [p.field for p in verdict.problems] == ["under_18"]
    assert "all three limbs" in verdict.problems[0].message
    assert lb.check(dataclasses.replace(facts, unable_to_protect_self=True)).accepted


def test_health_data_without_an_article_9_condition_is_refused_naming_article_9():
    verdict = lb.check(Facts(consent=Consent.GIVEN, article_6=Article6.CONSENT, special_category=True))
    assert "Art. 9(1)" in verdict.problems[0].message


def test_the_table_a_dpo_reads_has_a_citation_on_every_row():
    rows = lb.table()
    assert len(rows) == len(lb.RULES)
    assert all(row["cites"] and row["when"] for row in rows)


def test_the_rules_module_is_mypy_clean_under_strict_checking():
    mypy_api = pytest.importorskip("mypy.api")
    out, err, status = mypy_api.run(["--strict", "--no-incremental", "disclosures/lawful_basis.py"])
    assert status == 0, out + err
