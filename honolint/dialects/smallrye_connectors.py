"""Which SmallRye Reactive Messaging connector a channel is written for, from its attribute names.

A Quarkus channel without a `connector` attribute is attached to the application's only connector
(quarkus.py). The file says which connectors the application has through `connector=` values and
`mp.messaging.connector.<name>.*` keys, and through attributes that only one kind of connector reads:
RabbitMQ's `exchange.name`, AMQP's `address`, Pulsar's `serviceUrl`, MQTT's `qos`... The names are the
`@ConnectorAttribute` lists of each connector class (smallrye-reactive-messaging, `*Connector.java`),
less every name the Kafka connector also reads (`topic`, `merge`, `health-enabled`, `ssl.keystore.*`
and the other Kafka client properties) so that a Kafka channel is never taken for another connector's.
"""
from __future__ import annotations

from typing import Optional

KAFKA = "smallrye-kafka"

# attributes that only the Kafka connector reads (KafkaConnector's @ConnectorAttribute list): a channel or
# a file that sets one is written for Kafka
KAFKA_ONLY = frozenset({
    "propagate-record-key", "propagate-headers", "partition", "key", "close-timeout", "kafka-configuration",
    "client-id-prefix", "interceptor-bean", "key-serialization-failure-handler",
    "value-serialization-failure-handler", "pooled-producer.enabled", "topics", "pattern", "assign-seek",
    "commit-strategy", "partitions", "fail-on-deserialization-failure", "graceful-shutdown", "poll-timeout",
    "pause-if-no-requests", "max-queue-size-factor", "key-deserialization-failure-handler",
    "value-deserialization-failure-handler", "dead-letter-queue.topic", "delayed-retry-topic.topics",
    "consumer-rebalance-listener.name", "health-readiness-topic-verification",
})

_SEVERAL = ("username", "password", "host", "port", "virtual-host", "reconnect-attempts", "reconnect-interval",
            "client-options-name", "trust-all", "ssl", "ssl.hostname-verification-algorithm", "auto-acknowledgement",
            "retry-on-fail-attempts", "retry-on-fail-interval", "selector", "qos", "durable", "ttl", "client-id",
            "region", "endpoint-override", "credentials-provider", "batch-size", "batch-delay", "ack-strategy")

# names (a trailing dot: a prefix) that one other connector reads and Kafka does not
_OWN: dict[str, tuple[str, ...]] = {
    "smallrye-amqp": ("address", "container-id", "link-name", "use-anonymous-sender", "credit-retrieval-period",
                      "capabilities", "use-ssl", "sni-server-name", "client-ssl-context-name", "initial-credits",
                      "connect-timeout", "health-timeout", "cbs."),
    "smallrye-rabbitmq": ("exchange.", "queue.", "routing-keys", "default-routing-key", "default-ttl",
                          "publish-confirms", "max-outgoing-internal-queue-size", "max-incoming-internal-queue-size",
                          "addresses", "user", "trust-store-path", "trust-store-password", "connection-timeout",
                          "handshake-timeout", "automatic-recovery-enabled", "network-recovery-interval",
                          "shared-connection-name", "include-properties", "requested-channel-max",
                          "requested-heartbeat", "use-nio", "credentials-provider-name", "auto-bind-dlq",
                          "dead-letter-exchange", "dead-letter-routing-key", "dead-letter-queue-name", "dlx.declare",
                          "keep-most-recent", "consumer-tag", "consumer-exclusive", "content-type-override",
                          "max-outstanding-messages", "tracing.enabled"),
    "smallrye-mqtt": ("retain", "will-flag", "will-retain", "will-qos", "auto-generated-client-id", "auto-keep-alive",
                      "auto-clean-session", "keep-alive-seconds", "max-inflight-queue", "max-message-size",
                      "reconnect-interval-seconds", "connect-timeout-seconds", "server-name", "buffer-size",
                      "unsubscribe-on-disconnection"),
    "smallrye-pulsar": ("serviceUrl", "schema", "producer-configuration", "consumer-configuration",
                        "client-configuration", "producerName", "sendTimeoutMs", "blockIfQueueFull",
                        "maxPendingMessages", "batchingEnabled", "batchingMaxMessages", "batchingMaxPublishDelayMicros",
                        "chunkingEnabled", "compressionType", "accessMode", "subscriptionName", "subscriptionType",
                        "subscriptionInitialPosition", "deadLetterPolicy.", "negativeAck.", "ackTimeout.",
                        "reconsumeLater.", "batchReceive"),
    "smallrye-jms": ("destination", "destination-type", "connection-factory-name", "session-mode", "no-local",
                     "reuse-jms-context", "disable-message-id", "disable-message-timestamp", "delivery-mode",
                     "delivery-delay", "correlation-id", "priority", "reply-to", "reply-to-destination-type",
                     "retry.max-retries", "retry.initial-delay", "retry.max-delay", "retry.jitter"),
    "smallrye-camel": ("endpoint-uri",),
    "smallrye-sqs": ("queue", "queue.url", "wait-time-seconds", "max-number-of-messages", "visibility-timeout",
                     "receive.request.", "ack.delete"),
    "smallrye-sns": ("topic.arn", "message-structure", "email.subject", "sms.phoneNumber"),
    "smallrye-gcp-pubsub": ("project-id", "subscription", "credential-path"),
}
_EXACT: dict[str, str] = {}
_PREFIXES: list[tuple[str, str]] = []
for _connector, _names in _OWN.items():
    for _name in _names:
        if _name.endswith("."):
            _PREFIXES.append((_name, _connector))
        else:
            _EXACT[_name] = _connector
_SHARED = frozenset(_SEVERAL)


def connector_of(attribute: str) -> Optional[str]:
    """The other connector a channel attribute belongs to ("another connector" when several read it), or None
    for a name the Kafka connector may read."""
    found = _EXACT.get(attribute)
    if found is not None:
        return found
    if attribute in _SHARED:
        return "another connector"
    for prefix, connector in _PREFIXES:
        if attribute.startswith(prefix):
            return connector
    return None
