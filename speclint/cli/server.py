"""``speclint server``: a Language Server Protocol server on stdio."""

from __future__ import annotations

import argparse
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
    options = ServerOptions(
        config=args.config, ruleset=args.ruleset, proto_paths=tuple(args.proto_path), docs_url=args.rule_docs_url
    )
    make_server(options).start_io()
    return 0
