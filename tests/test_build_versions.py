"""The client version a repository's build names: pom.xml, Gradle, Python requirements, through `honolint check`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from lint_helpers import producers

REPORT_SCHEMA = json.loads((Path(__file__).parents[1] / "honolint" / "schema" / "report.schema.json").read_text())

BOOT_PARENT = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>{boot}</version>
    <relativePath/>
  </parent>
  <groupId>com.example</groupId>
  <artifactId>orders</artifactId>
  <version>0.0.1-SNAPSHOT</version>
  <properties>
    <java.version>17</java.version>{properties}
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.springframework.kafka</groupId>
      <artifactId>spring-kafka</artifactId>
    </dependency>{dependencies}
  </dependencies>{management}
</project>
"""
KAFKA_CLIENTS = """
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka-clients</artifactId>
      <version>{version}</version>
    </dependency>"""
SCS_TRAIN = """
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.springframework.cloud</groupId>
        <artifactId>spring-cloud-dependencies</artifactId>
        <version>${spring-cloud.version}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>"""
QUARKUS_POM = """<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.acme</groupId>
  <artifactId>fights</artifactId>
  <version>1.0.0-SNAPSHOT</version>
  <properties>
    <quarkus.platform.artifact-id>quarkus-bom</quarkus.platform.artifact-id>
    <quarkus.platform.group-id>io.quarkus.platform</quarkus.platform.group-id>
    <quarkus.platform.version>{quarkus}</quarkus.platform.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>${{quarkus.platform.group-id}}</groupId>
        <artifactId>${{quarkus.platform.artifact-id}}</artifactId>
        <version>${{quarkus.platform.version}}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-messaging-kafka</artifactId>
    </dependency>
  </dependencies>
</project>
"""
SPRING_PRODUCER = "spring:\n  kafka:\n    bootstrap-servers: kafka:9092\n    producer:\n      client-id: orders\n"
QUARKUS_CHANNEL = ("mp.messaging.outgoing.fights.connector=smallrye-kafka\nmp.messaging.outgoing.fights.topic=fights\n"
                   "mp.messaging.outgoing.fights.acks=all\n")
SCS_BINDING = ("spring:\n  cloud:\n    stream:\n      bindings:\n        enrich-out-0:\n          destination: orders\n"
               "      kafka:\n        binder:\n          brokers: kafka:9092\n")
RESOURCES = "src/main/resources"


def boot_pom(boot: str, properties: str = "", dependencies: str = "", management: str = "") -> str:
    return BOOT_PARENT.format(boot=boot, properties=properties, dependencies=dependencies, management=management)


def check(honolint, monkeypatch, path: str, *args: str) -> tuple[dict, dict, int]:
    """The JSON report of `path` (relative to the test's directory, as a user runs it), its first producer."""
    monkeypatch.chdir(honolint.tmp_path)
    report, exit_code = honolint.json(*args, path)
    jsonschema.validate(report, REPORT_SCHEMA)
    return report, producers(report)[0], exit_code


def codes_of(producer: dict) -> list[str]:
    return [f["code"] for f in producer["findings"] if f["severity"] != "info"]


# ---------------------------------------------------------------- Maven


def test_spring_boot_2_7_parent_runs_kafka_clients_3_1_with_acks_all_by_default(honolint, monkeypatch):
    honolint.write("orders/pom.xml", boot_pom("2.7.18"))
    honolint.write(f"orders/{RESOURCES}/application.yml", SPRING_PRODUCER)
    report, producer, exit_code = check(honolint, monkeypatch, f"orders/{RESOURCES}/application.yml")
    assert producer["client"] == "java:3.1.2"
    assert producer["client_source"] == "kafka-clients 3.1.2 managed by Spring Boot 2.7.18 (orders/pom.xml:7)"
    assert producer["effective"]["acks"]["value"] == "all" and producer["effective"]["acks"]["origin"] == "default"
    assert producer["qos"]["at-least-once"]["ok"] and exit_code == 0
    text = honolint.run("check", f"orders/{RESOURCES}/application.yml").stdout
    assert "spring.kafka.producer  java:3.1.2 from orders/pom.xml, target AT LEAST ONCE" in text


def test_spring_boot_2_5_runs_kafka_clients_2_7_whose_acks_default_is_1(honolint, monkeypatch):
    honolint.write("orders/pom.xml", boot_pom("2.5.15"))
    honolint.write(f"orders/{RESOURCES}/application.yml", SPRING_PRODUCER)
    _, producer, exit_code = check(honolint, monkeypatch, f"orders/{RESOURCES}/application.yml")
    assert producer["client"] == "java:2.7.2"
    (acks,) = [f for f in producer["findings"] if f["code"] == "HL201"]
    assert "acks defaults to 1 in java:2.7.2" in acks["message"] and exit_code == 1


def test_spring_boot_2_6_early_patches_run_kafka_clients_3_0_0_and_its_idempotence_bug(honolint, monkeypatch):
    honolint.write("orders/pom.xml", boot_pom("2.6.3"))
    honolint.write(f"orders/{RESOURCES}/application.yml", SPRING_PRODUCER)
    _, producer, _ = check(honolint, monkeypatch, f"orders/{RESOURCES}/application.yml")
    assert producer["client"] == "java:3.0.0" and "HL205" in codes_of(producer)
    honolint.write("orders/pom.xml", boot_pom("2.6.15"))
    _, producer, exit_code = check(honolint, monkeypatch, f"orders/{RESOURCES}/application.yml")
    assert producer["client"] == "java:3.0.2" and codes_of(producer) == [] and exit_code == 0


def test_a_module_inherits_the_boot_version_from_its_parent_in_the_checkout(honolint, monkeypatch):
    honolint.write("pom.xml", boot_pom("2.7.18").replace("<artifactId>orders</artifactId>",
                                                         "<artifactId>shop</artifactId>"))
    honolint.write("orders/pom.xml", """<project>
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>com.example</groupId><artifactId>shop</artifactId><version>0.0.1-SNAPSHOT</version></parent>
  <artifactId>orders</artifactId>
</project>
""")
    honolint.write(f"orders/{RESOURCES}/application.yml", SPRING_PRODUCER)
    _, producer, _ = check(honolint, monkeypatch, f"orders/{RESOURCES}/application.yml")
    assert producer["client"] == "java:3.1.2" and producer["client_source"].endswith("(pom.xml:7)")


def test_kafka_clients_pinned_in_the_pom_wins_over_the_platform(honolint, monkeypatch):
    honolint.write("orders/pom.xml", boot_pom("3.2.5", "\n    <kafka.version>3.7.1</kafka.version>",
                                              KAFKA_CLIENTS.format(version="${kafka.version}")))
    honolint.write(f"orders/{RESOURCES}/application.yml", SPRING_PRODUCER)
    _, producer, _ = check(honolint, monkeypatch, f"orders/{RESOURCES}/application.yml")
    assert producer["client"] == "java:3.7.1"
    assert producer["client_source"] == "kafka-clients 3.7.1 (orders/pom.xml:15)"


def test_spring_boots_kafka_version_property_overrides_what_it_manages(honolint, monkeypatch):
    honolint.write("orders/pom.xml", boot_pom("3.2.5", "\n    <kafka.version>3.8.1</kafka.version>"))
    honolint.write(f"orders/{RESOURCES}/application.yml", SPRING_PRODUCER)
    _, producer, _ = check(honolint, monkeypatch, f"orders/{RESOURCES}/application.yml")
    assert producer["client"] == "java:3.8.1" and producer["client_source"] == "kafka-clients 3.8.1 (orders/pom.xml:15)"


@pytest.mark.parametrize("quarkus, client", [("2.16.0.Final", "java:3.3.1"), ("2.16.12.Final", "java:3.3.2"),
                                             ("3.8.4", "java:3.6.1"), ("2.9.2.Final", "java:3.1.0")])
def test_quarkus_platform_bom_names_the_kafka_clients_it_manages(honolint, monkeypatch, quarkus, client):
    honolint.write("fights/pom.xml", QUARKUS_POM.format(quarkus=quarkus))
    honolint.write(f"fights/{RESOURCES}/application.properties", QUARKUS_CHANNEL)
    _, producer, _ = check(honolint, monkeypatch, f"fights/{RESOURCES}/application.properties")
    assert producer["client"] == client
    assert producer["client_source"] == (f"kafka-clients {client[5:]} managed by Quarkus {quarkus} "
                                         "(fights/pom.xml:10)")


def test_a_platform_newer_than_known_takes_the_newest_known_and_says_so(honolint, monkeypatch):
    honolint.write("fights/pom.xml", QUARKUS_POM.format(quarkus="3.99.0"))
    honolint.write(f"fights/{RESOURCES}/application.properties", QUARKUS_CHANNEL)
    _, producer, _ = check(honolint, monkeypatch, f"fights/{RESOURCES}/application.properties")
    assert producer["client"] == "java:4.2.1"
    assert "managed by Quarkus 3.37, the newest release honolint knows (the build names 3.99.0)" in (
        producer["client_source"])


def test_a_version_the_pom_cannot_resolve_leaves_the_default_client_and_says_nothing(honolint, monkeypatch):
    honolint.write("orders/pom.xml", boot_pom("${boot}"))
    honolint.write(f"orders/{RESOURCES}/application.yml", SPRING_PRODUCER)
    report, producer, exit_code = check(honolint, monkeypatch, f"orders/{RESOURCES}/application.yml")
    assert producer["client"] == "java:4.3" and "client_source" not in producer and exit_code == 0
    assert "pom.xml" not in json.dumps(report)
    honolint.write("orders/pom.xml", "<project><parent>")  # not even XML
    _, producer, _ = check(honolint, monkeypatch, f"orders/{RESOURCES}/application.yml")
    assert producer["client"] == "java:4.3" and "client_source" not in producer


def test_the_search_ends_at_the_top_of_the_checkout(honolint, monkeypatch):
    honolint.write("pom.xml", boot_pom("2.5.15"))
    honolint.write("deploy/.git/HEAD", "ref: refs/heads/main\n")
    honolint.write("deploy/config/application.yml", SPRING_PRODUCER)
    _, producer, _ = check(honolint, monkeypatch, "deploy/config/application.yml")
    assert producer["client"] == "java:4.3" and "client_source" not in producer


# ---------------------------------------------------------------- Gradle


def test_gradle_boot_plugin_and_spring_cloud_train(honolint, monkeypatch):
    honolint.write("orders/build.gradle", """plugins {
    id 'java'
    id 'org.springframework.boot' version '3.2.5'
    id 'io.spring.dependency-management' version '1.1.4'
}

ext {
    set('springCloudVersion', "2023.0.1")
}

dependencies {
    implementation 'org.springframework.cloud:spring-cloud-stream-binder-kafka'
    // implementation 'org.apache.kafka:kafka-clients:2.0.0'
}

dependencyManagement {
    imports {
        mavenBom "org.springframework.cloud:spring-cloud-dependencies:${springCloudVersion}"
    }
}
""")
    honolint.write(f"orders/{RESOURCES}/application.yml", SCS_BINDING)
    _, producer, _ = check(honolint, monkeypatch, f"orders/{RESOURCES}/application.yml")
    assert producer["client"] == "java:3.6.2"
    assert producer["client_source"] == "kafka-clients 3.6.2 managed by Spring Boot 3.2.5 (orders/build.gradle:3)"
    assert producer["effective"]["acks"]["source"] == (
        "added by Spring Cloud Stream Kafka binder 4.1.1 (Spring Cloud 2023.0.1, orders/build.gradle:8; "
        "required-acks defaults to 1 before 5.0.2)")


def test_gradle_kotlin_subproject_reads_the_root_projects_properties(honolint, monkeypatch):
    honolint.write("shop/settings.gradle.kts", 'rootProject.name = "shop"\ninclude("orders")\n')
    honolint.write("shop/gradle.properties", "org.gradle.jvmargs=-Xmx2g\nkafkaVersion=3.6.1\n")
    honolint.write("shop/build.gradle.kts",
                   'plugins {\n    id("org.springframework.boot") version "3.3.0" apply false\n}\n')
    honolint.write("shop/orders/build.gradle.kts", """plugins { id("org.springframework.boot") }
dependencies {
    implementation("org.apache.kafka:kafka-clients:${property("kafkaVersion")}")
}
""")
    honolint.write(f"shop/orders/{RESOURCES}/application.yml", SPRING_PRODUCER)
    _, producer, _ = check(honolint, monkeypatch, f"shop/orders/{RESOURCES}/application.yml")
    assert producer["client"] == "java:3.6.1"
    assert producer["client_source"] == "kafka-clients 3.6.1 (shop/gradle.properties:2)"


def test_gradle_quarkus_platform_from_gradle_properties(honolint, monkeypatch):
    honolint.write("fights/gradle.properties", "quarkusPlatformGroupId=io.quarkus.platform\n"
                                               "quarkusPlatformArtifactId=quarkus-bom\nquarkusPlatformVersion=3.15.1\n")
    honolint.write("fights/build.gradle", """plugins {
    id 'java'
    id 'io.quarkus'
}
dependencies {
    implementation enforcedPlatform("${quarkusPlatformGroupId}:${quarkusPlatformArtifactId}:${quarkusPlatformVersion}")
    implementation 'io.quarkus:quarkus-messaging-kafka'
}
""")
    honolint.write(f"fights/{RESOURCES}/application.properties", QUARKUS_CHANNEL)
    _, producer, _ = check(honolint, monkeypatch, f"fights/{RESOURCES}/application.properties")
    assert producer["client"] == "java:3.7.1"
    assert producer["client_source"] == "kafka-clients 3.7.1 managed by Quarkus 3.15.1 (fights/gradle.properties:3)"


def test_a_build_file_that_never_closes_a_string_or_comment_is_read_in_linear_time(honolint, monkeypatch):
    honolint.write("orders/build.gradle", '"${a}' * 40_000 + "\n/*" * 40_000 + "\n'x" * 40_000)
    honolint.write(f"orders/{RESOURCES}/application.yml", SPRING_PRODUCER)
    started = time.perf_counter()
    _, producer, _ = check(honolint, monkeypatch, f"orders/{RESOURCES}/application.yml")
    assert producer["client"] == "java:4.3" and time.perf_counter() - started < 5


# ---------------------------------------------------------------- Spring Cloud Stream: required-acks by release


@pytest.mark.parametrize("boot, train, acks, binder", [("3.2.5", "2023.0.1", "1", "4.1.1"),
                                                       ("4.0.3", "2025.1.1", "1", "5.0.1"),
                                                       ("4.0.3", "2025.1.2", "all", "5.0.2")])
def test_the_binders_required_acks_default_follows_the_release_the_build_names(honolint, monkeypatch, boot, train,
                                                                              acks, binder):
    honolint.write("enrich/pom.xml", boot_pom(boot, f"\n    <spring-cloud.version>{train}</spring-cloud.version>",
                                              management=SCS_TRAIN))
    honolint.write(f"enrich/{RESOURCES}/application.yml", SCS_BINDING)
    _, producer, exit_code = check(honolint, monkeypatch, f"enrich/{RESOURCES}/application.yml")
    value = producer["effective"]["acks"]
    assert value["value"] == acks and value["origin"] == "framework"
    assert value["source"].startswith(f"added by Spring Cloud Stream Kafka binder {binder} (Spring Cloud {train}, "
                                      "enrich/pom.xml:15; required-acks defaults to ")
    assert ("HL201" in codes_of(producer)) == (acks == "1") and exit_code == (acks == "1")


def test_required_acks_written_in_the_file_wins_over_any_release(honolint, monkeypatch):
    honolint.write("enrich/pom.xml", boot_pom("4.0.3", "\n    <spring-cloud.version>2025.1.2</spring-cloud.version>",
                                              management=SCS_TRAIN))
    honolint.write(f"enrich/{RESOURCES}/application.yml", SCS_BINDING + "          required-acks: 1\n")
    _, producer, _ = check(honolint, monkeypatch, f"enrich/{RESOURCES}/application.yml")
    assert producer["effective"]["acks"]["value"] == "1" and producer["effective"]["acks"]["origin"] == "file"
    assert "HL201" in codes_of(producer)


def test_without_a_build_the_binder_default_says_its_release_range(honolint, monkeypatch):
    honolint.write(f"enrich/{RESOURCES}/application.yml", SCS_BINDING)
    _, producer, _ = check(honolint, monkeypatch, f"enrich/{RESOURCES}/application.yml")
    assert producer["effective"]["acks"]["source"] == (
        "added by Spring Cloud Stream Kafka binder (required-acks defaults to 1 before Spring Cloud Stream 5.0.2)")


# ---------------------------------------------------------------- what the run says wins


def test_client_on_the_command_line_and_in_the_settings_win_over_the_build(honolint, monkeypatch):
    honolint.write("orders/pom.xml", boot_pom("2.5.15"))
    honolint.write(f"orders/{RESOURCES}/application.yml", SPRING_PRODUCER)
    path = f"orders/{RESOURCES}/application.yml"
    _, producer, _ = check(honolint, monkeypatch, path, "--client", "java:3.7")
    assert producer["client"] == "java:3.7" and "client_source" not in producer
    honolint.write("orders/.honolint.yaml", "client: java:3.9\n")
    _, producer, _ = check(honolint, monkeypatch, path)
    assert producer["client"] == "java:3.9" and "client_source" not in producer
    _, producer, _ = check(honolint, monkeypatch, path, "--isolated")
    assert producer["client"] == "java:2.7.2"
    honolint.write(path, "# honolint: client=java:3.4\n" + SPRING_PRODUCER)
    _, producer, _ = check(honolint, monkeypatch, path, "--isolated")
    assert producer["client"] == "java:3.4" and "client_source" not in producer


def test_applications_built_elsewhere_keep_the_default_client(honolint, monkeypatch):
    honolint.write("connect/pom.xml", boot_pom("2.5.15"))
    honolint.write("connect/connect-distributed.properties",
                   "bootstrap.servers=kafka:9092\ngroup.id=connect\nconfig.storage.topic=configs\n"
                   "offset.storage.topic=offsets\nstatus.storage.topic=status\n"
                   "key.converter=org.apache.kafka.connect.json.JsonConverter\n"
                   "value.converter=org.apache.kafka.connect.json.JsonConverter\n")
    report, producer, _ = check(honolint, monkeypatch, "connect/connect-distributed.properties")
    assert report["files"][0]["dialect"] == "connect-worker"
    assert producer["client"] == "java:4.3" and "client_source" not in producer


# ---------------------------------------------------------------- Python


LIBRDKAFKA_CONFIG = "bootstrap.servers=kafka:9092\nsasl.mechanisms=PLAIN\nenable.idempotence=true\n"


def test_confluent_kafka_in_requirements_names_the_librdkafka_it_bundles(honolint, monkeypatch):
    honolint.write("clicks/requirements.txt", "flask==3.0.0\n")
    honolint.write("clicks/requirements-prod.txt",
                   "gunicorn==22.0.0\nconfluent-kafka[avro]==2.3.0  # the Kafka client\n")
    honolint.write("clicks/librdkafka.conf", LIBRDKAFKA_CONFIG)
    report, producer, _ = check(honolint, monkeypatch, "clicks/librdkafka.conf")
    assert report["files"][0]["dialect"] == "librdkafka"
    assert producer["client"] == "librdkafka:2.3.0"
    assert producer["client_source"] == ("librdkafka 2.3.0 bundled with confluent-kafka 2.3.0 "
                                         "(clicks/requirements-prod.txt:2)")


@pytest.mark.parametrize("name, text, client", [
    ("requirements.txt", "# the app\nconfluent-kafka==2.3.0\n", "librdkafka:2.3.0"),
    ("pyproject.toml", '[project]\nname = "clicks"\ndependencies = [\n  "confluent-kafka==2.5.3",\n]\n',
     "librdkafka:2.5.3"),
    ("pyproject.toml", '[tool.poetry.dependencies]\npython = "^3.11"\nconfluent-kafka = "2.4.0"\n',
     "librdkafka:2.4.0"),
    ("setup.cfg", "[options]\ninstall_requires =\n    confluent-kafka~=2.2.0\n", "librdkafka:2.2"),
])
def test_confluent_kafka_in_requirements_pyproject_and_setup_cfg(honolint, monkeypatch, name, text, client):
    honolint.write(f"clicks/{name}", text)
    honolint.write("clicks/librdkafka.conf", LIBRDKAFKA_CONFIG)
    _, producer, _ = check(honolint, monkeypatch, "clicks/librdkafka.conf")
    line = text[:text.index("confluent")].count("\n") + 1
    assert producer["client"] == client and producer["client_source"].endswith(f"(clicks/{name}:{line})")


@pytest.mark.parametrize("name, text", [
    ("requirements.txt", "confluent-kafka>=2.3.0\n"), ("requirements.txt", "confluent-kafka~=2.3\n"),
    ("pyproject.toml", '[tool.poetry.dependencies]\nconfluent-kafka = "^2.3.0"\n'),
    ("requirements.txt", "kafka-python==2.0.2\n"),
])
def test_confluent_kafka_not_pinned_to_a_release_says_nothing(honolint, monkeypatch, name, text):
    honolint.write(f"clicks/{name}", text)
    honolint.write("clicks/librdkafka.conf", LIBRDKAFKA_CONFIG)
    _, producer, _ = check(honolint, monkeypatch, "clicks/librdkafka.conf")
    assert producer["client"] == "librdkafka:2.16" and "client_source" not in producer


# ---------------------------------------------------------------- cost


def test_a_plain_check_without_build_files_imports_none_of_the_build_readers(honolint):
    honolint.write("conf/producer.properties", "acks=all\nbootstrap.servers=kafka:9092\n")
    code = ("import sys\nfrom honolint.entry import main\nsys.argv = ['honolint'] + sys.argv[1:]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "mods = ('honolint.build_files', 'honolint.platforms', 'honolint.maven')\n"
            "sys.stderr.write(repr(sorted(m for m in mods if m in sys.modules)))\n")
    proc = subprocess.run([sys.executable, "-c", code, "check", "conf/producer.properties"], capture_output=True,
                          text=True, cwd=honolint.tmp_path, env={k: v for k, v in os.environ.items()})
    assert proc.stderr == "[]"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_build_files_that_are_pipes_or_directories_are_not_read(honolint, monkeypatch):
    honolint.write("orders/build.gradle", 'plugins { id "org.springframework.boot" version "${bootVersion}" }\n')
    os.mkfifo(honolint.tmp_path / "orders" / "gradle.properties")
    honolint.write(f"orders/{RESOURCES}/application.yml", SPRING_PRODUCER)
    honolint.write("clicks/librdkafka.conf", LIBRDKAFKA_CONFIG)
    os.mkfifo(honolint.tmp_path / "clicks" / "requirements.txt")
    (honolint.tmp_path / "clicks" / "pyproject.toml").mkdir()
    _, producer, _ = check(honolint, monkeypatch, f"orders/{RESOURCES}/application.yml")
    assert producer["client"] == "java:4.3" and "client_source" not in producer
    _, producer, _ = check(honolint, monkeypatch, "clicks/librdkafka.conf")
    assert producer["client"] == "librdkafka:2.16" and "client_source" not in producer


def test_effective_says_where_the_client_came_from(honolint, monkeypatch):
    honolint.write("orders/pom.xml", boot_pom("3.3.4"))
    honolint.write(f"orders/{RESOURCES}/application.yml", SPRING_PRODUCER)
    monkeypatch.chdir(honolint.tmp_path)
    text = honolint.run("effective", f"orders/{RESOURCES}/application.yml").stdout
    assert "spring.kafka.producer  java:3.7.1 from orders/pom.xml" in text


STREAMS_DEAD_LETTERS = """\
spring:
  cloud:
    stream:
      kafka:
        streams:
          binder:
            application-id: counts
            deserialization-exception-handler: sendToDlq
"""


def test_the_kafka_streams_binders_dead_letter_producer_follows_the_release_too(honolint, monkeypatch):
    honolint.write("counts/pom.xml", boot_pom("4.0.3", "\n    <spring-cloud.version>2025.1.2</spring-cloud.version>",
                                              management=SCS_TRAIN))
    path = honolint.write(f"counts/{RESOURCES}/application.yml", STREAMS_DEAD_LETTERS)
    monkeypatch.chdir(honolint.tmp_path)
    report, _ = honolint.json(f"counts/{RESOURCES}/application.yml")
    dead = next(p for f in report["files"] for p in f["producers"] if "dead letters" in p["scope"])
    assert dead["effective"]["acks"]["value"] == "all" and "5.0.2" in dead["effective"]["acks"]["source"]
    assert "HL201" not in [f["code"] for f in dead["findings"]] and path.exists()
