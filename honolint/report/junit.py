"""The JUnit XML report (`--format junit`): a `testsuite` per file, a `testcase` per producer and
QoS class (`<scope> AT LEAST ONCE`, classname = the file's path) and one named `file` for the
findings of the file itself.

A producer's target class with error findings is a `failure` whose message lists them; the other
class, when it does not hold, is `skipped` (the producer is not required to meet it, and the exit
code does not count it), and so is a target class that does not hold when its errors were ignored,
suppressed or baselined (the run does not fail for it either). A file-level error finding (an unreadable file) fails the
`file` case. Warnings and notes go to the case's `system-out`.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Iterable, Optional

from honolint.model import QOS_CLASSES, Finding, FileResult, ProducerResult
from honolint.paths import report_path
from honolint.report.text import depends_text

CLASS_TITLES = {"at-least-once": "AT LEAST ONCE", "at-most-once": "AT MOST ONCE"}
# characters XML 1.0 cannot hold, even escaped
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                        text)


def _line(finding: Finding) -> str:
    where = f"{report_path(finding.path)}:{finding.line or 1}:{finding.column or 1}"
    return f"{where}  {finding.code}  {finding.severity}: {finding.message}"


class _Suite:
    def __init__(self, root: ET.Element, path: str) -> None:
        self.path = path
        self.element = ET.SubElement(root, "testsuite", name=xml_text(path))
        self.tests = self.failures = self.skipped = 0

    def case(self, name: str, failure: Optional[tuple[str, str, str]] = None, skipped: Optional[str] = None,
             out: list[str] = ()) -> None:
        case = ET.SubElement(self.element, "testcase", name=xml_text(name), classname=xml_text(self.path))
        self.tests += 1
        if failure is not None:
            message, kind, text = failure
            element = ET.SubElement(case, "failure", message=xml_text(message), type=kind)
            element.text = xml_text(text)
            self.failures += 1
        elif skipped is not None:
            ET.SubElement(case, "skipped", message=xml_text(skipped))
            self.skipped += 1
        if out:
            ET.SubElement(case, "system-out").text = xml_text("\n".join(out) + "\n")

    def close(self) -> None:
        for name, value in (("tests", self.tests), ("failures", self.failures), ("errors", 0),
                            ("skipped", self.skipped)):
            self.element.set(name, str(value))


def _errors_summary(errors: list[Finding]) -> str:
    return "; ".join(f"{f.code} {f.name}: {f.message}" for f in errors)


def _producer_cases(suite: _Suite, producer: ProducerResult) -> None:
    for qos_class in QOS_CLASSES:
        title = CLASS_TITLES[qos_class]
        name = f"{producer.spec.scope} {title}"
        findings = [f for f in producer.findings if qos_class in f.classes]
        errors = [f for f in findings if f.severity == "error"]
        lines = [_line(f) for f in errors] + [_line(f) for f in findings if f.severity != "error"]
        holds = producer.verdict.ok[qos_class]
        summary = _errors_summary(errors) or f"{title} does not hold"
        if qos_class == producer.target and errors:  # what makes `check` exit with 1
            suite.case(name, failure=(summary, errors[0].code, "\n".join(lines) + "\n"))
        elif holds is None:  # known only at deploy time
            suite.case(name, skipped=f"{title} depends on values known only at deploy time: "
                                     f"{depends_text(producer, qos_class)}", out=lines)
        elif qos_class == producer.target and not holds:  # its errors are ignored, suppressed or in the baseline
            suite.case(name, skipped=f"{title} does not hold, but no error finding about it is reported (ignored, "
                                     "suppressed in the file or in the baseline)", out=lines)
        elif not holds:
            suite.case(name, skipped=f"{title} does not hold ({summary}); not required: the producer's target "
                                     f"is {CLASS_TITLES[producer.target]}", out=lines)
        else:
            suite.case(name, out=lines)


def _file_suite(root: ET.Element, result: FileResult) -> _Suite:
    suite = _Suite(root, report_path(result.path))
    errors = [f for f in result.findings if f.severity == "error"]
    lines = [_line(f) for f in errors] + [_line(f) for f in result.findings if f.severity != "error"]
    if errors:
        suite.case("file", failure=(_errors_summary(errors), errors[0].code, "\n".join(lines) + "\n"))
    else:
        suite.case("file", out=lines)
    for producer in result.producers:
        _producer_cases(suite, producer)
    suite.close()
    return suite


def junit_tree(results: Iterable[FileResult]) -> ET.Element:
    root = ET.Element("testsuites", name="honolint")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for result in results:
        suite = _file_suite(root, result)
        totals["tests"] += suite.tests
        totals["failures"] += suite.failures
        totals["skipped"] += suite.skipped
    _totals(root, totals)
    return root


def _totals(root: ET.Element, totals: dict[str, int]) -> None:
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", "0")
    root.set("skipped", str(totals["skipped"]))


_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


class Streamed:
    """The report written to `out` as ET.indent and ET.tostring write the whole tree: each file's suite is
    serialized as its file comes and kept in a temporary file (the root element carries the totals, so it
    is written last, before the suites are copied out)."""

    def __init__(self, out) -> None:
        import tempfile

        self.out, self.spool = out, tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass")
        self.totals = {"tests": 0, "failures": 0, "skipped": 0}
        self.suites = 0

    def add(self, result: FileResult) -> None:
        holder = ET.Element("testsuites")
        suite = _file_suite(holder, result)
        ET.indent(suite.element, level=1)
        self.spool.write(("\n  " if self.suites else "") + ET.tostring(suite.element, encoding="unicode"))
        self.suites += 1
        for name in self.totals:
            self.totals[name] += getattr(suite, name)

    def close(self) -> None:
        root = ET.Element("testsuites", name="honolint")
        _totals(root, self.totals)
        start = ET.tostring(root, encoding="unicode")  # <testsuites ... />: no suite, or the tag to open
        if not self.suites:
            self.out.write(_HEAD + start + "\n")
            return
        self.out.write(_HEAD + start[:-3] + ">\n  ")
        self.spool.seek(0)
        while chunk := self.spool.read(1 << 16):
            self.out.write(chunk)
        self.out.write("\n</testsuites>\n")
        self.spool.close()


def render(results: Iterable[FileResult]) -> str:
    from honolint.report.formats import whole

    return whole(Streamed, results)
