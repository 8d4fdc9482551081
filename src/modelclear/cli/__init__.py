"""The ``modelclear`` command: a thin shell over the library.

Exit codes (a public contract): 0 allowed (with or without obligations), 1 conflict,
3 needs-review, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence

from .._version import __version__
from ..errors import ModelclearError
from ..vocab import EXIT_USAGE


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors on one line with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


#: The commands, in the order `--help` lists them; each is a module of this package.
COMMANDS = (
    "check",
    "init",
    "notice",
    "licenses",
    "show",
    "diff",
    "models",
    "identify",
    "schema",
    "db",
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command``, only that command's module is imported (a check at the
    terminal should not pay for every other command's imports)."""
    parser = _Parser(
        prog="modelclear",
        description="Check a planned use of open model weights against their licenses. "
        "An aid to license review, not legal advice.",
    )
    parser.add_argument("--version", action="version", version=f"modelclear {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show a traceback when something goes wrong"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in (command,) if command in COMMANDS else COMMANDS:
        importlib.import_module(f".{name}", __name__).add_parser(sub)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The command named on the command line, if any (the first word not an option)."""
    for word in argv:
        if not word.startswith("-"):
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command(words))
    args = parser.parse_args(words)
    try:
        code: int = args.run(args)
        return code
    except ModelclearError as err:
        for problem in err.problems:
            print(f"modelclear: {problem}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # a bug: say so, never exit 0
        if args.debug:
            traceback.print_exc()
        else:
            print(
                f"modelclear: internal error: {type(err).__name__}: {err} "
                "(run with --debug for details)",
                file=sys.stderr,
            )
        return EXIT_USAGE
