"""The random-case driver: the budget is kept, seeds repeat, and a strategy that rejects its
own draws is given up after a few dozen tries instead of hypothesis' ~450."""

from __future__ import annotations

from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from speclint.fuzz.driver import drive


def test_budget_is_kept_and_a_seed_repeats_its_cases() -> None:
    first: list[int] = []
    second: list[int] = []
    drive(st.integers(), 7, 3, first.append)
    drive(st.integers(), 7, 3, second.append)
    assert len(first) == 7 and first == second


def test_a_strategy_that_rejects_every_draw_is_given_up_soon() -> None:
    draws = 0

    @st.composite
    def refusing(draw: Any) -> int:
        nonlocal draws
        draws += 1
        draw(st.integers())
        reject()
        return 0  # never reached

    handled: list[int] = []
    drive(refusing(), 5, 1, handled.append)
    assert handled == []
    assert draws <= 120  # hypothesis alone keeps trying for about 450 draws


def test_a_strategy_that_rejects_some_draws_still_fills_its_budget() -> None:
    @st.composite
    def picky(draw: Any) -> int:
        value = draw(st.integers(0, 99))
        if value < 50:
            reject()
        return value

    handled: list[int] = []
    drive(picky(), 6, 2, handled.append)
    assert len(handled) == 6 and all(value >= 50 for value in handled)
