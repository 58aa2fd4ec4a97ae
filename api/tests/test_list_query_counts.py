"""The person's API tokens, a page at a time, in the same queries however many they made."""

import pytest

from api import services
from api.models import ApiToken
from core.tests.query_counts import assert_flat_queries, assert_paginated

pytestmark = pytest.mark.django_db


def test_the_token_list_costs_the_same_queries_for_three_times_the_tokens(cara, ada, sign_in):
    def add(n):
        for number in range(n):
            token, _ = services.api_token_create(actor=cara, name=f"Script {number}")
            if number % 2:  # revoked by an administrator: the page names who revoked it
                services.api_token_revoke(actor=ada, token=token)

    response = assert_flat_queries(
        sign_in(cara), "/api-tokens/", add, rows_shown=lambda r: len(r.context["page"].object_list)
    )
    assert_paginated(response)


def test_the_token_list_shows_only_the_persons_own_tokens_and_changes_nothing(cara, hana, sign_in):
    services.api_token_create(actor=hana, name="Hana's script")
    before = list(ApiToken.objects.values())
    response = sign_in(cara).get("/api-tokens/")
    assert list(response.context["page"].object_list) == []
    assert "Hana's script" not in response.content.decode()
    assert list(ApiToken.objects.values()) == before
