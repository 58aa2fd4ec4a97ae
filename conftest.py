"""Shared test fixtures: named personas, signed-in clients, and the browser harness."""

import os
import shutil

import pytest
from django.core.cache import cache

from accounts import personas
from core.system import system_actor

# Playwright's sync API runs an event loop in the main thread; Django's ORM refuses to
# run there unless told it is safe, which it is in tests (one thread uses the loop).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NO_BROWSER_LINE = (
    "!!! NO BROWSER FOUND: {count} browser tests did NOT run. Install Debian's chromium "
    "(apt-get install chromium) and run make test again. !!!"
)
_skipped_browser_tests: list[str] = []


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth marks each TOTP code used in the cache; tests sign the same people in often.
    cache.clear()
    yield
    cache.clear()


# Rows that data migrations create and every database has: a flush between transactional
# tests removes them, so they are put back before each such test.
REFERENCE_DATA = ("audit.migrations_ops.create_chain_head", "people.migrations_ops.create_built_in_markers")


@pytest.fixture(autouse=True)
def _transactional_tests_keep_reference_data(request):
    """Transactional tests (the browser tests) empty every table between tests. On SQLite
    that is a DELETE, which the append-only audit trigger rightly refuses, so for these
    tests only the trigger is lifted before the flush and put back before the next test,
    together with the rows the data migrations made."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    if not transactional and not {"transactional_db", "live_server"} & set(request.fixturenames):
        yield
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps
    from django.db import connection
    from django.utils.module_loading import import_string

    from audit import sqlite_triggers

    sqlite_triggers.install(connection)
    for path in REFERENCE_DATA:
        import_string(path)(apps, None)
    yield
    sqlite_triggers.uninstall(connection)


@pytest.fixture
def demo_teams(db):
    return personas._build_structure(system_actor())


def _persona(username: str):
    spec = next(p for p in personas.PERSONAS if p.username == username)

    @pytest.fixture
    def fixture(demo_teams):
        return personas.create_persona(spec, teams=demo_teams, actor=system_actor())

    return fixture


# Named personas (accounts/personas.py): use these, not anonymous users, in every test.
cara = _persona("cara")  # caseworker, office-based
hana = _persona("hana")  # caseworker, home-based
nia = _persona("nia")  # caseworker, office-based: Cara's support partner
tom = _persona("tom")  # team leader
dee = _persona("dee")  # deputy manager
sam = _persona("sam")  # safeguarding lead
priya = _persona("priya")  # data protection officer
aled = _persona("aled")  # auditor
ada = _persona("ada")  # administrator
wren = _persona("wren")  # caseworker in another organisation


@pytest.fixture
def sign_in(client):
    """Signs a persona in to the Django test client, as if they had passed MFA."""

    def _sign_in(user):
        client.force_login(user)
        return client

    return _sign_in


# --- Browser harness ------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "page" in getattr(item, "fixturenames", ()) or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
            if CHROMIUM is None:
                _skipped_browser_tests.append(item.nodeid)
                item.add_marker(pytest.mark.skip(reason="no browser found (install chromium)"))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _skipped_browser_tests:
        terminalreporter.write_line(NO_BROWSER_LINE.format(count=len(_skipped_browser_tests)), red=True, bold=True)
