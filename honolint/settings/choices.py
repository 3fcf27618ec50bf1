"""What the values of options, settings and in-file settings may be: the choices, and what is wrong with one.

Both command-line readers (cli.py with click, argv.py without), the settings and the in-file directives use
these, so a value is accepted or refused, with the same words, wherever it is written.
"""
from __future__ import annotations

from typing import Optional

from honolint.model import QOS_CLASSES

COLORS = ("auto", "always", "never")
MOST_JOBS = 64


def catalog():
    from honolint.rulebook import rule_modules
    from honolint.filter.selection import Catalog

    return Catalog(rule_modules())


def client_problem(value: str) -> str | None:
    """What is wrong with --client VALUE, or None."""
    from honolint.profiles import ClientSpecError, parse_client

    try:
        parse_client(value)
    except ClientSpecError as exc:
        return str(exc)
    return None


def dialect_problem(value: str) -> str | None:
    """What is wrong with --dialect VALUE, or None."""
    from honolint.dialects import DETECTION_ORDER

    if value in DETECTION_ORDER:
        return None
    return f"'{value}' is not a dialect: choose one of {', '.join(DETECTION_ORDER)}"


def rule_selectors(values: list[str] | tuple[str, ...]) -> tuple[list[str], str | None]:
    """--select/--ignore: comma lists, repeatable; (the selectors, what is wrong with them or None)."""
    from honolint.filter.selection import split_selectors

    selectors = split_selectors(values)
    for value in values:
        if not split_selectors([value]):  # `--select ''` would turn every rule off
            return selectors, (f"'{value}' names no rule: give codes (HL201), names (acks-not-all) or code "
                               "prefixes (HL2), comma-separated")
    known = catalog()
    for selector in selectors:
        if known.expand(selector) is None:
            return selectors, (f"'{selector}' names no rule: give codes (HL201), names (acks-not-all) or code "
                               "prefixes (HL2); `honolint rules` lists them")
    return selectors, None


def check_in_file_setting(key: str, value: str) -> Optional[str]:
    """None when `# honolint: KEY=VALUE` can be applied, else what is wrong with it."""
    if key == "qos":
        return None if value in QOS_CLASSES else f"'{value}' is not a QoS class: use at-least-once or at-most-once"
    return dialect_problem(value) if key == "dialect" else client_problem(value)
