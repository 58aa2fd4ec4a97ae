"""Template helpers for disclosure pages: summary rows, the lawful basis in words, and the
customer's disclosure list on their record page."""

from dataclasses import dataclass, field

from django import template
from django.utils.html import format_html

from core.errors import NotFound
from disclosures import lawful_basis as lb
from disclosures import selectors
from disclosures.models import DisclosureReview
from disclosures.permissions import DISCLOSURE_RECORDERS

register = template.Library()


@register.simple_tag
def summary_row(label: str, value, change_url: str, field_name: str):
    """One row of a GOV.UK summary list; a Change link to the field (its element id
    without `id_`) when `change_url` is given."""
    if change_url and field_name:
        action = format_html(
            '<dd class="govuk-summary-list__actions"><a class="govuk-link" href="{}#id_{}">Change'
            '<span class="govuk-visually-hidden"> {}</span></a></dd>',
            change_url,
            field_name,
            label.lower(),
        )
    else:
        action = ""
    return format_html(
        '<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{}</dt>'
        '<dd class="govuk-summary-list__value">{}</dd>{}</div>',
        label,
        value if value not in (None, "") else "Not recorded",
        action,
    )


@register.simple_tag
def lawful_basis_summary(disclosure) -> list[str]:
    lines = [lb.label(code) for code in (disclosure.article_6, disclosure.article_9, disclosure.schedule_1) if code]
    if disclosure.exemption:
        lines.append(f"Exemption: {lb.label(disclosure.exemption)}")
    facts = [
        (disclosure.risk_to_life, "Risk to life or of serious injury"),
        (disclosure.legal_duty, "A law requires the sharing"),
        (disclosure.prevent_or_detect_crime, "To prevent or detect a crime"),
        (disclosure.consent_explicit, "Explicit consent"),
        (disclosure.incapable_of_consent, "Customer incapable of consenting"),
        (disclosure.under_18, "Person at risk is under 18"),
        (
            disclosure.needs_care_and_support
            and disclosure.experiencing_or_at_risk_of_harm
            and disclosure.unable_to_protect_self,
            "Adult at risk: all three limbs of para 18(3)",
        ),
    ]
    lines += [text for holds, text in facts if holds]
    lines += [lb.label(code) for code in (disclosure.protection, disclosure.para_18_reason) if code]
    return lines


@dataclass
class History:
    rows: list = field(default_factory=list)
    corrected: set = field(default_factory=set)
    can_record: bool = False


@register.simple_tag(takes_context=True)
def customer_disclosures(context, customer):
    """The customer's disclosures for the record page, or None if the user may not see them."""
    user = context["request"].user
    try:
        rows = selectors.customer_history(user=user, customer=customer)
    except NotFound:
        return None
    reviewed = set(DisclosureReview.objects.filter(disclosure__in=rows).values_list("disclosure_id", flat=True))
    for row in rows:
        row.review_done = row.pk in reviewed
    corrected = {row.corrects_id for row in rows if row.corrects_id and row.is_confirmed}
    return History(rows=rows, corrected=corrected, can_record=DISCLOSURE_RECORDERS.allows(user))
