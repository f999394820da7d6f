"""CPU time of each rule over googleapis' google/cloud protos (npm google-proto-files 6.0.1).

Loads the protos once, in this process, as ``speclint check google/cloud --proto-path .``
does (the same units, the same APIs), then runs every rule of the ruleset that applies to
protobuf over every API, ``--repeats`` times, and prints each rule's median CPU seconds, its
problems, and the total: the rules' share of a check run, without the loading and without the
findings' line and column (resolved through the source maps when a finding is made). The
machine's load average is printed too.

    python benchmarks/proto_rules.py [--repeats N] [--ruleset NAME]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import npm_package

from speclint.config import resolve_run_config
from speclint.lint.discover import discover
from speclint.lint.selection import RuleSetting
from speclint.lint.units import make_units
from speclint.loaders.base import LoadOptions
from speclint.loaders.collector import cycle_collector_paused
from speclint.loaders.registry import loader_for
from speclint.model import Api, SpecFormat
from speclint.rules.registry import RuleContext, RuleSpec


def load_apis(root: Path, loader_settings: dict[str, object]) -> list[Api]:
    os.chdir(root)
    paths = [Path("google/cloud")]
    specs = discover(paths)
    options = LoadOptions(
        roots=(paths[0].resolve(),),
        proto_paths=(Path("."),),
        explicit=frozenset(s.path for s in specs if s.explicit),
        settings=dict(loader_settings),
    )
    apis = []
    for unit in make_units(specs, options):
        loader = loader_for(unit.format) if unit.format is SpecFormat.PROTOBUF else None
        if loader is not None:
            apis += [result.api for result in loader.load(list(unit.paths), options) if result.api is not None]
    return apis


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3, help="runs of every rule over every API (median shown)")
    parser.add_argument("--ruleset", default="recommended")
    args = parser.parse_args()

    root = npm_package("google-proto-files", "6.0.1")
    config = resolve_run_config(None, args.ruleset, [], [], cwd=root)
    apis = load_apis(root, config.loader_settings)
    rules: list[tuple[RuleSpec, RuleSetting]] = []
    for rule_id, setting in config.settings.items():
        spec = config.registry.get(rule_id)
        if spec is not None and spec.check is not None and spec.category is not None:
            if spec.applies_to(SpecFormat.PROTOBUF):
                rules.append((spec, setting))
    print(f"google-proto-files 6.0.1, google/cloud: {len(apis)} APIs, ruleset {args.ruleset}, {len(rules)} rules")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    seconds: dict[str, list[float]] = {spec.id: [] for spec, _ in rules}
    problems: Counter[str] = Counter()
    for repeat in range(max(1, args.repeats)):
        spent = dict.fromkeys(seconds, 0.0)
        with cycle_collector_paused():  # as the runner does while the rules run
            for api in apis:
                shared: dict[str, object] = {}  # what the rules of one API share, as in a run
                for spec, setting in rules:
                    assert spec.check is not None
                    context = RuleContext(api, {**spec.options, **setting.options_for(api.files)}, shared)
                    start = time.process_time()
                    found = sum(1 for _ in spec.check(api, context))
                    spent[spec.id] += time.process_time() - start
                    if repeat == 0:
                        problems[spec.id] += found
        for rule_id in seconds:
            seconds[rule_id].append(spent[rule_id])
    medians = {rule_id: statistics.median(runs) for rule_id, runs in seconds.items()}
    for rule_id, median in sorted(medians.items(), key=lambda item: -item[1]):
        print(f"  {median:7.3f} s  {problems[rule_id]:6d} problems  {rule_id}")
    total = statistics.median(sum(runs[i] for runs in seconds.values()) for i in range(max(1, args.repeats)))
    print(f"rules: {total:.3f} s CPU per run (median of {max(1, args.repeats)})")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
