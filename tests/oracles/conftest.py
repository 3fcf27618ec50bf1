"""Oracle tests: honolint against the real thing (the JDK, the Kafka clients). Run alone with `-m oracle`.

The client tests leave evidence rows (evidence.py); they are printed at the end of the run, so every
refusal honolint predicts can be seen next to the real client's message.
"""
from __future__ import annotations

from evidence import EVIDENCE, EXAMPLES, VERSION_ROWS


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "oracle: differential test against a real implementation (needs a JDK; slower than unit tests)",
    )


def pytest_terminal_summary(terminalreporter):
    if VERSION_ROWS:
        terminalreporter.section("evidence: honolint against each real client release")
        for release, count, disagreements in VERSION_ROWS:
            terminalreporter.write_line(f"  {release:<22} {count:6d} configurations  {disagreements} disagreements")
    for client, rows in EVIDENCE.items():
        terminalreporter.section(f"evidence: what {client} refuses, and honolint's findings")
        for (client_says, honolint_says), count in sorted(rows.items(), key=lambda item: (-item[1], item[0])):
            example = EXAMPLES[(client, client_says, honolint_says)]
            terminalreporter.write_line(f"{count:5d} x  client:   {client_says}")
            terminalreporter.write_line(f"          honolint: {honolint_says}")
            terminalreporter.write_line(f"          e.g.      {example}")
