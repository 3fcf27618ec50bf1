"""Text from the files, the settings and the command line, made safe to show on a terminal or in a CI log.

A configuration can hold any character, and a report shows its keys, values, comments and paths: an
escape sequence (`\\x1b]52;...` sets the clipboard, `\\x1b[2J` clears the screen), a carriage return
that overwrites the line before, a newline that starts a forged `::error::` line in a GitHub log, or a
bidirectional override that shows text in another order than it is stored. Every C0 and C1 control,
DEL, U+2028/U+2029 and the bidirectional controls are written as escapes (`\\x1b`, `\\u202e`) instead;
the report's own newlines are added after.
"""
from __future__ import annotations

_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_TABLE = {code: (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
          for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *_BIDI)}
_TABLE.update({ord("\t"): "\\t", ord("\n"): "\\n", ord("\r"): "\\r"})


def printable(text: str) -> str:
    """`text` with every control character written as an escape; the same string when it has none."""
    if text.isprintable():  # none of them is printable: plain text costs one scan in C
        return text
    return text.translate(_TABLE)


LONGEST_SAID = 2000  # a message on standard error longer than this is shortened (a settings value of 100 KB)


def said(message: str) -> str:
    """A message for standard error: printable, and at most LONGEST_SAID characters of it."""
    if len(message) > LONGEST_SAID:
        message = f"{message[:LONGEST_SAID]}...({len(message)} characters)"
    return printable(message)
