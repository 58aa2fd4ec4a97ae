"""A loud line when the Redis path tests (test_redis_paths.py) were skipped: a skip there
means the production paths between machines went untested."""

_REDIS_SKIPPED: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and "test_redis_paths.py" in report.nodeid:
        _REDIS_SKIPPED.append(report.nodeid)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _REDIS_SKIPPED:
        terminalreporter.write_line(
            f"!!! NO REDIS: {len(_REDIS_SKIPPED)} Redis path tests (queue broker, cross-process events) did NOT run."
            " Start redis-server and run `pytest -m redis` again. !!!",
            red=True,
            bold=True,
        )
