"""A contact centre's working day against Haven, for Locust (issue 9). Driven by
benchmarks/day_load.py, which seeds the data, makes the accounts, serves Haven and runs
this file stage by stage; run alone it needs the plan file day_load.py writes:

    HAVEN_DAY_PLAN=plan.json .venv/bin/locust -f benchmarks/locustfile.py --headless -H http://127.0.0.1:8000 -u 50

Three kinds of people, in a team's proportions (seven caseworkers, two colleagues who
mostly answer support-partner alerts, one team leader), each signing in as a person does
(password, then the authenticator code) and pausing between actions as people do:

- a caseworker's call: find the customer, open their record, start the DA Plan, answer
  its steps with the notes autosaving, summon a support partner, record the disclosure
  the call needs, then work their queue;
- a support partner: watch for alerts, accept one, follow the incident and add a note;
- a team leader: the team's work, the incidents, the reviews in their queue, a record.

Every request's time and outcome is written to HAVEN_DAY_SAMPLES when Locust stops, so
day_load.py can take percentiles over the steady part of each stage only.
"""

import itertools
import json
import os
import random
import re
import sys
import time
import uuid
from urllib.parse import urlencode

from locust import FastHttpUser, between, events, task

PLAN = json.loads(open(os.environ["HAVEN_DAY_PLAN"], encoding="utf-8").read())  # noqa: SIM115
_SAMPLES: list[tuple[float, str, float, bool]] = []
_ACCOUNTS = PLAN["accounts"][int(os.environ.get("HAVEN_DAY_ACCOUNTS", "0"))]  # this stage's set (day_load.py)
_accounts = {role: itertools.cycle(_ACCOUNTS[role]) for role in _ACCOUNTS}
_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception, **kwargs):
    _SAMPLES.append((time.time(), name, response_time, exception is None))


@events.quitting.add_listener
def _write_samples(environment, **kwargs):
    path = os.environ.get("HAVEN_DAY_SAMPLES")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(_SAMPLES, out)


def _totp(secret: str) -> str:
    """The code the person's authenticator app shows now, by allauth's own HOTP (the
    function the server checks codes with); its module needs Django set up."""
    import django
    from django.apps import apps

    if not apps.ready:
        sys.path.insert(0, PLAN["root"])
        django.setup()
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


class Person(FastHttpUser):
    abstract = True
    role = ""

    def on_start(self):
        account = next(_accounts[self.role])
        self.account = account
        page = self.client.get("/accounts/login/", name="sign in: page")
        token = self._token(page.text)
        self.client.post(
            "/accounts/login/",
            data={"login": account["username"], "password": account["password"], "csrfmiddlewaretoken": token},
            name="sign in: password",
            allow_redirects=False,
        )
        code_page = self.client.get("/accounts/2fa/authenticate/", name="sign in: code page")
        with self.client.post(
            "/accounts/2fa/authenticate/",
            data={"code": _totp(account["secret"]), "csrfmiddlewaretoken": self._token(code_page.text)},
            name="sign in: code",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"sign-in refused ({answer.status_code})")

    def _token(self, html: str = "") -> str:
        found = _CSRF_FIELD.search(html or "")
        if found:
            return found.group(1)
        for cookie in self.client.cookiejar:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""

    def _post(self, path: str, data=None, name: str = "", expect=(200, 201, 302), **kwargs):
        headers = {"X-CSRFToken": self._token(), **kwargs.pop("headers", {})}
        if isinstance(data, dict):
            # A form as a browser posts it: a list (the items shared) is the field repeated.
            data = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        with self.client.post(
            path, data=data, name=name, headers=headers, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            if response.status_code not in expect:
                response.failure(f"{name}: {response.status_code}")
            return response

    def _customer(self) -> dict:
        return random.choice(PLAN["customers"])


class Caseworker(Person):
    weight = 7
    role = "caseworker"
    wait_time = between(2, 6)  # reading the screen, talking to the caller

    @task
    def a_call(self):
        customer = self._customer()
        self.client.get(f"/customers/?q={customer['family_name']}", name="customer search")
        self.wait()
        self.client.get(f"/customers/{customer['id']}/", name="customer record")
        self.wait()
        start = f"/incidents/start/customer/{customer['id']}"
        self.client.get(start, name="incident start page")
        started = self._post(
            start,
            {"channel": "telephone", "protocol": "domestic-abuse", "said": "He will hurt me when he finds out"},
            name="incident start",
            expect=(302,),
        )
        found = re.search(r"/incidents/(\d+)/", started.headers.get("Location", ""))
        if not found:
            return
        incident = f"/incidents/{found.group(1)}"
        self.client.get(f"{incident}/", name="guided screen")
        self._steps(incident, PLAN["answers"]["domestic-abuse"], PLAN["steps_per_call"])
        self._post(f"{incident}/summon", name="summon partner", headers={"Accept": "application/json"})
        self.wait()
        self._disclosure(customer)
        self.client.get("/work/mine", name="my work")

    def _steps(self, incident: str, answers: dict, count: int):
        entry, revision, text = str(uuid.uuid4()), 1, "Customer"
        for _ in range(count):
            state = self.client.get(f"{incident}/state", name="incident state").json()
            if state.get("finished") or state.get("current_step") not in answers:
                return
            self._post(
                f"{incident}/answer",
                {"step": state["current_step"], "version": state["version"], **answers[state["current_step"]]},
                name="step answer",
                headers={"X-Haven-Fragment": "1"},
                expect=(200,),
            )
            self.wait()
            text += " says he is outside and has been drinking."
            saved = self._post(
                f"{incident}/notes",
                json={"entry": entry, "revision": revision, "text": text},
                name="note autosave",
                expect=(200,),
            )
            revision += 1 if saved.status_code == 200 else 0
            self.wait()

    def _disclosure(self, customer: dict):
        new = f"/disclosures/customers/{customer['id']}/new"
        self.client.get(new, name="disclosure form")
        drafted = self._post(new, PLAN["disclosure"], name="disclosure draft", expect=(302,))
        check = drafted.headers.get("Location", "")
        if "/check" not in check:
            return
        self.client.get(check, name="disclosure check")
        self._post(check.replace("/check", "/confirm"), name="disclosure confirm", expect=(302,))


class SupportPartner(Person):
    weight = 2
    role = "partner"
    wait_time = between(3, 6)  # the alerts page asks every few seconds

    @task
    def watch_for_alerts(self):
        alerts = self.client.get("/incidents/alerts/waiting", name="partner: waiting alerts").json().get("alerts", [])
        if not alerts:
            return
        joined = self._post(
            alerts[0]["accept_url"],
            name="partner: accept",
            headers={"Accept": "application/json"},
            expect=(200, 302, 400, 409),  # someone else accepted first: told who joined
        )
        if joined.status_code != 200:
            return
        incident = joined.json()["url"].rstrip("/")
        self.client.get(f"{incident}/", name="guided screen (partner)")
        for _ in range(3):
            self.wait()
            self.client.get(f"{incident}/state", name="incident state (partner)")
        self._post(
            f"{incident}/notes",
            json={"entry": str(uuid.uuid4()), "revision": 1, "text": "Witnessed: the customer asked for help."},
            name="note autosave (partner)",
            expect=(200,),
        )


class TeamLeader(Person):
    weight = 1
    role = "team_leader"
    wait_time = between(4, 10)

    @task(3)
    def team_work(self):
        self.client.get("/work/team", name="team work")

    @task(2)
    def incidents(self):
        self.client.get("/incidents/", name="incidents list")

    @task(1)
    def reviews(self):
        """The reviews the team's disclosures ask of them: the queue, then the first task."""
        queue = self.client.get("/work/mine", name="my work (team leader)")
        found = re.search(r'href="(/work/tasks/\d+)"', queue.text or "")
        if found:
            self.client.get(found.group(1), name="task (team leader)")

    @task(1)
    def a_record(self):
        self.client.get(f"/customers/{self._customer()['id']}/", name="customer record (team leader)")
