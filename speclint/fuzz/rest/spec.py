"""What speclint's own loader says about an OpenAPI spec before it is fuzzed.

schemathesis reads the spec too, but speclint's model knows positions: a spec problem that
stops generation is reported as one line with the file, line and column of the offending node,
and a ``$ref`` that resolves nowhere is a warning before the run starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from speclint.errors import InputError
from speclint.findings import Finding, Severity

_REF_PROBLEMS = frozenset({"unresolved-ref", "refused-ref"})


@dataclass
class SpecFacts:
    secured: set[tuple[str, str]] = field(default_factory=set)  # (METHOD, path) needing credentials
    problems: list[Finding] = field(default_factory=list)  # the loader's errors, in file order

    def warnings(self) -> list[str]:
        """One line per ``$ref`` that resolves nowhere (the operations using it get no schema there)."""
        return [f"{_where(p)}: {p.message}" for p in self.problems if p.rule in _REF_PROBLEMS]

    def locate(self, method: str, path: str) -> str:
        """``file:line:column: message (rule)`` of the first error inside the operation, else of
        the first error anywhere (a shared schema), else empty."""
        prefix = "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method.lower()
        inside = [p for p in self.problems if p.pointer == prefix or p.pointer.startswith(prefix + "/")]
        candidates = inside or [p for p in self.problems if p.rule not in _REF_PROBLEMS]
        if not candidates:
            return ""
        return f"{_where(candidates[0])}: {candidates[0].message} ({candidates[0].rule})"


def read_spec(spec: Path) -> SpecFacts:
    """Load ``spec`` with speclint's loader; InputError (exit 2) when it is no usable OpenAPI document."""
    from speclint.loaders.base import LoadOptions
    from speclint.loaders.openapi import OpenApiLoader

    result = OpenApiLoader().load_file(spec, LoadOptions(roots=(spec.resolve().parent,)))
    problems = [f for f in result.findings if f.severity is Severity.ERROR]
    if result.api is None:
        first = problems[0] if problems else None
        detail = f"{_where(first)}: {first.message}" if first is not None else "not an OpenAPI document"
        raise InputError(f"cannot load {spec}: {detail}")
    secured = {
        (op.method or "", op.path or "")
        for op in result.api.operations
        if op.security.requirements and not op.security.is_public
    }
    return SpecFacts(secured, problems)


def _where(finding: Finding) -> str:
    return f"{finding.file}:{finding.line}:{finding.column}"
