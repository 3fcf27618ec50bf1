"""A settings file: reading it (`.honolint.yaml`, `pyproject.toml`, `setup.cfg`), validating it, and its globs
(globs.Glob).

Globs (`include`, `exclude`, `overrides`) are relative to the settings file's directory; `*` and
`?` stay within a path segment, `**` spans segments. A glob without `/` matches a file or directory
name at any depth (`*.yaml`, `legacy`); one with `/` matches from the settings file's directory
(`deploy/**/values.yaml`). An `exclude` or override glob that matches a directory covers everything
below it.

The settings file is validated against `honolint/schema/settings.schema.json` with jsonschema,
imported only when a settings file is actually loaded.
"""
from __future__ import annotations

import os
import re
from typing import Any, Optional

from honolint.globs import Glob
from honolint.filter.selection import Catalog

LIST_KEYS = ("include", "exclude", "select", "ignore")
KEYS = ("client", "qos", "dialect", "include", "exclude", "select", "ignore", "severity", "fail-level", "defines",
        "overrides")
OVERRIDE_KEYS = ("client", "qos", "dialect", "ignore")
CFG_OVERRIDES = "honolint:overrides:"


class SettingsError(Exception):
    """A settings file (or a value in it) honolint cannot use: a usage error, exit code 2."""


def shown_path(path: str) -> str:
    from honolint.paths import report_path

    return report_path(path)


def _quote(key: Any) -> str:
    text = str(key)
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else '"' + text.replace('"', '\\"') + '"'


# ------------------------------------------------------------------------------------------ settings files


class SettingsFile:
    """A settings file that was read and validated: its absolute path, its form ("yaml",
    "pyproject" or "setup.cfg") and its settings, with lists as lists."""

    __slots__ = ("path", "form", "data", "_globs")

    def __init__(self, path: str, form: str, data: dict[str, Any]) -> None:
        self.path, self.form, self.data = path, form, data
        self._globs: dict[str, Glob] = {}

    @property
    def root(self) -> str:
        return os.path.dirname(self.path)

    @property
    def section(self) -> str:
        return {"pyproject": "[tool.honolint]", "setup.cfg": "[honolint]"}.get(self.form, "")

    def where(self, *keys: Any) -> str:
        """`pyproject.toml: tool.honolint.overrides."legacy/**".qos`, `setup.cfg: [honolint] qos`."""
        name = shown_path(self.path)
        if self.form == "setup.cfg":
            if keys and keys[0] == "overrides" and len(keys) > 1:
                rest = " ".join(str(k) for k in keys[2:])
                return f"{name}: [{CFG_OVERRIDES}{keys[1]}]" + (f" {rest}" if rest else "")
            return f"{name}: [honolint]" + (" " + " ".join(str(k) for k in keys) if keys else "")
        prefix = ("tool", "honolint") if self.form == "pyproject" else ()
        dotted = ".".join(_quote(k) for k in (*prefix, *keys) if not isinstance(k, int))
        dotted += "".join(f"[{k}]" for k in keys if isinstance(k, int))  # a list item: only ever last
        return f"{name}: {dotted}" if dotted else name

    def glob(self, pattern: str) -> Glob:
        compiled = self._globs.get(pattern)
        if compiled is None:
            compiled = self._globs[pattern] = Glob.compile(pattern)
        return compiled

    def relative(self, path: str) -> str:
        try:
            relative = os.path.relpath(os.path.abspath(path), self.root)
        except ValueError:  # another drive (Windows)
            return os.path.abspath(path).replace(os.sep, "/")
        return relative.replace(os.sep, "/")


def read_settings_file(path: str, catalog: Catalog, explicit: bool = False) -> Optional[SettingsFile]:
    """The settings in `path`; None for a pyproject.toml or setup.cfg without honolint's section
    (when `explicit`, from --config, that is an error too)."""
    path = os.path.abspath(path)
    name = os.path.basename(path).lower()
    from honolint.load import read_regular

    try:
        raw = read_regular(path)
    except ValueError as exc:
        raise SettingsError(f"settings file {shown_path(path)}: cannot read it: {exc}") from None
    if name.endswith((".yaml", ".yml")):
        form, data = "yaml", _read_yaml(raw, path)
    elif name.endswith(".toml"):
        form, data = "pyproject", (_read_pyproject(raw, path) if b"honolint" in raw else None)
    elif name.endswith((".cfg", ".ini")):
        form, data = "setup.cfg", (_read_cfg(raw, path) if b"[honolint" in raw else None)
    else:
        raise SettingsError(f"--config {shown_path(path)}: honolint reads settings from .honolint.yaml/.yml, "
                            "pyproject.toml ([tool.honolint]) or setup.cfg ([honolint]) files")
    if data is None:
        if explicit:
            section = "[tool.honolint] table" if form == "pyproject" else "[honolint] section"
            raise SettingsError(f"--config {shown_path(path)}: the file has no {section}")
        return None
    settings = SettingsFile(path, form, data)
    _validate(settings)
    _normalize(settings)
    _check_values(settings, catalog)
    return settings


def _read_yaml(raw: bytes, path: str) -> dict:
    import yaml

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        for event in yaml.parse(raw, Loader=loader):  # one linear pass: a settings file needs no alias
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                raise SettingsError(f"settings file {shown_path(path)}:{mark.line + 1}:{mark.column + 1}: an alias "
                                    f"(*{event.anchor}) is not read in a settings file: write the value out")
        data = yaml.load(raw, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise SettingsError(f"settings file {shown_path(path)}{where}: not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise SettingsError(f"settings file {shown_path(path)}: not valid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SettingsError(f"settings file {shown_path(path)}: must be a mapping of settings (client, qos, ...)")
    return data


def _read_pyproject(raw: bytes, path: str) -> Optional[dict]:
    import tomllib

    from honolint.load.toml_file import TooDeep, parse_toml

    try:
        document = parse_toml(raw.decode("utf-8"))
    except TooDeep as exc:
        raise SettingsError(f"settings file {shown_path(path)}:{exc.line}:{exc.column}: not valid TOML: {exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"settings file {shown_path(path)}: not valid TOML: {exc}") from None
    tool = document.get("tool")
    section = tool.get("honolint") if isinstance(tool, dict) else None
    if section is None:
        return None
    if not isinstance(section, dict):
        raise SettingsError(f"settings file {shown_path(path)}: tool.honolint must be a table")
    return section


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,\n]", value) if part.strip()]


def _read_cfg(raw: bytes, path: str) -> Optional[dict]:
    """`setup.cfg`: values are strings; `include`, `exclude`, `select`, `ignore` are lists separated by
    commas or newlines; `severity` is `CODE=level` (or `CODE:level`) pairs separated the same way;
    overrides are sections `[honolint:overrides:GLOB]`."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None, strict=False, default_section="\0none")
    try:
        parser.read_string(raw.decode("utf-8", "replace"), source=path)
    except configparser.Error as exc:
        raise SettingsError(f"settings file {shown_path(path)}: cannot be read: {exc}") from None
    sections = [s for s in parser.sections() if s == "honolint" or s.startswith("honolint:")]
    if not sections:
        return None
    data: dict[str, Any] = {}
    for section in sections:
        if section == "honolint":
            target = data
        elif section.startswith(CFG_OVERRIDES) and section[len(CFG_OVERRIDES):].strip():
            target = data.setdefault("overrides", {}).setdefault(section[len(CFG_OVERRIDES):].strip(), {})
        else:
            raise SettingsError(f"settings file {shown_path(path)}: unknown section [{section}]: honolint reads "
                                f"[honolint] and [{CFG_OVERRIDES}GLOB]")
        for key, value in parser.items(section):
            if key in LIST_KEYS:
                target[key] = _split(value)
            elif key == "defines" and section == "honolint":
                target[key] = _cfg_defines(value, path)
            elif key == "severity" and section == "honolint":
                severity = {}
                for pair in _split(value):
                    rule, sep, level = pair.replace(":", "=", 1).partition("=")
                    if not sep or not rule.strip():
                        raise SettingsError(f"settings file {shown_path(path)}: [honolint] severity: '{pair}' is not "
                                            "RULE=LEVEL (for example HL208=warning)")
                    severity[rule.strip()] = level.strip()
                target[key] = severity
            else:
                target[key] = value.strip()
    return data


def _cfg_defines(value: str, path: str) -> dict[str, str]:
    """`defines` in setup.cfg: NAME=VALUE lines (the value may hold commas)."""
    defines = {}
    for line in value.splitlines():
        if not line.strip():
            continue
        name, equals, text = line.strip().partition("=")
        if not equals or not name.strip():
            raise SettingsError(f"settings file {shown_path(path)}: [honolint] defines: '{line.strip()}' is not "
                                "NAME=VALUE (one per line)")
        defines[name.strip()] = text.strip()
    return defines


_ALLOWED_TEXT = {
    "client": "java[:X.Y[.Z]] or librdkafka[:X.Y[.Z]]",
    "include": "a list of globs", "exclude": "a list of globs",
    "select": "a list of rule codes, names or code prefixes", "ignore": "a list of rule codes, names or code prefixes",
    "severity": "a mapping of rule (code, name or prefix) to error, warning or info",
    "overrides": "a mapping of glob to settings (client, qos, dialect, ignore)",
    "defines": "a mapping of name to the value the deployment gives it (text, a number or true/false)",
}


def _validate(settings: SettingsFile) -> None:
    bad = _non_string_key(settings.data, ())
    if bad is not None:
        keys, key = bad
        raise SettingsError(f"{settings.where(*keys)}: the key {key!r} is not text")
    import json

    import jsonschema

    schema = os.path.join(os.path.dirname(os.path.dirname(__file__)), "schema", "settings.schema.json")
    with open(schema, encoding="utf-8") as handle:
        schema = json.load(handle)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(settings.data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        raise SettingsError(_explain(settings, errors[0]))


def _non_string_key(value: Any, keys: tuple) -> Optional[tuple[tuple, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return keys, key
            found = _non_string_key(item, (*keys, key))
            if found is not None:
                return found
    return None


def _explain(settings: SettingsFile, error) -> str:
    keys = list(error.absolute_path)
    where = settings.where(*keys) if keys else (
        f"{shown_path(settings.path)}" + (f": {settings.section}" if settings.section else ""))
    schema = error.schema
    if error.validator == "additionalProperties":
        known = list(schema.get("properties", {}))
        unknown = [k for k in error.instance if k not in known]
        return (f"{where}: unknown key {', '.join(repr(k) for k in unknown)}: the keys honolint reads here are "
                f"{', '.join(known)}")
    if error.validator == "enum":
        return f"{where}: {error.instance!r} is not allowed: use one of {', '.join(map(str, schema['enum']))}"
    names = [k for k in keys if isinstance(k, str)]  # without list indexes
    field_name = names[-1] if names else ""
    if error.validator in ("type", "minLength"):
        if not keys:
            return f"{where}: must be a mapping of settings"
        expected = _ALLOWED_TEXT.get(field_name)
        if expected is None and len(keys) >= 2 and keys[0] == "overrides":
            expected = "a mapping of settings (client, qos, dialect, ignore)" if len(keys) == 2 else None
        if error.validator == "minLength":
            return f"{where}: must not be empty"
        return f"{where}: {error.instance!r} is not allowed: expected {expected or schema.get('type')}"
    return f"{where}: {error.message}"


def _normalize(settings: SettingsFile) -> None:
    data = settings.data
    if "defines" in data:  # YAML and TOML numbers and booleans, as the text an expression would receive
        data["defines"] = {name: (str(value).lower() if isinstance(value, bool) else str(value))
                           for name, value in data["defines"].items()}
    for key in LIST_KEYS:
        if isinstance(data.get(key), str):
            data[key] = _split(data[key])
    for override in data.get("overrides", {}).values():
        if isinstance(override.get("ignore"), str):
            override["ignore"] = _split(override["ignore"])


def _check_values(settings: SettingsFile, catalog: Catalog) -> None:
    """What the schema cannot know: client versions and rule names."""
    from honolint.profiles import ClientSpecError, parse_client

    data = settings.data
    clients = [(("client",), data.get("client"))] + [
        (("overrides", glob, "client"), o.get("client")) for glob, o in data.get("overrides", {}).items()]
    for keys, client in clients:
        if client is not None:
            try:
                parse_client(client)
            except ClientSpecError as exc:
                raise SettingsError(f"{settings.where(*keys)}: {exc}") from None
    selectors = [(("select",), s) for s in data.get("select", [])] + [(("ignore",), s) for s in data.get("ignore", [])]
    selectors += [(("severity", s), s) for s in data.get("severity", {})]
    selectors += [(("overrides", glob, "ignore"), s) for glob, o in data.get("overrides", {}).items()
                  for s in o.get("ignore", [])]
    for keys, selector in selectors:
        if catalog.expand(selector) is None:
            raise SettingsError(f"{settings.where(*keys)}: '{selector}' names no rule: give codes (HL201), names "
                                "(acks-not-all) or code prefixes (HL2); `honolint rules` lists them")
