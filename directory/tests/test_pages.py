"""The directory pages: finding help, the side panel on the customer's record, sending,
printing, adding and verifying entries, CSV in and out. The wrong role is refused and
changes nothing."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from directory import notify
from directory.models import Entry, SignpostSend
from directory.tests.helpers import customer_safe_by, local_entry, seed

pytestmark = pytest.mark.django_db
SEARCH = reverse("directory:search")
PANEL = reverse("directory:panel")
SEND = reverse("directory:send")


@pytest.fixture
def gateway():
    fake = notify.FakeGateway()
    notify.use_gateway(fake)
    yield fake
    notify.use_gateway(None)


def test_a_caseworker_finds_help_by_need_and_postcode_and_reads_it_in_one_line(sign_in, cara, sam):
    seed(sam)
    page = sign_in(cara).get(SEARCH, {"need": "suicide-self-harm", "postcode": "eh1 1yz"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Breathing Space · 0800 83 85 87 · free to call · hours not recorded" in html
    assert "Samaritans · 116 123 · free to call · 24/7" in html
    assert "Mind ·" not in html  # England and Wales only
    assert "for Scotland, EH1 1YZ" in html
    assert "Councils and nations of postcodes: Office for National Statistics" in html


def test_a_postcode_search_names_the_council_where_its_name_is_known(sign_in, cara, sam):
    seed(sam)
    html = sign_in(cara).get(SEARCH, {"need": "domestic-abuse", "postcode": "ch4 0aa"}).content.decode()
    assert "for Wales, CH4 0AA (Flintshire)." in html
    assert "more than one nation" not in html


def test_a_malformed_postcode_is_named_beside_the_field_and_in_the_summary_keeping_what_was_typed(sign_in, cara, sam):
    seed(sam)
    html = sign_in(cara).get(SEARCH, {"need": "bereavement", "postcode": "ZZ", "q": "cruse"}).content.decode()
    assert html.count("Enter a real postcode, like CF10 1EP") == 2
    assert "There is a problem" in html
    assert 'value="ZZ"' in html
    assert 'value="cruse"' in html


def test_an_unknown_postcode_says_it_is_not_in_the_ons_directory(sign_in, cara, sam):
    seed(sam)
    html = sign_in(cara).get(SEARCH, {"postcode": "SW1A 9ZZ"}).content.decode()
    assert "SW1A 9ZZ is not in the ONS postcode directory" in html


def test_the_customer_record_shows_the_side_panel_for_the_customers_nation(sign_in, cara, sam):
    seed(sam)
    customer = customer_safe_by(cara, text=True, nation="wales", postcode="CF10 1EP")
    html = sign_in(cara).get(reverse("people:record", args=[customer.pk])).content.decode()
    assert 'id="signposting-panel"' in html
    assert "Live Fear Free Helpline (Wales)" in html
    assert "National Domestic Violence Helpline (England)" not in html
    assert "directory/panel.js" in html
    assert "Give the customer this list" in html


def test_the_panel_fragment_is_the_panel_alone(sign_in, cara, sam):
    seed(sam)
    customer = customer_safe_by(cara)
    page = sign_in(cara).get(PANEL, {"customer": customer.pk, "need": "bereavement", "nation": "", "q": ""})
    html = page.content.decode()
    assert html.lstrip().startswith("<aside")
    assert "Cruse Bereavement Care" in html
    assert "<h1" not in html


def test_sending_from_the_panel_to_a_safe_channel_goes_back_to_the_record(
    sign_in, cara, sam, gateway, django_capture_on_commit_callbacks
):
    seed(sam)
    customer = customer_safe_by(cara, text=True)
    galop = Entry.objects.get(name="Galop")
    record = reverse("people:record", args=[customer.pk])
    with django_capture_on_commit_callbacks(execute=True):
        page = sign_in(cara).post(
            SEND, {"customer": customer.pk, "entries": [galop.pk], "channel": "text", "next": record}
        )
    assert page.status_code == 302
    assert page["Location"] == record
    assert len(gateway.sent) == 1
    assert SignpostSend.objects.get().customer == customer


def test_sending_to_an_unsafe_channel_from_the_panel_says_why_and_sends_nothing(sign_in, cara, sam, gateway):
    seed(sam)
    customer = customer_safe_by(cara, text=False)
    galop = Entry.objects.get(name="Galop")
    page = sign_in(cara).post(
        SEND,
        {"customer": customer.pk, "entries": [galop.pk], "channel": "text", "need": "domestic-abuse"},
        headers={"X-Haven-Panel": "1"},
    )
    html = page.content.decode()
    assert html.lstrip().startswith("<aside")
    assert html.count("The customer&#x27;s record does not say it is safe to contact them by text message.") == 2
    assert "checked" in html  # Galop stays ticked
    assert gateway.sent == []
    assert not SignpostSend.objects.exists()


def test_printing_the_list_opens_the_printable_page(sign_in, cara, sam, gateway):
    seed(sam)
    customer = customer_safe_by(cara)
    samaritans = Entry.objects.get(name="Samaritans")
    client = sign_in(cara)
    page = client.post(SEND, {"customer": customer.pk, "entries": [samaritans.pk], "channel": "print"})
    sent = SignpostSend.objects.get()
    assert page["Location"] == reverse("directory:print", args=[sent.pk])
    html = client.get(page["Location"]).content.decode()
    assert "Samaritans · 116 123 · free to call · 24/7" in html


def test_an_auditor_may_search_but_cannot_send_and_nothing_is_recorded(sign_in, aled, cara, sam, gateway):
    seed(sam)
    customer = customer_safe_by(cara, text=True)
    client = sign_in(aled)
    assert client.get(SEARCH).status_code == 200
    page = client.post(SEND, {"customer": customer.pk, "entries": [Entry.objects.first().pk], "channel": "text"})
    assert page.status_code == 403
    assert not SignpostSend.objects.exists()
    assert gateway.sent == []


def test_another_organisations_customer_is_not_found_from_the_directory(sign_in, wren, cara, sam):
    seed(wren)
    customer = customer_safe_by(cara)
    assert sign_in(wren).get(SEARCH, {"customer": customer.pk}).status_code == 404


def test_a_team_leader_adds_a_local_entry_through_the_form(sign_in, tom):
    page = sign_in(tom).post(
        reverse("directory:entry_add"),
        {
            "name": "Cardiff Women's Safety Unit",
            "needs": ["domestic-abuse"],
            "nations": ["wales"],
            "local_area": "Cardiff",
            "local_postcodes": "Cardiff, Vale of Glamorgan, CF10",
            "phone": "029 2000 0000",
        },
    )
    entry = Entry.objects.get()
    assert page["Location"] == reverse("directory:entry", args=[entry.pk])
    assert entry.owner == tom
    assert entry.local_postcodes == " W06000015 W06000014 CF10 "
    client = sign_in(tom)
    assert "Cardiff (Cardiff, Vale of Glamorgan, CF10)" in client.get(page["Location"]).content.decode()
    changing = client.get(reverse("directory:entry_change", args=[entry.pk])).content.decode()
    assert 'value="Cardiff, Vale of Glamorgan, CF10"' in changing


def test_a_bad_entry_form_names_each_problem_and_keeps_what_was_typed(sign_in, tom):
    html = sign_in(tom).post(reverse("directory:entry_add"), {"phone": "029 2000 0000"}).content.decode()
    assert html.count("Enter the organisation&#x27;s name") == 2
    assert html.count("Choose the nations this organisation serves") == 2
    assert 'value="029 2000 0000"' in html
    assert not Entry.objects.exists()


def test_a_caseworker_cannot_open_the_add_entry_page_or_import_and_nothing_changes(sign_in, cara):
    client = sign_in(cara)
    assert client.get(reverse("directory:entry_add")).status_code == 403
    assert client.post(reverse("directory:entry_add"), {"name": "X"}).status_code == 403
    assert client.post(reverse("directory:import"), {}).status_code == 403
    assert not Entry.objects.exists()


def test_a_caseworker_cannot_verify_an_entry(sign_in, cara, tom):
    entry = local_entry(tom)
    assert sign_in(cara).post(reverse("directory:entry_verify", args=[entry.pk])).status_code == 403
    assert not AuditEvent.objects.filter(action="directory.entry_verified").exists()


def test_an_entry_past_its_review_shows_as_not_verified_and_a_team_leader_verifies_it(sign_in, tom, sam):
    seed(sam)
    entry = Entry.objects.get(name="Galop")
    client = sign_in(tom)
    assert "Not verified" in client.get(reverse("directory:entry", args=[entry.pk])).content.decode()
    client.post(reverse("directory:entry_verify", args=[entry.pk]))
    assert "Not verified" not in client.get(reverse("directory:entry", args=[entry.pk])).content.decode()


def test_the_export_downloads_a_csv_and_the_import_page_reads_it_back(sign_in, sam):
    seed(sam)
    client = sign_in(sam)
    exported = client.get(reverse("directory:export"))
    assert exported["Content-Type"].startswith("text/csv")
    body = exported.content
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.post(reverse("directory:import"), {"file": SimpleUploadedFile("d.csv", body, "text/csv")})
    assert page.status_code == 302
    assert AuditEvent.objects.filter(action="directory.imported").exists()


def test_importing_without_a_file_asks_for_one(sign_in, sam):
    html = sign_in(sam).post(reverse("directory:import"), {}).content.decode()
    assert html.count("Choose a CSV file to import") == 2


def test_the_change_page_shows_the_entry_as_it_is_and_saves_a_correction(sign_in, tom):
    entry = local_entry(tom)
    client = sign_in(tom)
    html = client.get(reverse("directory:entry_change", args=[entry.pk])).content.decode()
    assert 'value="CF10 CF11"' in html
    assert 'value="Cardiff Women&#x27;s Safety Unit"' in html
    page = client.post(
        reverse("directory:entry_change", args=[entry.pk]),
        {"name": "Cardiff WSU", "needs": ["domestic-abuse"], "nations": ["wales"], "version": entry.version},
    )
    assert page.status_code == 302
    entry.refresh_from_db()
    assert entry.name == "Cardiff WSU"


def test_withdrawing_an_entry_takes_it_out_of_searches(sign_in, tom):
    entry = local_entry(tom)
    client = sign_in(tom)
    client.post(reverse("directory:entry_withdraw", args=[entry.pk]))
    client.get(SEARCH)  # shows the message once
    html = client.get(SEARCH, {"q": "cardiff"}).content.decode()
    assert "0 organisations" in html
    assert "Cardiff Women" not in html
    assert AuditEvent.objects.filter(action="directory.entry_withdrawn").exists()


def test_the_printed_list_is_refused_to_an_auditor_and_hidden_from_another_organisation(
    sign_in, cara, aled, wren, sam, client
):
    seed(sam)
    customer = customer_safe_by(cara)
    sign_in(cara).post(SEND, {"customer": customer.pk, "entries": [Entry.objects.first().pk], "channel": "print"})
    sent = SignpostSend.objects.get()
    url = reverse("directory:print", args=[sent.pk])
    assert sign_in(aled).get(url).status_code == 403
    client.logout()
    assert sign_in(wren).get(url).status_code == 404
