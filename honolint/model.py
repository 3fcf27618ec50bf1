"""The data that flows through the pipeline: load -> dialect -> resolve -> rules -> verdict -> report.

Each stage reads the dataclasses of the stage before it and produces its own; nothing flows back.
Positions are 1-based (line and column), as editors and CI annotations count them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional

QosClass = Literal["at-least-once", "at-most-once"]
QOS_CLASSES: tuple[QosClass, ...] = ("at-least-once", "at-most-once")
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
Origin = Literal["default", "framework", "file", "adjusted"]


# ---------------------------------------------------------------- load stage: text -> entries


@dataclass(frozen=True, slots=True)
class Entry:
    """One key of a file as written, with the value the application reads.

    `path` holds the key segments as written: one segment for a `.properties` key, the chain of
    mapping keys for YAML (`("hono", "kafka", "telemetry", "producerConfig", "acks")`).
    `value` is the string the application receives (YAML scalars as a Java/YAML 1.1 reader turns
    them into text); `raw` is the text as written when that differs in meaning (YAML plain scalars).
    """

    path: tuple[str, ...]
    value: Optional[str]
    line: int
    column: int
    value_line: int
    value_column: int
    raw: Optional[str] = None
    yaml_type: Optional[str] = None  # "int", "bool", "float", "null", "str", "seq", "map" (YAML only)
    document: int = 0

    @property
    def key(self) -> str:
        path = self.path
        return path[0] if len(path) == 1 else ".".join(path)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A key given twice in one mapping: the later one wins (java.util.Properties, PyYAML)."""

    first: Entry
    second: Entry


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    message: str
    line: int
    column: int


@dataclass(slots=True)
class Document:
    index: int
    entries: list[Entry] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    # set for a YAML document that is not a mapping at its root (a list, a scalar)
    not_a_mapping: Optional[SyntaxProblem] = None
    name: Optional[str] = None  # a section of an INI-like file: "OUTPUT"
    line: int = 1  # where the document (or section) starts


@dataclass(slots=True)
class LoadedFile:
    path: str
    format: Literal["properties", "yaml", "json", "toml", "env", "ini"]
    documents: list[Document] = field(default_factory=list)
    error: Optional[SyntaxProblem] = None  # the file (or the rest of it) could not be parsed
    # `# honolint:` comments: (line, column, line it applies to, text after "honolint:"); see directives.py
    directives: list[tuple[int, int, int, str]] = field(default_factory=list)


# ---------------------------------------------------------------- dialect stage: entries -> producers


@dataclass(frozen=True, slots=True)
class Setting:
    """A Kafka property as one layer sets it."""

    key: str
    value: Optional[str]
    entry: Optional[Entry]


@dataclass(slots=True)
class Layer:
    """Settings of one precedence level, in file order (order matters for librdkafka aliases)."""

    name: str
    settings: list[Setting] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FrameworkLayer:
    """What an application framework does to the configuration before the client sees it."""

    name: str
    put_if_absent: tuple[tuple[str, str], ...] = ()
    forced: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class UnreadEntry:
    """A key the framework never hands to the producer (a legacy tree, a wrong client type)."""

    entry: Entry
    reason: str


@dataclass(slots=True)
class ProducerSpec:
    scope: str
    line: int
    column: int
    document: int
    layers: list[Layer]
    framework: Optional[FrameworkLayer] = None
    target: Optional[QosClass] = None  # a class the dialect itself demands (every Hono producer)
    # the client family the layout implies: Hono runs the Java client (fixed); a file written in
    # librdkafka's property names is for librdkafka unless --client says otherwise (not fixed)
    client_family: Optional[str] = None
    family_fixed: bool = False


@dataclass(slots=True)
class DialectResult:
    dialect: str
    producers: list[ProducerSpec] = field(default_factory=list)
    unread: list[UnreadEntry] = field(default_factory=list)


# ---------------------------------------------------------------- resolve stage: producer -> effective


@dataclass(frozen=True, slots=True)
class Value:
    """The effective value of one key, and where it came from."""

    text: Optional[str]  # as the client reads it (None: unset, e.g. transactional.id)
    origin: Origin
    source: str  # human words: "java:4.3 default", "Hono", "file", "idempotent producer (java:2.0)"
    explicit: bool  # present in the configuration the client receives
    entry: Optional[Entry] = None  # the file position for origin "file"
    given_as: Optional[str] = None  # the key as the file spells it, when that is an alias


@dataclass(frozen=True, slots=True)
class Refusal:
    """One reason the client refuses to construct the producer, in the client's own words."""

    key: str
    message: str
    kind: Literal["value", "unknown-key", "conflict"]
    entry: Optional[Entry] = None  # the refused value's position, for a value the client cannot parse


@dataclass(frozen=True, slots=True)
class Adjustment:
    """Something the client changes on its own and says (or does not say) in its log."""

    key: str
    message: str
    code: str  # "idempotence-off", "idempotence-default-bug", "delivery-raised", ...


@dataclass(slots=True)
class Effective:
    client: str  # "java:4.3"
    values: dict[str, Value]
    idempotent: bool
    refusals: list[Refusal] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)
    unknown_keys: list[Setting] = field(default_factory=list)
    odd_values: list[tuple[Setting, str]] = field(default_factory=list)  # accepted, but surprising
    overridden: list[tuple[Setting, str]] = field(default_factory=list)  # file settings a framework replaced

    def number(self, key: str) -> Optional[int]:
        """The value of a key the profile modelled as a number (profiles store clean decimal text)."""
        value = self.values.get(key)
        if value is None or value.text is None:
            return None
        try:
            return int(value.text)
        except ValueError:
            return None

    def text(self, key: str) -> Optional[str]:
        value = self.values.get(key)
        return None if value is None else value.text


# ---------------------------------------------------------------- rules and verdicts


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    classes: tuple[QosClass, ...]
    message: str
    path: str
    line: Optional[int]
    column: Optional[int]
    key: Optional[str] = None


@dataclass(slots=True)
class Verdict:
    rejected: bool
    idempotent: bool
    acks_all: bool
    retries_active: bool
    ordered: bool
    ok: dict[str, bool]


@dataclass(slots=True)
class ProducerResult:
    spec: ProducerSpec
    effective: Effective
    verdict: Verdict
    target: QosClass
    findings: list[Finding]


@dataclass(slots=True)
class FileResult:
    path: str
    dialect: Optional[str]
    producers: list[ProducerResult]
    findings: list[Finding]
