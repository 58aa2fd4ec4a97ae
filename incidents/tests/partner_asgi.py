"""Haven served over ASGI by uvicorn, in a thread of the test process, for browser tests
of live screens. pytest-django's live_server speaks WSGI, which buffers a streaming
response for ever, so server-sent events never arrive through it.

The server runs against the test database (same process, same settings), and events
sent by a service called from the test reach the streams it holds open (in-process
listeners, as `make run` without Redis).

    from incidents.tests.partner_asgi import asgi_server  # noqa: F401  (the fixture)

    def test_something(browser, asgi_server, cara): ...
"""

import socket
import threading
import time

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AsgiServer:
    def __init__(self):
        import uvicorn
        from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
        from django.core.asgi import get_asgi_application

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            ASGIStaticFilesHandler(get_asgi_application()),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
            timeout_graceful_shutdown=1,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="haven-asgi-test-server", daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def asgi_server(transactional_db, settings):
    from django.db import connections

    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    # Each request closes its own connection when it ends, so no thread of the server
    # keeps one open past the test (PostgreSQL cannot drop a database in use).
    database = connections.settings["default"]
    kept_age = database.get("CONN_MAX_AGE", 0)
    database["CONN_MAX_AGE"] = 0
    server = AsgiServer()
    server.start()
    yield server
    server.stop()
    database["CONN_MAX_AGE"] = kept_age
