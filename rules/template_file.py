"""A template, not a configuration: honolint lints what it renders.

## What it checks
A file that holds Helm / Go template or Jinja syntax: a `{% ... %}` statement, a `{{- ... }}` action
with a trim marker, a line that is an action (`{{ include "kafka.config" . }}`, `{{ if ... }}`), or a
`{{ ... }}` that makes the file unreadable as YAML. Whether it was named on the command line or found
in a directory, it is reported as an info, not as a file that cannot be read.

## Why
What the producer receives is the rendered file, which depends on the chart's values; the template
itself is not the configuration. A `{{ ... }}` inside a value of a file that parses (`acks: "{{
.Values.acks }}"`) does not make it a template: that value is known at deploy time only.

## Example
```yaml
{{- if .Values.kafka.enabled }}
acks: {{ .Values.kafka.acks }}
{{- end }}
```
is a template. Fix: lint what it renders:
```yaml
acks: all
```
(`helm template . | honolint check --stdin-filename rendered.yaml -`).

## How to fix
Render the template and lint the output, or lint the values file the template reads.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import FileContext, Problem

CODE = "HL011"
NAME = "template-file"
SEVERITY = "info"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "file"
SUMMARY = "a Helm/Go template or Jinja file, not a configuration: lint what it renders"


def check(context: FileContext) -> Iterator[Problem]:
    template = context.loaded.template
    if template is None:
        return
    yield Problem(f"a template, not a configuration ({template.message} at line {template.line}): honolint "
                  "lints what it renders, e.g. helm template . | honolint check --stdin-filename rendered.yaml -",
                  line=template.line, column=template.column)
