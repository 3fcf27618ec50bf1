"""Project settings: which settings file applies to a path, what it says, and what is in force.

Discovery: from each linted file's directory upwards, the first directory holding `.honolint.yaml`,
`.honolint.yml`, a `pyproject.toml` with a `[tool.honolint]` table or a `setup.cfg` with a
`[honolint]` section (checked in this order) gives the settings file for that file; files without
the section do not count and the search goes on. The closest file wins, whole: settings files do not
cascade. `--config PATH` names one settings file for every path and `--isolated` ignores them all.

Precedence, lowest first: default < the settings file < its per-path `overrides` < an in-file
`# honolint: qos=... client=... dialect=...` directive < the command line. For rules: the settings
file's `select` (default: every rule) minus its `ignore`; then the command line's `--select`, when
given, replaces that selection and its `--ignore` takes rules out; then the `ignore` lists of the
overrides matching the file take rules out, whatever the command line says.

Reading and validating a settings file, and its globs: settings_file.py.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterator, Optional

from honolint.memo import closest_above
from honolint.filter.selection import Catalog, Selection
from honolint.settings.file import SettingsError, SettingsFile, read_settings_file

if TYPE_CHECKING:
    from honolint.settings.supplied import Supplied

SETTINGS_NAMES = (".honolint.yaml", ".honolint.yml", "pyproject.toml", "setup.cfg")
DEFAULT_INCLUDE = ("*.properties", "*.yaml", "*.yml", "*.json", "*.toml", "*.conf", "*.env")
DEFAULT_SUFFIXES = (".properties", ".yaml", ".yml", ".json", ".toml", ".conf", ".env")
SKIPPED_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}
DEFAULT = "default"


# ------------------------------------------------------------------------------------------ what is in force


class Unlistable(str):
    """A directory of a walk that could not be listed: linted as a file whose `problem` is the reason."""

    problem = ""

    def __new__(cls, path: str, problem: str) -> "Unlistable":
        made = super().__new__(cls, path)
        made.problem = problem
        return made


class CommandLine:
    """What the command line says; None (or empty) where it says nothing."""

    __slots__ = ("client", "qos", "dialect", "select", "ignore", "fail_level", "config", "isolated", "inline",
                 "defines", "define_files")

    def __init__(self, client: Optional[str] = None, qos: Optional[str] = None, dialect: Optional[str] = None,
                 select: Optional[list[str]] = None, ignore: Optional[list[str]] = None,
                 fail_level: Optional[str] = None, config: Optional[str] = None, isolated: bool = False,
                 inline: bool = True, defines: tuple[str, ...] = (), define_files: tuple[str, ...] = ()) -> None:
        self.client, self.qos, self.dialect = client, qos, dialect
        self.select, self.ignore = select, ignore or []
        self.fail_level, self.config, self.isolated, self.inline = fail_level, config, isolated, inline
        self.defines, self.define_files = defines, define_files  # --define NAME=VALUE, --define-file FILE


class Resolved:
    """The settings in force for one path, each with where it came from.

    `values`: client, qos, dialect, include, exclude, fail-level -> (value, source); `rule_sources`:
    ("select" | "ignore", the selectors, source) in the order applied; `severity_sources`: code -> source.
    """

    __slots__ = ("settings_file", "values", "selection", "rule_sources", "severity_sources", "supplied")

    def __init__(self, settings_file: Optional[SettingsFile], values: dict[str, tuple[Any, str]], selection: Selection,
                 rule_sources: list[tuple[str, str, str]], severity_sources: dict[str, str],
                 supplied: Optional["Supplied"] = None) -> None:
        self.settings_file, self.values, self.selection = settings_file, values, selection
        self.rule_sources, self.severity_sources = rule_sources, severity_sources
        self.supplied = supplied  # --define and the settings' defines; None when there are none

    def value(self, key: str) -> Any:
        return self.values[key][0]

    def source(self, key: str) -> str:
        return self.values[key][1]


class Project:
    """Finds and reads settings files (each once) and says what is in force for a path."""

    def __init__(self, command_line: CommandLine, catalog: Catalog) -> None:
        self.cli = command_line
        self.catalog = catalog
        self._by_dir: dict[str, Optional[SettingsFile]] = {}  # absolute directory -> its settings file
        self._by_given: dict[str, Any] = {}  # directory as given -> its settings file
        self._resolved: dict[int, Resolved] = {}  # id(settings file) -> what is in force without overrides
        self.settings_read: list[str] = [command_line.config] if command_line.config else []  # every one read
        self._explicit = read_settings_file(command_line.config, catalog, explicit=True) if command_line.config else None
        self._command_line_defines: Optional[dict[str, tuple[str, str]]] = None
        self._supplied: dict[int, Optional["Supplied"]] = {}  # id(settings file) -> the values supplied for it

    # -- discovery

    def settings_file(self, directory: str) -> Optional[SettingsFile]:
        if self.cli.isolated:
            return None
        if self._explicit is not None:
            return self._explicit
        return closest_above(os.path.abspath(directory), self._by_dir, self._look)

    def _look(self, directory: str) -> Optional[SettingsFile]:
        for name in SETTINGS_NAMES:
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate):
                self.settings_read.append(candidate)
                found = read_settings_file(candidate, self.catalog)
                if found is not None:
                    return found
        return None

    def settings_for(self, path: str, is_dir: Optional[bool] = None) -> Optional[SettingsFile]:
        """The settings file of a file (its directory's) or of a directory (its own)."""
        if is_dir is None:
            is_dir = os.path.isdir(path)
        directory = path if is_dir else (os.path.dirname(path) or os.curdir)
        found = self._by_given.get(directory, self)
        if found is self:
            found = self._by_given[directory] = self.settings_file(directory)
        return found

    # -- files

    def excluded(self, path: str) -> bool:
        """Whether the exclude globs of the path's settings file cover it (--force-exclude)."""
        return self._excluded(path, self.settings_for(path))

    @staticmethod
    def _excluded(path: str, settings: Optional[SettingsFile]) -> bool:
        if settings is None or not settings.data.get("exclude"):
            return False
        relative = settings.relative(path)
        return any(settings.glob(g).covers(relative) for g in settings.data["exclude"])

    @staticmethod
    def _included(name: str, path: str, settings: Optional[SettingsFile]) -> bool:
        include = settings.data.get("include") if settings is not None else None
        if not include:
            return name.lower().endswith(DEFAULT_SUFFIXES)
        relative = settings.relative(path)
        return any(settings.glob(g).matches(relative) for g in include)

    def walk(self, top: str) -> Iterator[tuple[str, str]]:
        """(path, absolute path) of the files to lint below a directory: included, not excluded,
        outside SKIPPED_DIRS; a directory that cannot be listed as an Unlistable path (a finding).
        Iterative: a tree thousands of levels deep is walked like a flat one (os.walk recurses on 3.11)."""
        pending = [top]
        while pending:
            root = pending.pop()
            try:
                with os.scandir(root) as listing:
                    entries = list(listing)
            except OSError as exc:
                yield Unlistable(root, exc.strerror or str(exc)), os.path.abspath(root)
                continue
            dirs, files, followed = [], [], set()
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                    if is_dir and not entry.is_symlink():
                        followed.add(entry.name)
                except OSError:
                    is_dir = False
                (dirs if is_dir else files).append(entry.name)
            settings = self.settings_file(root)
            dirs = sorted(d for d in dirs
                          if d not in SKIPPED_DIRS and not self._excluded(os.path.join(root, d), settings))
            pending.extend(os.path.join(root, d) for d in reversed(dirs) if d in followed)
            absolute_root = os.path.join(os.path.abspath(root), "")  # a name from a listing has no "/" or ".."
            root = os.path.join(root, "")
            if settings is None or not (settings.data.get("include") or settings.data.get("exclude")):
                names = [name for name in files if name.lower().endswith(DEFAULT_SUFFIXES)]  # no call per file
            else:
                names = [name for name in files
                         if self._included(name, root + name, settings) and not self._excluded(root + name, settings)]
            for name in sorted(names):
                yield root + name, absolute_root + name

    # -- settings in force

    def resolve(self, path: Optional[str], is_dir: Optional[bool] = None) -> Resolved:
        """What is in force for `path` (a file or a directory; None: the current directory)."""
        if path is None:
            path, is_dir = os.getcwd(), True
        elif is_dir is None:
            is_dir = os.path.isdir(path)
        settings = self.settings_for(path, is_dir)
        matching = []
        if settings is not None and settings.data.get("overrides") and path != "-" and not is_dir:
            relative = settings.relative(path)
            matching = [(g, o) for g, o in settings.data["overrides"].items() if settings.glob(g).covers(relative)]
        if matching:
            return self._resolve(settings, matching)
        resolved = self._resolved.get(id(settings))
        if resolved is None:
            resolved = self._resolved[id(settings)] = self._resolve(settings, [])
        return resolved

    def _resolve(self, settings: Optional[SettingsFile], matching: list[tuple[str, dict]]) -> Resolved:
        data = settings.data if settings is not None else {}
        cli = self.cli

        values: dict[str, tuple[Any, str]] = {}
        for key, flag, default in (("client", "--client", None), ("qos", "--qos", "at-least-once"),
                                   ("dialect", "--dialect", None), ("fail-level", "--fail-level", "error")):
            given = getattr(cli, key.replace("-", "_"))
            if given is not None:
                values[key] = (given, f"command line ({flag})")
                continue
            values[key] = (default, DEFAULT)
            if key in data:
                values[key] = (data[key], settings.where(key))
            for glob, override in matching:
                if key in override:
                    values[key] = (override[key], settings.where("overrides", glob, key))
        values["include"] = ((tuple(data["include"]), settings.where("include")) if "include" in data
                             else (DEFAULT_INCLUDE, DEFAULT))
        values["exclude"] = ((tuple(data["exclude"]), settings.where("exclude")) if "exclude" in data else ((), DEFAULT))

        catalog = self.catalog
        rule_sources = []
        enabled = catalog.codes
        if "select" in data:
            enabled = catalog.resolve(data["select"])
            rule_sources.append(("select", ", ".join(data["select"]), settings.where("select")))
        if data.get("ignore"):
            enabled = enabled - catalog.resolve(data["ignore"])
            rule_sources.append(("ignore", ", ".join(data["ignore"]), settings.where("ignore")))
        if cli.select is not None:
            enabled = catalog.resolve(cli.select)
            rule_sources.append(("select", ", ".join(cli.select), "command line (--select)"))
        if cli.ignore:
            enabled = enabled - catalog.resolve(cli.ignore)
            rule_sources.append(("ignore", ", ".join(cli.ignore), "command line (--ignore)"))
        for glob, override in matching:
            if override.get("ignore"):
                enabled = enabled - catalog.resolve(override["ignore"])
                rule_sources.append(("ignore", ", ".join(override["ignore"]), settings.where("overrides", glob, "ignore")))

        severity: dict[str, str] = {}
        severity_sources: dict[str, str] = {}
        # the broadest selector first, so that a code given on its own wins over its prefix
        entries = sorted(data.get("severity", {}).items(), key=lambda item: -len(catalog.expand(item[0]) or ()))
        for selector, level in entries:
            for code in catalog.expand(selector) or ():
                severity[code] = level
                severity_sources[code] = settings.where("severity", selector)
        selection = Selection(enabled, severity, values["fail-level"][0], enabled == catalog.codes)
        return Resolved(settings, values, selection, rule_sources, severity_sources, self.supplied(settings))

    def supplied(self, settings: Optional[SettingsFile]) -> Optional["Supplied"]:
        """The settings file's `defines`, under the command line's --define-file and --define (supplied.py);
        None when nothing is supplied."""
        if id(settings) in self._supplied:
            return self._supplied[id(settings)]
        own = settings.data.get("defines") if settings is not None else None
        if not own and not self.cli.defines and not self.cli.define_files:
            self._supplied[id(settings)] = None
            return None
        from honolint.settings.supplied import DefineError, Supplied, command_line_defines, define_file

        if self._command_line_defines is None:
            try:
                layers = [define_file(path) for path in self.cli.define_files]
                layers.append(command_line_defines(self.cli.defines))
            except DefineError as exc:
                raise SettingsError(str(exc)) from None
            self._command_line_defines = Supplied.layered(layers).values
        given = {name: (value, settings.where("defines", name)) for name, value in (own or {}).items()}
        found = self._supplied[id(settings)] = Supplied.layered([given, self._command_line_defines])
        return found


