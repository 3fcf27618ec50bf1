"""The expression syntaxes each reader resolves (honolint/expressions.py), as the readers' own sources
and tests say they behave: Spring Framework 6.2's PlaceholderParser, SmallRye Config's expression
interceptor, Vector's and docker compose's interpolation, Kafka's ConfigTransformer."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from honolint.expressions import SYNTAXES, Found, parse, provider_references, resolve, written


def value_of(text: str, syntax: str, known: dict[str, str] | None = None):
    """The text as the reader resolves it; None when a name has no value (known only at deploy time)."""
    template = parse(text, syntax)
    if template is None:
        return text
    lookup = (lambda name: Found(known[name], "test", True, True, parse(known[name], syntax)) if name in known
              else None) if known else (lambda name: None)
    return resolve(template, lookup, syntax).value


SPRING = [  # (text, properties, value): PlaceholderParserTests of Spring Framework 6.2
    ("${firstName}", {"firstName": "John"}, "John"),
    ("${first${invalid:Name}}", {"firstName": "John"}, "John"),  # a name built from a reference
    ("${invalid:${firstName}}", {"firstName": "John"}, "John"),  # a default that refers
    ("${invalid: }${firstName}", {"firstName": "John"}, " John"),  # the default verbatim
    ("${invalid:}", {}, ""),  # an empty default
    ("${:}", {}, ""),
    ("\\${firstName}", {"firstName": "John"}, "${firstName}"),  # 6.2's escape
    ("${first\\:Name}", {"first:Name": "John"}, "John"),  # an escaped colon in a name
    ("${a:${b:all}}", {}, "all"),  # nested defaults
    ("${file:/etc/kafka/app.properties:acks}", {}, "/etc/kafka/app.properties:acks"),  # the first colon splits
    ("${env:KAFKA_ACKS}", {}, "KAFKA_ACKS"),  # there is no env: in Spring: the property env, default KAFKA_ACKS
    ("adc\\${", {}, "adc\\${"),  # an escape with no closing brace stays as written
    ("${unclosed", {}, "${unclosed"),
    ("${KAFKA_ACKS}", {}, None),
]

SMALLRYE = [  # ExpressionConfigSourceInterceptorTest of SmallRye Config
    ("$${my.prop}", {}, "${my.prop}"),
    ("\\${my.prop}", {}, "${my.prop}"),
    ("12${my.prop:}34", {}, "1234"),
    ("${my.prop:${compose}}", {"compose": "1234"}, "1234"),
    ("${${compose}}", {"compose": "my.prop", "my.prop": "1234"}, "1234"),
    ("${my.prop${compose}}", {}, None),
    ("a$$b", {}, "a$b"),
]

VECTOR = [  # src/config/vars.rs
    ("$$FOO", {}, "$FOO"),
    ("${}", {}, "${}"),
    ("$FOO", {"FOO": "x"}, "x"),
    ("${FOO:-bar}", {}, "bar"),
    ("${FOO:-bar}", {"FOO": ""}, "bar"),  # unset or empty
    ("${FOO-bar}", {"FOO": ""}, ""),  # unset only
    ("${FOO:?required}", {}, None),
    ("${file:/x:acks}", {}, "${file:/x:acks}"),  # not a reference: as written
]

COMPOSE = [  # compose-go template_test.go
    ("$${foo}", {}, "${foo}"),
    ("+ok ${UNSET:-${BAR-defaultValue}}", {}, "+ok defaultValue"),
    ("${FOO:+alt}", {"FOO": "x"}, "alt"),
    ("${FOO:+alt}", {"FOO": ""}, ""),
    ("${9LIVES}", {}, "${9LIVES}"),  # a name starts with a letter or _
]

FLUENT_BIT = [("${BROKERS}", {"BROKERS": "kafka:9092"}, "kafka:9092"), ("${ACKS:-1}", {}, "1"), ("$ACKS", {}, "$ACKS")]
SHELL = [("${ACKS:-all}", {}, "all"), ("${ACKS-all}", {"ACKS": ""}, ""), ("${env:ACKS}", {}, "${env:ACKS}")]


@pytest.mark.parametrize("syntax,text,known,value", [
    *(("spring", *case) for case in SPRING), *(("smallrye", *case) for case in SMALLRYE),
    *(("vector", *case) for case in VECTOR), *(("compose", *case) for case in COMPOSE),
    *(("fluent-bit", *case) for case in FLUENT_BIT), *(("shell", *case) for case in SHELL),
])
def test_each_reader_resolves_as_its_own_source_says(syntax, text, known, value):
    assert value_of(text, syntax, known) == value


def test_what_a_resolution_says_it_took():
    template = parse("${a:${b:1}}-${c}", "spring")
    result = resolve(template, lambda name: Found("x", "--define on the command line", True) if name == "c" else None,
                     "spring")
    assert result.value == "1-x"
    assert result.steps == ("the default of ${b:1}", "the default of ${a:${b:1}}", "c from --define on the command line")
    assert result.supplied and result.unknown == () and result.names == ()
    unknown = resolve(parse("${HOST}:${PORT:9092}", "spring"), lambda name: None, "spring")
    assert unknown.value is None and unknown.unknown == ("${HOST}",) and unknown.names == ("HOST",)


def test_a_property_that_refers_to_itself_is_unknown_not_endless():
    template = parse("${a}", "spring")
    known = {"a": "${b}", "b": "${a}"}
    result = resolve(template, lambda name: Found(known[name], "line 1", False, True, parse(known[name], "spring"))
                     if name in known else None, "spring")
    assert result.value is None


def test_properties_that_double_each_other_stop_at_a_bound():
    """A billion laughs of properties: each refers to the next one twice."""
    known = {f"p{i}": f"${{p{i + 1}}}${{p{i + 1}}}" for i in range(40)}
    known["p40"] = "x" * 1000
    result = resolve(parse("${p0}", "spring"), lambda name: Found(known[name], "line 1", False, True,
                                                                  parse(known[name], "spring"))
                     if name in known else None, "spring")
    assert result.value is None and result.unknown


@pytest.mark.parametrize("text,found", [
    ("${file:/etc/kafka/app.properties:acks}", [("file", "/etc/kafka/app.properties", "acks")]),
    ("${env:KAFKA_ACKS}", [("env", "", "KAFKA_ACKS")]),
    ("${directory:/var/run/secrets:password}x${env:A}", [("directory", "/var/run/secrets", "password"),
                                                          ("env", "", "A")]),
    ("${a:b:c:d}", [("a", "b", "c:d")]),  # ConfigTransformer's lazy groups
    ("${KAFKA_ACKS}", []),  # no provider without a colon
    ("${unclosed:x", []),
])
def test_config_provider_references_as_config_transformer_reads_them(text, found):
    assert [(r.provider, r.path, r.key) for r in provider_references(text)] == found


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize("text", [
    "${" * 200_000, "\\${" * 100_000, "${a:" * 100_000 + "}", "$" * 400_000, "${a" + "}" * 200_000,
    ("${a:-" * 50_000) + "}", "@{" * 200_000, "${x}" * 100_000, "${a:{" * 50_000 + "}" * 50_000,
    "${a:-${" * 50_000 + "}" * 50_000, ("${" * 30 + "x" + "}" * 30) * 2_000,
])
def test_long_hostile_values_are_read_in_one_pass(syntax, text):
    """Quadratic scanning of these megabyte values would not finish; each must come back at once."""
    template = parse(text, syntax)
    if template is not None:
        resolve(template, lambda name: None, syntax)
    provider_references(text)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(SYNTAXES), st.text(alphabet="${}:-?+\\ab.", max_size=40))
def test_any_text_parses_and_without_escapes_is_written_as_it_was(syntax, text):
    template = parse(text, syntax)
    result = resolve(template, lambda name: None, syntax) if template is not None else None
    escapes = "\\" in text or ("$$" in text and syntax in ("smallrye", "vector", "compose"))
    if template is not None and not escapes:
        assert written(template) == text
    if result is not None and result.value is not None and syntax in ("spring", "smallrye"):
        assert not result.unknown
