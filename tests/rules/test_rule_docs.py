"""Each rule's documented example: the first block of its `## Example` fails (the rule reports it), and
the block after `Fix:`, when there is one, does not. The client is the one the example names, if any."""
from __future__ import annotations

import re

import pytest

from honolint.rulebook import rule_modules

FILE_NAMES = {"properties": "producer.properties", "yaml": "application.yml"}


def _examples():
    for module in rule_modules():
        section = module.__doc__.split("## Example", 1)[1].split("\n## ", 1)[0]
        blocks = list(re.finditer(r"```(\w+)\n(.*?)```", section, re.S))
        client = re.search(r"\b(java|librdkafka):\d+(?:\.\d+)*", section)
        fix = next((b for b in blocks[1:] if "Fix" in section[blocks[0].end():b.start()]), None)
        yield pytest.param(module, blocks[0], fix, client.group(0) if client else "java", id=module.CODE)


@pytest.mark.parametrize("module,failing,fix,client", list(_examples()))
def test_the_documented_example_fails_and_its_fix_passes(honolint, module, failing, fix, client):
    for block, reported in ((failing, True), (fix, False)):
        if block is None:
            continue
        text = block.group(2)
        repeat = getattr(module, "EXAMPLE_REPEAT", None)
        if repeat and reported:  # a file too long to show: its last document written `repeat` times, numbered
            head, _, last = text.rpartition("---\n")
            text = head + "".join("---\n" + last.replace("{n}", str(n)) for n in range(repeat))
        path = honolint.write(FILE_NAMES[block.group(1)], text)
        # the rule alone, as its page describes it: with every rule on, a finding of the same cause from a
        # more direct rule may stand for it (one cause, one finding: tests/test_one_cause.py)
        report, _ = honolint.json("--isolated", "--select", module.CODE, "--client", client, str(path))
        found = [f["code"] for f in report["files"][0]["findings"]]
        found += [f["code"] for p in report["files"][0]["producers"] for f in p["findings"]]
        assert (module.CODE in found) is reported, (module.CODE, text[:2000], found)
