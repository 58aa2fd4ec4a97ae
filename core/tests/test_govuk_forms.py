"""Every Haven form renders through crispy-forms-gds: its GOV.UK markup, the error summary
from its `{% error_summary %}` tag, and the messages beside the fields. One representative
form of each app, then the guard that the old hand-written field templates stay gone."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from accounts.forms import OfficeForm
from api.forms import TokenCreateForm
from audit.forms import AuditSearchForm
from core.forms import DATE_PARTS, DateInputField
from core.testing.html import checked, control
from people.forms_records import CustomerCreateForm
from protocols.forms import CompareForm
from work.forms import CompleteForm, FilterForm

PAGE = Template("{% load crispy_forms_tags crispy_forms_gds %}{% error_summary form %}<h1>Page</h1>{% crispy form %}")


def render(form) -> str:
    form.is_valid()
    return PAGE.render(Context({"form": form}))


def summary_links(html: str) -> list[tuple[str, str]]:
    summary = html.split('<div class="govuk-error-summary"', 1)[1].split("<h1>", 1)[0]
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)


def message_beside(html: str, field_id: str) -> str:
    match = re.search(rf'<p id="{field_id}_1_error" class="govuk-error-message">.*?</span> (.*?)</p>', html, re.S)
    assert match, f"no message beside {field_id}"
    return match.group(1)


def assert_through_the_package(html: str, *field_ids: str) -> None:
    # "div_<id>" is the wrapper crispy-forms-gds's field template gives every field.
    for field_id in field_ids:
        assert f'id="div_{field_id}" class="govuk-form-group' in html, field_id


@pytest.mark.django_db
def test_an_accounts_form_renders_its_radios_and_selects_through_the_package():
    html = render(OfficeForm({"name": "Leeds"}))

    assert_through_the_package(html, "id_region", "id_name", "id_nation")
    assert summary_links(html) == [
        ("id_region", "Select the region the office is in"),
        ("id_nation_0", "Select the nation the office is in"),
    ]
    assert message_beside(html, "id_nation") == "Select the nation the office is in"
    assert 'class="govuk-radios govuk-radios--small" data-module="govuk-radios"' in html
    assert 'id="id_nation_0"' in html  # radios keep Django's numbering from 0
    assert control(html, "name")["value"] == "Leeds"
    assert "govuk-select" in control(html, "region")["class"]


@pytest.mark.django_db
def test_a_people_form_renders_the_date_input_through_the_package_and_keeps_what_was_typed():
    data = {"given_names": "Jane", "date_of_birth_day": "31", "date_of_birth_month": "2", "date_of_birth_year": "1980"}
    html = render(CustomerCreateForm(data))

    assert_through_the_package(html, "id_given_names", "id_date_of_birth")
    assert ("id_date_of_birth_day", "Date of birth must be a real date") in summary_links(html)
    assert message_beside(html, "id_date_of_birth") == "Date of birth must be a real date"
    assert 'class="govuk-date-input" id="id_date_of_birth"' in html
    for part, typed in zip(DATE_PARTS, ("31", "2", "1980"), strict=True):
        box = control(html, f"date_of_birth_{part}")
        assert (box["id"], box["value"], box["inputmode"]) == (f"id_date_of_birth_{part}", typed, "numeric")
        assert "govuk-input--error" in box["class"]  # the whole date is wrong
    assert control(html, "given_names")["value"] == "Jane"


def test_an_audit_form_lays_out_its_grid_and_links_a_missing_part_of_a_date_to_that_box():
    html = render(AuditSearchForm({"person_ref": "C9", "from_day": "1"}))

    assert_through_the_package(html, "id_person_ref", "id_action", "id_from", "id_to")
    assert html.count('class="govuk-grid-row"') == 2
    assert summary_links(html) == [("id_from_month", "From date must include a month and year")]
    assert "govuk-input--error" not in control(html, "from_day")["class"]
    assert "govuk-input--error" in control(html, "from_month")["class"]
    assert control(html, "person_ref")["value"] == "C9"


def test_an_api_form_renders_its_hint_and_the_error_summary_above_the_heading():
    html = render(TokenCreateForm({"name": "", "expires_day": "31", "expires_month": "12", "expires_year": "2099"}))

    assert_through_the_package(html, "id_name", "id_expires")
    assert html.index("There is a problem") < html.index("<h1>")
    assert summary_links(html) == [("id_name", "Enter a name for the token")]
    assert message_beside(html, "id_name") == "Enter a name for the token"
    assert "id_name_hint id_name_1_error" in control(html, "name")["aria-describedby"]
    assert control(html, "expires_year")["value"] == "2099"


def test_a_work_form_renders_its_textarea_through_the_package_with_the_prefix():
    html = render(CompleteForm({"complete-version": "3", "complete-outcome": "x" * 4001}))

    assert_through_the_package(html, "id_complete-outcome")
    assert summary_links(html) == [("id_complete-outcome", "What was done must be 4000 characters or fewer")]
    assert re.search(r'<textarea name="complete-outcome" cols="40" rows="3"[^>]*class="govuk-textarea', html)
    assert 'type="hidden" name="complete-version" value="3"' in html


def test_a_protocols_form_shows_a_selectors_message_beside_its_select():
    form = CompareForm({"from": "2022-03-10", "to": "1999"}, versions=["2022-03-10", "2099-01-01"])
    form.is_valid()
    form.add_error("to", "There is no version ‘1999’")
    html = render(form)

    assert_through_the_package(html, "id_from", "id_to")
    assert summary_links(html) == [("id_to", "There is no version ‘1999’")]
    assert '<option value="2022-03-10" selected>Version 2022-03-10</option>' in html


def test_a_form_with_no_errors_shows_no_error_summary_nor_does_a_page_without_a_form():
    assert "govuk-error-summary" not in PAGE.render(Context({"form": TokenCreateForm()}))
    summary_only = Template("{% load crispy_forms_gds %}{% error_summary form %}")
    assert summary_only.render(Context({"form": None})).strip() == ""
    assert summary_only.render(Context({})).strip() == ""


def test_the_work_filters_keep_a_ticked_checkbox_side_by_side_with_the_selects():
    html = render(FilterForm({"state": "done", "overdue": "on"}, rules=[("da-review", "DA review")]))

    assert_through_the_package(html, "id_state", "id_rule", "id_overdue")
    assert html.count('class="govuk-grid-column-one-third"') == 3
    assert checked(html, "overdue") == ["on"]
    assert 'class="govuk-checkboxes govuk-checkboxes--small"' in html


# --- The date input's rules ------------------------------------------------------


def _field() -> DateInputField:
    return DateInputField(label="Date of birth")


@given(st.dates(min_value=date(1000, 1, 1)))
def test_every_real_date_typed_as_three_boxes_is_that_date(day):
    assert _field().clean([str(day.day), str(day.month), str(day.year)]) == day


@given(st.lists(st.booleans(), min_size=3, max_size=3).filter(lambda typed: any(typed) and not all(typed)))
def test_a_date_missing_parts_names_them_and_marks_only_their_boxes(typed):
    field = _field()
    with pytest.raises(Exception) as raised:
        field.clean(["1" if present else "" for present in typed])
    missing = [part for part, present in zip(DATE_PARTS, typed, strict=True) if not present]
    assert raised.value.messages == [f"Date of birth must include a {' and '.join(missing)}"]
    marked = [part for part, sub in zip(DATE_PARTS, field.fields, strict=True) if sub.widget.errors]
    assert marked == missing


@given(st.text(max_size=3), st.text(max_size=3), st.text(max_size=5))
def test_any_three_strings_give_a_date_none_or_one_plain_message(day, month, year):
    field = _field()
    try:
        result = field.clean([day, month, year])
    except Exception as problem:  # noqa: BLE001 - the message is the assertion
        (message,) = problem.messages
        assert message.startswith("Date of birth must ")
    else:
        assert result is None or isinstance(result, date)


def test_a_blank_optional_date_is_none_and_a_required_one_has_its_own_message():
    assert _field().clean(["", " ", ""]) is None
    required = DateInputField(label="Date of birth", required=True, required_message="Enter their date of birth")
    with pytest.raises(Exception) as raised:
        required.clean(["", "", ""])
    assert raised.value.messages == ["Enter their date of birth"]


# --- The old hand-written field templates stay gone --------------------------------

DELETED = (
    "accounts/includes/field.html",
    "includes/date_field.html",
    "audit/_text_field.html",
    "includes/error_summary.html",
    "people/records/_date_input.html",
    "protocols/_select.html",
)

# Pages whose controls are not Django form fields of Haven's: allauth's own forms (its
# element templates, see docs/decisions.md), the new token shown once for copying, and
# the queue's row checkboxes that belong to the bulk form by `form=`.
HAND_WRITTEN_CONTROLS_ALLOWED = ("allauth/", "account/", "mfa/", "gds/", "api/token_created.html")
ROW_CHECKBOXES = "work/includes/task_rows.html"


def _template_files() -> list[tuple[str, Path]]:
    roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    roots += [Path(config.path) / "templates" for config in apps.get_app_configs() if config.name.count(".") == 0]
    found = []
    for root in roots:
        # Haven's own templates: the virtualenv may sit inside the project, and installed
        # apps' templates (django_eventstream's) are not Haven's pages.
        if root.is_dir() and str(root).startswith(str(settings.BASE_DIR)) and "site-packages" not in root.parts:
            found += [(path.relative_to(root).as_posix(), path) for path in root.rglob("*.html")]
    return found


def test_no_template_includes_or_brings_back_a_deleted_field_template():
    templates = _template_files()
    assert templates
    names = {name for name, _ in templates}
    assert not names & set(DELETED)
    for name, path in templates:
        text = path.read_text()
        for deleted in DELETED:
            assert deleted not in text, f"{name} still uses {deleted}: render the form with {{% crispy form %}}"


def test_no_haven_page_writes_form_controls_by_hand():
    control_tag = re.compile(r"<(?:input|select|textarea)\b(?![^>]*type=\"(?:hidden|submit)\")[^>]*>")
    for name, path in _template_files():
        if name.startswith(HAND_WRITTEN_CONTROLS_ALLOWED):
            continue
        found = control_tag.findall(path.read_text())
        if name == ROW_CHECKBOXES:
            assert all('form="bulk-reassign"' in tag for tag in found), name
            continue
        assert not found, f"{name} writes {found[0]} by hand: put the field in a form and use {{% crispy form %}}"
