"""What a contract-test item runs: ``fuzz``'s checks for one operation of a spec.

Imported only when contract tests are asked for; the fuzzing stack itself (schemathesis,
hypothesis, grpc) is imported by the engine when an item runs, not at collection.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Iterable, Sequence

from speclint.fuzz.options import FuzzOptions
from speclint.fuzz.results import ContractFailure, FuzzReport
from speclint.loaders.base import LoadOptions
from speclint.loaders.detect import detect_format
from speclint.loaders.registry import loader_for
from speclint.model import Operation, SpecFormat


class ExactOptions(FuzzOptions):
    """Fuzz options whose operation names select by equality (``--operation`` matches
    substrings, so ``GET /v1/items`` would also run ``GET /v1/items/{itemId}``)."""

    def matches(self, pattern: str, name: str) -> bool:
        return pattern == name


def operation_name(spec_format: SpecFormat, operation: Operation) -> str:
    """The name ``fuzz`` reports an operation by: ``GET /v1/items``, ``Query.product``,
    ``pkg.Service/Method``."""
    if spec_format is SpecFormat.OPENAPI:
        return f"{(operation.method or '').upper()} {operation.path or ''}"
    if spec_format is SpecFormat.GRAPHQL:
        return f"{operation.parent}.{operation.name}"
    return f"{operation.parent}/{operation.name}"


def operation_names(spec: Path, proto_paths: tuple[Path, ...] = ()) -> list[str]:
    """Every operation of ``spec``, in the spec's order, without duplicates.

    Raises ValueError with a one-line reason when the spec cannot be read.
    """
    spec_format = detect_format(spec)
    loader = loader_for(spec_format) if spec_format is not None else None
    if spec_format is None or loader is None:
        raise ValueError(f"not a spec file speclint can fuzz: {spec}")
    options = LoadOptions(roots=(spec.parent,), proto_paths=proto_paths, explicit=frozenset({spec}))
    results = list(loader.load([spec], options))
    api = next((r.api for r in results if r.api is not None), None)
    if api is None:
        problems = [f for r in results for f in r.findings]
        reason = f"{problems[0].file}:{problems[0].line}: {problems[0].message}" if problems else "no API in it"
        raise ValueError(f"cannot read {spec}: {reason}")
    return list(dict.fromkeys(operation_name(spec_format, op) for op in api.operations))


def fuzz(
    spec: Path,
    url: str,
    *,
    headers: Iterable[tuple[str, str]] = (),
    operations: Sequence[str] = (),
    max_examples: int | None = None,
    seed: int = 0,
    timeout: float | None = None,
) -> FuzzReport:
    """Run the contract tests of ``spec`` against ``url``; ``operations`` are exact names.

    Raises :class:`speclint.errors.SpeclintError` when the run cannot happen (no server there,
    a spec that cannot be read).
    """
    from speclint.fuzz.engine import run_fuzz

    options = ExactOptions(spec=spec, url=url, headers=tuple(headers), seed=seed, operations=tuple(operations))
    if max_examples is not None:
        options = replace(options, max_examples=max_examples)
    if timeout is not None:
        options = replace(options, timeout=timeout)
    report = run_fuzz(options)
    if operations:
        wanted = set(operations)
        report.failures = [f for f in report.failures if f.operation in wanted]
    return report


def describe(operation: str, failures: Sequence[ContractFailure]) -> str:
    """The failure text of one contract-test item: each failure with its reproduction."""
    count = len(failures)
    lines = [f"{operation}: {count} contract failure{'' if count == 1 else 's'}"]
    for failure in failures:
        status = f" (status {failure.status})" if failure.status is not None else ""
        lines += ["", f"[{failure.check}] {failure.message}{status}", f"  reproduce: {failure.reproduction}"]
    return "\n".join(lines) + "\n"
