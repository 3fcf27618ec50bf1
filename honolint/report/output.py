"""The report formats as the run writes them: text (full, quiet, statistics) and the others as strings."""
from __future__ import annotations


class TextView:
    """What a text report shows of a run: the findings or ("effective") the effective configuration, and
    how much of them."""

    __slots__ = ("view", "statistics", "quiet", "show_infos")

    def __init__(self, view: str = "findings", statistics: bool = False, quiet: bool = False,
                 show_infos: bool = False) -> None:
        self.view, self.statistics, self.quiet, self.show_infos = view, statistics, quiet, show_infos


def render_report(output_format: str, run: TextView, results, hidden: int, levels=None) -> str:
    """Every report format but colour text, as a string. Each module is imported only when used."""
    from honolint.report.formats import BY_NAME

    module = BY_NAME[output_format].module
    if module is None:
        import io

        stream = io.StringIO()
        write_text(run, results, hidden, stream, False, levels)
        return stream.getvalue()
    from importlib import import_module

    render = import_module(f"honolint.report.{module}").render
    return render(results)


def write_text(run: TextView, results, hidden: int, stream, color: bool, levels=None) -> None:
    from honolint.report.text import write

    if run.view == "effective":
        from honolint.report.effective_text import effective_lines

        lines = effective_lines(results)
    elif run.statistics:
        lines = statistics_lines(results, run.quiet)
    elif run.quiet:
        lines = quiet_lines(results, run.show_infos)
    else:
        from honolint.report.text import report_lines

        lines = report_lines(results, run.show_infos, levels) + hidden_lines(hidden)
    write(lines, stream, color)


def quiet_lines(results, show_infos: bool = True):
    """-q: one line per finding (infos with --show-infos), as `path:line:col  CODE  severity: [scope: ]message`;
    nothing else."""
    from honolint.filter.fingerprint import iter_findings
    from honolint.report.text import _finding_line

    lines = []
    for _, producer, finding in iter_findings(results):
        if finding.severity == "info" and not show_infos:
            continue
        if producer is not None:
            finding = finding._replace(message=f"{producer.spec.scope}: {finding.message}")
        lines.append(_finding_line(finding, ""))
    return lines


def statistics_lines(results, quiet: bool):
    """--statistics: findings per rule, the most frequent first (as ruff prints them)."""
    from honolint.filter.fingerprint import iter_findings

    counts: dict[tuple[str, str], int] = {}
    severities: dict[str, set[str]] = {}
    for _, _, finding in iter_findings(results):
        counts[finding.code, finding.name] = counts.get((finding.code, finding.name), 0) + 1
        severities.setdefault(finding.code, set()).add(finding.severity)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = []
    for (code, name), count in rows:
        severity = "/".join(s for s in ("error", "warning", "info") if s in severities[code])
        lines.append([(f"{count:>{width}}", ""), ("  ", ""), (code, min(severities[code], key=_rank)), ("  ", ""),
                      (f"{severity:<8}", ""), ("  ", ""), (name, "")])
    if not quiet:
        total = sum(counts.values())
        lines.append([(f"{total} finding{'s' * (total != 1)} in {len(results)} file{'s' * (len(results) != 1)}",
                       "dim")])
    return lines


def _rank(severity: str) -> int:
    return ("error", "warning", "info").index(severity)


def hidden_lines(hidden: int) -> list:
    if not hidden:
        return []
    return [[(f"{hidden} finding{'s' * (hidden != 1)} not shown: ignored, suppressed in the file or in the baseline",
              "dim")]]
