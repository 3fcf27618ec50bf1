"""Oracle tests: honolint against the real thing (the JDK, the Kafka clients). Run with `-m oracle`."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "oracle: differential test against a real implementation (needs a JDK; slower than unit tests)",
    )
