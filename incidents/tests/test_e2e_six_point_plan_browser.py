"""Issue 8, shown end to end in real browsers, two people at once, served over ASGI so
events stream: the Six Point Plan on a home visit. Cara, the visiting officer, starts it
with the channel "Home visit" and walks the home-visit path (her own safety first; then
she contacts a colleague, which summons a support partner); Nia accepts and follows
live; Cara ends the plan, completes the declaration record with every field Annex B
lists, and the plan ends with its review task for her team leader."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from core.testing.browser import assert_accessible
from disclosures.tests.helpers import customer_at_risk
from incidents.models import Incident, IncidentRecord, IncidentReview
from incidents.runs import run_of
from incidents.services_records import values_of
from incidents.tests.guided_browser import STEP, answer, following, real_problems, signed_in
from incidents.tests.partner_asgi import asgi_server  # noqa: F401  (fixture)
from incidents.tests.test_records_services import ANNEX_B
from work.models import TaskState

CARA = "Cara Okafor"
REVIEW_TASK = "Review the suicide or self-harm declaration with the worker on the incident review template"


def _start_on_a_home_visit(page, server, customer) -> Incident:
    page.goto(f"{server.url}{reverse('people:record', args=[customer.pk])}")
    page.get_by_role("button", name="Start an incident").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start an incident")
    page.get_by_label("Home visit", exact=True).check()
    page.get_by_label("What did the customer say? (optional)").fill("I've had enough, I'm going to end it all")
    plan = page.locator("#incident-plans .govuk-button").first
    expect(plan).to_have_text("Start the Six Point Plan")
    plan.click()
    expect(page).to_have_url(re.compile(r"/incidents/\d+/$"))
    incident = Incident.objects.get()
    assert (incident.protocol_id, incident.channel) == ("suicide-self-harm", "home-visit")
    return incident


def _gather(page) -> None:
    """Annex B, point 2: gather information, without leaving the customer."""
    answer(page, "Do they have specific plans?", fill="Says he has been saving his tablets")
    answer(page, "Have they already taken action", choose="No")
    answer(page, "Do they have the means", choose="Yes")
    answer(page, "Have they tried to harm themselves before?", choose="No")
    answer(page, "Have they received treatment", choose="Don't know")
    answer(page, "Where is the customer now?", fill="At home, 4 Mill Lane", postcode="NE6 1AA")
    answer(page, "Do they intend to go anywhere else?", fill="No")
    answer(page, "How imminent is the intention?", choose="Soon, but not now")
    answer(page, "friends or family members who could provide support", fill="His sister, who lives nearby")


def test_the_six_point_plan_on_a_home_visit_with_a_support_partner_and_the_declaration_record(
    browser,
    asgi_server,  # noqa: F811
    cara,
    nia,
    tom,
):
    customer = customer_at_risk(cara)
    cara_context, cara_page, cara_problems = signed_in(browser, asgi_server, cara)
    nia_context, nia_page, nia_problems = signed_in(browser, asgi_server, nia)
    incident = _start_on_a_home_visit(cara_page, asgi_server, customer)
    expect(cara_page.locator(".govuk-caption-l")).to_contain_text("Home visit")
    assert_accessible(cara_page, "guided screen of the Six Point Plan")

    # The home-visit path: her own safety comes first.
    # The plan's own first question routes by channel (Annex B gives each its own points):
    # answered from the start page, so she is not asked twice, and shown in the summary.
    summary = cara_page.locator("#incident-summary")
    expect(summary).to_contain_text("How did the customer's declaration reach you?")
    expect(summary).to_contain_text("On a home visit")
    answer(cara_page, "Think about your own safety: it must always come first.", done=True)
    expect(cara_page.locator("#incident-guidance")).not_to_be_empty()
    answer(cara_page, "Do you feel unsafe", choose="No: I feel safe and there is no sign of a weapon")
    answer(cara_page, "If you have other visits booked", done=True)

    # Contacting a colleague is summoning a support partner: one button, and Nia accepts.
    expect(cara_page.locator(STEP)).to_contain_text("contact the person in your part of the business")
    cara_page.get_by_role("button", name="Summon support partner").click()
    banner = nia_page.locator(".haven-support-alert")
    expect(banner).to_contain_text("Cara Okafor needs a support partner now", timeout=5000)
    banner.get_by_role("button", name=re.compile("^Accept")).click()
    expect(nia_page.locator(".govuk-notification-banner--success")).to_contain_text("You joined as Cara Okafor's")
    expect(cara_page.locator("#partner-status")).to_contain_text(
        "Nia Evans joined as the support partner", timeout=5000
    )
    following(nia_page, CARA, "contact the person in your part of the business")
    cara_page.locator(STEP).get_by_role("button", name="Done").focus()  # back from the panel to the step
    answer(cara_page, "contact the person in your part of the business", done=True)

    # Nia follows each step as it is answered, and sees the answers in the summary.
    _gather(cara_page)
    following(nia_page, CARA, "is the customer at serious risk or in immediate danger?")
    expect(nia_page.locator("#incident-summary")).to_contain_text("Says he has been saving his tablets")
    expect(nia_page.locator("#incident-summary")).to_contain_text("His sister, who lives nearby")
    answer(cara_page, "serious risk or in immediate danger?", choose=re.compile("No: not in immediate danger"))
    answer(cara_page, "Encourage the customer to seek help now", told=True)
    answer(cara_page, "Would the customer like us to contact someone for them?", choose="No")
    following(nia_page, CARA, "record the declaration and the action you took")
    answer(cara_page, "record the declaration and the action you took", done=True)
    answer(cara_page, "Did you feel threatened or intimidated", choose="No")
    answer(cara_page, "Discuss the incident with your line manager", done=True)

    # The end of the plan is its review, a task for Tom within two working days.
    expect(cara_page.locator(STEP)).to_contain_text("Review the incident with your line manager")
    expect(nia_page.locator(STEP)).to_contain_text("Review the incident with your line manager", timeout=5000)
    incident = Incident.objects.get(pk=incident.pk)
    assert run_of(incident).finished
    task = IncidentReview.objects.get(incident=incident).task
    assert (task.title, task.assignee, task.state) == (f"{REVIEW_TASK} (Cara Okafor)", tom, TaskState.OPEN)
    cara_page.reload()
    expect(cara_page.locator("#followup-review")).to_contain_text(
        f"To do with your team leader, by {task.due_on:%-d %B %Y}."
    )

    # The declaration record, every field Annex B lists.
    cara_page.locator("#followup-records").get_by_role(
        "link", name=re.compile("Record of customer declaration")
    ).click()
    expect(cara_page.get_by_role("heading", level=1)).to_contain_text("Record of customer declaration")
    assert_accessible(cara_page, "declaration record")
    for index, label in enumerate(ANNEX_B):
        cara_page.get_by_label(label).fill(f"From the visit, box {index + 1}")
    cara_page.get_by_role("button", name="Complete the record").click()
    expect(cara_page.get_by_text(re.compile("Record of customer declaration.*: completed"))).to_be_visible()
    record = IncidentRecord.objects.get(incident=incident, record_id="declaration-record")
    assert record.completed_by == cara
    assert values_of(record) == [f"From the visit, box {index + 1}" for index in range(len(ANNEX_B))]

    # Tom finds the review in his work queue.
    tom_context, tom_page, tom_problems = signed_in(browser, asgi_server, tom)
    tom_page.goto(f"{asgi_server.url}/work/mine")
    expect(tom_page.get_by_role("link", name=re.compile(re.escape(REVIEW_TASK)))).to_be_visible()

    for context in (cara_context, nia_context, tom_context):
        context.close()
    assert real_problems(cara_problems) == []
    assert real_problems(nia_problems) == []
    assert real_problems(tom_problems) == []
