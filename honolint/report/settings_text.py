"""`honolint check --show-settings`: each setting in force for a path, its value and where it came from."""
from __future__ import annotations

import os
from typing import TextIO


def show_settings(paths, stdin_filename, command_line, project, out: TextIO) -> None:
    """--show-settings: for each path (or the current directory), each setting, its value, its source."""
    from honolint.load import read_file
    from honolint.redact import MASK, is_secret
    from honolint.report.escape import printable
    from honolint.settings.choices import check_in_file_setting
    from honolint.settings.file import shown_path

    targets = [p for p in paths] or [None]
    for index, path in enumerate(targets):
        if path == "-":
            path = stdin_filename or None
        resolved = project.resolve(path)
        shown = path if path is not None else "."
        out.write(("\n" if index else "") + f"settings for {printable(shown)}\n")
        settings = resolved.settings_file
        rows = [("settings file", "none found" if settings is None else
                 (f"{shown_path(settings.path)} {settings.section}".strip()),
                 "--config" if command_line.config else ("--isolated" if command_line.isolated else
                                                             "closest to the path"))]
        in_file = {}
        if path is not None and os.path.isfile(path) and command_line.inline:
            from honolint.directives import parse

            loaded = read_file(path)
            if loaded.directives:
                in_file = parse(loaded.directives, project.catalog.expand, check_in_file_setting).settings
        for key in ("client", "qos", "dialect"):
            value, source = resolved.values[key]
            if key in in_file and not source.startswith("command line"):
                value, source = in_file[key][0], f"in-file directive ({path}:{in_file[key][1]})"
            default_text = {"client": "the release the build files name, else the newest java (librdkafka for "
                                      "a file in librdkafka's names)",
                            "dialect": "detected from each file", "qos": value}[key]
            rows.append((key, value if value is not None else default_text, source))
        for key in ("include", "exclude"):
            value, source = resolved.values[key]
            rows.append((key, ", ".join(value) if value else "(none)", source))
        if not resolved.rule_sources:
            rows.append(("select", "every rule", "default"))
        for kind, selectors, source in resolved.rule_sources:
            rows.append((kind, selectors, source))
        enabled, every = resolved.selection.enabled, project.catalog.codes
        if enabled == every:
            in_force = f"all {len(every)} rules"
        elif len(enabled) <= len(every) // 2:
            in_force = ", ".join(sorted(enabled)) or "none"
        else:
            in_force = "all but " + ", ".join(sorted(every - enabled))
        rows.append(("rules in force", in_force, "select and ignore above"))
        by_source: dict[str, list[str]] = {}
        for code in sorted(resolved.selection.severity):
            by_source.setdefault(resolved.severity_sources[code], []).append(code)
        for source, codes in by_source.items():
            level = resolved.selection.severity[codes[0]]
            rows.append(("severity", f"{level}: {', '.join(codes)}", source))
        rows.append(("fail-level", *resolved.values["fail-level"]))
        for name, (value, how) in sorted((resolved.supplied.values if resolved.supplied else {}).items()):
            rows.append((f"define {name}", MASK if is_secret(name) else value, how))
        rows.append(("inline ignores", "on" if command_line.inline else "off",
                     "default" if command_line.inline else "command line (--no-inline-ignores)"))
        if settings is not None and settings.data.get("overrides") and (path is None or os.path.isdir(path)):
            for glob, override in settings.data["overrides"].items():
                text = ", ".join(f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in override.items())
                rows.append((f"override {glob}", text, settings.where("overrides", glob)))
        rows = [(printable(str(name)), printable(str(value)), printable(str(source))) for name, value, source in rows]
        width = max(len(name) for name, _, _ in rows)
        value_width = min(max(len(str(value)) for _, value, _ in rows), 48)
        for name, value, source in rows:
            out.write(f"  {name:<{width}}  {str(value):<{value_width}}  ({source})\n")
