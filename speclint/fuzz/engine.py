"""One fuzz run: check the target, pick the runner for the spec's format, time it, report."""

from __future__ import annotations

import time

from speclint import __version__
from speclint.errors import InputError, UsageError
from speclint.fuzz.collect import Collector
from speclint.fuzz.context import RunContext
from speclint.fuzz.extra import require_fuzz_extra
from speclint.fuzz.options import FuzzOptions
from speclint.fuzz.reach import ensure_reachable
from speclint.fuzz.redact import Redactor
from speclint.fuzz.results import FuzzReport
from speclint.loaders.detect import detect_format
from speclint.loaders.display import display_path
from speclint.model import SpecFormat
from speclint.progress import Progress


def run_fuzz(options: FuzzOptions, progress: Progress | None = None) -> FuzzReport:
    """Run the contract tests; raises SpeclintError when the run cannot happen."""
    require_fuzz_extra()
    if options.reflection:
        spec_format: SpecFormat | None = SpecFormat.PROTOBUF
    elif not options.spec.is_file():
        raise InputError(f"no such spec file: {options.spec}")
    else:
        spec_format = detect_format(options.spec)
    if spec_format is None:
        raise InputError(f"not a spec file (OpenAPI, GraphQL SDL or .proto): {options.spec}")
    if spec_format is not SpecFormat.PROTOBUF and not options.url.startswith(("http://", "https://")):
        raise UsageError(f"--url must be http(s)://host:port[/base] for {spec_format} specs: {options.url}")
    if spec_format is SpecFormat.PROTOBUF and "://" in options.url:
        raise UsageError(f"--url must be host:port for gRPC services: {options.url}")
    if options.phases == {"stateful"} and spec_format is not SpecFormat.OPENAPI:
        raise UsageError("--phases stateful follows the links of an OpenAPI spec; give other phases too")
    ensure_reachable(options.url)
    progress = progress or Progress(False)
    ctx = RunContext(options, Collector(Redactor(options.headers)), progress)
    started = time.perf_counter()
    try:
        if spec_format is SpecFormat.OPENAPI:
            from speclint.fuzz.rest.runner import run_openapi

            run_openapi(ctx)
        elif spec_format is SpecFormat.PROTOBUF:
            from speclint.fuzz.grpc.runner import run_grpc

            run_grpc(ctx)
        else:
            from speclint.fuzz.graphql.runner import run_graphql

            run_graphql(ctx)
    finally:
        progress.close()
    return FuzzReport(
        spec="reflection" if options.reflection else display_path(options.spec),
        target=options.url,
        seed=options.seed,
        failures=ctx.collector.failures,
        tested=list(ctx.tested),
        requests=ctx.collector.requests,
        duration_s=time.perf_counter() - started,
        tool_version=__version__,
        first_failure_s=ctx.collector.first_failure_s,
        warnings=[ctx.collector.redactor.text(w) for w in ctx.warnings],
    )
