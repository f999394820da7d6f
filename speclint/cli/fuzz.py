"""``speclint fuzz SPEC --url URL``: property-based contract tests against a running server."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

FUZZ_FORMATS = ("text", "json", "junit")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "fuzz", help="property-based contract tests against a running server",
        description="Property-based contract tests against a running server. For gRPC, give the .proto "
        "file as SPEC, or no SPEC and --reflection to read the services from the server itself: "
        "speclint fuzz --reflection --url 127.0.0.1:50051",
    )
    parser.add_argument("spec", type=Path, nargs="?", metavar="SPEC",
                        help="OpenAPI, GraphQL SDL or .proto file (left out with --reflection)")
    parser.add_argument("--url", required=True, help="http(s)://host:port[/base], or host:port for gRPC")
    parser.add_argument("--reflection", action="store_true",
                        help="gRPC without a .proto: read the services by the server's reflection service")
    parser.add_argument("--header", action="append", default=[], metavar="'Name: value'",
                        help="sent with every request, repeatable (credentials go here; never printed)")
    parser.add_argument("--max-examples", type=int, default=None, metavar="N",
                        help="random cases per operation, after the boundary cases (default: 50)")
    parser.add_argument("--seed", type=int, default=None, metavar="N", help="makes a run reproducible")
    parser.add_argument("--operation", action="append", default=[], metavar="PATTERN",
                        help="only operations whose name contains PATTERN, repeatable")
    parser.add_argument("--timeout", type=float, default=None, metavar="S",
                        help="per-request timeout in seconds (default: 10)")
    parser.add_argument("--format", choices=FUZZ_FORMATS, default="text", help="report format (default: text)")
    parser.add_argument("--output", type=Path, metavar="FILE", help="write the report to FILE")
    parser.add_argument("--shard", metavar="K/N",
                        help="only the K-th of N deterministic parts of the operations (CI matrices)")
    parser.add_argument("--phases", metavar="LIST",
                        help="comma-separated phases to run: boundary, random, stateful (default: all; "
                        "stateful follows OpenAPI links)")
    parser.add_argument("--no-link-inference", action="store_true",
                        help="OpenAPI: follow only the links the spec declares, none guessed from its paths")
    parser.add_argument("--tls", action="store_true", help="gRPC: connect over TLS")
    parser.add_argument("--ca-cert", type=Path, metavar="FILE",
                        help="gRPC: trust the root certificates in FILE (PEM); implies --tls")
    parser.add_argument("--proto-path", action="append", type=Path, default=[], metavar="DIR",
                        help="an import root for .proto files")
    parser.set_defaults(run=run)


def _options(args: argparse.Namespace) -> Any:
    import random

    from speclint.errors import UsageError
    from speclint.fuzz.options import DEFAULT_MAX_EXAMPLES, DEFAULT_TIMEOUT, FuzzOptions, parse_header, parse_phases

    try:
        headers = tuple(parse_header(h) for h in args.header)
    except ValueError as error:
        raise UsageError(str(error)) from None
    max_examples = DEFAULT_MAX_EXAMPLES if args.max_examples is None else args.max_examples
    try:
        phases = parse_phases(args.phases)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if max_examples < 0:
        raise UsageError("--max-examples must be 0 or more")
    timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout
    if timeout <= 0:
        raise UsageError("--timeout must be more than 0")
    seed = random.randrange(2**31) if args.seed is None else args.seed
    if args.reflection and args.spec is not None:
        raise UsageError("--reflection reads the services from the server: give no SPEC with it")
    if not args.reflection and args.spec is None:
        raise UsageError("give a SPEC file, or --reflection to read a gRPC server's services from the server")
    from speclint.lint.units import parse_shard

    if args.ca_cert is not None and not args.ca_cert.is_file():
        raise UsageError(f"--ca-cert: no such file: {args.ca_cert}")
    return FuzzOptions(
        spec=args.spec or Path("reflection"), url=args.url, reflection=args.reflection,
        headers=headers, max_examples=max_examples, seed=seed,
        operations=tuple(args.operation), timeout=timeout, proto_paths=tuple(args.proto_path),
        shard=parse_shard(args.shard), tls=args.tls or args.ca_cert is not None, ca_cert=args.ca_cert,
        infer_links=not args.no_link_inference, phases=phases,
    )


def run(args: argparse.Namespace) -> int:
    import sys

    from speclint.cli.options import report_output
    from speclint.fuzz.engine import run_fuzz
    from speclint.fuzz.report import write_report
    from speclint.progress import Progress

    options = _options(args)
    progress = Progress.for_terminal(machine_output=args.format != "text" or args.output is not None)
    report = run_fuzz(options, progress)
    for warning in report.warnings:
        sys.stderr.write(f"speclint: warning: {warning}\n")
    with report_output(args.output) as stream:
        write_report(report, args.format, stream)
    return 1 if report.failures else 0
