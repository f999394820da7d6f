"""Draw random cases from a hypothesis strategy, reproducibly, without hypothesis' test machinery.

Failures are recorded, never raised, so hypothesis neither shrinks nor replays: the whole
budget goes to exploring, and the smallest reproduction is picked among those found.
"""

from __future__ import annotations

from typing import Any, Callable


def drive(strategy: Any, budget: int, seed: int, handle: Callable[[Any], None]) -> None:
    """Call ``handle`` on up to ``budget`` distinct examples of ``strategy``, seeded."""
    if budget <= 0:
        return
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings
    from hypothesis import seed as with_seed
    from hypothesis.errors import Unsatisfiable

    @with_seed(seed)
    @settings(
        max_examples=budget,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
        print_blob=False,
    )
    @given(strategy)
    def explore(example: Any) -> None:
        handle(example)

    try:
        explore()
    except Unsatisfiable:
        pass
