"""Oracle tests: honolint against the real thing (the JDK, the Kafka clients). Run alone with `-m oracle`.

The client tests leave evidence rows (evidence.py); they are printed at the end of the run, so every
refusal honolint predicts can be seen next to the real client's message.
"""
from __future__ import annotations

from evidence import EVIDENCE, EXAMPLES


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "oracle: differential test against a real implementation (needs a JDK; slower than unit tests)",
    )


def pytest_terminal_summary(terminalreporter):
    for client, rows in EVIDENCE.items():
        terminalreporter.section(f"evidence: what {client} refuses, and honolint's findings")
        for (client_says, honolint_says), count in sorted(rows.items(), key=lambda item: (-item[1], item[0])):
            example = EXAMPLES[(client, client_says, honolint_says)]
            terminalreporter.write_line(f"{count:5d} x  client:   {client_says}")
            terminalreporter.write_line(f"          honolint: {honolint_says}")
            terminalreporter.write_line(f"          e.g.      {example}")
