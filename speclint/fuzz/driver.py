"""Draw random cases from a hypothesis strategy, reproducibly, without hypothesis' test machinery.

Failures are recorded, never raised, so hypothesis neither shrinks nor replays: the whole
budget goes to exploring, and the smallest reproduction is picked among those found.

A strategy that mostly rejects its own draws (schemathesis' negative mode on an operation with
little it can break) is given up early: hypothesis would try some 450 draws before it stops,
seconds per operation spent generating nothing to send.
"""

from __future__ import annotations

from typing import Any, Callable

_PATIENCE = 20  # rejected draws allowed before the first usable one
_PATIENCE_PER_CASE = 10  # and per usable one after it
_REJECTED = object()  # a draw the strategy itself turned down


class _Done(Exception):
    """The budget is spent, or the strategy rejected too many of its draws."""


def drive(strategy: Any, budget: int, seed: int, handle: Callable[[Any], None]) -> None:
    """Call ``handle`` on up to ``budget`` distinct examples of ``strategy``, seeded."""
    if budget <= 0:
        return
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings
    from hypothesis import seed as with_seed
    from hypothesis import strategies as st
    from hypothesis.errors import Unsatisfiable, UnsatisfiedAssumption

    sent = rejected = 0
    patience = _PATIENCE + _PATIENCE_PER_CASE * budget

    @st.composite
    def lenient(draw: Any) -> Any:
        try:
            return draw(strategy)
        except UnsatisfiedAssumption:  # counted here, so it cannot cost hundreds of draws
            return _REJECTED

    @with_seed(seed)
    @settings(
        max_examples=budget + patience,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
        print_blob=False,
    )
    @given(lenient())
    def explore(example: Any) -> None:
        # stopping is raising: hypothesis replays the last example once, which raises again here
        nonlocal sent, rejected
        if sent >= budget or rejected > _PATIENCE + _PATIENCE_PER_CASE * sent:
            raise _Done
        if example is _REJECTED:
            rejected += 1
            return
        sent += 1
        handle(example)
        if sent >= budget:
            raise _Done

    try:
        explore()
    except (Unsatisfiable, _Done):
        pass
