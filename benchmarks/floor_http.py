"""One signed-in person's keep-alive HTTP connection to the benchmark's server, timing GETs
as the client sees them on loopback (benchmarks/floor.py)."""

import http.client
import time


class SignedIn:
    def __init__(self, port: int, user) -> None:
        from django.test import Client

        client = Client()
        client.force_login(user)
        self.cookie = f"sessionid={client.cookies['sessionid'].value}"
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str) -> int:
        try:
            self.connection.request("GET", path, headers={"Cookie": self.cookie})
            response = self.connection.getresponse()
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            # The server closed an idle keep-alive connection: open a new one, as a browser does.
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.connection.request("GET", path, headers={"Cookie": self.cookie})
            response = self.connection.getresponse()
        response.read()
        return response.status

    def timed(self, path: str, warm_up: int, requests: int) -> list[float]:
        """Seconds for each of `requests` GETs after `warm_up` untimed ones; any answer but
        200 stops the benchmark, since a refusal is not the page."""
        samples = []
        for number in range(warm_up + requests):
            began = time.perf_counter()
            status = self.get(path)
            elapsed = time.perf_counter() - began
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            if number >= warm_up:
                samples.append(elapsed)
        return samples
