"""Run the lint job over a set of paths."""

from __future__ import annotations

import functools
import multiprocessing
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from itertools import accumulate
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from speclint.errors import SpeclintError
from speclint.findings import Finding
from speclint.lint.cache import (
    LintCache,
    finding_from_json,
    finding_to_json,
    suppression_from_json,
    suppression_to_json,
)
from speclint.lint.discover import discover
from speclint.lint.selection import RuleSetting
from speclint.lint.suppression import Suppression, apply_suppressions, suppressions_of
from speclint.lint.units import Unit, make_units
from speclint.lint.units import shard as shard_units
from speclint.loaders.base import LoadOptions, LoadResult
from speclint.loaders.collector import cycle_collector_paused
from speclint.loaders.display import display_path
from speclint.loaders.problems import INTERNAL_ERROR, UNKNOWN_FORMAT
from speclint.loaders.registry import loader_for
from speclint.model import Location, Span, SpecFormat
from speclint.rules.registry import CHECK_KINDS, Registry, RuleContext, builtin_registry


@dataclass
class LintReport:
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    internal_errors: int = 0
    discovered: int = 0  # spec files found under the paths (all shards)
    dependencies: list[str] = field(default_factory=list)  # read (imports) or looked for, not linted


@dataclass
class UnitResult:
    """What linting one unit gives: findings before suppression, and the suppressions found."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    internal_errors: int = 0
    suppressions: list[Suppression] = field(default_factory=list)
    dependencies: list[str] = field(default_factory=list)  # read or looked for, not linted


@dataclass(frozen=True)
class _Job:
    settings: dict[str, RuleSetting]
    options: LoadOptions
    debug: bool
    registry: Registry


def lint(
    paths: Sequence[Path],
    settings: dict[str, RuleSetting],
    options: LoadOptions | None = None,
    debug: bool = False,
    jobs: int = 1,
    shard: tuple[int, int] | None = None,
    cache: LintCache | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    registry: Registry | None = None,
) -> LintReport:
    """Lint ``paths`` (files or folders) with the rules in ``settings``, found in ``registry`` (the
    run's: ``RunConfig.registry``; the built-in rules by default).

    ``jobs`` workers lint independent units in parallel; the output is the same as with one.
    ``shard`` (K, N) keeps the K-th of N deterministic, size-balanced parts of the units.
    """
    specs = discover(paths)
    base = options or LoadOptions()
    roots = tuple(p.resolve() if p.is_dir() else p.resolve().parent for p in paths)
    options = replace(base, roots=base.roots or roots, explicit=frozenset(s.path for s in specs if s.explicit))
    units = make_units(specs, options)
    if shard is not None:
        units = shard_units(units, *shard)
    report = lint_units(units, settings, options, debug, jobs, cache, on_progress, registry)
    report.discovered = len(specs)
    return report


def lint_units(
    units: Sequence[Unit],
    settings: dict[str, RuleSetting],
    options: LoadOptions,
    debug: bool = False,
    jobs: int = 1,
    cache: LintCache | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    registry: Registry | None = None,
) -> LintReport:
    """Lint ``units`` (made by :func:`speclint.lint.units.make_units`); ``options`` carries the
    run's roots. ``speclint server`` and ``check --watch`` call this for the units that changed."""
    units = list(units)
    registry = registry or builtin_registry()
    job = _Job(settings, options, debug, registry)
    report = LintReport(discovered=sum(len(unit.paths) for unit in units))
    files: dict[str, None] = {}
    dependencies: dict[str, None] = {}
    suppressions: list[Suppression] = []
    by_unit: dict[int, UnitResult] = {}
    for done, (index, result) in enumerate(_execute(units, job, jobs, cache), start=1):
        if on_progress is not None:
            on_progress(done, len(units), result.files[0] if result.files else "")
        by_unit[index] = result
    for _, result in sorted(by_unit.items()):  # the report is the same whichever unit ended first
        files.update(dict.fromkeys(result.files))
        dependencies.update(dict.fromkeys(result.dependencies))
        report.findings.extend(result.findings)
        report.internal_errors += result.internal_errors
        suppressions.extend(result.suppressions)
    report.files = list(files)
    report.dependencies = list(dependencies)
    if suppressions:
        enabled = {rule_id: setting.severity for rule_id, setting in settings.items()}
        suppressions = [replace(s, rules=frozenset(map(registry.resolve, s.rules))) for s in suppressions]
        known = registry.ids(CHECK_KINDS)
        report.findings = apply_suppressions(report.findings, suppressions, enabled, known.__contains__)
    report.findings = _unique_sorted(report.findings)
    return report


_PARALLEL_MIN_UNITS = 4
_CURRENT_JOB: _Job | None = None


def _execute(
    units: list[Unit], job: _Job, jobs: int, cache: LintCache | None
) -> Iterator[tuple[int, UnitResult]]:
    """(unit index, result) as each unit is done: from the cache first, then from this process
    or a pool of workers."""
    entries = [cache.entry(unit) if cache is not None else None for unit in units]
    pending: list[int] = []
    for index in range(len(units)):
        cached = _cached(cache, entries[index])
        if cached is not None:
            yield index, cached
        else:
            pending.append(index)
    for position, result in _compute([units[index] for index in pending], job, jobs):
        index = pending[position]
        if cache is not None and not result.internal_errors:
            cache.put(entries[index], units[index], _to_record(result))
        yield index, result


def _cached(cache: LintCache | None, entry: Path | None) -> UnitResult | None:
    record = cache.get(entry) if cache is not None else None
    if record is None:
        return None
    try:
        return _from_record(record)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # a malformed entry is a miss (and is written again)


def _compute(units: list[Unit], job: _Job, jobs: int) -> Iterator[tuple[int, UnitResult]]:
    """(position in ``units``, result) of each unit, as chunks of them are done."""
    if jobs > 1 and len(units) >= _PARALLEL_MIN_UNITS and "fork" in multiprocessing.get_all_start_methods():
        scheduled = _scheduled_chunks(units, jobs)
        if len(scheduled) >= _PARALLEL_MIN_UNITS:  # fewer: not worth the workers
            yield from _compute_in_pool(units, scheduled, job, jobs)
            return
    chunks = _chunks(units, _chunk_size(units))
    starts = accumulate((len(chunk) for chunk in chunks), initial=0)  # each chunk's first position
    for chunk, start in zip(chunks, starts):
        yield from enumerate(_lint_chunk(chunk, job), start=start)


def _compute_in_pool(
    units: list[Unit], scheduled: list[list[int]], job: _Job, jobs: int
) -> Iterator[tuple[int, UnitResult]]:
    global _CURRENT_JOB
    _CURRENT_JOB = job  # inherited by the forked workers, with the run's registry
    pool = ProcessPoolExecutor(min(jobs, len(scheduled)), mp_context=multiprocessing.get_context("fork"))
    try:
        futures = {pool.submit(_lint_chunk_in_worker, [units[p] for p in chunk]): chunk for chunk in scheduled}
        for future in as_completed(futures):
            yield from zip(futures[future], future.result())
    except BrokenProcessPool:
        # a worker was killed (out of memory, a signal): its unit has no result, and waiting
        # for one would never end
        raise SpeclintError(
            "a --jobs worker process ended abruptly (killed, or out of memory?); no report was made "
            "(try fewer --jobs)"
        ) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_CHUNK_FILES = 40  # small units of a loader with ``load_many`` are loaded at least this many files at a time
_CHUNK_MAX_FILES = 400  # and at most this many (one protoc run's memory)
_CHUNKS_PER_JOB = 4  # enough chunks for the workers to finish together
_LARGE_CHUNK = 1_000_000  # bytes: a chunk this large is worth a protoc run of its own, however few its files
_UNIT_COST = 16_000  # what a unit costs beyond its bytes (planning, its model, its rules), in bytes' worth
_TAIL_CHUNKS_PER_JOB = 16  # the smallest chunk of a pool: small, yet a protoc run that parses more than imports


def _chunk_size(units: list[Unit]) -> int:
    """Files per chunk in this process (a pool's chunks are ``_scheduled_chunks``): few large
    chunks share the most (one protoc run parses the common imports once for all its trees),
    and a few of them bound the memory a chunk's models take."""
    files = sum(len(unit.paths) for unit in units if _loads_many(unit))
    return max(_CHUNK_FILES, min(_CHUNK_MAX_FILES, files // _CHUNKS_PER_JOB))


def _chunks(units: list[Unit], size: int = _CHUNK_FILES) -> list[list[Unit]]:
    """``units`` in order, in runs that one worker lints together: consecutive small units of a
    format whose loader can load several at once (``load_many``: proto trees share protoc runs),
    up to ``size`` files, every other unit alone. Results stay per unit (and are cached per unit)."""
    chunks: list[list[Unit]] = []
    current: list[Unit] = []
    files = 0
    for unit in units:
        alone = not _loads_many(unit) or len(unit.paths) >= size
        if alone or (current and current[0].format != unit.format):
            if current:
                chunks.append(current)
                current, files = [], 0
            if alone:
                chunks.append([unit])
                continue
        current.append(unit)
        files += len(unit.paths)
        if files >= size:
            chunks.append(current)
            current, files = [], 0
    if current:
        chunks.append(current)
    return chunks


def _scheduled_chunks(units: list[Unit], jobs: int) -> list[list[int]]:
    """Positions in ``units``, in chunks, in the order the workers take them (first come, first
    served): the largest units first, and chunks of small units that shrink as the work left
    shrinks. Sizes predict times poorly (one 4 MB file can take as long as 300 small ones), so
    the last chunks are small, and a worker that ends early waits for no more than one of them.

    Units of a format whose loader loads several at once (proto trees: one protoc run parses
    their common imports once) go together, each chunk a share of the work left between
    ``1 / (jobs * _CHUNKS_PER_JOB)`` and ``1 / (jobs * _TAIL_CHUNKS_PER_JOB)`` of the whole, from
    ``_CHUNK_FILES`` files (fewer only past ``_LARGE_CHUNK`` bytes: small runs keep few protoc
    runs) to ``_CHUNK_MAX_FILES``; every other unit is a chunk by itself."""
    sizes = [unit.size + _UNIT_COST for unit in units]
    chunks: list[list[int]] = []
    together: dict[SpecFormat | None, list[int]] = {}
    for position, unit in enumerate(units):
        if _loads_many(unit):
            together.setdefault(unit.format, []).append(position)
        else:
            chunks.append([position])
    for positions in together.values():
        positions.sort(key=lambda position: -sizes[position])
        left = sum(sizes[position] for position in positions)
        largest, smallest = left / (jobs * _CHUNKS_PER_JOB), left / (jobs * _TAIL_CHUNKS_PER_JOB)
        chunk: list[int] = []
        target, size, files = 0.0, 0, 0
        for position in positions:
            if chunk and files + len(units[position].paths) > _CHUNK_MAX_FILES:
                chunks.append(chunk)
                chunk = []
            if not chunk:  # each chunk half of a worker's share of what is left, within bounds
                target, size, files = max(smallest, min(largest, left / (jobs * 2))), 0, 0
            chunk.append(position)
            size += sizes[position]
            files += len(units[position].paths)
            left -= sizes[position]
            if size >= target and (files >= _CHUNK_FILES or size >= _LARGE_CHUNK):
                chunks.append(chunk)
                chunk = []
        if chunk:
            chunks.append(chunk)
    return sorted(chunks, key=lambda chunk: -sum(sizes[position] for position in chunk))


def _loads_many(unit: Unit) -> bool:
    if unit.format is None or unit.format is SpecFormat.OPENAPI:  # one document a unit
        return False
    return hasattr(loader_for(unit.format), "load_many")


def _lint_chunk_in_worker(units: list[Unit]) -> list[UnitResult]:
    assert _CURRENT_JOB is not None
    try:
        return _lint_chunk(units, _CURRENT_JOB)
    finally:
        if len(units) > 1:  # a chunk of trees: hundreds of MB; one spec's trim would cost more than it saves
            _return_freed_memory()


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    import ctypes  # only --jobs workers need it

    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):  # not glibc
        return None


def _return_freed_memory() -> None:
    """Give what a chunk's models freed back to the system: glibc keeps it otherwise, and each
    worker would hold its largest chunk's peak until the run ends."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _lint_chunk(units: list[Unit], job: _Job) -> list[UnitResult]:
    """Each unit's result; units of one chunk are loaded together when there are several."""
    if len(units) == 1:
        return [_lint_unit(units[0], job)]
    loader = loader_for(units[0].format) if units[0].format is not None else None
    try:
        loaded = loader.load_many([list(unit.paths) for unit in units], job.options)  # type: ignore[union-attr]
    except Exception:
        return [_lint_unit(unit, job) for unit in units]  # each alone: a failure is its own unit's
    return [_lint_unit(unit, job, results) for unit, results in zip(units, loaded)]


def _lint_unit(unit: Unit, job: _Job, loaded: Iterable[LoadResult] | None = None) -> UnitResult:
    """Lint ``unit``; ``loaded``: its load results when they were made already."""
    result = UnitResult()
    scanned: set[str] = set()
    for load_result in loaded if loaded is not None else _load_unit(unit, job.options, result, job.debug):
        result.files.extend(f for f in load_result.files if f not in result.files)
        result.dependencies.extend(f for f in load_result.dependencies if f not in result.dependencies)
        result.findings.extend(_configured(load_result.findings, job.settings))
        if load_result.api is not None:
            with cycle_collector_paused():  # rules make many objects and no cycles worth a scan
                result.findings.extend(_run_rules(load_result, job, result))
        result.suppressions.extend(suppressions_of(load_result, scanned))
    return result


def _to_record(result: UnitResult) -> dict[str, Any]:
    return {
        "findings": [finding_to_json(f) for f in result.findings],
        "files": result.files,
        "suppressions": [suppression_to_json(s) for s in result.suppressions],
        "read": result.dependencies,
    }


def _from_record(record: dict[str, Any]) -> UnitResult:
    return UnitResult(
        findings=[finding_from_json(f) for f in record["findings"]],
        files=list(record["files"]),
        suppressions=[suppression_from_json(s) for s in record["suppressions"]],
        dependencies=list(record["read"]),
    )


def _load_unit(unit: Unit, options: LoadOptions, result: UnitResult, debug: bool = False) -> Iterable[LoadResult]:
    if unit.format is None:
        for path in unit.paths:
            location = Location(display_path(path), "", span=Span(1, 1, 1, 1))
            message = "not a spec file speclint can read (OpenAPI, GraphQL SDL or protobuf)"
            yield LoadResult((location.file,), None, [UNKNOWN_FORMAT.at(location, message, "unknown")])
        return
    spec_format = unit.format
    loader = loader_for(spec_format)
    if loader is None:
        for path in unit.paths:
            if path in options.explicit:
                location = Location(display_path(path), "", span=Span(1, 1, 1, 1))
                message = f"{spec_format.value} files are not supported by this version of speclint"
                yield LoadResult((location.file,), None, [UNKNOWN_FORMAT.at(location, message, spec_format.value)])
        return
    try:
        yield from loader.load(list(unit.paths), options)
    except Exception as error:
        result.internal_errors += 1
        location = Location(display_path(unit.paths[0]), "", span=Span(1, 1, 1, 1))
        message = f"the {spec_format.value} loader failed: {traceback.format_exc() if debug else repr(error)}"
        yield LoadResult((location.file,), None, [INTERNAL_ERROR.at(location, message, spec_format.value)])


def _configured(findings: Iterable[Finding], settings: dict[str, RuleSetting]) -> Iterable[Finding]:
    for finding in findings:
        setting = settings.get(finding.rule)
        if setting is None and finding.rule != INTERNAL_ERROR.id:
            continue
        if setting is not None and setting.severity is not finding.severity:
            finding = replace(finding, severity=setting.severity)
        yield finding


def _run_rules(result: LoadResult, job: _Job, report: UnitResult) -> list[Finding]:
    api = result.api
    assert api is not None
    findings: list[Finding] = []
    shared: dict[str, Any] = {}
    for rule_id, setting in job.settings.items():
        rule = job.registry.get(rule_id)
        if rule is None or rule.check is None or rule.category is None or not rule.applies_to(api.format):
            continue
        context = RuleContext(api, {**rule.options, **setting.options_for(api.files)}, shared)
        try:
            for problem in rule.check(api, context):
                findings.append(
                    Finding.at(
                        problem.location,
                        rule=rule.id,
                        category=rule.category,
                        severity=setting.severity,
                        message=problem.message,
                        spec_format=api.format.value,
                    )
                )
        except Exception as error:
            report.internal_errors += 1
            detail = traceback.format_exc() if job.debug else repr(error)
            message = f"rule {rule.id} failed: {detail}"
            findings.append(INTERNAL_ERROR.at(api.location, message, api.format.value))
    return findings


def _unique_sorted(findings: list[Finding]) -> list[Finding]:
    unique = dict.fromkeys(findings)
    return sorted(unique, key=lambda f: f.sort_key)
