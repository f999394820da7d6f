"""What one call's outcome means for the contract: the failures it shows, and whether to stop.

``server-error``: UNKNOWN, INTERNAL, DATA_LOSS, or UNIMPLEMENTED (the method is declared, so it
must be served); ``timeout``: DEADLINE_EXCEEDED before any
reply (a stream that replied and then ran past the deadline is long-lived, not slow);
``response-schema``: a reply that does not decode as the declared output type.
"""

from __future__ import annotations

from dataclasses import dataclass

from speclint.fuzz import results as ids
from speclint.fuzz.grpc.call import Outcome

SERVER_ERRORS = frozenset({"UNKNOWN", "INTERNAL", "DATA_LOSS", "UNIMPLEMENTED"})
_MAX_DETAILS = 300


@dataclass(frozen=True)
class Verdict:
    check: str
    message: str
    status: int | None  # the gRPC status code; None when no status came back
    kind: str = ""  # tells distinct failures of one check apart (the status name, ``decode``)


@dataclass(frozen=True)
class Judgement:
    verdicts: list[Verdict]
    stop: bool  # send nothing more to this method
    slow: bool = False  # the call took the whole deadline: not worth repeating


def judge(outcome: Outcome, timeout: float) -> Judgement:
    """A server that stopped answering is not judged here: the run ends (exit 2)."""
    code = outcome.code
    details = outcome.details[:_MAX_DETAILS]
    verdicts: list[Verdict] = []
    stop = slow = False
    if code in SERVER_ERRORS:
        text = f"{code}: {details}" if details else code
        if code == "UNIMPLEMENTED":
            text += " (the method is declared in the spec but the server does not serve it)"
            stop = True
        verdicts.append(Verdict(ids.SERVER_ERROR, text, outcome.number, code))
    elif code == "DEADLINE_EXCEEDED":
        if outcome.replies == 0:
            verdicts.append(Verdict(ids.TIMEOUT, f"no reply within {timeout:g} s (DEADLINE_EXCEEDED)", None))
        stop = slow = True
    if outcome.undecodable:
        verdicts.append(Verdict(ids.RESPONSE_SCHEMA, outcome.undecodable, outcome.number, "decode"))
    return Judgement(verdicts, stop, slow)
