"""The Redis-backed paths, for real, against the local Redis (issue 9, "Beyond one machine").

Production runs several web processes and a django-q2 cluster on other machines; what
joins them is Redis. These tests start real separate processes, each with REDIS_URL set
(core/tests/redis_settings.py), against the test database:

- the queue broker: one process enqueues the deadline sweep by name through the Redis
  broker, a real `manage.py qcluster` worker takes it off Redis and runs it, and the
  reminder it sends is in the database;
- cross-process events: a uvicorn server (another process) holds a person's server-sent
  event stream open, a third process sends an event through django-eventstream, and the
  stream receives it, so an event crossed processes through Redis publish/subscribe.

Run only these with `pytest -m redis`. They use Redis database 14 and a queue name of
their own, so other runs and `make run` (database 0) keep out of their way. Without
Redis they are skipped with a loud line at the end of the run; CI has Redis running.
"""

import http.client
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.personas import current_code
from incidents.live import user_channel
from incidents.tests.partner_asgi import _free_port
from work.models import Notification, TaskReminder
from work.tests.helpers import make_task

REDIS_URL = os.environ.get("HAVEN_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
ROOT = Path(settings.BASE_DIR)


def _redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001 - any failure to reach it means "absent"
        return False


pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not _redis_answers(),
        reason=f"!!! REDIS NOT REACHABLE at {REDIS_URL}: the Redis broker and cross-process event tests did NOT run."
        " Start redis-server (CI has it) and run them again. !!!",
    ),
]


def _database_url() -> str:
    """The test database, as the child processes must reach it (it is committed to:
    these tests are transactional)."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _child_env(queue_name: str = "haven-test-unused") -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "core.tests.redis_settings",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": REDIS_URL,
        "HAVEN_TEST_Q_NAME": queue_name,
        "PYTHONPATH": str(ROOT),
        "DJANGO_ALLOW_ASYNC_UNSAFE": "",
    }


def _python(code: str, env: dict) -> str:
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _stop(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        out, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
    return out or ""


# --- The queue broker ------------------------------------------------------------------


def test_a_task_enqueued_through_redis_is_run_by_a_separate_qcluster_worker(cara, tom):
    # A reminder already due: the sweep, run anywhere, sends it.
    task = make_task(
        actor=tom,
        assignee=cara,
        reminders=[timezone.now() - timedelta(minutes=1)],
        due_at=timezone.now() + timedelta(days=1),
    )
    queue = f"haven-test-{uuid.uuid4().hex[:8]}"
    env = _child_env(queue)

    enqueued = _python(
        "from django_q.brokers import get_broker\n"
        "from django_q.tasks import async_task\n"
        "broker = get_broker()\n"
        "assert type(broker).__name__ == 'Redis', type(broker)\n"
        "print(async_task('work.sweep.run_sweep', task_name='redis-path-test', broker=broker))\n"
        "print(broker.queue_size())",
        env,
    ).splitlines()
    task_id, waiting = enqueued[0], int(enqueued[1])
    assert waiting == 1  # on Redis, not run by the process that enqueued it
    assert Notification.objects.count() == 0

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not _task_finished(task_id) and time.monotonic() < deadline:
            assert worker.poll() is None, _stop(worker)
            time.sleep(0.25)
    finally:
        log = _stop(worker)

    from django_q.models import Task as QueuedTask

    done = QueuedTask.objects.filter(id=task_id).first()
    assert done is not None, f"the worker never recorded the task; its log:\n{log}"
    assert done.success, done.result
    assert done.result.reminders_sent == 1
    notification = Notification.objects.get()
    assert (notification.user, notification.kind, notification.task) == (cara, "reminder", task)
    assert TaskReminder.objects.get(task=task).sent_at is not None


def _task_finished(task_id: str) -> bool:
    from django_q.models import Task as QueuedTask

    return QueuedTask.objects.filter(id=task_id).exists()


# --- Cross-process events ------------------------------------------------------------------


class _Stream(threading.Thread):
    """A browser's EventSource, as http.client: records every event it reads."""

    def __init__(self, port: int, path: str, cookie: str):
        super().__init__(daemon=True)
        self.port, self.path, self.cookie = port, path, cookie
        self.opened = threading.Event()
        self.events: list[tuple[str, dict]] = []
        self.arrived = threading.Event()
        self.status: int | None = None

    def run(self) -> None:
        connection_ = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection_.request("GET", self.path, headers={"Cookie": self.cookie, "Accept": "text/event-stream"})
        response = connection_.getresponse()
        self.status = response.status
        if response.status != 200:
            self.opened.set()
            return
        kind = None
        while line := response.fp.readline():
            line = line.decode().rstrip("\n")
            if line.startswith("event: "):
                kind = line[7:]
                if kind == "stream-open":
                    self.opened.set()
            elif line.startswith("data: ") and kind not in (None, "stream-open", "keep-alive"):
                self.events.append((kind, json.loads(line[6:])))
                self.arrived.set()


def _serve(env: dict) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "config.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--lifespan",
            "off",
            "--log-level",
            "warning",
            "--timeout-graceful-shutdown",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, _stop(server)
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/health")
            probe.getresponse().read()
            return server, port
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"uvicorn did not start: {_stop(server)}")


def test_an_event_sent_in_one_process_reaches_a_stream_held_open_by_another(nia):
    client = Client()
    client.force_login(nia)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    env = _child_env()
    server, port = _serve(env)
    try:
        stream = _Stream(port, "/incidents/events/me/", cookie)
        stream.start()
        assert stream.opened.wait(20), "the stream did not open"
        assert stream.status == 200
        # The stream subscribes to Redis as it opens; give the subscription a moment.
        time.sleep(0.5)
        marker = uuid.uuid4().hex
        _python(
            "from django_eventstream import send_event\n"
            f"send_event({user_channel(nia.pk)!r}, 'alert', {{'marker': {marker!r}}})",
            env,
        )
        assert stream.arrived.wait(10), "the event sent by another process never arrived"
    finally:
        _stop(server)
    assert ("alert", {"marker": marker}) in stream.events


def test_a_stream_does_not_receive_another_persons_events_sent_from_another_process(nia, cara):
    client = Client()
    client.force_login(nia)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    env = _child_env()
    server, port = _serve(env)
    try:
        stream = _Stream(port, "/incidents/events/me/", cookie)
        stream.start()
        assert stream.opened.wait(20), "the stream did not open"
        time.sleep(0.5)
        marker = uuid.uuid4().hex
        _python(
            "from django_eventstream import send_event\n"
            f"send_event({user_channel(cara.pk)!r}, 'alert', {{'marker': {marker!r}}})\n"
            f"send_event({user_channel(nia.pk)!r}, 'alert', {{'marker': 'for-nia-' + {marker!r}}})",
            env,
        )
        assert stream.arrived.wait(10)
        time.sleep(0.3)
    finally:
        _stop(server)
    assert stream.events == [("alert", {"marker": f"for-nia-{marker}"})]


# --- The shared cache ----------------------------------------------------------------------


def test_an_authenticator_code_used_on_one_web_process_is_refused_on_another(cara):
    """allauth marks each authenticator code used in the cache (its replay protection).
    With HAVEN_CACHE_URL every process shares that mark: two processes stand for two web
    machines behind the load balancer, each checking the same code as allauth's sign-in does."""
    env = {**_child_env(), "HAVEN_CACHE_URL": REDIS_URL.rsplit("/", 1)[0] + "/13"}
    # One code for all three checks: it stays valid a step either side (MFA_TOTP_TOLERANCE).
    code = current_code(cara)
    check = (
        "from allauth.mfa.models import Authenticator\n"
        "from allauth.mfa.totp.internal.auth import TOTP\n"
        f"authenticator = Authenticator.objects.get(user_id={cara.pk}, type='totp')\n"
        f"print(TOTP(authenticator).validate_code({code!r}))"
    )
    assert _python(check, env) == "True"  # the first machine accepts the code
    assert _python(check, env) == "False"  # the second refuses it: already used

    without_shared_cache = {**_child_env(), "HAVEN_CACHE_URL": ""}
    # Django's memory cache: the next process knows nothing of the code already used.
    assert _python(check, without_shared_cache) == "True"
