"""The data that flows through the pipeline: load -> dialect -> resolve -> rules -> verdict -> report.

Each stage reads the records of the stage before it and produces its own; nothing flows back.
Immutable records are NamedTuples and mutable ones plain classes with __slots__: both cost a
fraction of a dataclass to define, and this module is imported on every run (pre-commit).
Positions are 1-based (line and column), as editors and CI annotations count them.
"""
from __future__ import annotations

from typing import Callable, Literal, NamedTuple, Optional

QosClass = Literal["at-least-once", "at-most-once"]
QOS_CLASSES: tuple[QosClass, ...] = ("at-least-once", "at-most-once")
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
Origin = Literal["default", "framework", "file", "supplied", "adjusted"]


# ---------------------------------------------------------------- load stage: text -> entries


class Expression(NamedTuple):
    """A value the file writes as an expression that the build, the layout's reader or the client resolves."""

    written: str  # the value as the file writes it: "${KAFKA_ACKS:1}"
    steps: tuple[str, ...] = ()  # where its parts came from: "the default of ${KAFKA_ACKS:1}", "KAFKA_ACKS from ..."
    unknown: tuple[str, ...] = ()  # references nothing gave a value, as written: the value is known at deploy time
    names: tuple[str, ...] = ()  # their names, for --define NAME=VALUE
    supplied: bool = False  # a value supplied from outside the file (--define, --define-file, defines:) took part
    defaulted: tuple[str, ...] = ()  # names nothing set, whose default in the expression was taken

    def then(self, later: "Expression") -> "Expression":
        """This resolution (the build's filtering, say) followed by a later one (the reader's, the client's)."""
        return Expression(self.written, self.steps + later.steps, self.unknown + later.unknown,
                          self.names + later.names, self.supplied or later.supplied, self.defaulted + later.defaulted)


# what a run supplies for the names expressions refer to (--define, supplied.py): name -> (value, how)
SuppliedLookup = Callable[[str], Optional[tuple[str, str]]]


class Entry(NamedTuple):
    """One key of a file as written, with the value the application reads.

    `path` holds the key segments as written: one segment for a `.properties` key, the chain of
    mapping keys for YAML (`("hono", "kafka", "telemetry", "producerConfig", "acks")`); `key` is
    them joined with dots, made once by the loader (dialects and rules ask for it many times).
    `value` is the string the application receives (YAML scalars as a Java/YAML 1.1 reader turns
    them into text); `raw` is the text as written when that differs in meaning (YAML plain scalars).
    """

    path: tuple[str, ...]
    key: str
    value: Optional[str]
    line: int
    column: int
    value_line: int
    value_column: int
    raw: Optional[str] = None
    yaml_type: Optional[str] = None  # "int", "bool", "float", "null", "str", "seq", "map" (YAML only)
    document: int = 0
    # set when the value is an expression: `value` is then what it resolves to, or as written when unknown
    expression: Optional[Expression] = None


class Duplicate(NamedTuple):
    """A key given twice in one mapping: the later one wins (java.util.Properties, PyYAML)."""

    first: Entry
    second: Entry


class SyntaxProblem(NamedTuple):
    message: str
    line: int
    column: int


class Document:
    __slots__ = ("index", "entries", "duplicates", "not_a_mapping", "name", "line")

    def __init__(self, index: int, entries: Optional[list[Entry]] = None,
                 duplicates: Optional[list[Duplicate]] = None, not_a_mapping: Optional[SyntaxProblem] = None,
                 name: Optional[str] = None, line: int = 1) -> None:
        self.index = index
        self.entries: list[Entry] = entries if entries is not None else []
        self.duplicates: list[Duplicate] = duplicates if duplicates is not None else []
        self.not_a_mapping = not_a_mapping  # a YAML document that is not a mapping at its root
        self.name = name  # a section of an INI-like file: "OUTPUT"
        self.line = line  # where the document (or section) starts


# how much of one file is checked: its first producer always, then producers while both bounds hold (a file of
# 2,000 Spring profiles over a base of 1,000 keys would otherwise hand 2,000,000 settings to the client profile).
# The dialects that multiply settings (profiles, bindings, channels) charge it as they build, the pipeline as it
# evaluates, and a manifest's files share the manifest's.
MOST_PRODUCERS = 10_000
MOST_RUNS = 20_000  # runs a dialect builds producers from (most turn out the same as another)
MOST_SETTINGS = 250_000  # settings of all its producers together (for runs: the work of building them)


class Budget:
    """What one file may still have checked (MOST_PRODUCERS, MOST_SETTINGS), and what it left out. Producers
    the pipeline evaluates and the runs a dialect builds them from (a Spring profile, a binding) are counted
    apart: each bound holds for each."""

    __slots__ = ("path", "counts", "settings", "left_out", "first_left_out")

    def __init__(self, path: str) -> None:
        self.path = path  # the file that reports what was left out (a manifest, not the files inside it)
        self.counts = [0, 0]  # producers evaluated, runs built
        self.settings = [0, 0]  # the settings they received
        self.left_out = 0
        self.first_left_out: Optional[tuple[int, int]] = None  # line, column of the first one left out, if known

    def fits(self, anchor: Optional[tuple[int, int]] = None, built: bool = False) -> bool:
        """Whether one more producer (or run, `built`) is checked: then count it and spend() what it receives;
        else it is left out. The first always fits, and one may overrun MOST_SETTINGS by its own size."""
        if self.counts[built] >= (MOST_RUNS if built else MOST_PRODUCERS) or self.settings[built] >= MOST_SETTINGS:
            self.leave(1, anchor)
            return False
        self.counts[built] += 1
        return True

    def spend(self, settings: int, built: bool = False) -> None:
        self.settings[built] += settings

    def leave(self, count: int, anchor: Optional[tuple[int, int]] = None) -> None:
        """`count` more left out (at most: a dialect that stops early counts what it did not look at)."""
        if anchor is not None and (self.first_left_out is None or anchor < self.first_left_out):
            self.first_left_out = anchor  # the earliest in the file: a dialect may leave out later ones first
        self.left_out += count


class LoadedFile:
    __slots__ = ("path", "format", "documents", "error", "directives", "template", "expressions", "resolver",
                 "embedded", "overrides", "_key_text", "_budget")

    def __init__(self, path: str, format: str, documents: Optional[list[Document]] = None,
                 error: Optional[SyntaxProblem] = None,
                 directives: Optional[list[tuple[int, int, int, str]]] = None,
                 template: Optional[SyntaxProblem] = None) -> None:
        self.path = path
        self.format = format  # "properties", "yaml", "json", "toml", "env", "ini"
        self.documents: list[Document] = documents if documents is not None else []
        self.error = error  # the file (or the rest of it) could not be parsed
        # `# honolint:` comments: (line, column, line it applies to, text after "honolint:"); directives.py
        self.directives: list[tuple[int, int, int, str]] = directives if directives is not None else []
        self.template = template  # a template (Helm, Jinja), not a configuration: what shows it, and where
        self.expressions = False  # the text holds `$` or `{{`: values may be expressions (interpolate.py)
        # resolves the expressions of another file of the same layout as this run resolves this one's (a
        # Spring profile file's base application.yml); set by the pipeline before the dialect reads the file
        self.resolver: Optional[Callable[["LoadedFile"], None]] = None
        # files inside this one (a ConfigMap's entries, a container's environment): load/manifests.py
        self.embedded: list[Embedded] = []
        # an environment's: the directory of the application configuration it overrides (the `src/main/resources`
        # of a compose service's build context), whose files the dialect reads beneath it
        self.overrides: Optional[str] = None
        self._key_text: Optional[str] = None
        self._budget: Optional[Budget] = None

    @property
    def budget(self) -> Budget:
        """How much of the file is still checked; a manifest's files share the manifest's (pipeline)."""
        if self._budget is None:
            self._budget = Budget(self.path)
        return self._budget

    @budget.setter
    def budget(self, budget: Budget) -> None:
        self._budget = budget

    def key_text(self) -> str:
        """Every key of every document, lower-cased, one per line: `word in key_text()` is False when
        no key holds the word in any case. Made on first use, once the file is loaded."""
        if self._key_text is None:
            self._key_text = "\n".join([entry.key for doc in self.documents for entry in doc.entries]).lower()
        return self._key_text


class Embedded(NamedTuple):
    """A file inside a manifest, at the manifest's positions: a ConfigMap's `application.yml`, the environment
    a container runs with. Its `path` is the manifest's joined with a name of its own (the file it is mounted
    as: `k8s/orders.yaml/application.yml`), which only name-sensitive dialects read; findings say the manifest."""

    scope: str  # where in the manifest: "ConfigMap orders-config data[application.yml]"
    file: LoadedFile
    dialect: Optional[str] = None  # the layout, when the manifest says it (a Kafka Connect image's worker file)


# ---------------------------------------------------------------- dialect stage: entries -> producers


class Setting(NamedTuple):
    """A Kafka property as one layer sets it."""

    key: str
    value: Optional[str]
    entry: Optional[Entry]
    expression: Optional[Expression] = None  # for a setting from another file (entry None): how its value was read


class Layer:
    """Settings of one precedence level, in file order (order matters for librdkafka aliases)."""

    __slots__ = ("name", "settings")

    def __init__(self, name: str, settings: Optional[list[Setting]] = None) -> None:
        self.name = name
        self.settings: list[Setting] = settings if settings is not None else []


# (refusal in the framework's words, how to fix it, warning): what a framework makes of one of its own settings
# on a client version (major, minor, patch); None where it says nothing
Judgement = tuple[Optional[str], str, Optional[str]]


class FrameworkCheck(NamedTuple):
    """A framework setting (not a producer property) that the framework validates itself, as its release, the one
    of the client (Kafka Streams ships with kafka-clients), decides: `processing.guarantee`."""

    key: str
    value: str
    entry: Optional[Entry]
    judge: Callable[[tuple[int, int, int], str], Judgement]


class FrameworkLayer(NamedTuple):
    """What an application framework does to the configuration before the client sees it."""

    name: str
    put_if_absent: tuple[tuple[str, str], ...] = ()
    forced: tuple[tuple[str, str], ...] = ()
    checks: tuple[FrameworkCheck, ...] = ()


class UnreadEntry(NamedTuple):
    """A key the framework never hands to the producer (a legacy tree, a wrong client type)."""

    entry: Entry
    reason: str


class SwitchOff(NamedTuple):
    """A framework's on/off switch written as true that its reader takes for false (`Boolean.parseBoolean`
    keeps the blank java.util.Properties leaves at the end of a value): what that turns off."""

    entry: Entry
    effect: str  # "MirrorMaker runs no replication flow A->B"
    disables: bool = True  # False: another switch keeps it on for now (reported as info)


PROVIDERS_ELSEWHERE = ("*",)  # ProducerSpec.providers: a Connect worker resolves the references, not this file


class ProducerSpec:
    __slots__ = ("scope", "line", "column", "document", "layers", "framework", "target", "client_family",
                 "providers")

    def __init__(self, scope: str, line: int, column: int, document: int, layers: list[Layer],
                 framework: Optional[FrameworkLayer] = None, target: Optional[QosClass] = None,
                 client_family: Optional[str] = None, providers: Optional[tuple[str, ...]] = None) -> None:
        self.scope, self.line, self.column, self.document, self.layers = scope, line, column, document, layers
        self.framework = framework
        self.target = target  # a class the dialect itself demands (every Hono producer)
        # the client family the layout implies (Hono, Spring, Connect... run Java; kcat, Fluent Bit,
        # Vector librdkafka): --client then picks only the version of that family
        self.client_family = client_family
        # the config providers (KIP-297) that resolve `${provider:...}` in its values: None for those its own
        # config.providers names; PROVIDERS_ELSEWHERE when a Connect worker configured elsewhere resolves them
        self.providers = providers


class DialectResult:
    __slots__ = ("dialect", "producers", "unread", "documents", "no_producer", "switches")

    def __init__(self, dialect: str, producers: Optional[list[ProducerSpec]] = None,
                 unread: Optional[list[UnreadEntry]] = None) -> None:
        self.dialect = dialect
        self.producers: list[ProducerSpec] = producers if producers is not None else []
        self.unread: list[UnreadEntry] = unread if unread is not None else []
        # id(entry) -> the document the application reads it in, when the layout splits what the loader
        # read as one (Spring's `#---` in `.properties`); None when the loader's documents are the layout's
        self.documents: Optional[dict[int, int]] = None
        # why a file of the layout configures no producer (a consumer's file), and the entry that shows it
        self.no_producer: Optional[tuple[str, Optional[Entry]]] = None
        self.switches: list[SwitchOff] = []  # switches written as true that the framework reads as false


# ---------------------------------------------------------------- resolve stage: producer -> effective


class Given(NamedTuple):
    """A key in the configuration the client is constructed with (what the resolve stage hands a client profile)."""

    key: str
    text: Optional[str]
    origin: Literal["framework", "file", "supplied"]
    source: str
    entry: Optional[Entry] = None
    expression: Optional[Expression] = None  # the file writes the value as an expression
    unknown: bool = False  # the value is known only at deploy time: `text` is as written, not to be parsed


class Value(NamedTuple):
    """The effective value of one key, and where it came from."""

    text: Optional[str]  # as the client reads it (None: unset, e.g. transactional.id)
    origin: Origin
    source: str  # human words: "java:4.3 default", "Hono", "file", "idempotent producer (java:2.0)"
    explicit: bool  # present in the configuration the client receives
    entry: Optional[Entry] = None  # the file position for origin "file"
    given_as: Optional[str] = None  # the key as the file spells it, when that is an alias
    expression: Optional[Expression] = None  # the file writes the value as an expression

    @property
    def unknown(self) -> bool:
        """Known only at deploy time (the text is then one of the values it could take, or None)."""
        return self.expression is not None and bool(self.expression.unknown)


class Refusal(NamedTuple):
    """One reason the client refuses to construct the producer, in the client's own words."""

    key: str
    message: str
    kind: Literal["value", "unknown-key", "conflict"]
    entry: Optional[Entry] = None  # the refused value's position, for a value the client cannot parse
    fix: str = ""  # what to write instead, when the message does not say


class Adjustment(NamedTuple):
    """Something the client changes on its own and says (or does not say) in its log."""

    key: str
    message: str
    code: str  # "idempotence-off", "idempotence-default-bug", "delivery-raised", ...


class Effective:
    __slots__ = ("client", "values", "idempotent", "refusals", "adjustments", "unknown_keys", "odd_values",
                 "overridden")

    def __init__(self, client: str, values: dict[str, Value], idempotent: bool,
                 refusals: Optional[list[Refusal]] = None, adjustments: Optional[list[Adjustment]] = None,
                 unknown_keys: Optional[list[Setting]] = None, odd_values: Optional[list[tuple[Setting, str]]] = None,
                 overridden: Optional[list[tuple[Setting, str]]] = None) -> None:
        self.client = client  # "java:4.3"
        self.values = values
        self.idempotent = idempotent
        self.refusals: list[Refusal] = refusals or []
        self.adjustments: list[Adjustment] = adjustments or []
        self.unknown_keys: list[Setting] = unknown_keys or []
        self.odd_values: list[tuple[Setting, str]] = odd_values or []  # accepted, but surprising
        self.overridden: list[tuple[Setting, str]] = overridden or []  # file settings a framework replaced

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


class Finding(NamedTuple):
    code: str
    name: str
    severity: Severity
    classes: tuple[QosClass, ...]
    message: str
    path: str
    line: Optional[int]
    column: Optional[int]
    key: Optional[str] = None
    # what the run does with it after selection and suppressions (rulebook.condense): the key whose value
    # causes it (one finding per cause and class), and whether it is said once per file, for its first producer
    cause: Optional[str] = None
    once: bool = False


class Condition(NamedTuple):
    """A value known only at deploy time that a QoS class depends on, and for which values it holds."""

    name: str  # the reference's name: KAFKA_ACKS (what --define names)
    expression: str  # the value as the file writes it: ${KAFKA_ACKS}
    key: str  # the producer key it sets: acks
    holds_when: str  # "all or -1", "at most 2495"
    otherwise: str = ""  # what happens for the other values: "acks is not all", the client's refusal


class Verdict(NamedTuple):
    """The QoS definitions on one effective configuration. When values are known only at deploy time, a
    fact that depends on them is None, and `depends` says on what for each class that depends."""

    rejected: Optional[bool]
    idempotent: Optional[bool]
    acks_all: Optional[bool]
    retries_active: Optional[bool]
    ordered: Optional[bool]
    ok: dict[str, Optional[bool]]
    depends: Optional[dict[str, tuple[Condition, ...]]] = None


class ClientSource:
    """Where a producer's client version came from, when the repository's build files named it."""

    __slots__ = ("text", "file")

    def __init__(self, text: str, file: str) -> None:
        self.text = text  # "kafka-clients 3.1.2 managed by Spring Boot 2.7.18 (pom.xml:7)"
        self.file = file  # "pom.xml", as reports show paths


class ProducerResult:
    __slots__ = ("spec", "effective", "verdict", "target", "findings", "client_source")

    def __init__(self, spec: ProducerSpec, effective: Effective, verdict: Verdict, target: QosClass,
                 findings: list[Finding], client_source: Optional[ClientSource] = None) -> None:
        self.spec, self.effective, self.verdict, self.target, self.findings = spec, effective, verdict, target, findings
        self.client_source = client_source  # None: --client, the settings or the default chose the client


class FileResult:
    __slots__ = ("path", "dialect", "producers", "findings")

    def __init__(self, path: str, dialect: Optional[str], producers: list[ProducerResult],
                 findings: list[Finding]) -> None:
        self.path, self.dialect, self.producers, self.findings = path, dialect, producers, findings
