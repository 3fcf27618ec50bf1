"""Oracle: differential test of honolint's `.properties` loader against the JDK's `Properties.load`.

A seeded generator writes tricky `.properties` files (continuations inside keys, values and
`\\uXXXX` escapes, odd/even backslash runs before line ends, every separator, escaped separators,
comments, CR/LF/CRLF/mixed line ends, bytes 0x80-0xFF, malformed `\\u`, lone-backslash lines,
continuations at EOF, files larger than the JDK's 8 KiB read buffer ...); ONE JVM
(`PropertiesOracle.java`, compiled once into the user cache) loads all of them with
`Properties.load(new FileInputStream(..))`, and the same bytes go through
`honolint.load.properties.load_properties`. Keys/values (or error vs error) must agree.

Python API::

    from properties_oracle import compare
    compare(5000, seed=1234)   # -> list of Disagreement (empty when all agree)

CLI::

    python tests/oracles/properties_oracle.py --files 5000 --seed 1 --seeds 5

Requires `java` and `javac` (17+) on PATH or in `$JAVA_HOME/bin`.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
HARNESS_SOURCE = HERE / "PropertiesOracle.java"

try:
    from honolint.load.properties import load_properties
except ImportError:  # run as a script from anywhere
    sys.path.insert(0, str(REPO_ROOT))
    from honolint.load.properties import load_properties


class OracleError(RuntimeError):
    """The JVM harness could not be built or did not answer."""


# A result: ("error", exception class, message) or ("ok", {key: value}).
Result = Union[tuple[str, str, str], tuple[str, dict[str, str]]]


@dataclass(frozen=True)
class Disagreement:
    index: int
    data: bytes
    jdk: Result
    ours: Result

    def __str__(self) -> str:
        return f"file #{self.index}: {self.data!r}\n  JDK:  {_show(self.jdk)}\n  ours: {_show(self.ours)}"


def _show(result: Result) -> str:
    if result[0] == "error":
        return f"ERROR {result[1]} {result[2]}"
    pairs = sorted(result[1].items(), key=lambda kv: _utf16(kv[0]))
    return "{" + ", ".join(f"{k!r}: {v!r}" for k, v in pairs) + "}"


# ---------------------------------------------------------------------------- the JVM side


def _tool(name: str) -> Optional[str]:
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def javac_available() -> bool:
    return _tool("javac") is not None


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    d = Path(base) / "honolint-oracles"
    d.mkdir(parents=True, exist_ok=True)
    return d


def harness_classes() -> Path:
    """Directory holding PropertiesOracle.class, compiled once per version of the source."""
    source = HARNESS_SOURCE.read_bytes()
    digest = hashlib.sha256(source).hexdigest()[:16]
    target = cache_dir() / f"properties-oracle-{digest}"
    if (target / "PropertiesOracle.class").is_file():
        return target
    javac = _tool("javac")
    if javac is None:
        raise OracleError("javac not found (PATH or $JAVA_HOME/bin)")
    build = Path(tempfile.mkdtemp(prefix="build-", dir=cache_dir()))
    try:
        proc = subprocess.run([javac, "-nowarn", "-d", str(build), str(HARNESS_SOURCE)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise OracleError(f"javac failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        try:
            os.replace(build, target)
        except OSError:  # another run got there first
            if not (target / "PropertiesOracle.class").is_file():
                raise
    finally:
        shutil.rmtree(build, ignore_errors=True)
    return target


def run_jdk(paths: list[str]) -> dict[str, Result]:
    """Load every file with the JDK in one JVM; path -> result."""
    java = _tool("java")
    if java is None:
        raise OracleError("java not found (PATH or $JAVA_HOME/bin)")
    classes = harness_classes()
    cmd = [java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
           "-cp", str(classes), "PropertiesOracle"]
    proc = subprocess.run(cmd, input="".join(p + "\n" for p in paths).encode("utf-8"),
                          capture_output=True)
    if proc.returncode != 0:
        raise OracleError(f"JVM failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    results: dict[str, Result] = {}
    current: Optional[str] = None
    pairs: dict[str, str] = {}
    error: Optional[tuple[str, str, str]] = None
    for line in proc.stdout.decode("utf-8").split("\n"):
        if line.startswith("FILE "):
            current, pairs, error = line[5:], {}, None
        elif line.startswith("P "):
            _, hk, hv = line.split(" ")
            pairs[_from_hex(hk)] = _from_hex(hv)
        elif line.startswith("ERROR "):
            cls, _, msg = line[6:].partition(" ")
            error = ("error", cls, msg)
        elif line == "END":
            assert current is not None
            results[current] = error if error is not None else ("ok", pairs)
            current = None
    missing = [p for p in paths if p not in results]
    if missing:
        raise OracleError(f"the JVM gave no answer for {len(missing)} files, e.g. {missing[0]}")
    return results


def _from_hex(h: str) -> str:
    # UTF-16 code units -> Python str: a valid pair becomes one char, a lone surrogate stays
    return bytes.fromhex(h).decode("utf-16-be", "surrogatepass")


def _utf16(s: str) -> bytes:
    return s.encode("utf-16-be", "surrogatepass")


# ---------------------------------------------------------------------------- our side


def ours(data: bytes) -> Result:
    loaded = load_properties(data, "<oracle>")
    if loaded.error is not None:
        return ("error", "java.lang.IllegalArgumentException", loaded.error.message)
    assert len(loaded.documents) == 1, loaded
    doc = loaded.documents[0]
    values: dict[str, str] = {}
    for entry in doc.entries:
        assert len(entry.path) == 1 and entry.key not in values, f"key twice in entries: {entry}"
        assert entry.line >= 1 and entry.column >= 1 and entry.value_line >= 1 and entry.value_column >= 1
        values[entry.path[0]] = entry.value  # type: ignore[assignment]
    for dup in doc.duplicates:
        assert dup.first.key == dup.second.key
        assert (dup.first.line, dup.first.column) < (dup.second.line, dup.second.column), dup
    return ("ok", values)


# ---------------------------------------------------------------------------- the generator

# Files every run checks, whatever the seed.
FIXED: tuple[bytes, ...] = (
    b"", b"\n", b"\r\n", b"\r", b" \t\f", b"\\", b"\\\n", b"\\\r", b"\\\r\n", b"\\\n\n", b"\\\n  ",
    b"\\\n\\\n", b"\\\r\n\\", b"\\\\", b"\\\\\n", b"\\\\\\", b"  \\", b"\\\n#c", b"\\\nk=v", b"\\\n!c\\\nk",
    b"#c\\\nk=v", b"!c\\", b"k=v\\", b"k=v\\\n", b"k=v\\\r\n", b"k=\\\n#v", b"k\\\n", b"k\\\n\n", b"k\\\n \n",
    b"=", b":", b" =", b"=v", b":v", b"k", b"k=", b"k:", b"k ", b"k =", b"k = = v", b"k :=v", b"k=:v",
    b"\\u", b"\\u0", b"\\u00", b"\\u004", b"\\u0041", b"k=\\u", b"k=\\u00\\\n41", b"k=\\u00\\\r\n  4\\\n1",
    b"\\u00\\\n4=", b"k=\\uXYZW", b"k=\\u00g1", b"\\u0041\\u", b"k=\\u-001", b"k=\\u+001", b"k=\\u 001",
    b"k=\\uD83D\\uDE00", b"k=\\uDE00\\uD83D", b"k=\\uD83D", b"\\uD83D\\uDE00=x", b"k=\\uD83Dx\\uDE00",
    b"a\\=b=c", b"a\\:b:c", b"a\\ b c", b"a\\\\=b", b"a\\\\\\=b=c", b"\\#k=v", b"\\!k", b"k=\\t\\n\\r\\f\\x\\\\",
    b"k\x0bv=1", b"k\x85v=1", b"k\xa0v=1", b"\xef\xbb\xbfk=v", b"k=\xe9\xff\x80", b"\x0c k=v\x0c",
    b"acks=all # durable", b"a=1\na=2\na=3", b"a=1\r\nb=2\rc=3\nd=4", b"k=v\r\r\n\n\r",
)

_EOLS = ("\n", "\r", "\r\n")
_WS = (" ", "\t", "\f")
_KEY_TOKENS = (
    "acks", "retries", "batch.size", "enable.idempotence", "a", "k", "x.y", "0",
    "\\=", "\\:", "\\ ", "\\\t", "\\t", "\\n", "\\r", "\\f", "\\\\", "\\#", "\\!", "\\x",
    "\\u0061", "\\u00E9", "\\u003d", "\\u0020", "\\u005c", "\\uD83D\\uDE00", "\\uDE00", "\\uD83D",
    "\xe9", "\x80", "\xff", "\xa0", "\x85", "\x0b", "\x1c", "\x00", "#", "!", "u", "\\\\\\=", "\\\\u",
)
_SEPS = ("=", ":", " ", "\t", "\f", " = ", " : ", "\t=\t", "  ", "==", "=:", " :=", ": ", " =  ", "\f:", "")
_VALUE_TOKENS = (
    "all", "1", "-1", "0", "true", "TRUE", " ", "# durable", " # durable", "#", "!", "=", ":", "a b",
    "\\", "\\\\", "\\ ", "\\t", "\\n", "\\u0041", "\\u00e9", "\\uD83D\\uDE00", "\\uDC00", "\xe9", "\xff",
    "\x85", "\x0b", "\\=", "\\:", "\\#", "\\u005C", "\\\\\\\\", "value", "u", "\\\\u004",
)
_BAD_U = ("\\u", "\\u1", "\\u12", "\\u123", "\\uXYZW", "\\u00G1", "\\u 123", "\\u-123", "\\U0041x", "\\u12\\\n34")
_SOUP = "\\\\\\\\\r\n \t\f==::##!!u0aF9gk \x85\x0b\xe9\xff"


def _eol(rng: random.Random, mode: str) -> str:
    return rng.choice(_EOLS) if mode == "mixed" else mode


def _indent(rng: random.Random) -> str:
    return "".join(rng.choice(_WS) for _ in range(rng.choice((0, 0, 0, 1, 2, 3))))


def _continue(rng: random.Random, text: str, mode: str) -> str:
    """Break `text` somewhere with a backslash run and a line end (odd run: a continuation)."""
    if not text:
        return text
    at = rng.randrange(len(text) + 1)
    run = rng.choice((1, 1, 1, 1, 3, 2))
    return text[:at] + "\\" * run + _eol(rng, mode) + _indent(rng) + text[at:]


def _entry_line(rng: random.Random, mode: str) -> str:
    key = "".join(rng.choice(_KEY_TOKENS) for _ in range(rng.choice((1, 1, 2, 3))))
    value = "".join(rng.choice(_VALUE_TOKENS) for _ in range(rng.choice((0, 1, 1, 2, 3))))
    sep = rng.choice(_SEPS)
    line = _indent(rng) + key + sep + value
    if rng.random() < 0.3:
        line += "".join(rng.choice(_WS) for _ in range(rng.randint(1, 3)))
    for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
        line = _continue(rng, line, mode)
    return line


def _line(rng: random.Random, mode: str) -> str:
    r = rng.random()
    if r < 0.65:
        return _entry_line(rng, mode)
    if r < 0.75:
        text = rng.choice(("# comment", "!comment", "#", "# a=b", "#\\", "# ends in backslash \\", "!x\\\\\\"))
        return _indent(rng) + text
    if r < 0.80:
        return ""
    if r < 0.85:
        return "".join(rng.choice(_WS) for _ in range(rng.randint(1, 4)))
    if r < 0.92:
        return _indent(rng) + "\\" * rng.randint(1, 4)
    if r < 0.96:
        return _indent(rng) + rng.choice(("#", "!")) + _entry_line(rng, mode)
    return _indent(rng) + "\\" + rng.choice(("#", "!", " ", "=", ":", "u")) + _entry_line(rng, mode)


def _structured(rng: random.Random) -> str:
    mode = rng.choice(("\n", "\n", "\r\n", "\r", "mixed"))
    lines = [_line(rng, mode) for _ in range(rng.randint(0, 15))]
    if lines and rng.random() < 0.06:
        k = rng.randrange(len(lines))
        lines[k] += rng.choice(_BAD_U) + rng.choice(("", "0", "=x", " x"))
    if lines and rng.random() < 0.1:  # a duplicate key
        lines.append(lines[rng.randrange(len(lines))])
    text = "".join(line + _eol(rng, mode) for line in lines)
    if text and rng.random() < 0.35:  # no line end at EOF
        text = text.rstrip("\r\n")
    return text


def _soup(rng: random.Random) -> str:
    return "".join(rng.choice(_SOUP) for _ in range(rng.randint(0, 40)))


def _mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(text) + 1)
        op = rng.random()
        if op < 0.5:
            text = text[:at] + rng.choice(("\\", "\\\\", "\r", "\n", "\r\n", " ", "=", ":", "#", "\\u", "\f")) + text[at:]
        elif op < 0.8:
            text = text[:at] + text[at + 1:]
        else:
            text = text[:at] + rng.choice(_SOUP) + text[at + 1:]
    return text


def _big(rng: random.Random) -> str:
    """A file larger than the JDK's 8192-byte read buffer, with something tricky across the edge."""
    edge = rng.choice((8192, 16384))
    tricky = rng.choice(("\\\r\n", "\r\n", "\\\n", "\\\\\n", "\n#c\\\n", "\\u0041", "\\\n\\\n", "\r\n\r\n"))
    prefix = "".join(_line(rng, "\n") + "\n" for _ in range(5)).replace("\\u", "u")  # no error early
    fill = edge - len(prefix) - rng.randint(1, len(tricky) + 1) - 2
    filler = rng.choice(("#", "k=", "big:"))
    text = prefix + filler + "x" * max(0, fill - len(filler)) + tricky + _structured(rng)
    return text


def generate(rng: random.Random) -> bytes:
    r = rng.random()
    if r < 0.004:
        text = _big(rng)
    elif r < 0.55:
        text = _structured(rng)
    elif r < 0.8:
        text = _soup(rng)
    else:
        text = _mutate(rng, _structured(rng))
    return text.encode("iso-8859-1")


def corpus(n_files: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    files = list(FIXED[:n_files])
    while len(files) < n_files:
        files.append(generate(rng))
    return files


# ---------------------------------------------------------------------------- comparison


def compare(n_files: int, seed: int) -> list[Disagreement]:
    """Generate `n_files` files from `seed`, load each with the JDK and with honolint."""
    files = corpus(n_files, seed)
    with tempfile.TemporaryDirectory(prefix="honolint-props-") as tmp:
        paths = []
        for i, data in enumerate(files):
            p = os.path.join(tmp, f"{i:05d}.properties")
            with open(p, "wb") as handle:
                handle.write(data)
            paths.append(p)
        jdk = run_jdk(paths)
    found: list[Disagreement] = []
    for i, (p, data) in enumerate(zip(paths, files)):
        try:
            mine = ours(data)
        except Exception as exc:  # a crash is a disagreement too
            mine = ("error", "python:" + type(exc).__name__, str(exc))
        theirs = jdk[p]
        if not _same(theirs, mine):
            found.append(Disagreement(i, data, theirs, mine))
    return found


def _same(jdk: Result, mine: Result) -> bool:
    if jdk[0] != mine[0]:
        return False
    if jdk[0] == "error":
        return jdk[1:] == mine[1:]
    a, b = jdk[1], mine[1]
    return {_utf16(k): _utf16(v) for k, v in a.items()} == {_utf16(k): _utf16(v) for k, v in b.items()}


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=None, help="first seed (default: random)")
    ap.add_argument("--seeds", type=int, default=1, help="how many consecutive seeds")
    ap.add_argument("--show", type=int, default=5)
    args = ap.parse_args(argv)
    first = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    bad = 0
    for seed in range(first, first + args.seeds):
        t0 = time.perf_counter()
        found = compare(args.files, seed)
        print(f"seed={seed} files={args.files} disagreements={len(found)} ({time.perf_counter() - t0:.2f}s)")
        for d in found[: args.show]:
            print(d)
        bad += len(found)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
