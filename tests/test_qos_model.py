"""Every worked example of qos-model.md §4, through `honolint check --format json`."""
from __future__ import annotations

import pytest

from lint_helpers import producers

# (name, file, content, client, acks, idempotent, ordered, refusal start, ALO ok, AMO ok)
NOTHING = "bootstrap.servers=kafka:9092\n"  # a producer (so its file name says) that sets nothing of the spec's keys
HONO_ACKS_1 = "hono:\n  kafka:\n    telemetry:\n      producerConfig:\n        acks: 1\n"
HONO_REQUEST_TIMEOUT = "hono:\n  kafka:\n    telemetry:\n      producerConfig:\n        request.timeout.ms: 5000\n"
ROWS = [
    ("nothing", "producer.properties", NOTHING, "java", "all", True, True, None, True, True),
    ("nothing on 2.8", "producer.properties", NOTHING, "java:2.8", "1", False, False, None, False, False),
    ("nothing on 3.0.0", "producer.properties", NOTHING, "java:3.0.0", "all", False, False, None, False, False),
    ("acks=1", "p.properties", "acks=1\n", "java", "1", False, False, None, False, False),
    ("acks=1 mif=1", "p.properties", "acks=1\nmax.in.flight.requests.per.connection=1\n", "java", "1", False, True,
     None, False, True),
    ("acks=0", "p.properties", "acks=0\n", "java", "0", False, True, None, False, True),
    ("idempotence off, mif=1", "p.properties", "enable.idempotence=false\nmax.in.flight.requests.per.connection=1\n",
     "java", "all", False, True, None, True, True),
    ("idempotence on, acks=1", "p.properties", "enable.idempotence=true\nacks=1\n", "java", None, None, None,
     "Must set acks to all", False, False),
    # ordered (one request in flight) but refused: a refused producer sends nothing, so it fails AT MOST ONCE too
    ("idempotence on, acks=1, one in flight", "p.properties",
     "enable.idempotence=true\nacks=1\nmax.in.flight.requests.per.connection=1\n", "java", None, None, None,
     "Must set acks to all", False, False),
    ("transactional, idempotence off, one in flight", "p.properties",
     "transactional.id=tx\nenable.idempotence=false\nmax.in.flight.requests.per.connection=1\n", "java", None, None,
     None, "Cannot set a transactional.id without also enabling idempotence", False, False),
    ("mif=6", "p.properties", "max.in.flight.requests.per.connection=6\n", "java", None, None, None,
     "To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5", False, False),
    ("mif=6 on 3.9", "p.properties", "max.in.flight.requests.per.connection=6\n", "java:3.9", "all", False, False,
     None, False, False),
    ("nothing, librdkafka", "producer.properties", NOTHING, "librdkafka", "all", False, False, None, False, False),
    ("idempotence, librdkafka", "p.properties", "enable.idempotence=true\n", "librdkafka", "all", True, True, None,
     True, True),
    ("Hono telemetry acks=1", "application.yml", HONO_ACKS_1, "java", None, None, None, "Must set acks to all",
     False, False),
    ("Hono telemetry request.timeout.ms=5000", "application.yml", HONO_REQUEST_TIMEOUT, "java", None, None, None,
     "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms", False, False),
]


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_worked_example(honolint, row):
    _, name, content, client, acks, idempotent, ordered, refusal, alo, amo = row
    path = honolint.write(name, content)
    report, exit_code = honolint.json("--client", client, str(path))
    (producer,) = producers(report)
    assert producer["qos"]["at-least-once"]["ok"] is alo
    assert producer["qos"]["at-most-once"]["ok"] is amo
    if refusal is None:
        assert producer["rejected"] == []
        assert producer["effective"]["acks"]["value"] == acks
        assert producer["idempotent"] is idempotent
        assert producer["ordered"] is ordered
    else:
        assert producer["rejected"] and producer["rejected"][0].startswith(refusal)
        assert producer["idempotent"] is None and producer["ordered"] is None
    assert exit_code == (0 if alo else 1)


def test_at_most_once_target_decides_the_exit_code(honolint):
    path = honolint.write("p.properties", "acks=0\n")
    report, exit_code = honolint.json("--qos", "at-most-once", str(path))
    assert producers(report)[0]["target"] == "at-most-once"
    assert exit_code == 0
    _, exit_code = honolint.json(str(path))
    assert exit_code == 1


def test_an_empty_file_forced_to_plain_is_a_producer_with_defaults(honolint):
    path = honolint.write("p.properties", "")
    report, exit_code = honolint.json("--dialect", "plain", str(path))
    (producer,) = producers(report)
    assert producer["effective"]["acks"] == {"value": "all", "origin": "default", "source": "java:4.3 default",
                                             "explicit": False, "line": None, "column": None}
    assert exit_code == 0
