"""Writes never touch what the run read, never go through a link, never leave a file half written.

An --output-file or --write-baseline that is the same file (device and inode) as an input, a settings
file, the --baseline, a --define-file or the --stdin-filename file is a usage error, before anything is
written; a destination that is a symbolic link is refused; a failed write keeps the old file.
"""
from __future__ import annotations

import errno
import json
import os

import pytest

BAD = "acks=1\nenable.idempotence=false\n"
GOOD = "acks=all\nenable.idempotence=true\ndelivery.timeout.ms=120000\n"
OPTIONS = [["--format", "json", "--output-file"], ["--write-baseline"], ["--format", "sarif", "--output-file"]]


def refused(result, original: bytes, path) -> None:
    assert result.exit_code == 2, result.output
    assert "reads" in result.output and "Traceback" not in result.output
    assert path.read_bytes() == original


@pytest.mark.parametrize("option", OPTIONS)
def test_a_hard_link_of_an_input_is_refused(honolint, option):
    conf = honolint.write("conf/p.properties", BAD)
    link = honolint.tmp_path / "report.json"
    os.link(conf, link)
    refused(honolint.run("check", *option, str(link), str(conf)), BAD.encode(), conf)


def test_an_input_found_in_a_directory_is_refused_also_by_another_path(honolint):
    conf = honolint.write("conf/p.properties", BAD)
    other = str(honolint.tmp_path / "conf" / ".." / "conf" / "p.properties")
    refused(honolint.run("check", "--format", "json", "--output-file", other, str(honolint.tmp_path / "conf")),
            BAD.encode(), conf)


def test_a_walked_file_that_configures_no_producer_is_refused(honolint):
    conf = honolint.write("conf/p.properties", BAD)
    other = honolint.write("conf/logging.properties", "log4j.rootLogger=INFO\n")
    refused(honolint.run("check", "--format", "json", "--output-file", str(other), str(conf.parent)),
            b"log4j.rootLogger=INFO\n", other)


@pytest.mark.parametrize("option", OPTIONS)
def test_the_settings_file_is_refused(honolint, option):
    settings = honolint.write(".honolint.yaml", "ignore: [HL201]\n")
    conf = honolint.write("p.properties", BAD)
    refused(honolint.run("check", *option, str(settings), str(conf)), b"ignore: [HL201]\n", settings)


def test_a_pyproject_without_honolint_section_that_was_read_is_refused(honolint):
    pyproject = honolint.write("pyproject.toml", "[project]\nname = 'x'\n")
    conf = honolint.write("p.properties", BAD)
    refused(honolint.run("check", "--write-baseline", str(pyproject), str(conf)),
            b"[project]\nname = 'x'\n", pyproject)


def test_the_baseline_read_is_refused_as_the_baseline_written(honolint):
    conf = honolint.write("p.properties", BAD)
    base = honolint.tmp_path / "base.json"
    assert honolint.run("check", "--write-baseline", str(base), str(conf)).exit_code == 0
    original = base.read_bytes()
    refused(honolint.run("check", "--baseline", str(base), "--write-baseline", str(base), str(conf)), original, base)
    refused(honolint.run("check", "--baseline", str(base), "--format", "json", "--output-file", str(base),
                         str(conf)), original, base)


def test_a_define_file_is_refused(honolint):
    defines = honolint.write("deploy.env", "ACKS=all\n")
    conf = honolint.write("p.properties", "acks=${ACKS}\n")
    refused(honolint.run("check", "--define-file", str(defines), "--format", "json", "--output-file", str(defines),
                         str(conf)), b"ACKS=all\n", defines)


def test_the_stdin_filename_file_is_refused(honolint):
    conf = honolint.write("p.properties", BAD)
    result = honolint.run("check", "--stdin-filename", str(conf), "--format", "json", "--output-file", str(conf), "-",
                          stdin=GOOD.encode())
    refused(result, BAD.encode(), conf)


def test_an_explicitly_named_file_excluded_by_force_exclude_is_refused(honolint):
    honolint.write(".honolint.yaml", "exclude: ['gen/**']\n")
    conf = honolint.write("gen/p.properties", BAD)
    refused(honolint.run("check", "--force-exclude", "--format", "json", "--output-file", str(conf), str(conf)),
            BAD.encode(), conf)


@pytest.mark.parametrize("option", OPTIONS)
def test_a_symbolic_link_destination_is_refused_and_its_target_untouched(honolint, option):
    conf = honolint.write("p.properties", GOOD)
    target = honolint.write("elsewhere/precious.txt", "keep me\n")
    link = honolint.tmp_path / "report.json"
    os.symlink(target, link)
    result = honolint.run("check", *option, str(link), str(conf))
    assert result.exit_code == 2 and "symbolic link" in result.output
    assert target.read_text() == "keep me\n" and os.path.islink(link)


def test_a_dangling_symbolic_link_destination_is_refused(honolint):
    conf = honolint.write("p.properties", GOOD)
    link = honolint.tmp_path / "report.json"
    os.symlink(honolint.tmp_path / "nowhere" / "x", link)
    result = honolint.run("check", "--format", "json", "--output-file", str(link), str(conf))
    assert result.exit_code == 2 and "symbolic link" in result.output
    assert not (honolint.tmp_path / "nowhere").exists()


def test_a_report_replaces_an_old_file_keeping_its_mode_and_no_temporary_is_left(honolint):
    conf = honolint.write("p.properties", GOOD)
    report = honolint.write("out/report.json", "old\n")
    os.chmod(report, 0o640)
    result = honolint.run("check", "--format", "json", "--output-file", str(report), str(conf))
    assert result.exit_code == 0
    assert json.loads(report.read_text())["files"][0]["path"] == str(conf)
    assert oct(os.stat(report).st_mode & 0o777) == oct(0o640)
    assert sorted(os.listdir(report.parent)) == ["report.json"]


@pytest.mark.parametrize("option", OPTIONS)
def test_a_failing_write_keeps_the_old_file(honolint, monkeypatch, option):
    conf = honolint.write("p.properties", BAD)
    destination = honolint.write("out/old.json", "old content\n")

    def full_disk(*_):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full_disk)
    result = honolint.run("check", *option, str(destination), str(conf))
    assert result.exit_code == 2 and "cannot write" in result.stderr and "No space left" in result.stderr
    assert destination.read_text() == "old content\n"
    assert sorted(os.listdir(destination.parent)) == ["old.json"]  # the temporary file is gone


def test_a_new_file_beside_the_inputs_is_written(honolint):
    conf = honolint.write("conf/p.properties", BAD)
    report = honolint.tmp_path / "conf" / "report.sarif"
    result = honolint.run("check", "--format", "sarif", "--output-file", str(report), str(conf.parent))
    assert result.exit_code == 1 and json.loads(report.read_text())["version"] == "2.1.0"


@pytest.mark.parametrize("device", ["/dev/null", "/dev/stdout"])
def test_a_device_is_written_as_it_is_never_replaced(honolint, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    conf = honolint.write("p.properties", GOOD)
    result = honolint.run("check", "--format", "sarif", "--output-file", device, "--format", "text",
                          "--output-file", "-", str(conf))
    assert result.exit_code == 0, result.output
    assert not os.path.isfile("/dev/null") and os.path.exists("/dev/null")


def test_a_hard_link_of_the_report_as_the_baseline_is_refused(honolint):
    conf = honolint.write("p.properties", BAD)
    report = honolint.write("report.json", "old\n")
    os.link(report, honolint.tmp_path / "base.json")
    result = honolint.run("check", "--format", "json", "--output-file", str(report),
                          "--write-baseline", str(honolint.tmp_path / "base.json"), str(conf))
    assert result.exit_code == 2 and "name the same file" in result.output and report.read_text() == "old\n"
