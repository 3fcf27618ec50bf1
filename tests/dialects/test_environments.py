"""Container environments: a Kubernetes workload's `env` and a compose service's `environment` configure the
producer of the program they run (Spring Boot's relaxed names, Hono's, a Connect image's CONNECT_*),
findings at the manifest's lines (honolint/load/manifests.py, connect_images.py)."""
from __future__ import annotations

import pytest

from lint_helpers import codes, producers


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def _findings(report: dict, code: str) -> list[dict]:
    found = [x for f in report["files"] for x in f["findings"] if x["code"] == code]
    return found + [x for p in producers(report) for x in p["findings"] if x["code"] == code]


DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  labels: {app: orders}
spec:
  replicas: 3
  selector:
    matchLabels: {app: orders}
  template:
    metadata:
      labels: {app: orders}
    spec:
      containers:
        - name: orders
          image: registry.example.org/shop/orders:2.3.0
          ports:
            - containerPort: 8080
          env:
            - name: SPRING_PROFILES_ACTIVE
              value: kubernetes
            - name: SPRING_KAFKA_BOOTSTRAP_SERVERS
              value: kafka-0.kafka-headless:9092
            - name: SPRING_KAFKA_PRODUCER_ACKS
              value: "1"
            - name: SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE
              value: "false"
            - name: SPRING_KAFKA_PRODUCER_BATCH_SIZE
              value: 64KB
            - name: SPRING_KAFKA_PRODUCER_PROPERTIES_SASL_JAAS_CONFIG
              valueFrom:
                secretKeyRef:
                  name: orders-kafka
                  key: jaas
"""


def test_spring_boot_relaxed_names_in_a_deployment(honolint):
    path = honolint.write("k8s/orders-deployment.yaml", DEPLOYMENT)
    report, exit_code = honolint.json(str(path))
    assert exit_code == 1 and report["files"][0]["dialect"] == "spring-boot"
    (producer,) = producers(report)
    assert producer["scope"] == "Deployment orders containers[orders] env: spring.kafka.producer"
    effective = producer["effective"]
    assert effective["acks"]["value"] == "1" and effective["acks"]["line"] == _line(DEPLOYMENT, "_PRODUCER_ACKS")
    assert effective["enable.idempotence"]["value"] == "false"
    (acks,) = _findings(report, "HL201")
    assert (acks["line"], acks["column"]) == (_line(DEPLOYMENT, "SPRING_KAFKA_PRODUCER_ACKS"), 21)
    assert acks["path"] == str(path)
    assert "HL005" not in codes(report)


def test_a_deployment_whose_environment_meets_at_least_once(honolint):
    text = DEPLOYMENT.replace('value: "1"', "value: all").replace('value: "false"', 'value: "true"')
    report, exit_code = honolint.json(str(honolint.write("orders.yaml", text)))
    assert exit_code == 0
    assert producers(report)[0]["qos"]["at-least-once"]["ok"] is True


def test_dedicated_fields_bind_in_both_environment_forms_and_maps_lower_case(honolint):
    text = """\
apiVersion: v1
kind: Pod
metadata: {name: loader}
spec:
  containers:
    - name: loader
      image: loader:1
      env:
        - {name: SPRING_KAFKA_PRODUCER_BATCHSIZE, value: 16KB}
        - {name: SPRING_KAFKA_PRODUCER_COMPRESSION_TYPE, value: zstd}
        - {name: SPRING_KAFKA_PRODUCER_PROPERTIES_MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, value: "1"}
        - {name: SPRING_KAFKA_PRODUCER_LINGER_MS, value: "20"}
"""
    report, _ = honolint.json(str(honolint.write("pod.yaml", text)))
    (producer,) = producers(report)
    assert producer["effective"]["max.in.flight.requests.per.connection"]["value"] == "1"
    assert "linger.ms" not in producer["effective"] or producer["effective"]["linger.ms"]["origin"] == "default"
    (ignored,) = _findings(report, "HL006")
    assert ignored["line"] == _line(text, "LINGER_MS") and ignored["severity"] == "warning"
    assert "write SPRING_KAFKA_PRODUCER_PROPERTIES_LINGER_MS" in ignored["message"]
    assert ignored["message"].startswith("Pod loader containers[loader] env: ")


def test_a_value_from_a_secret_is_known_at_deploy_time(honolint):
    text = DEPLOYMENT.replace("""            - name: SPRING_KAFKA_PRODUCER_ACKS
              value: "1"
""", """            - name: SPRING_KAFKA_PRODUCER_ACKS
              valueFrom:
                configMapKeyRef: {name: orders-kafka, key: acks}
""").replace('value: "false"', 'value: "true"')
    path = honolint.write("orders.yaml", text)
    report, _ = honolint.json(str(path))
    (producer,) = producers(report)
    assert producer["qos"]["at-least-once"]["ok"] is None  # DEPENDS
    assert producer["effective"]["acks"]["expression"] == "valueFrom: configMapKeyRef orders-kafka/acks"
    (depends,) = [x for x in _findings(report, "HL209") if "acks" in x["message"]]
    assert "--define SPRING_KAFKA_PRODUCER_ACKS=VALUE" in depends["message"]
    report, _ = honolint.json("--define", "SPRING_KAFKA_PRODUCER_ACKS=all", str(path))
    assert producers(report)[0]["effective"]["acks"]["origin"] == "supplied"


def test_kubernetes_expands_references_to_other_variables(honolint):
    text = """\
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly-export}
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: export
              image: export:3
              env:
                - {name: ACKS, value: "1"}
                - {name: SPRING_KAFKA_PRODUCER_ACKS, value: "$(ACKS)"}
                - {name: SPRING_KAFKA_PRODUCER_CLIENT_ID, value: "export-$$(date)"}
"""
    report, _ = honolint.json(str(honolint.write("cronjob.yaml", text)))
    (producer,) = producers(report)
    assert producer["scope"] == "CronJob nightly-export containers[export] env: spring.kafka.producer"
    assert producer["effective"]["acks"]["expression"] == "$(ACKS)"
    assert producer["qos"]["at-least-once"]["ok"] is None


def test_hono_variables_in_a_statefulset(honolint):
    text = """\
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: hono-adapter-mqtt
spec:
  serviceName: hono-adapter-mqtt
  template:
    spec:
      containers:
        - name: adapter
          image: eclipse/hono-adapter-mqtt:2.6.0
          env:
            - name: HONO_KAFKA_COMMONCLIENTCONFIG__BOOTSTRAP_SERVERS__
              value: kafka-0.kafka-headless:9092
            - name: HONO_KAFKA_TELEMETRY_PRODUCERCONFIG_ACKS
              value: "0"
"""
    report, _ = honolint.json(str(honolint.write("hono.yaml", text)))
    assert report["files"][0]["dialect"] == "hono"
    (producer,) = producers(report)
    assert producer["scope"] == "StatefulSet hono-adapter-mqtt containers[adapter] env: hono.kafka.telemetry"
    assert producer["effective"]["acks"]["line"] == _line(text, "PRODUCERCONFIG_ACKS")


COMPOSE = """\
services:
  connect:
    image: confluentinc/cp-kafka-connect:7.6.1
    depends_on: [kafka]
    environment:
      CONNECT_BOOTSTRAP_SERVERS: kafka:29092
      CONNECT_REST_ADVERTISED_HOST_NAME: connect
      CONNECT_GROUP_ID: compose-connect-group
      CONNECT_CONFIG_STORAGE_TOPIC: docker-connect-configs
      CONNECT_OFFSET_STORAGE_TOPIC: docker-connect-offsets
      CONNECT_STATUS_STORAGE_TOPIC: docker-connect-status
      CONNECT_KEY_CONVERTER: org.apache.kafka.connect.storage.StringConverter
      CONNECT_VALUE_CONVERTER: io.confluent.connect.avro.AvroConverter
      CONNECT_PRODUCER_ACKS: 1
      CONNECT_PRODUCER_MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION: 5
      CONNECT_PRODUCER_CLIENT__RACK: rack-a
  orders:
    build: ./orders
    environment:
      - SPRING_KAFKA_BOOTSTRAP_SERVERS=kafka:29092
      - SPRING_KAFKA_PRODUCER_ACKS=all
      - SPRING_KAFKA_PRODUCER_RETRIES
      - "SPRING_KAFKA_PRODUCER_PROPERTIES_DELIVERY_TIMEOUT_MS=${DELIVERY_TIMEOUT:-120000}"
"""


def test_a_compose_connect_worker_and_a_spring_service(honolint):
    path = honolint.write("docker-compose.yml", COMPOSE)
    report, exit_code = honolint.json(str(path))
    assert exit_code == 1 and report["files"][0]["dialect"] == "connect-worker, spring-boot"
    connect, orders = producers(report)
    assert connect["scope"] == ("services.connect environment: connect worker (source task and dead letter queue "
                                "producers)")
    assert connect["effective"]["acks"]["line"] == _line(COMPOSE, "CONNECT_PRODUCER_ACKS")
    assert connect["effective"]["max.in.flight.requests.per.connection"]["value"] == "5"
    assert {x["code"] for x in connect["findings"]} >= {"HL201", "HL202"}
    assert orders["scope"] == "services.orders environment: spring.kafka.producer"
    assert orders["qos"]["at-least-once"]["ok"] is True
    acks = orders["effective"]["acks"]
    assert (acks["line"], acks["column"]) == (_line(COMPOSE, "=all"), 9)
    assert orders["effective"]["delivery.timeout.ms"]["value"] == "120000"


@pytest.mark.parametrize("variable,property_name", [
    ("CONNECT_PRODUCER_ENABLE_IDEMPOTENCE", "producer.enable.idempotence"),
    ("CONNECT_PRODUCER_CLIENT__RACK", "producer.client_rack"),
    ("CONNECT_PRODUCER_OVERRIDE___POLICY", "producer.override-policy"),
    ("CONNECT_", None), ("KAFKA_ACKS", None),
])
def test_confluent_images_convert_names_as_dub_does(variable, property_name):
    from honolint.load.connect_images import property_name as convert

    assert convert(variable, "confluent") == property_name


def test_a_debezium_worker_reads_every_underscore_as_a_dot(honolint):
    text = """\
services:
  debezium:
    image: quay.io/debezium/connect:2.7
    environment:
      BOOTSTRAP_SERVERS: kafka:9092
      GROUP_ID: "1"
      CONFIG_STORAGE_TOPIC: connect_configs
      OFFSET_STORAGE_TOPIC: connect_offsets
      CONNECT_GROUP_ID: ignored-by-the-entrypoint
      CONNECT_PRODUCER_ACKS: "0"
      CONNECT_LOG4J_LOGGERS: org.reflections=ERROR
"""
    report, _ = honolint.json(str(honolint.write("compose.yaml", text)))
    (producer,) = producers(report)
    assert producer["effective"]["acks"]["value"] == "0"
    assert producer["qos"]["at-least-once"]["ok"] is False


def test_an_environment_that_configures_no_producer(honolint):
    text = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          env:
            - {name: NGINX_PORT, value: "8080"}
        - name: broker
          image: confluentinc/cp-kafka:7.6.1
          env:
            - {name: KAFKA_BROKER_ID, value: "1"}
            - {name: KAFKA_ACKS, value: "1"}
"""
    report, exit_code = honolint.json(str(honolint.write("web.yaml", text)))
    assert exit_code == 0 and codes(report) == ["HL005"]
    report, _ = honolint.json(str(honolint.tmp_path))
    assert report["files"] == []


def test_a_spring_cloud_stream_environment_is_not_read_as_plain_spring_boot(honolint):
    text = """\
services:
  enricher:
    image: enricher:1
    environment:
      SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS: kafka:9092
      SPRING_KAFKA_PRODUCER_COMPRESSION_TYPE: lz4
"""
    report, _ = honolint.json(str(honolint.write("compose.yaml", text)))
    assert producers(report) == []


def test_hostile_environments_stay_linear(honolint):
    import time

    items = "".join(f"            - {{name: SPRING_KAFKA_PRODUCER_PROPERTIES_K{i}, value: v}}\n" for i in range(20000))
    text = ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      env: &e\n"
            + items + "    - {name: d, env: *e}\n" * 50)
    started = time.perf_counter()
    report, _ = honolint.json(str(honolint.write("pod.yaml", text)))
    assert time.perf_counter() - started < 30
    assert report["summary"]["files"] == 1
    odd = ("services:\n  a: [1]\n  b: {environment: [[x], '=1', 'A=', {B: 1}]}\n"
           "  c: {environment: {? [k] : v, D: [1]}}\n")
    report, _ = honolint.json(str(honolint.write("compose.yml", odd)))
    assert report["summary"]["files"] == 1


COMPOSE_BUILT = """\
services:
  orders:
    build: ./orders
    environment:
      SPRING_PROFILES_ACTIVE: docker
      SPRING_KAFKA_BOOTSTRAP_SERVERS: kafka:9092
      SPRING_KAFKA_PRODUCER_ACKS: "1"
  billing:
    build:
      context: billing
    environment:
      - SPRING_KAFKA_BOOTSTRAP_SERVERS=kafka:9092
  kafka:
    image: apache/kafka:3.9.0
"""


def test_a_compose_services_environment_is_the_top_layer_over_its_applications_files(honolint):
    honolint.write("orders/src/main/resources/application.yml",
                   "spring:\n  kafka:\n    producer:\n      acks: all\n      retries: 3\n")
    honolint.write("orders/src/main/resources/application-docker.yml",
                   "spring:\n  kafka:\n    producer:\n      retries: 5\n")
    honolint.write("billing/src/main/resources/application.properties", "spring.kafka.producer.acks=all\n")
    path = honolint.write("docker-compose.yml", COMPOSE_BUILT)
    report, exit_code = honolint.json(str(path))
    (orders,) = [p for f in report["files"] for p in f["producers"]]  # billing's environment changes no producer
    assert orders["scope"] == "services.orders environment: spring.kafka.producer [profile docker]"
    assert orders["effective"]["acks"]["value"] == "1" and orders["effective"]["acks"]["line"] == 7
    assert orders["effective"]["retries"]["value"] == "5"  # the active profile's file, beneath the environment
    assert [f["code"] for f in orders["findings"] if f["severity"] == "error"] == ["HL201", "HL202"]
    assert exit_code == 1
