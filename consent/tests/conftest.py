"""Fixtures for consent/ tests, and the line that reports the credential guard's
precision and recall on its corpus in every test run's summary."""

from consent.credential_guard import looks_like_credential
from consent.tests.credential_corpus import MUST_CATCH, MUST_PASS


def corpus_scores() -> tuple[float, float, int, int]:
    caught = sum(looks_like_credential(text) for text in MUST_CATCH)
    false_alarms = sum(looks_like_credential(text) for text in MUST_PASS)
    flagged = caught + false_alarms
    precision = caught / flagged if flagged else 1.0
    recall = caught / len(MUST_CATCH)
    return precision, recall, caught, false_alarms


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    precision, recall, caught, false_alarms = corpus_scores()
    terminalreporter.write_line(
        f"credential guard on its corpus: precision {precision:.3f}, recall {recall:.3f} "
        f"({caught}/{len(MUST_CATCH)} must-catch caught, {false_alarms}/{len(MUST_PASS)} ordinary notes refused)"
    )
