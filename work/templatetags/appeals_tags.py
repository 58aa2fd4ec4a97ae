"""The MR block on the customer's record page:

    {% load appeals_tags %}{% mr_summary customer %}

The record's view has already made its audited read of the customer; this lists every
open MR with its state and deadline, and the closed ones behind a link.
"""

from django import template
from django.utils import timezone

from work import selectors_appeals as selectors

register = template.Library()


@register.inclusion_tag("work/appeals/_customer_summary.html", takes_context=True)
def mr_summary(context, customer):
    user = context["request"].user
    today = timezone.localdate()
    mrs = selectors.mrs_for_customer(user=user, customer=customer)
    return {
        "summary": {
            "customer": customer,
            "open": [{"mr": mr, "deadline": selectors.current_deadline(mr, today)} for mr in mrs if mr.is_open],
            "closed": [mr for mr in mrs if not mr.is_open],
            "can_record": selectors.may_change(user, customer),
        }
    }
