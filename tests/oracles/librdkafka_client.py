"""Oracle: ask the real librdkafka (bundled in the confluent-kafka wheel) about producer configs.

The shared library is the one inside the installed ``confluent-kafka`` wheel
(``site-packages/confluent_kafka.libs/librdkafka-*.so.1`` on Linux,
``confluent_kafka/.dylibs/librdkafka*.dylib`` on macOS), unless ``HONOLINT_LIBRDKAFKA=/path/to/librdkafka.so.1``
or ``use_library(path)`` names another one (old builds: see old_librdkafka.py); driven entirely through ctypes: this
module never uses confluent-kafka's Python API on the main path, so it can reach the live
``rd_kafka_t*`` and read the finalized configuration back with ``rd_kafka_conf_dump``.

For each configuration (an ORDERED list of ``(key, value)`` string pairs; the last of two
aliases wins, as with a Python dict's insertion order in confluent-kafka) it does what
``confluent_kafka.Producer(conf).produce(topic, b"x")`` does:

1. ``rd_kafka_conf_new()``; ``rd_kafka_conf_set()`` for each pair in order
   (``bootstrap.servers=127.0.0.1:1`` appended when no ``bootstrap.servers`` /
   ``metadata.broker.list`` is given). A failing ``rd_kafka_conf_set`` is a refusal at stage
   ``"conf_set"``. Nothing else is set: no property, and in particular no topic-level one (a
   topic-level key creates the default topic config, which moves the topic checks from the
   first ``produce()`` to ``rd_kafka_new()``). Only a log callback is installed (not a
   property).
2. ``rd_kafka_new(RD_KAFKA_PRODUCER, ...)``: a failure is a refusal at stage ``"new"``.
3. ``rd_kafka_produceva(TOPIC=lint-probe-topic, VALUE="x", MSGFLAGS=F_COPY)``: creating the
   first topic handle runs ``rd_kafka_topic_conf_finalize``; a failure is a refusal at stage
   ``"produce"``, with the reason taken from the ``TOPICCONF`` log line
   ``Incompatible configuration settings for topic "...": <reason>``. A transactional producer
   may not produce outside a transaction (``_STATE``), so there the topic handle is created
   with ``rd_kafka_topic_new(rk, topic, NULL)``, which runs the same check
   (``rd_kafka_topic_new0``) that the first produce inside a transaction would run.
4. Effective values are read from the live handle: ``rd_kafka_conf_dump(rd_kafka_conf(rk))``
   for the global properties (after the produce), and ``rd_kafka_topic_conf_dump`` of the live
   topic handle's own ``rkt_conf`` for the topic properties. librdkafka has no public accessor
   for a topic handle's conf, so the offset of ``rkt_conf`` inside ``rd_kafka_topic_t`` is
   found once per process by calibration (a topic created with distinctive values, its memory
   scanned, the result verified through ``rd_kafka_topic_conf_dump``). If calibration fails
   (other build), topic values come from a "shadow" producer created with an empty default
   topic config (so ``rd_kafka_conf_finalize`` finalizes it at ``rd_kafka_new``), read in
   place with ``rd_kafka_conf_get_default_topic_conf(rd_kafka_conf(rk))``;
   ``topic_conf_source`` says which was used. (``rd_kafka_default_topic_conf_dup`` is no use
   here: a topic conf dup copies only the properties marked as set, so it drops what
   finalize adjusted, e.g. ``message.timeout.ms`` = ``transaction.timeout.ms``.)
   The live topic conf is the one ``rd_kafka_topic_new0`` post-processed: e.g.
   ``compression.level`` -1 is translated to the codec's level, function pointers are filled.
5. ``rd_kafka_purge`` + ``rd_kafka_topic_destroy`` + ``rd_kafka_destroy``.

The dumps use canonical names only (aliases are skipped by ``rd_kafka_anyconf_dump``):
``max.in.flight.requests.per.connection`` (not ``max.in.flight``), ``message.send.max.retries``
(not ``retries``), ``queue.buffering.max.ms`` (not ``linger.ms``), ``request.required.acks``
(not ``acks``), ``message.timeout.ms`` (not ``delivery.timeout.ms``). Unset strings such as
``transactional.id`` are absent from the dump (returned as ``None``).

Differences from going through confluent-kafka's Python layer (``common_conf_setup`` in
``src/confluent_kafka/src/confluent_kafka.c``): that layer consumes ``error_cb``,
``throttle_cb``, ``stats_cb``, ``logger``, ``oauth_cb``, ``on_delivery`` and
``delivery.report.only.error`` itself (never passed to librdkafka; with a string value the
callables are refused with a Python ``TypeError``/``ValueError``/``KafkaException``), merges a
``default.topic.config`` dict, sets ``debug`` and ``plugin.library.paths`` before the other
keys, sets ``client.software.name``/``client.software.version`` first, and prefixes
``rd_kafka_new`` errors with ``"Failed to create producer: "``. With ``python_layer=True``
(the default) ``run_librdkafka`` emulates the key handling (stage ``"python"`` for refusals)
and the ordering; ``client_message`` gives the text confluent-kafka's exception would carry.
``--cross-check`` runs a batch both ways and compares.

Python API::

    from librdkafka_client import run_librdkafka, bundled_version
    run_librdkafka([[("enable.idempotence", "true"), ("acks", "1")]])

CLI::

    python tests/oracles/librdkafka_client.py --dump-keys     # regenerate honolint/profiles/librdkafka_keys.py
    python tests/oracles/librdkafka_client.py --demo          # print the result table for a sample batch
    python tests/oracles/librdkafka_client.py --cross-check   # same batch through confluent_kafka.Producer
    python tests/oracles/librdkafka_client.py --json FILE     # FILE: JSON list of configs ({k: v} or [[k, v], ...])

Not thread-safe (one process-wide log collector); calls are serialized with a lock.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import glob
import importlib.util
import json
import os
import re
import sys
import threading
from pathlib import Path
from typing import Iterable, Optional, Sequence

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
KEYS_MODULE = REPO_ROOT / "honolint" / "profiles" / "librdkafka_keys.py"

PROBE_TOPIC = "lint-probe-topic"
BOOTSTRAP = "127.0.0.1:1"
CONFLUENT_PREFIX_NEW = "Failed to create producer: "

# Effective keys returned by default, as the dumps name them (canonical names).
GLOBAL_EFFECTIVE_KEYS = (
    "enable.idempotence",
    "max.in.flight.requests.per.connection",
    "message.send.max.retries",
    "queue.buffering.max.ms",  # linger.ms
    "transactional.id",
    "transaction.timeout.ms",
    "retry.backoff.ms",
    "socket.timeout.ms",
)
TOPIC_EFFECTIVE_KEYS = (
    "request.required.acks",  # acks
    "message.timeout.ms",  # delivery.timeout.ms
    "request.timeout.ms",
    "queuing.strategy",
)
EFFECTIVE_KEYS = GLOBAL_EFFECTIVE_KEYS + TOPIC_EFFECTIVE_KEYS
# Where each common alias's value shows up in the dump.
DUMP_NAME = {
    "linger.ms": "queue.buffering.max.ms",
    "retries": "message.send.max.retries",
    "max.in.flight": "max.in.flight.requests.per.connection",
    "acks": "request.required.acks",
    "delivery.timeout.ms": "message.timeout.ms",
}

# librdkafka constants (rdkafka.h)
RD_KAFKA_PRODUCER = 0
RD_KAFKA_CONF_UNKNOWN, RD_KAFKA_CONF_INVALID, RD_KAFKA_CONF_OK = -2, -1, 0
RD_KAFKA_VTYPE_END, RD_KAFKA_VTYPE_TOPIC, RD_KAFKA_VTYPE_VALUE, RD_KAFKA_VTYPE_MSGFLAGS = 0, 1, 4, 7
RD_KAFKA_MSG_F_COPY = 0x2
RD_KAFKA_PURGE_F_QUEUE, RD_KAFKA_PURGE_F_INFLIGHT = 0x1, 0x2
RD_KAFKA_RESP_ERR__STATE = -172
RD_KAFKA_RESP_ERR__INVALID_ARG = -186

# Keys confluent-kafka-python's common_conf_setup()/producer_conf_set_special() consume itself.
_PY_CALLABLE_KEYS = {
    # key: (exception type, message) raised when the value is not callable
    "error_cb": ("TypeError", "expected error_cb property as a callable function"),
    "throttle_cb": ("ValueError", "expected throttle_cb property as a callable function"),
    "stats_cb": ("TypeError", "expected stats_cb property as a callable function"),
    "oauth_cb": ("TypeError", "expected oauth_cb property as a callable function"),
    "on_delivery": ("KafkaException", "on_delivery requires a callable object"),
}


class OracleError(RuntimeError):
    """The bundled librdkafka could not be found or did not behave as expected."""


# ------------------------------------------------------------------ library loading


class _VuMem(ctypes.Structure):
    _fields_ = [("ptr", ctypes.c_void_p), ("size", ctypes.c_size_t)]


class _VuUnion(ctypes.Union):
    _fields_ = [
        ("cstr", ctypes.c_char_p),
        ("i", ctypes.c_int),
        ("mem", _VuMem),
        ("ptr", ctypes.c_void_p),
        ("_pad", ctypes.c_char * 64),
    ]


class _Vu(ctypes.Structure):  # rd_kafka_vu_t
    _fields_ = [("vtype", ctypes.c_int), ("u", _VuUnion)]


_LOG_CB = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p)

_lib = None
_lib_path: Optional[str] = None
_chosen_path: Optional[str] = None
# Symbols older builds lack; the probe works around them: rd_kafka_conf (1.1.0; without it no effective
# values), rd_kafka_produceva (1.5.0; the topic handle is created directly), rd_kafka_error_* (1.4.0),
# rd_kafka_purge (1.0.0; nothing was produced through the topic handle before 1.5.0, so nothing to purge),
# rd_kafka_conf_get_default_topic_conf (the shadow fallback for topic values).
_OPTIONAL = {"rd_kafka_conf", "rd_kafka_produceva", "rd_kafka_error_code", "rd_kafka_error_string",
             "rd_kafka_error_destroy", "rd_kafka_conf_get_default_topic_conf", "rd_kafka_default_topic_conf_dup",
             "rd_kafka_purge"}


def use_library(path: str) -> None:
    """Test this librdkafka instead of the bundled one; before the first call (one library per process)."""
    global _chosen_path
    if _lib is not None and os.path.realpath(path) != os.path.realpath(_lib_path or ""):
        raise OracleError(f"librdkafka already loaded from {_lib_path}")
    _chosen_path = path


def library_in_use() -> str:
    _load()
    return _lib_path or ""


def has_effective() -> bool:
    """Whether the live handle's configuration can be read back (rd_kafka_conf(rk), librdkafka >= 1.1.0)."""
    return _load().rd_kafka_conf is not None
_lock = threading.RLock()


def library_path() -> str:
    """Path of the librdkafka under test: ``use_library()``'s, else ``$HONOLINT_LIBRDKAFKA``, else the one
    bundled in the installed confluent-kafka wheel."""
    chosen = _chosen_path or os.environ.get("HONOLINT_LIBRDKAFKA")
    if chosen:
        if not os.path.isfile(chosen):
            raise OracleError(f"HONOLINT_LIBRDKAFKA={chosen}: no such file")
        return chosen
    spec = importlib.util.find_spec("confluent_kafka")
    candidates: list[str] = []
    if spec is not None and spec.origin:
        pkg = os.path.dirname(spec.origin)
        site = os.path.dirname(pkg)
        candidates += sorted(glob.glob(os.path.join(site, "confluent_kafka.libs", "librdkafka*.so*")))
        candidates += sorted(glob.glob(os.path.join(pkg, ".dylibs", "librdkafka*.dylib")))
        candidates += sorted(glob.glob(os.path.join(site, "confluent_kafka.libs", "librdkafka*.dll")))
    if not candidates:
        found = ctypes.util.find_library("rdkafka")
        if found:
            candidates.append(found)
    if not candidates:
        raise OracleError("librdkafka not found: pip install confluent-kafka")
    return candidates[0]


def _load():
    global _lib, _lib_path
    if _lib is not None:
        return _lib
    path = library_path()
    if path != _bundled_or_none():
        _preload_siblings(path)
    lib = ctypes.CDLL(path)
    _check_mapped(path)
    vp, cp, sz, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int
    szp = ctypes.POINTER(ctypes.c_size_t)
    strarr = ctypes.POINTER(ctypes.c_char_p)

    def sig(name, restype, *argtypes):
        if name in _OPTIONAL and not hasattr(lib, name):
            setattr(lib, name, None)
            return
        f = getattr(lib, name)
        f.restype = restype
        f.argtypes = list(argtypes)

    sig("rd_kafka_version_str", cp)
    sig("rd_kafka_conf_new", vp)
    sig("rd_kafka_conf_destroy", None, vp)
    sig("rd_kafka_conf_set", i, vp, cp, cp, ctypes.c_char_p, sz)
    sig("rd_kafka_conf_set_log_cb", None, vp, _LOG_CB)
    sig("rd_kafka_conf_set_default_topic_conf", None, vp, vp)
    sig("rd_kafka_conf_dump", strarr, vp, szp)
    sig("rd_kafka_topic_conf_dump", strarr, vp, szp)
    sig("rd_kafka_conf_dump_free", None, strarr, sz)
    sig("rd_kafka_conf_properties_show", None, vp)
    sig("rd_kafka_topic_conf_new", vp)
    sig("rd_kafka_topic_conf_destroy", None, vp)
    sig("rd_kafka_topic_conf_set", i, vp, cp, cp, ctypes.c_char_p, sz)
    sig("rd_kafka_new", vp, i, vp, ctypes.c_char_p, sz)
    sig("rd_kafka_conf", vp, vp)
    sig("rd_kafka_default_topic_conf_dup", vp, vp)
    sig("rd_kafka_conf_get_default_topic_conf", vp, vp)
    sig("rd_kafka_produceva", vp, vp, ctypes.POINTER(_Vu), sz)
    sig("rd_kafka_error_code", i, vp)
    sig("rd_kafka_error_string", cp, vp)
    sig("rd_kafka_error_destroy", None, vp)
    sig("rd_kafka_topic_new", vp, vp, cp, vp)
    sig("rd_kafka_topic_destroy", None, vp)
    sig("rd_kafka_purge", i, vp, i)
    sig("rd_kafka_destroy", None, vp)
    sig("rd_kafka_last_error", i)
    sig("rd_kafka_err2str", cp, i)
    sig("rd_kafka_err2name", cp, i)
    _lib, _lib_path = lib, path
    return lib


def _bundled_or_none() -> Optional[str]:
    return None if (_chosen_path or os.environ.get("HONOLINT_LIBRDKAFKA")) else library_path()


def _preload_siblings(path: str) -> None:
    """An extracted old wheel carries libssl, libcrypto, libz... beside librdkafka: load them first, globally."""
    here = os.path.realpath(path)
    # not the monitoring-interceptor plugin: it NEEDS librdkafka.so.1, which would pull in a system librdkafka
    # (Debian's librdkafka1) whose SONAME then shadows the file asked for
    pending = [p for p in sorted(glob.glob(os.path.join(os.path.dirname(here), "*.so*")))
               if os.path.realpath(p) != here and "interceptor" not in os.path.basename(p)]
    while pending:  # in dependency order: libcrypto needs the libz beside it, by its hashed name
        left = []
        for other in pending:
            try:
                ctypes.CDLL(other, mode=ctypes.RTLD_GLOBAL)
            except OSError:
                left.append(other)  # needs one not loaded yet (or librdkafka itself: an interceptor plugin)
        if len(left) == len(pending):
            return
        pending = left


def _check_mapped(path: str) -> None:
    """dlopen returns an already loaded library of the same SONAME instead of the file: say so."""
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return  # not Linux
    if os.path.realpath(path) not in maps:
        raise OracleError(f"{path} was not loaded: another librdkafka of the same SONAME was loaded first")


def bundled_version() -> str:
    """librdkafka's own version string, ``rd_kafka_version_str()``."""
    return _load().rd_kafka_version_str().decode()


def _confluent_kafka_version() -> Optional[str]:
    try:
        from importlib.metadata import version

        return version("confluent-kafka")
    except Exception:  # pragma: no cover - metadata missing
        return None


# ------------------------------------------------------------------ logging


class _Logs:
    """Collects log lines emitted on the calling thread while a probe runs."""

    def __init__(self) -> None:
        self.active: Optional[list[tuple[int, str, str]]] = None
        self.thread: Optional[int] = None


_logs = _Logs()


def _log_cb(rk, level, fac, buf):  # called by librdkafka, possibly from its own threads
    try:
        sink = _logs.active
        if sink is not None and threading.get_ident() == _logs.thread:
            sink.append((level, (fac or b"").decode("utf-8", "replace"), (buf or b"").decode("utf-8", "replace")))
    except Exception:  # never let an exception cross into C
        pass


_log_cb_c = _LOG_CB(_log_cb)  # keep a reference for the process lifetime

_TOPICCONF_RE = re.compile(r'^(?:\[thrd:[^\]]*\]: )?Incompatible configuration settings for topic "(?P<topic>.*?)": (?P<reason>.*)$', re.S)


# ------------------------------------------------------------------ dumps


def _dump(arr_fn, obj) -> dict[str, str]:
    lib = _load()
    cnt = ctypes.c_size_t(0)
    arr = arr_fn(obj, ctypes.byref(cnt))
    try:
        out = {}
        for k in range(0, cnt.value, 2):
            name = arr[k].decode()
            val = arr[k + 1]
            out[name] = val.decode("utf-8", "replace") if val is not None else None
        return out
    finally:
        lib.rd_kafka_conf_dump_free(arr, cnt.value)


def _global_dump(rk) -> dict[str, str]:
    lib = _load()
    if lib.rd_kafka_conf is None:
        return {}
    return _dump(lib.rd_kafka_conf_dump, lib.rd_kafka_conf(rk))


def _topic_conf_dump(tconf) -> dict[str, str]:
    return _dump(_load().rd_kafka_topic_conf_dump, tconf)


# ------------------------------------------------------------------ live topic conf (calibrated)

_CALIB = {
    "request.required.acks": "777",
    "request.timeout.ms": "123457",
    "message.timeout.ms": "1987654321",
    "partitioner": "murmur2",
    "compression.codec": "lz4",
}
# required_acks, request_timeout_ms, message_timeout_ms: three consecutive ints in
# struct rd_kafka_topic_conf_s (rdkafka_conf.h), right after the anyconf header.
_CALIB_PATTERN = (777).to_bytes(4, sys.byteorder, signed=True) + (123457).to_bytes(4, sys.byteorder) + (
    1987654321
).to_bytes(4, sys.byteorder)
# A chosen (old) library: message.timeout.ms was at most 900000 in 1.0.x (CONFIGURATION.md at v1.0.0), and
# rd_kafka_topic_t had no "IRKT" magic at its start before 1.5.0 (src/rdkafka_topic.h); the dump check stays.
_OLD_CALIB_TIMEOUT = 876543
_FILLED_POINTERS = {"partitioner_cb", "msg_order_cmp", "opaque"}
_rkt_conf_offset: Optional[int] = None
_calibrated = False
_calibration_note = ""


def _scan(addr: int, pattern: bytes, limits=(256, 512, 1024, 2048, 4096)) -> Optional[int]:
    for n in limits:
        hit = ctypes.string_at(addr, n).find(pattern)
        if hit >= 0:
            return hit
    return None


def _calibrate() -> Optional[int]:
    """Find offsetof(rd_kafka_topic_t, rkt_conf) for this build, or None."""
    global _rkt_conf_offset, _calibrated, _calibration_note
    if _calibrated:
        return _rkt_conf_offset
    _calibrated = True
    lib = _load()
    chosen = _bundled_or_none() is None
    calib, pattern = dict(_CALIB), _CALIB_PATTERN
    if chosen:
        calib["message.timeout.ms"] = str(_OLD_CALIB_TIMEOUT)
        pattern = pattern[:8] + _OLD_CALIB_TIMEOUT.to_bytes(4, sys.byteorder)
    err = ctypes.create_string_buffer(512)
    tc = lib.rd_kafka_topic_conf_new()
    for k, v in calib.items():
        if lib.rd_kafka_topic_conf_set(tc, k.encode(), v.encode(), err, 512) != RD_KAFKA_CONF_OK:
            lib.rd_kafka_topic_conf_destroy(tc)
            _calibration_note = "calibration topic conf refused: " + err.value.decode()
            return None
    in_conf = _scan(tc, pattern, (512, 1024))
    expected = _topic_conf_dump(tc)
    conf = lib.rd_kafka_conf_new()
    lib.rd_kafka_conf_set_log_cb(conf, _log_cb_c)
    lib.rd_kafka_conf_set(conf, b"bootstrap.servers", BOOTSTRAP.encode(), err, 512)
    rk = lib.rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, 512)
    if not rk:
        lib.rd_kafka_conf_destroy(conf)
        lib.rd_kafka_topic_conf_destroy(tc)
        _calibration_note = "calibration producer refused: " + err.value.decode()
        return None
    try:
        rkt = lib.rd_kafka_topic_new(rk, b"honolint-calibration", tc)  # takes ownership of tc
        if not rkt:
            _calibration_note = "calibration topic refused"
            return None
        try:
            if in_conf is None or (ctypes.string_at(rkt, 4) != b"IRKT" and not chosen):
                _calibration_note = "unexpected topic handle layout"
                return None
            hit = _scan(rkt, pattern)
            if hit is None or hit < in_conf:
                _calibration_note = "rkt_conf not found in topic handle"
                return None
            off = hit - in_conf
            got = _topic_conf_dump(rkt + off)
            for k, v in calib.items():
                if got.get(k) != v:
                    _calibration_note = f"verification failed on {k}: {got.get(k)!r}"
                    return None
            # topic_new0 fills in the partitioner and message-order function pointers
            if not set(expected) <= set(got) or set(got) - set(expected) - _FILLED_POINTERS:
                _calibration_note = "verification failed: dumped key sets differ"
                return None
            _rkt_conf_offset = off
            _calibration_note = f"offsetof(rd_kafka_topic_t, rkt_conf) = {off}"
            return off
        finally:
            lib.rd_kafka_topic_destroy(rkt)
    finally:
        if lib.rd_kafka_purge:
            lib.rd_kafka_purge(rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
        lib.rd_kafka_destroy(rk)


# ------------------------------------------------------------------ the probe


def _normalize(cfg) -> list[tuple[str, str]]:
    if isinstance(cfg, dict):
        return [(str(k), str(v)) for k, v in cfg.items()]
    return [(str(k), str(v)) for k, v in cfg]


def _python_layer(pairs: list[tuple[str, str]]):
    """Emulate confluent-kafka-python's handling of the dict before librdkafka sees it.

    Returns (pairs to pass to rd_kafka_conf_set in order, refusal or None). A refusal is
    (exception type name, message).
    """
    d: dict[str, str] = {}
    for k, v in pairs:  # dict semantics: a repeated key keeps its first position, last value
        d[k] = v
    if "default.topic.config" in d:
        # PyDict_Update(confdict, <str>)
        return None, ("AttributeError", f"'{type(d['default.topic.config']).__name__}' object has no attribute 'keys'")
    first = [k for k in ("debug", "plugin.library.paths") if k in d]
    order = first + [k for k in d if k not in first]
    out = []
    for k in order:
        v = d[k]
        if k == "logger":
            continue
        if k in _PY_CALLABLE_KEYS:
            return None, _PY_CALLABLE_KEYS[k]
        if k == "delivery.report.only.error":
            return None, ("TypeError", "Expected delivery.report.only.error to be bool type, not str")
        out.append((k, v))
    return out, None


def _blank(stage, message, client_message=None, effective=None, warnings=None, **extra):
    r = {
        "accepted": stage is None,
        "stage": stage,
        "message": message,
        "client_message": client_message if client_message is not None else message,
        "effective": effective if effective is not None else {},
        "warnings": warnings or [],
    }
    r.update(extra)
    return r


def _probe_one(pairs: list[tuple[str, str]], python_layer: bool, full: bool) -> dict:
    lib = _load()
    if python_layer:
        set_pairs, refusal = _python_layer(pairs)
        if refusal is not None:
            exc, msg = refusal
            return _blank("python", msg, client_message=f"{exc}: {msg}")
    else:
        set_pairs = list(pairs)
    if not any(k in ("bootstrap.servers", "metadata.broker.list") for k, _ in set_pairs):
        set_pairs.append(("bootstrap.servers", BOOTSTRAP))
    if _quiet_telemetry() and not any(k == "enable.metrics.push" for k, _ in set_pairs):
        set_pairs.append(("enable.metrics.push", "false"))

    err = ctypes.create_string_buffer(512)
    logs: list[tuple[int, str, str]] = []
    _logs.active, _logs.thread = logs, threading.get_ident()
    rk = None
    rkt = None
    try:
        conf = lib.rd_kafka_conf_new()
        for k, v in set_pairs:
            res = lib.rd_kafka_conf_set(conf, k.encode(), v.encode(), err, 512)
            if res != RD_KAFKA_CONF_OK:
                lib.rd_kafka_conf_destroy(conf)
                msg = err.value.decode("utf-8", "replace")
                return _blank("conf_set", msg, key=k, conf_res=res)
        lib.rd_kafka_conf_set_log_cb(conf, _log_cb_c)
        rk = lib.rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, 512)
        if not rk:
            lib.rd_kafka_conf_destroy(conf)
            msg = err.value.decode("utf-8", "replace")
            return _blank("new", msg, client_message=CONFLUENT_PREFIX_NEW + msg, warnings=_warnings(logs))

        # produce one message: the first topic handle runs the topic-level checks
        payload = ctypes.create_string_buffer(b"x", 1)
        topic_b = PROBE_TOPIC.encode()  # kept alive for the call
        vus = (_Vu * 3)()
        vus[0].vtype, vus[0].u.i = RD_KAFKA_VTYPE_MSGFLAGS, RD_KAFKA_MSG_F_COPY
        vus[1].vtype, vus[1].u.cstr = RD_KAFKA_VTYPE_TOPIC, topic_b
        vus[2].vtype = RD_KAFKA_VTYPE_VALUE
        vus[2].u.mem.ptr, vus[2].u.mem.size = ctypes.cast(payload, ctypes.c_void_p), 1
        n_logs = len(logs)
        error = lib.rd_kafka_produceva(rk, vus, 3) if lib.rd_kafka_produceva else None
        topic_via = "produce"
        produce_err = None
        if lib.rd_kafka_produceva is None:  # before 1.5.0: the topic handle the first produce() would create
            topic_via = "topic_new"
            rkt = lib.rd_kafka_topic_new(rk, PROBE_TOPIC.encode(), None)
            if not rkt:
                produce_err = (lib.rd_kafka_last_error(), "topic handle creation failed")
        elif error:
            code = lib.rd_kafka_error_code(error)
            produce_err = (code, lib.rd_kafka_error_string(error).decode("utf-8", "replace"))
            lib.rd_kafka_error_destroy(error)
        if produce_err is not None and produce_err[0] == RD_KAFKA_RESP_ERR__STATE:
            # transactional producer outside a transaction: run the topic creation directly
            topic_via = "topic_new"
            rkt = lib.rd_kafka_topic_new(rk, PROBE_TOPIC.encode(), None)
            if not rkt:
                produce_err = (lib.rd_kafka_last_error(), "topic handle creation failed")
            else:
                produce_err = None
        if produce_err is not None:
            reason = None
            for _lvl, fac, text in logs[n_logs:]:
                m = _TOPICCONF_RE.match(text) if fac == "TOPICCONF" else None
                if m:
                    reason = m.group("reason")
            code, text = produce_err
            client = "Unable to produce message: " + lib.rd_kafka_err2str(code).decode()
            eff = _select(_global_dump(rk), {}, full)
            return _blank(
                "produce",
                reason if reason is not None else text,
                client_message=client,
                effective=eff,
                warnings=_warnings(logs),
                error_name=lib.rd_kafka_err2name(code).decode(),
                topic_via=topic_via,
            )
        if rkt is None:
            rkt = lib.rd_kafka_topic_new(rk, PROBE_TOPIC.encode(), None)  # the existing handle
        gdump = _global_dump(rk)
        off = _calibrate()
        if rkt and off is not None:
            tdump = _topic_conf_dump(rkt + off)
            source = "topic-handle"
        else:
            tdump = _shadow_topic_dump(set_pairs)
            source = "shadow"
        return _blank(
            None,
            None,
            effective=_select(gdump, tdump, full),
            warnings=_warnings(logs),
            topic_via=topic_via,
            topic_conf_source=source,
        )
    finally:
        _logs.active = None
        if rkt:
            lib.rd_kafka_topic_destroy(rkt)
        if rk:
            if lib.rd_kafka_purge:
                lib.rd_kafka_purge(rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
            lib.rd_kafka_destroy(rk)


_quiet: Optional[bool] = None


def _quiet_telemetry() -> bool:
    """Whether to add ``enable.metrics.push=false``: only for a chosen (old) library that has the property.

    librdkafka 2.5.0-2.6.x waited one second in ``rd_kafka_destroy`` for the KIP-714 telemetry to end
    (``rd_kafka_telemetry_await_termination``, src/rdkafka_telemetry.c at v2.6.0), 3000 configurations
    an hour; the property has no bearing on the producer checks. The bundled library is left as it is.
    """
    global _quiet
    if _quiet is None:
        lib = _load()
        _quiet = False
        if _bundled_or_none() is None:
            conf = lib.rd_kafka_conf_new()
            err = ctypes.create_string_buffer(512)
            _quiet = lib.rd_kafka_conf_set(conf, b"enable.metrics.push", b"false", err, 512) == RD_KAFKA_CONF_OK
            lib.rd_kafka_conf_destroy(conf)
    return _quiet


def _shadow_topic_dump(set_pairs) -> dict[str, str]:
    """Fallback: the finalized default topic conf of a twin producer created with one.

    Read in place with rd_kafka_conf_get_default_topic_conf(rd_kafka_conf(rk)), NOT with
    rd_kafka_default_topic_conf_dup(): a topic conf dup copies only the properties marked as
    set, so it loses what rd_kafka_topic_conf_finalize() adjusted (e.g. message.timeout.ms =
    transaction.timeout.ms).
    """
    lib = _load()
    if lib.rd_kafka_conf is None or lib.rd_kafka_conf_get_default_topic_conf is None:
        return {}
    err = ctypes.create_string_buffer(512)
    conf = lib.rd_kafka_conf_new()
    lib.rd_kafka_conf_set_default_topic_conf(conf, lib.rd_kafka_topic_conf_new())
    for k, v in set_pairs:
        lib.rd_kafka_conf_set(conf, k.encode(), v.encode(), err, 512)
    lib.rd_kafka_conf_set_log_cb(conf, _log_cb_c)
    rk = lib.rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, 512)
    if not rk:
        lib.rd_kafka_conf_destroy(conf)
        return {}
    try:
        tc = lib.rd_kafka_conf_get_default_topic_conf(lib.rd_kafka_conf(rk))
        return _topic_conf_dump(tc) if tc else {}
    finally:
        lib.rd_kafka_destroy(rk)


def _select(gdump: dict, tdump: dict, full: bool) -> dict:
    if full:
        out = dict(gdump)
        out.update({("topic:" + k if k in gdump else k): v for k, v in tdump.items()})
        return out
    out = {k: gdump.get(k) for k in GLOBAL_EFFECTIVE_KEYS}
    if tdump:
        out.update({k: tdump.get(k) for k in TOPIC_EFFECTIVE_KEYS})
    return out


_THRD_RE = re.compile(r"^\[thrd:[^\]]*\]: ")


def _warnings(logs) -> list[str]:
    return [_THRD_RE.sub("", text) for lvl, fac, text in logs if fac == "CONFWARN"]


def run_librdkafka(
    configs: Sequence[Iterable[tuple[str, str]]],
    *,
    python_layer: bool = True,
    full_dump: bool = False,
) -> list[dict]:
    """Run each config through the bundled librdkafka; one result dict per config.

    Result: ``accepted`` (bool), ``stage`` (None | "python" | "conf_set" | "new" | "produce"),
    ``message`` (librdkafka's own error text, for "produce" the TOPICCONF reason),
    ``client_message`` (the text confluent-kafka-python's exception would carry),
    ``effective`` (canonical dump name -> string value; topic keys only once a topic handle
    exists), ``warnings`` (CONFWARN log lines), plus ``key``/``conf_res`` for conf_set refusals,
    ``topic_via``/``topic_conf_source``/``error_name`` where they apply.
    """
    with _lock:
        _load()
        _calibrate()
        return [_probe_one(_normalize(c), python_layer, full_dump) for c in configs]


def calibration_note() -> str:
    with _lock:
        _calibrate()
        return _calibration_note


# ------------------------------------------------------------------ cross-check via confluent_kafka


def run_confluent_kafka(configs: Sequence[Iterable[tuple[str, str]]]) -> list[dict]:
    """The same probe through ``confluent_kafka.Producer`` (for cross-checking only).

    Adds ``bootstrap.servers`` when absent and a ``logger`` (Python-level key; sets
    ``log.queue=true``) to capture the TOPICCONF line, which arrives on ``poll(0)``.
    """
    import logging

    import confluent_kafka

    class _Cap(logging.Handler):
        def __init__(self):
            super().__init__(logging.DEBUG)
            self.records: list[str] = []

        def emit(self, record):
            self.records.append(record.getMessage())

    out = []
    for cfg in configs:
        pairs = _normalize(cfg)
        conf = dict(pairs)
        if "bootstrap.servers" not in conf and "metadata.broker.list" not in conf:
            conf["bootstrap.servers"] = BOOTSTRAP
        cap = _Cap()
        logger = logging.getLogger(f"honolint.oracle.ck.{id(cap)}")
        logger.propagate = False
        logger.setLevel(logging.DEBUG)
        logger.addHandler(cap)
        conf["logger"] = logger
        r = {"accepted": True, "stage": None, "message": None, "client_message": None}
        try:
            p = confluent_kafka.Producer(conf)
        except confluent_kafka.KafkaException as e:
            msg = str(e.args[0].str()) if e.args and hasattr(e.args[0], "str") else str(e)
            if msg in {m for _, m in _PY_CALLABLE_KEYS.values()}:
                r.update(accepted=False, stage="python", client_message="KafkaException: " + msg, message=msg)
            else:
                stage = "new" if msg.startswith(CONFLUENT_PREFIX_NEW) else "conf_set"
                r.update(accepted=False, stage=stage, client_message=msg,
                         message=msg[len(CONFLUENT_PREFIX_NEW):] if stage == "new" else msg)
            out.append(r)
            logger.removeHandler(cap)
            continue
        except (TypeError, ValueError, AttributeError) as e:
            r.update(accepted=False, stage="python", client_message=f"{type(e).__name__}: {e}", message=str(e))
            out.append(r)
            logger.removeHandler(cap)
            continue
        try:
            p.produce(PROBE_TOPIC, b"x")
        except confluent_kafka.KafkaException as e:
            kerr = e.args[0]
            p.poll(0)
            reason = None
            for text in cap.records:
                m = re.search(r'Incompatible configuration settings for topic "[^"]*": (.*)$', text, re.S)
                if m:
                    reason = m.group(1)
            if kerr.code() == confluent_kafka.KafkaError._STATE:
                r.update(produce_state_error=kerr.str())
            else:
                r.update(accepted=False, stage="produce", client_message=kerr.str(), message=reason)
        try:
            p.purge()
        except Exception:
            pass
        del p
        logger.removeHandler(cap)
        out.append(r)
    return out


# ------------------------------------------------------------------ --dump-keys

_ROW_RE = re.compile(
    r"^(?P<name>[A-Za-z0-9_.\-]+)\s*\|\s*(?P<cp>[CP*])\s*\|\s*(?P<range>[^|]*?)\s*\|\s*(?P<default>.*?)\s*\|"
    r"\s*(?P<imp>low|medium|high)\s*\|\s*(?P<desc>.*)$"
)
_TYPE_RE = re.compile(r"<br>\*Type: (?P<type>[^*]+)\*\s*$")
_ALIAS_RE = re.compile(r"Alias for `(?P<canon>[^`]+)`")
_TYPE_MAP = {"enum value": "enum"}


def properties_table() -> str:
    """The CONFIGURATION.md text printed by ``rd_kafka_conf_properties_show(FILE*)``."""
    lib = _load()
    libc = ctypes.CDLL(None)
    libc.tmpfile.restype = ctypes.c_void_p
    libc.fflush.argtypes = [ctypes.c_void_p]
    libc.fileno.argtypes = [ctypes.c_void_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    fp = libc.tmpfile()
    if not fp:
        raise OracleError("tmpfile() failed")
    try:
        lib.rd_kafka_conf_properties_show(fp)
        libc.fflush(fp)
        fd = libc.fileno(fp)
        os.lseek(fd, 0, os.SEEK_SET)
        chunks = []
        while True:
            b = os.read(fd, 1 << 16)
            if not b:
                break
            chunks.append(b)
        return b"".join(chunks).decode("utf-8")
    finally:
        libc.fclose(fp)


def _num(text: str, as_float: bool):
    v = float(text)
    if as_float:
        return v
    return int(v) if v.is_integer() else v


def parse_properties(table: str) -> list[dict]:
    """Rows of the table: name, scope, applies_to, type, min, max, default, values, flags."""
    rows = []
    scope = None
    for line in table.splitlines():
        if line.startswith("## Global configuration properties"):
            scope = "global"
            continue
        if line.startswith("## Topic configuration properties"):
            scope = "topic"
            continue
        if line.startswith("#"):
            scope = None if not line.startswith("## ") else scope
            continue
        if scope is None or line.startswith("Property ") or line.startswith("---"):
            continue
        m = _ROW_RE.match(line)
        if not m:
            continue
        desc = m.group("desc")
        t = _TYPE_RE.search(desc)
        if not t:
            raise OracleError(f"no type in row: {line[:80]}")
        typ = _TYPE_MAP.get(t.group("type").strip(), t.group("type").strip())
        rng = m.group("range").strip()
        lo = hi = None
        values: Optional[tuple[str, ...]] = None
        rm = re.fullmatch(r"(-?[0-9.eE+]+) \.\. (-?[0-9.eE+]+)", rng)
        if rm:
            lo, hi = _num(rm.group(1), typ == "float"), _num(rm.group(2), typ == "float")
        elif rng and typ in ("enum", "CSV flags"):
            values = tuple(v.strip() for v in rng.split(","))
        alias = _ALIAS_RE.search(desc)
        rows.append(
            {
                "name": m.group("name"),
                "scope": scope,
                "applies_to": m.group("cp"),
                "type": typ,
                "min": lo,
                "max": hi,
                "default": m.group("default").strip(),
                "values": values,
                "alias_for": alias.group("canon") if alias else None,
                "deprecated": "**DEPRECATED**" in desc,
                "experimental": "**EXPERIMENTAL**" in desc,
            }
        )
    return rows


def render_keys_module(rows: list[dict], version: str) -> str:
    ck = _confluent_kafka_version()
    by_name: dict[str, dict] = {}
    shadowed: dict[str, dict] = {}
    for r in rows:
        if r["name"] in by_name:
            # rd_kafka_conf_set() resolves a name in the global scope first; the topic-scope
            # property of the same name is reachable only as "topic.<name>" or via topic conf.
            shadowed[r["name"]] = r
        else:
            by_name[r["name"]] = r

    def tup(r):
        return (r["scope"], r["applies_to"], r["type"], r["min"], r["max"], r["default"])

    lines = [
        f'"""librdkafka {version} configuration properties, as librdkafka itself prints them.',
        "",
        f"GENERATED by `python tests/oracles/librdkafka_client.py --dump-keys` from librdkafka {version}",
        f"(bundled in confluent-kafka {ck}); source: rd_kafka_conf_properties_show(). Do not edit.",
        "",
        "PROPERTIES[name] = (scope, applies_to, type, min, max, default)",
        '  scope: "global" | "topic"; applies_to: "P" producer, "C" consumer, "*" both;',
        '  type: "integer" | "boolean" | "string" | "enum" | "float" | "CSV flags" | "pattern list"',
        '        | "see dedicated API"; min/max: numeric range or None; default: as the table prints it.',
        "  Names are case-sensitive. Aliases are listed too (same entry as their canonical property).",
        "  rd_kafka_conf_set() looks a name up in the global scope first, then in the topic scope",
        '  (a "topic." prefix is stripped there), so TOPIC_SHADOWED holds the topic-scope entries',
        '  whose name is also a global property (reachable only as "topic.<name>").',
        "ALIASES[alias] = canonical name; ENUM_VALUES[name] = allowed values of enum and CSV-flags",
        "properties. Both follow the global-first resolution; TOPIC_SHADOWED_* hold the same for the",
        "shadowed topic-scope entries.",
        '"""',
        "",
        f"VERSION = {version!r}",
        "",
        "PROPERTIES: dict[str, tuple] = {",
    ]
    for name, r in by_name.items():
        lines.append(f"    {name!r}: {tup(r)!r},")
    lines += ["}", "", "TOPIC_SHADOWED: dict[str, tuple] = {"]
    for name, r in shadowed.items():
        lines.append(f"    {name!r}: {tup(r)!r},")
    lines.append("}")

    def aliases(rs):
        return {r["name"]: r["alias_for"] for r in rs if r["alias_for"]}

    def enums(rs):
        return {r["name"]: r["values"] for r in rs if r["values"] is not None}

    for title, data, typ in (
        ("ALIASES", aliases(by_name.values()), "dict[str, str]"),
        ("TOPIC_SHADOWED_ALIASES", aliases(shadowed.values()), "dict[str, str]"),
        ("ENUM_VALUES", enums(by_name.values()), "dict[str, tuple[str, ...]]"),
        ("TOPIC_SHADOWED_ENUM_VALUES", enums(shadowed.values()), "dict[str, tuple[str, ...]]"),
    ):
        lines += ["", f"{title}: {typ} = {{"]
        lines += [f"    {k!r}: {v!r}," for k, v in data.items()]
        lines.append("}")
    lines.append("")
    return "\n".join(lines)


def dump_keys(path: Path = KEYS_MODULE) -> Path:
    with _lock:
        text = render_keys_module(parse_properties(properties_table()), bundled_version())
    path.write_text(text)
    return path


# ------------------------------------------------------------------ demo batch

DEMO_BATCH: list[list[tuple[str, str]]] = [
    [],
    [("enable.idempotence", "true")],
    [("enable.idempotence", "true"), ("acks", "1")],
    [("enable.idempotence", "true"), ("max.in.flight", "6")],
    [("enable.idempotence", "true"), ("retries", "0")],
    [("acks", "ALL")],
    [("acks", " all")],
    [("acks", "2")],
    [("acks", "1001")],
    [("retries", "3x")],
    [("max.in.flight.requests.per.connection", "010")],
    [("linger.ms", "5ms")],
    [("enable.idempotence", "yes")],
    [("enable.idempotence", "TRUE")],
    [("transactional.id", "")],
    [("transactional.id", "tx")],
    [("transactional.id", "tx"), ("enable.idempotence", "false")],
    [("message.timeout.ms", "1000"), ("linger.ms", "2000")],
    [("linger.ms", "400000")],
    [("linger.ms", "400000"), ("acks", "all")],
    [("max.block.ms", "1")],
    [("Acks", "all")],
    [("max.in.flight.requests.per.connection", "5"), ("max.in.flight", "6")],
    [("delivery.timeout.ms", "20000")],
    [("request.timeout.ms", "0")],
    [("retry.backoff.ms", "0")],
    [("enable.idempotence", "true"), ("queuing.strategy", "lifo")],
    [("max.in.flight", "0")],
    [("retries", "-1")],
    [("enable.idempotence", "1")],
    [("enable.idempotence", "t")],
    [("acks", "-1")],
    [("acks", "all")],
    [("topic.acks", "1"), ("enable.idempotence", "true")],
]

# More configs for --cross-check: keys confluent-kafka's Python layer handles, other checks.
CROSS_EXTRA: list[list[tuple[str, str]]] = [
    [("error_cb", "x")],
    [("throttle_cb", "x")],
    [("stats_cb", "x")],
    [("oauth_cb", "x")],
    [("on_delivery", "x")],
    [("delivery.report.only.error", "true")],
    [("default.topic.config", "x")],
    [("debug", "nonsense")],
    [("dr_msg_cb", "x")],
    [("acks", "1"), ("debug", "bogus")],
    [("compression.type", "zstd")],
    [("topic.compression.codec", "lz4")],
    [("enable.idempotency", "true")],
    [("key.serializer", "x")],
    [("group.id", "g")],
    [("retry.backoff.ms", "2000"), ("retry.backoff.max.ms", "1000")],
    [("transactional.id", "tx"), ("message.timeout.ms", "120000")],
    [("transactional.id", "tx"), ("socket.timeout.ms", "90000")],
    [("transactional.id", "tx"), ("acks", "1")],
    [("transactional.id", "tx"), ("transaction.timeout.ms", "30000"), ("delivery.timeout.ms", "20000")],
    [("message.timeout.ms", "3")],
    [("message.timeout.ms", "1000"), ("linger.ms", "1000")],
    [("message.timeout.ms", "0"), ("linger.ms", "400000")],
    [("delivery.timeout.ms", "30000"), ("request.timeout.ms", "60000")],
    [("enable.gapless.guarantee", "true")],
    [("enable.idempotence", "true"), ("queue.buffering.backpressure.threshold", "5")],
    [("enable.idempotence", "true"), ("request.required.acks", "0")],
    [("enable.idempotence", "true"), ("message.send.max.retries", "0")],
    [("max.in.flight.requests.per.connection", "6"), ("retries", "3")],
    [("max.in.flight.requests.per.connection", "0x5")],
    [("linger.ms", "1e3")],
    [("acks", "two")],
    [("acks", "-2")],
    [("max.in.flight", "6"), ("max.in.flight.requests.per.connection", "5")],
]

_COLS = (
    ("idem", "enable.idempotence"),
    ("mif", "max.in.flight.requests.per.connection"),
    ("retries", "message.send.max.retries"),
    ("acks", "request.required.acks"),
    ("msg.timeout", "message.timeout.ms"),
    ("linger", "queue.buffering.max.ms"),
)


def _cfg_text(pairs) -> str:
    return "{" + ", ".join(f"{k}={v!r}" for k, v in pairs) + "}"


def _md_code(text: str) -> str:
    """Markdown code span; a trailing newline in librdkafka's text is shown as \\n."""
    text = text.replace("\n", "\\n").replace("|", "\\|")
    return "`` " + text + " ``" if "`" in text else "`" + text + "`"


def demo_table(results, configs) -> str:
    head = ["config", "accepted", "stage", "message"] + [c for c, _ in _COLS]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for cfg, r in zip(configs, results):
        eff = r["effective"]
        cells = [
            "`" + _cfg_text(cfg) + "`",
            "yes" if r["accepted"] else "NO",
            r["stage"] or "",
            _md_code(r["message"]) if r["message"] else "",
        ] + [str(eff.get(k, "")) if eff.get(k) is not None else "" for _, k in _COLS]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def main(argv: Optional[list[str]] = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dump-keys", action="store_true", help="regenerate honolint/profiles/librdkafka_keys.py")
    ap.add_argument("--demo", action="store_true", help="print the result table for the sample batch")
    ap.add_argument("--cross-check", action="store_true", help="compare with confluent_kafka.Producer")
    ap.add_argument("--json", metavar="FILE", help="JSON list of configs; print results as JSON")
    ap.add_argument("--raw", action="store_true", help="with --json: no confluent-kafka key emulation")
    a = ap.parse_args(argv)
    if a.dump_keys:
        print(dump_keys())
    if a.demo:
        res = run_librdkafka(DEMO_BATCH)
        print(f"librdkafka {bundled_version()} ({_lib_path}); {calibration_note()}")
        print(demo_table(res, DEMO_BATCH))
    if a.cross_check:
        batch = DEMO_BATCH + CROSS_EXTRA
        mine = run_librdkafka(batch)
        theirs = run_confluent_kafka(batch)
        bad = 0
        for cfg, m, t in zip(batch, mine, theirs):
            same = (m["accepted"], m["stage"], m["message"], m["client_message"]) == (
                t["accepted"], t["stage"], t["message"], t["client_message"])
            if "produce_state_error" in t and m["accepted"]:
                same = True  # transactional: confluent-kafka cannot produce outside a transaction
            bad += not same
            print(("same " if same else "DIFF ") + _cfg_text(cfg) + ("" if same else f"\n  ctypes: {m}\n  ck:     {t}"))
        print(f"{len(batch) - bad} same, {bad} different")
        return 1 if bad else 0
    if a.json:
        configs = json.loads(Path(a.json).read_text())
        print(json.dumps(run_librdkafka(configs, python_layer=not a.raw), indent=1))
    if not (a.dump_keys or a.demo or a.cross_check or a.json):
        ap.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
