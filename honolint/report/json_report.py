"""The JSON report: the stable contract `honolint.report/1` (schema in honolint/schema/)."""
from __future__ import annotations

import json
from typing import Any, Iterable, Optional

from honolint import __version__
from honolint.memo import remember
from honolint.model import SEVERITIES, Finding, FileResult, ProducerResult, Value, Verdict

SCHEMA_ID = "honolint.report/1"


def _encoder():
    """json.dumps(..., ensure_ascii=False) without its costs per call: a report is a tree made fresh
    for each file (no cycle to look for), and the C encoder is made once, not on every call."""
    encoder = json.JSONEncoder(ensure_ascii=False, check_circular=False)
    try:  # the arguments JSONEncoder.iterencode gives it
        chunks = json.encoder.c_make_encoder(None, encoder.default, json.encoder.encode_basestring, None, ": ", ", ",
                                             False, False, True)
    except (AttributeError, TypeError):  # a Python without the _json accelerator, or with another one
        return encoder.encode
    return lambda value: "".join(chunks(value, 0))


encode = _encoder()
# the keys every producer's "effective" holds, in this order
EFFECTIVE_KEYS = (
    "acks", "retries", "max.in.flight.requests.per.connection", "enable.idempotence", "delivery.timeout.ms",
    "linger.ms", "request.timeout.ms", "transactional.id", "max.block.ms", "retry.backoff.ms",
)


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code, "name": finding.name, "severity": finding.severity,
        "classes": list(finding.classes), "message": finding.message, "path": finding.path,
        "line": finding.line, "column": finding.column, "key": finding.key,
    }


def _value_dict(value: Value) -> dict[str, Any]:
    entry = value.entry
    shown = {"value": value.text, "origin": value.origin, "source": value.source, "explicit": value.explicit,
             "line": entry.line if entry else None, "column": entry.column if entry else None}
    if value.expression is not None:
        shown["expression"] = value.expression.written
        shown["resolved_by"] = list(value.expression.steps)
    return shown


def effective_dict(producer: ProducerResult) -> dict[str, dict[str, Any]]:
    values = producer.effective.values
    return {key: _value_dict(values[key]) for key in EFFECTIVE_KEYS if key in values}


def _producer_head(producer: ProducerResult) -> dict[str, Any]:
    """A producer's keys before "effective"; _producer_tail(): those after it."""
    head = {"scope": producer.spec.scope, "line": producer.spec.line, "client": producer.effective.client}
    if producer.client_source is not None:  # the repository's build files named the client
        head["client_source"] = producer.client_source.text
    head["target"] = producer.target
    return head


def _producer_tail(producer: ProducerResult) -> dict[str, Any]:
    """The keys after "effective" but "findings", the last."""
    verdict = producer.verdict
    return {
        "idempotent": None if verdict.rejected else verdict.idempotent,
        "ordered": None if verdict.rejected else verdict.ordered,
        "rejected": [refusal.message for refusal in producer.effective.refusals],
        "qos": {name: _qos_dict(verdict, name, ok) for name, ok in verdict.ok.items()},
    }


def _qos_dict(verdict: Verdict, name: str, ok: Optional[bool]) -> dict[str, Any]:
    if ok is not None or not verdict.depends:
        return {"ok": ok}
    return {"ok": None, "depends": [{"name": c.name, "expression": c.expression, "key": c.key,
                                     "holds_when": c.holds_when, "otherwise": c.otherwise}
                                    for c in verdict.depends.get(name, ())]}


def producer_dict(producer: ProducerResult) -> dict[str, Any]:
    return {**_producer_head(producer), "effective": effective_dict(producer), **_producer_tail(producer),
            "findings": [finding_dict(f) for f in producer.findings]}


def file_dict(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "dialect": result.dialect,
        "producers": [producer_dict(p) for p in result.producers],
        "findings": [finding_dict(f) for f in result.findings],
    }


def file_json(result: FileResult) -> str:
    """`encode(file_dict(result))`, made faster for a report streamed file by file: what recurs from file
    to file is encoded once and kept (defaults, framework values, verdicts, findings but their path, the
    start and end of a value given in a file), and the file's path is encoded once for all its items.
    tests/test_formats.py and tests/test_bad_input.py hold it to file_dict's text."""
    path, path_text = result.path, encode(result.path)
    producers = ", ".join([_producer_json(producer, path, path_text) for producer in result.producers])
    return (f'{{"path": {path_text}, "dialect": {_text(result.dialect)}, "producers": [{producers}], '
            f'"findings": {_findings_json(result.findings, path, path_text)}}}')


def _producer_json(producer: ProducerResult, path: str, path_text: str) -> str:
    values, unplaced = producer.effective.values, _UNPLACED_TEXT
    parts = []
    for key in EFFECTIVE_KEYS:
        value = values.get(key)
        if value is None:
            continue
        if value.expression is not None:  # rare: encoded as it is
            parts.append(encode({key: _value_dict(value)})[1:-1])
        elif value.entry is None:  # a default, framework or adjusted value: the same text in file after file
            shown = (key, value)
            text = unplaced.get(shown)
            if text is None:
                text = remember(unplaced, shown, _value_json(key, value, path, path_text), value.text or "")
            parts.append(text)
        else:
            parts.append(_value_json(key, value, path, path_text))
    spec = producer.spec
    said = (spec.scope, spec.line, producer.effective.client, producer.target, producer.client_source)
    head = _PRODUCER_HEAD.get(said)
    if head is None:
        head = remember(_PRODUCER_HEAD, said, encode(_producer_head(producer))[:-1], spec.scope)
    verdict = producer.verdict
    shown = (verdict.rejected, verdict.idempotent, verdict.ordered, *verdict.ok.items(),
             *[refusal.message for refusal in producer.effective.refusals],
             *(sorted(verdict.depends.items()) if verdict.depends else ()))
    tail = _TAIL_TEXT.get(shown)
    if tail is None:  # it says only the verdict and the refusals: the same text for most producers
        tail = remember(_TAIL_TEXT, shown, encode(_producer_tail(producer))[1:-1])
    return (f'{head}, "effective": {{{", ".join(parts)}}}, {tail}, '
            f'"findings": {_findings_json(producer.findings, path, path_text)}}}')


def _value_json(key: str, value: Value, path: str, path_text: str) -> str:
    """'"acks": {"value": ..., "explicit": true, "line": 3, "column": 1}' from what recurs: the text up to
    the source, and the text after it."""
    text, origin, source, explicit, entry = value[:5]
    head = _VALUE_HEAD.get((key, text, origin))
    if head is None:  # '"acks": {"value": "all", "origin": "file", "source": '
        head = remember(_VALUE_HEAD, (key, text, origin),
                        encode({key: {"value": text, "origin": origin, "source": ""}})[1:-4], text or "")
    where = (explicit, entry.line, entry.column) if entry else (explicit, None, None)
    end = _VALUE_END.get(where)
    if end is None:  # ', "explicit": true, "line": 3, "column": 1}'
        end = remember(_VALUE_END, where, ", " + encode(dict(zip(("explicit", "line", "column"), where)))[1:])
    return f"{head}{path_text if source == path else _text(source)}{end}"


def _findings_json(findings: list[Finding], path: str, path_text: str) -> str:
    if not findings:
        return "[]"
    known = _FINDING_TEXT
    parts = []
    for finding in findings:
        shown = finding[:_PATH_AT] + finding[_PATH_AT + 1:]
        halves = known.get(shown)
        if halves is None:  # the text before and after the path (the only unescaped `"path": ""`)
            halves = remember(known, shown, tuple(encode(finding_dict(finding._replace(path=""))).split(
                '"path": ""', 1)))
        parts.append(f'{halves[0]}"path": {path_text if finding.path == path else encode(finding.path)}{halves[1]}')
    return f'[{", ".join(parts)}]'


def _text(value: str | None) -> str:
    """encode(value), kept for the strings that recur: sources ("java:4.3 default"), dialects."""
    text = _STRINGS.get(value)
    return text if text is not None else remember(_STRINGS, value, encode(value), value or "")


_PATH_AT = Finding._fields.index("path")
_STRINGS: dict[str | None, str] = {}
_UNPLACED_TEXT: dict[tuple, str] = {}  # (key, a value with no position) -> its "effective" item
_VALUE_HEAD: dict[tuple, str] = {}  # (key, value, origin) -> the text of an "effective" item up to its source
_VALUE_END: dict[tuple, str] = {}  # (explicit, line, column) -> the text of an "effective" item after its source
_PRODUCER_HEAD: dict[tuple, str] = {}  # _producer_head's values -> its text, without the closing brace
_FINDING_TEXT: dict[tuple, tuple[str, str]] = {}  # a finding but its path -> its text before and after it
_TAIL_TEXT: dict[tuple, str] = {}  # (the verdict, refusal messages) -> the text of _producer_tail


class Summary:
    """The report's closing counts, kept as the files go by."""

    def __init__(self) -> None:
        self.files = self.producers = 0
        self.counts = dict.fromkeys(SEVERITIES, 0)

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.producers += len(result.producers)
        for finding in all_findings(result):
            self.counts[finding.severity] += 1

    def add_counts(self, files: int, producers: int, counts: dict[str, int]) -> None:
        self.files += files
        self.producers += producers
        for severity, count in counts.items():
            self.counts[severity] += count

    def as_dict(self) -> dict[str, int]:
        return {"files": self.files, "producers": self.producers, **self.counts}


def report_dict(results: Iterable[FileResult]) -> dict[str, Any]:
    files, summary = [], Summary()
    for result in results:
        files.append(file_dict(result))
        summary.add(result)
    return {"schema": SCHEMA_ID, "tool": {"name": "honolint", "version": __version__}, "files": files,
            "summary": summary.as_dict()}


def opening() -> str:
    """The document render() makes, up to its first file: a streamed report writes this, then each
    file's `encode(file_dict(result))` with ", " between them, then closing()."""
    head = json.dumps({"schema": SCHEMA_ID, "tool": {"name": "honolint", "version": __version__}},
                      ensure_ascii=False)
    return head[:-1] + ', "files": ['


def closing(summary: Summary) -> str:
    return '], "summary": ' + json.dumps(summary.as_dict()) + "}\n"


def all_findings(result: FileResult) -> list[Finding]:
    return [*result.findings, *(f for p in result.producers for f in p.findings)]


class Streamed:
    """The report written to `out` file by file (an --output-file; standard output streams in several
    processes through report/stream.py)."""

    def __init__(self, out) -> None:
        self.out, self.summary = out, Summary()
        out.write(opening())

    def add(self, result: FileResult) -> None:
        self.out.write((", " if self.summary.files else "") + file_json(result))
        self.summary.add(result)

    def close(self) -> None:
        self.out.write(closing(self.summary))


def render(results: Iterable[FileResult]) -> str:
    from honolint.report.formats import whole

    return whole(Streamed, results)
