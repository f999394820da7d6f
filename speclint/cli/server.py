"""``speclint server``: a Language Server Protocol server on stdio."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "server", help="a Language Server Protocol server on stdio (diagnostics, code actions, hover)"
    )
    parser.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default)")
    parser.add_argument("--config", metavar="FILE", help="configuration file, for every workspace folder")
    parser.add_argument("--ruleset", metavar="NAME|FILE", help="a built-in ruleset or a ruleset file")
    parser.add_argument(
        "--proto-path", action="append", type=Path, default=[], metavar="DIR", help="an import root for .proto files"
    )
    parser.add_argument(
        "--rule-docs-url", metavar="URL", help="link each diagnostic's rule id to URL ({rule} is replaced)"
    )
    parser.add_argument("--log-file", metavar="FILE", help="write the server's log to FILE")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import logging

    from speclint.server.folders import ServerOptions
    from speclint.server.lsp import make_server

    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=logging.DEBUG if args.debug else logging.INFO)
        if not args.debug:  # pygls logs every message it sends at INFO: megabytes per edit
            logging.getLogger("pygls").setLevel(logging.WARNING)
    options = ServerOptions(
        config=args.config, ruleset=args.ruleset, proto_paths=tuple(args.proto_path), docs_url=args.rule_docs_url
    )
    # The protocol gets its own copies of the standard streams (pygls closes them at exit), and
    # anything else written to standard output goes to standard error: it would corrupt the stream.
    protocol_in = os.fdopen(os.dup(sys.stdin.fileno()), "rb")
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    stdout, sys.stdout = sys.stdout, sys.stderr
    try:
        make_server(options).start_io(protocol_in, protocol_out)
    finally:
        sys.stdout = stdout
    return 0
