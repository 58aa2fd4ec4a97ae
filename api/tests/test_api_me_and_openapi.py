from django.urls import reverse

from api.tests.helpers import bearer, token_for

OPENAPI = reverse("api:openapi-json")


def test_me_says_who_the_token_belongs_to(client, tom):
    response = client.get(reverse("api:me"), headers=bearer(token_for(tom)))
    assert response.status_code == 200
    assert response.json() == {
        "username": "tom",
        "name": "Tom Leary",
        "role": "team-leader",
        "role_label": "Team leader",
        "team": "Contact Centre Team A",
    }


def test_the_openapi_description_is_served_and_lists_every_endpoint(client):
    response = client.get(OPENAPI)

    assert OPENAPI == "/api/v1/openapi.json"
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Haven API"
    assert {path: sorted(ops) for path, ops in schema["paths"].items()} == {
        "/api/v1/me": ["get"],
        "/api/v1/staff": ["get", "post"],
        "/api/v1/staff/{user_id}/deactivate": ["post"],
        "/api/v1/audit/events": ["get"],
        "/api/v1/customers": ["get", "post"],
        "/api/v1/customers/{customer_id}": ["get", "patch"],
        "/api/v1/customers/{customer_id}/safe-contact": ["put"],
        "/api/v1/customers/{customer_id}/privacy": ["put"],
        "/api/v1/customers/{customer_id}/markers": ["post"],
        "/api/v1/customers/{customer_id}/markers/{marker_id}/remove": ["post"],
        "/api/v1/customers/{customer_id}/names": ["post"],
        "/api/v1/customers/{customer_id}/references": ["post"],
        "/api/v1/customers/{customer_id}/break-glass": ["post"],
        "/api/v1/tasks/mine": ["get"],
        "/api/v1/tasks/team": ["get"],
        "/api/v1/tasks/{task_id}": ["get"],
        "/api/v1/tasks/{task_id}/complete": ["post"],
        "/api/v1/tasks/{task_id}/cancel": ["post"],
        "/api/v1/tasks/{task_id}/reassign": ["post"],
        "/api/v1/mrs/customers/{customer_id}": ["get", "post"],
        "/api/v1/mrs/{mr_id}": ["get"],
        "/api/v1/mrs/{mr_id}/mrn": ["post"],
        "/api/v1/mrs/{mr_id}/appeal": ["post"],
        "/api/v1/mrs/{mr_id}/not-appealing": ["post"],
        "/api/v1/consent/customers/{customer_id}/authorities": ["get", "post"],
        "/api/v1/consent/customers/{customer_id}/authorities/signed-form": ["post"],
        "/api/v1/consent/customers/{customer_id}/access-statement": ["get"],
        "/api/v1/consent/authorities": ["get"],
        "/api/v1/consent/authorities/{authority_id}": ["get"],
        "/api/v1/consent/authorities/{authority_id}/revoke": ["post"],
        "/api/v1/consent/authorities/{authority_id}/access": ["post"],
        "/api/v1/consent/authorities/{authority_id}/receipt": ["get"],
        "/api/v1/consent/authorities/{authority_id}/signed-form": ["get"],
        "/api/v1/disclosures/lawful-basis": ["get"],
        "/api/v1/disclosures/register": ["get"],
        "/api/v1/disclosures/customers/{customer_id}": ["get", "post"],
        "/api/v1/disclosures/{disclosure_id}": ["get", "put"],
        "/api/v1/disclosures/{disclosure_id}/confirm": ["post"],
        "/api/v1/disclosures/{disclosure_id}/correct": ["post"],
        "/api/v1/disclosures/{disclosure_id}/review": ["post"],
        "/api/v1/directory/entries": ["get", "post"],
        "/api/v1/directory/entries/{entry_id}": ["get", "put"],
        "/api/v1/directory/entries/{entry_id}/verify": ["post"],
        "/api/v1/directory/entries/{entry_id}/withdraw": ["post"],
        "/api/v1/directory/postcodes/{postcode}": ["get"],
        "/api/v1/directory/sends": ["post"],
        "/api/v1/directory/export.csv": ["get"],
        "/api/v1/directory/import": ["post"],
        "/api/v1/incidents/{incident_id}/records": ["get"],
        "/api/v1/incidents/{incident_id}/records/{record_id}": ["get", "put"],
        "/api/v1/incidents/{incident_id}/records/{record_id}/complete": ["post"],
        "/api/v1/incidents/{incident_id}/records/{record_id}/pdf": ["get"],
        "/api/v1/incidents/{incident_id}/review": ["get", "put"],
        "/api/v1/incidents/{incident_id}/review/complete": ["post"],
        "/api/v1/incidents/{incident_id}/wellbeing/eap-shown": ["post"],
        "/api/v1/incidents/{incident_id}/wellbeing/time-away": ["post"],
        "/api/v1/incidents/{incident_id}/ucb-reports": ["post"],
        "/api/v1/incidents/{incident_id}/referrals": ["post"],
        "/api/v1/incidents/{incident_id}/referrals/{referral_id}/outcome": ["post"],
        "/api/v1/incidents/{incident_id}/support-alerts": ["post"],
        "/api/v1/incidents/support-alerts/waiting": ["get"],
        "/api/v1/incidents/support-alerts/{alert_id}/accept": ["post"],
        "/api/v1/incidents/support-alerts/{alert_id}/escalate-if-due": ["post"],
        "/api/v1/incidents/{incident_id}/emergency-calls": ["get", "post"],
        "/api/v1/incidents/{incident_id}/emergency-calls/prefill": ["get"],
        "/api/v1/incidents/{incident_id}/emergency-calls/{call_id}": ["get", "put"],
        "/api/v1/incidents/{incident_id}/emergency-calls/{call_id}/disclosure": ["get", "post"],
        "/api/v1/incidents/{incident_id}/report-threat": ["get"],
        "/api/v1/incidents/{incident_id}/report-threat/tick": ["post"],
        "/api/v1/incidents": ["post"],
        "/api/v1/incidents/{incident_id}": ["get"],
        "/api/v1/incidents/{incident_id}/answer": ["post"],
        "/api/v1/incidents/{incident_id}/steps/{step}/change": ["post"],
        "/api/v1/incidents/{incident_id}/notes": ["get", "post"],
        "/api/v1/incidents/{incident_id}/link": ["post"],
        "/api/v1/incidents/{incident_id}/close": ["post"],
    }
    assert schema["components"]["securitySchemes"] == {"ApiTokenAuth": {"type": "http", "scheme": "bearer"}}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation["security"] == [{"ApiTokenAuth": []}], f"{method} {path} has no token security"


def test_the_interactive_docs_page_is_off_because_it_would_load_scripts_from_a_cdn(client):
    assert client.get("/api/v1/docs").status_code == 404
