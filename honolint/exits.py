"""honolint's exit codes, as the README documents them."""

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command Ctrl-C ended


class Stop(Exception):
    """The run ends here with `code`, having said why on standard error (a report it cannot write)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code
