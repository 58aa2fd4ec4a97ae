"""Issue 8, shown end to end in real browsers, two people at once, served over ASGI so
events stream: a DA Plan Section A incident. Cara starts it from the customer's record in
two clicks and answers the plan from the keyboard; she summons a support partner; Nia,
on another page, gets the alert, accepts, and follows Cara's steps and notes live; Nia's
note is a witness note on Cara's screen; the emergency services are called and Nia records
the call on Cara's behalf, which opens the disclosure decision prefilled; Report Threat
lands with Tom, the team leader; Cara ends the plan, completes the contact notes, closes
the incident, and the follow-up shows the Employee Assistance Programme and the
keep-until date."""

import re
import time

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from core.testing.browser import assert_accessible
from disclosures.tests.helpers import customer_at_risk
from incidents.models import EmergencyCall, Incident, IncidentRecord, ReportThreat
from incidents.runs import run_of
from incidents.selectors import latest_notes
from incidents.tests.guided_browser import STEP, answer, following, real_problems, signed_in
from incidents.tests.partner_asgi import asgi_server  # noqa: F401  (fixture)
from incidents.tests.test_records_services import DA_CONTACT_NOTES
from work import deadlines
from work.models import Task

CARA = "Cara Okafor"


def _start_from_the_record(page, server, customer) -> Incident:
    page.goto(f"{server.url}{reverse('people:record', args=[customer.pk])}")
    page.get_by_role("button", name="Start an incident").click()  # click 1
    expect(page.get_by_role("heading", level=1)).to_have_text("Start an incident")
    expect(page.get_by_label("Telephone", exact=True)).to_be_checked()
    plan = page.locator("#incident-plans .govuk-button").first
    expect(plan).to_have_text("Start the DA Plan")
    plan.click()  # click 2
    expect(page).to_have_url(re.compile(r"/incidents/\d+/$"))
    return Incident.objects.get()


def _gather_information(page) -> None:
    """DA Plan, Section A: gather information to gauge the level of risk."""
    answer(page, "Where are you?", fill="At home, 12 Elm Street", postcode="NE1 4ST")
    answer(page, "Do you have someone with you?", choose="No")
    answer(page, "Why is it that you're in immediate danger?", fill="Her ex-partner is outside and has threatened her")
    answer(page, "Are there children with you?", choose="Yes")
    answer(page, "Are your children in danger?", choose="Yes")
    answer(page, "Who is it that has threatened you", fill="Her ex-partner")
    answer(page, "What have they threatened?", fill="To break in")
    answer(page, "Do you intend to go anywhere?", fill="No")


def _emergency_services(page) -> None:
    """DA Plan, "Call the Emergency Services": she will not phone, refuses consent; not so
    urgent that Cara acts alone, so Tom decides to call; she is told; the call is made."""
    answer(page, "serious risk or in immediate danger", choose=re.compile("At serious risk"))
    answer(page, "Will they phone 999 themselves?", choose=re.compile("No: they are unable or unwilling"))
    answer(page, "Do you want us to phone the police on your behalf?", choose="No: they refuse consent")
    answer(page, "Is the situation so urgent", choose=re.compile("Not that urgent"))
    answer(
        page,
        "Is it necessary to call the emergency services?",
        choose="Call the emergency services",
        role="Team leader",
        reason="Threat to life: he is at the door",
    )
    answer(page, "Have you told the customer", choose="Yes, I have told them")
    answer(page, "Call the emergency services on 999", done=True)
    answer(page, "Did you tell the operator", choose="Not needed: the customer lives in this area")
    answer(page, "What location did you give the operator", fill="12 Elm Street, Newcastle", postcode="NE1 4ST")
    answer(page, "When did you call the emergency services?", fill=timezone.localtime().strftime("%H:%M"))
    answer(page, "What reference number did the police give?", fill="NP-2026-1234")


def _note(page, text: str) -> None:
    """Types a note and leaves the box (which saves it), then waits until it is saved."""
    box = page.locator("#incident-note")
    box.click()
    box.type(text)
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#incident-note-status")).to_contain_text(re.compile(r"Saved \d\d:\d\d:\d\d"), timeout=8000)


def _nia_records_the_call(nia_page, server, incident) -> None:
    """On the guided screen's emergency panel, opened by the plan asking for the call:
    prefilled from Cara's answers; Nia made the call."""
    nia_page.reload()
    form = nia_page.locator("#emergency-call-form")
    expect(form).to_have_attribute("open", "")
    expect(form.get_by_label("Police or incident reference (optional)")).to_have_value("NP-2026-1234")
    expect(form.get_by_label("The location you gave for the customer")).to_have_value(re.compile("12 Elm Street"))
    assert_accessible(nia_page, "guided screen with the emergency call form")
    form.get_by_label("Nia Evans (support partner)").check()
    for question, choice in (
        ("Did you ask the customer to phone 999 themselves?", "Yes"),
        ("Did you ask whether they want us to phone for them?", "Yes"),
        ("Did you tell the customer what is happening and why?", "Yes"),
    ):
        group = form.get_by_role("group", name=question)
        if not group.get_by_label(choice, exact=True).is_checked():
            group.get_by_label(choice, exact=True).check()
    nia_page.get_by_role("button", name="Record the call").click()
    expect(nia_page).to_have_url(f"{server.url}/incidents/{incident.pk}/")
    expect(nia_page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Emergency call recorded. Now record the disclosure decision it opened."
    )
    card = nia_page.locator("#emergency-panel .govuk-summary-card")
    expect(card).to_contain_text("NP-2026-1234")
    expect(card).to_contain_text("Nia Evans")
    call = EmergencyCall.objects.get(incident=incident)
    assert (call.made_by.username, call.recorded_by.username, call.police_reference) == ("nia", "nia", "NP-2026-1234")

    card.get_by_role("link", name="Record the disclosure decision").click()
    expect(nia_page.locator("#customer-banner")).to_be_visible()
    expect(nia_page.get_by_label("Reference number (optional)")).to_have_value("NP-2026-1234")
    expect(nia_page.get_by_label("Organisation", exact=True)).to_have_value("Police")
    assert_accessible(nia_page, "disclosure decision opened from the call")
    nia_page.goto(f"{server.url}/incidents/{incident.pk}/")  # back beside Cara for the rest of the call


def test_a_full_da_plan_section_a_incident_with_a_support_partner_following_live(
    browser,
    asgi_server,  # noqa: F811
    cara,
    nia,
    tom,
):
    customer = customer_at_risk(cara)
    cara_context, cara_page, cara_problems = signed_in(browser, asgi_server, cara)
    nia_context, nia_page, nia_problems = signed_in(browser, asgi_server, nia)
    nia_page.goto(f"{asgi_server.url}/directory/")

    # Two clicks from the customer's record, then the plan's first question by keyboard.
    incident = _start_from_the_record(cara_page, asgi_server, customer)
    expect(cara_page.locator("#incident-guidance")).to_contain_text("Handle every report of domestic abuse sensitively")
    assert_accessible(cara_page, "guided screen")
    answer(cara_page, "Are you safe at the moment?", choose="Not safe at the moment")
    expect(cara_page.locator("#incident-summary")).to_contain_text("Not safe at the moment")
    answer(cara_page, "Take the statement seriously", done=True)

    # One button: the customer is not put on hold, and the alert reaches Nia's page.
    expect(cara_page.locator(STEP)).to_contain_text("Summon a colleague to be your support partner")
    cara_page.get_by_role("button", name="Summon support partner").click()
    expect(cara_page.locator("#partner-status")).to_contain_text(re.compile("Waiting|alerted", re.I))
    expect(cara_page.locator(STEP)).to_contain_text("Summon a colleague")  # still on the step
    banner = nia_page.locator(".haven-support-alert")
    expect(banner).to_contain_text("Cara Okafor needs a support partner now", timeout=5000)
    banner.get_by_role("button", name=re.compile("^Accept")).click()
    expect(nia_page.locator(".govuk-notification-banner--success")).to_contain_text("You joined as Cara Okafor's")
    expect(nia_page.locator("#incident-read-only")).to_contain_text("You are following this incident")
    expect(cara_page.locator("#partner-status")).to_contain_text(
        "Nia Evans joined as the support partner", timeout=5000
    )

    # Nia's screen follows Cara's steps as she answers them.
    following(nia_page, CARA, "Summon a colleague")
    cara_page.locator(STEP).get_by_role("button", name="Done").focus()  # back from the panel to the step
    answer(cara_page, "Summon a colleague", done=True)
    following(nia_page, CARA, "Where are you?")
    _gather_information(cara_page)
    following(nia_page, CARA, "serious risk or in immediate danger")
    expect(nia_page.locator("#incident-summary")).to_contain_text("To break in")

    # Cara's note is on Nia's screen within 2 seconds of being saved, without a reload.
    _note(cara_page, "Customer is whispering; he is banging on the door.")
    saved = time.monotonic()
    expect(nia_page.locator("#incident-notes-list")).to_contain_text(
        "Customer is whispering; he is banging on the door.", timeout=2000
    )
    assert time.monotonic() - saved < 2
    # Nia's note is a witness note, attributed to her, on Cara's screen.
    expect(nia_page.get_by_label("Your note (a witness note)")).to_be_visible()
    _note(nia_page, "I can hear shouting in the background.")
    witness = cara_page.locator("#incident-notes-list li", has_text="I can hear shouting in the background.")
    expect(witness).to_contain_text("Nia Evans", timeout=5000)
    expect(witness.locator(".govuk-tag")).to_have_text("Witness")
    by_text = {note.text: note for note in latest_notes(incident)}
    assert by_text["I can hear shouting in the background."].is_witness
    assert not by_text["Customer is whispering; he is banging on the door."].is_witness

    _emergency_services(cara_page)
    following(nia_page, CARA, "Report Threat: write a brief overview")
    _nia_records_the_call(nia_page, asgi_server, incident)
    # Cara's screen shows the call Nia recorded without a reload (it changed no step).
    expect(cara_page.locator("#emergency-panel .govuk-summary-card")).to_contain_text("NP-2026-1234", timeout=20000)

    # Report Threat: the activity lands with Tom, Cara's team leader.
    answer(cara_page, "Report Threat: write a brief overview", fill="Ex-partner outside her home; children present.")
    report = ReportThreat.objects.get(incident=incident)
    assert report.allocated_to == tom
    expect(cara_page.locator("#report-threat-link")).to_contain_text("allocated to Tom Leary")  # live, no reload
    tom_context, tom_page, tom_problems = signed_in(browser, asgi_server, tom)
    tom_page.goto(f"{asgi_server.url}/work/mine")
    task = Task.objects.get(pk=report.task_id)
    expect(tom_page.get_by_role("link", name=re.compile(re.escape(task.title)))).to_be_visible()
    tom_page.goto(f"{asgi_server.url}/incidents/{incident.pk}/report-threat")
    expect(tom_page.get_by_role("heading", level=1)).to_have_text("Report Threat")
    expect(tom_page.locator("#report-threat")).to_contain_text("NP-2026-1234")
    expect(tom_page.get_by_role("button", name=re.compile("^Tick.*Take primary ownership"))).to_be_visible()

    # Cara takes the plan to its end.
    answer(cara_page, "Add to the customer's contact notes", done=True)
    answer(cara_page, "Team leader: review the Report Threat activity", done=True)
    answer(cara_page, "Discuss the incident with your team leader", done=True)
    answer(cara_page, "Mental Health First Aider", choose="No")
    answer(cara_page, "Are you home-based or office-based?", choose="Office-based")
    answer(cara_page, "Take account of your own well-being", done=True)
    answer(cara_page, "Does the customer still need further support", choose="No referral needed")
    expect(cara_page.locator(STEP)).to_contain_text("You have finished the DA Plan")
    expect(nia_page.locator(STEP)).to_contain_text("You have finished the DA Plan", timeout=5000)
    expect(nia_page.locator(STEP)).to_contain_text("The worker or their team leader closes the incident.")
    assert run_of(Incident.objects.get(pk=incident.pk)).finished

    # The contact notes the DA Plan lists, then the incident is closed.
    cara_page.locator("#followup-records").get_by_role("link", name="Contact notes for the customer").click()
    for index, label in enumerate(DA_CONTACT_NOTES):
        cara_page.get_by_label(label).fill(f"From the call, box {index + 1}")
    cara_page.get_by_role("button", name="Complete the record").click()
    expect(cara_page.get_by_text("Contact notes for the customer: completed")).to_be_visible()
    assert IncidentRecord.objects.get(incident=incident, record_id="contact-notes").completed_by == cara
    cara_page.goto(f"{asgi_server.url}/incidents/{incident.pk}/")
    close = cara_page.get_by_role("button", name="Close the incident")
    expect(close).to_be_focused()
    cara_page.keyboard.press("Enter")
    expect(cara_page.locator(STEP)).to_contain_text("This incident is closed")
    incident.refresh_from_db()
    assert incident.state == "closed"
    assert incident.keep_until == deadlines.retain_until(timezone.localdate(incident.closed_at))
    assert incident.keep_until.year == timezone.localdate(incident.closed_at).year + 6
    expect(nia_page.locator(STEP)).to_contain_text("This incident is closed", timeout=5000)

    # What follows: the Employee Assistance Programme, and how long it is all kept.
    cara_page.goto(f"{asgi_server.url}/incidents/{incident.pk}/follow-up")
    expect(cara_page.locator("#followup-eap")).to_contain_text("PAM Assist")
    expect(cara_page.locator("#followup-eap")).to_contain_text("0808 169 1111")
    expect(cara_page.locator("#keep-until")).to_contain_text(
        f"{incident.keep_until:%-d %B %Y} (six years after it closed)"
    )
    expect(cara_page.locator("#record-contact-notes-status")).to_have_text("Completed")
    assert_accessible(cara_page, "follow-up of a closed incident")

    for context in (cara_context, nia_context, tom_context):
        context.close()
    assert real_problems(cara_problems) == []
    assert real_problems(nia_problems) == []
    assert real_problems(tom_problems) == []
