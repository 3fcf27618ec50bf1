"""Spring Cloud Stream's Kafka Streams binder (`spring.cloud.stream.kafka.streams.*`): its producers.

The binder builds no message-channel producer: it hands a `StreamsConfig` to Kafka Streams, whose threads
build the producers (`KafkaStreamsBinderSupportAutoConfiguration.streamConfigGlobalProperties`, SCSt 4.3):
Spring Boot's `spring.kafka.streams.*`, then every `spring.cloud.stream.kafka.streams.binder.configuration.*`
key unfiltered (so `processing.guarantee` passes through), then the merged producer configuration (Spring
Boot's `spring.kafka.producer.*`, the configuration's producer keys, `producer-properties`) prefixed with
`producer.`, which wins in `StreamsConfig.getProducerConfigs`. `required-acks` does not reach these
producers: Kafka Streams' own defaults apply (kafka_streams.py).

With `deserialization-exception-handler: sendToDlq` (the older `serdeError`), on the binder or on an input
binding, records that fail to deserialize go to a dead-letter topic through a producer of its own
(`KafkaStreamsBinderUtils.getProducerFactory`, the same in 3.x to 5.0): `retries=0` and
`acks=<streams.binder.required-acks>` first, then the merged producer configuration, then the binding's
`consumer.dlq-producer-properties.configuration.*`. Its `retries=0` on Java 3.0.1+ also turns the default
idempotence off.
"""
from __future__ import annotations

from typing import Optional

from honolint.dialects import kafka_streams
from honolint.dialects import spring_boot as boot
from honolint.dialects.spring_boot import Classified, Item
from honolint.dialects.spring_names import Element, map_key
from honolint.model import Entry, FrameworkLayer, Layer, ProducerSpec, Setting
from honolint.profiles.java_keys import PRODUCER_KEYS

PREFIX = "spring.cloud.stream.kafka.streams"
CONFIGURATION = "spring.cloud.stream.kafka.streams.binder.configuration"
PRODUCER_PROPERTIES = "spring.cloud.stream.kafka.streams.binder.producer-properties"
REQUIRED_ACKS = "spring.cloud.stream.kafka.streams.binder.required-acks"
APPLICATION_ID = "spring.cloud.stream.kafka.streams.binder.application-id"
HANDLER = "streams deserialization-exception-handler"
DLQ_CONFIGURATION = "consumer.dlq-producer-properties.configuration"
BINDING = "streams binding"  # a binding named under spring.cloud.stream.kafka.streams.bindings
LEVELS = frozenset((CONFIGURATION, PRODUCER_PROPERTIES, REQUIRED_ACKS, APPLICATION_ID, HANDLER, DLQ_CONFIGURATION,
                    BINDING))
DLQ_NAME = "Spring Cloud Stream Kafka Streams binder, dead-letter producer (retries=0"
ACKS_BEFORE = "5.0.2"  # the release whose required-acks default is all (it was 1 before)


def classify(entry: Entry, parts: list[Element], forms: list[str]) -> Classified:
    """A key under spring.cloud.stream.kafka.streams."""
    value = entry.value
    if len(forms) >= 7 and forms[5] == "binder":
        field = forms[6]
        if field == "configuration":
            key = map_key(parts[7:])
            return Item(CONFIGURATION, key, value, entry) if key else None
        if field == "producerproperties":
            key = map_key(parts[7:])
            return Item(PRODUCER_PROPERTIES, key, value, entry) if key else None
        if len(forms) == 7 and field == "requiredacks":
            return Item(REQUIRED_ACKS, "acks", value, entry)
        if len(forms) == 7 and field == "applicationid":
            return Item(APPLICATION_ID, "application.id", value, entry)
        if len(forms) == 7 and field in ("deserializationexceptionhandler", "serdeerror"):
            return Item(HANDLER, "handler", _handler(value), entry)
        return None
    if len(forms) >= 8 and forms[5] == "bindings":
        name = parts[6][0]
        if forms[7] == "consumer" and len(forms) == 9 and forms[8] in ("deserializationexceptionhandler",
                                                                        "serdeerror"):
            return Item(HANDLER, "handler", _handler(value), entry, owner=name)
        if forms[7:10] == ["consumer", "dlqproducerproperties", "configuration"]:
            key = map_key(parts[10:])
            return Item(DLQ_CONFIGURATION, key, value, entry, owner=name) if key else None
        return Item(BINDING, "binding", None, entry, owner=name)
    return None


def _handler(value: Optional[str]) -> str:
    """Spring binds enum constants leniently: `sendToDlq`, `send-to-dlq`, `SEND_TO_DLQ`."""
    return "".join(c for c in (value or "").lower() if c.isalnum())


def bindings(items: list[Item]) -> set[str]:
    return {item.owner for item in items if item.level in LEVELS and item.owner}


def producers(items: list[Item], label: str) -> list[ProducerSpec]:
    """The Kafka Streams producer of the application, and the dead-letter producers sendToDlq makes."""
    if not any(item.level in LEVELS for item in items):
        return []
    boot_layers = boot.layers_for((i for i in items if i.level in boot.BOOT_LEVELS), boot.BOOT_LEVELS)
    configuration = [i for i in items if i.level == CONFIGURATION]
    plain = [i for i in configuration if i.key in PRODUCER_KEYS]
    prefixed = [i._replace(key=i.key[len(kafka_streams.PRODUCER_PREFIX):]) for i in configuration
                if i.key.startswith(kafka_streams.PRODUCER_PREFIX) and len(i.key) > len(kafka_streams.PRODUCER_PREFIX)]
    properties = [i for i in items if i.level == PRODUCER_PROPERTIES]
    layers = (boot.layers_for(plain, [CONFIGURATION]) + boot_layers
              + boot.layers_for(properties, [PRODUCER_PROPERTIES])
              + boot.layers_for(prefixed, [CONFIGURATION], name=lambda level: f"{level} (producer.*)"))
    guarantee = next((i.value for i in reversed(configuration) if i.key == "processing.guarantee"), None)
    application = next((i.value for i in reversed(items) if i.level == APPLICATION_ID), None) or next(
        (i.value for i in reversed(configuration) if i.key == "application.id"), None)
    application = (application or "").strip() or "<application.id>"
    framework = kafka_streams.framework(guarantee, application)
    anchor = next((i.entry for i in items if i.level in LEVELS and i.file is None), None)
    line, column, document = boot.position(layers, anchor)
    found = [ProducerSpec(f"{PREFIX}.binder{label}", line, column, document, layers, framework,
                          client_family="java")]
    found += _dead_letter_producers(items, label, boot_layers, configuration, properties)
    return found


def _dead_letter_producers(items: list[Item], label: str, boot_layers: list[Layer], configuration: list[Item],
                           properties: list[Item]) -> list[ProducerSpec]:
    handlers = {item.owner: item for item in items if item.level == HANDLER}
    binder_wide = handlers.get("")
    owners = [owner for owner, item in handlers.items() if owner and item.value == "sendtodlq"]
    if binder_wide is not None and binder_wide.value == "sendtodlq":
        configured = {i.owner for i in items if i.level == DLQ_CONFIGURATION and i.owner not in handlers}
        owners = [""] + sorted(configured)
    if not owners:
        return []
    required = next((i for i in reversed(items) if i.level == REQUIRED_ACKS), None)
    base = ([Layer(REQUIRED_ACKS, [Setting(required.key, required.value, required.entry)])] if required else [])
    base += boot_layers + boot.layers_for([i for i in configuration if i.key in PRODUCER_KEYS], [CONFIGURATION])
    base += boot.layers_for(properties, [PRODUCER_PROPERTIES])
    put_if_absent = (("retries", "0"),) + ((("acks", "1"),) if required is None else ())
    name = DLQ_NAME + (f"; required-acks defaults to 1 before Spring Cloud Stream {ACKS_BEFORE})"
                       if required is None else ")")
    found = []
    for owner in owners:
        own = [i for i in items if i.level == DLQ_CONFIGURATION and i.owner == owner]
        layers = base + boot.layers_for(own, [DLQ_CONFIGURATION], name=lambda _, o=owner: f"{PREFIX}.bindings.{o}."
                                                                                      f"{DLQ_CONFIGURATION}")
        anchor = handlers.get(owner) or binder_wide
        line, column, document = (anchor.entry.line, anchor.entry.column, anchor.entry.document)
        scope = f"{PREFIX}.bindings.{owner} (dead letters){label}" if owner else f"{PREFIX}.binder (dead letters){label}"
        found.append(ProducerSpec(scope, line, column, document, layers, FrameworkLayer(name, put_if_absent),
                                  client_family="java"))
    return found
