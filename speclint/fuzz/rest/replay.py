"""A stateful failure's reproduction: a shell script that replays the whole sequence.

Each request is a ``curl`` line (the same rules as every reproduction: redaction, exact bytes).
A value a link took from an earlier response (``$response.body#/id``, ``$response.header.X``)
is not written out: the script saves that response and reads the value from it, so the replay
works on what the replayed requests create, encoded the way the run sent it. Every request
before the last is silent; the last one, the failure, shows its answer::

    d=$(mktemp -d); speclint_value() { python3 -c '...' "$@"; }
    curl -s -o "$d/1.body" -D "$d/1.headers" -X POST 'http://h/v1/tags' ... --data-raw '{"text": "a"}'
    v1=$(speclint_value "$d/1.body" "$d/1.headers" body /id path)
    curl -X GET 'http://h/v1/tags/'"$v1"'' -H 'Authorization: [redacted]'

A value whose encoding cannot be matched to what was sent stays written out as it was sent.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import quote, quote_plus

from speclint.fuzz.curl import shell_word

# one line (a report may indent every line): file, headers file, body|header, pointer|name, encoding
_VALUE_PROGRAM = (
    'import json,sys,functools,urllib.parse as u;f,h,s,r,e=sys.argv[1:];m=object();'
    'g=lambda x,t:(x[int(t)] if t.isdigit() and int(t)<len(x) else m) if isinstance(x,list) else '
    '(x.get(t.replace("~1","/").replace("~0","~"),m) if isinstance(x,dict) else m);'
    'v=functools.reduce(g,r.split("/")[1:],json.load(open(f))) if s=="body" else '
    'next((l.split(":",1)[1].strip() for l in open(h) if l.lower().startswith(r.lower()+":")),m);'
    'v is m and sys.exit("speclint: the response has no "+s+" "+r);'
    'v=v if isinstance(v,str) else json.dumps(v);'
    'print({"path":u.quote(v,safe=""),"path/":u.quote(v,safe="/"),"query":u.quote_plus(v)}.get(e,v),end="")'
)
_PREAMBLE = f"d=$(mktemp -d); speclint_value() {{ python3 -c '{_VALUE_PROGRAM}' \"$@\"; }}"
_ENCODINGS: dict[str, Callable[[str], str]] = {
    "raw": lambda text: text,
    "path": lambda text: quote(text, safe=""),
    "path/": lambda text: quote(text, safe="/"),
    "query": quote_plus,
}
# the first that reproduces what was sent wins: the most encoding first
_CANDIDATES = {"path": ("path", "path/", "raw"), "query": ("query", "path", "raw"), "header": ("raw",),
               "cookie": ("raw",)}


@dataclass(frozen=True)
class Read:
    """A value the step took from the response of step ``step`` (0-based)."""

    token: str  # stands for the value in ``Step.template``
    step: int
    source: str  # "body" or "header"
    reference: str  # a JSON pointer into the body, or a header name
    location: str  # where the value went: path, query, header, cookie
    name: str  # the parameter it filled
    value: Any  # the value as it was read during the run


@dataclass(frozen=True)
class Step:
    """One request of a sequence: its ``curl`` as sent, and (when it used response values)
    its ``curl`` with a token for each of them."""

    curl: str
    template: str | None = None
    reads: tuple[Read, ...] = ()


def response_reference(expression: Any) -> tuple[str, str] | None:
    """("body", pointer) or ("header", name) for ``$response.body#/...`` / ``$response.header.X``."""
    if not isinstance(expression, str):
        return None
    if expression == "$response.body" or expression.startswith("$response.body#"):
        return "body", expression.partition("#")[2]
    if expression.startswith("$response.header."):
        return "header", expression[len("$response.header."):]
    return None


def request_reference(expression: Any) -> tuple[str, str] | None:
    """(location, name) for ``$request.path.X``, ``$request.query.X``, ``$request.header.X``."""
    if not isinstance(expression, str) or not expression.startswith("$request."):
        return None
    location, _, name = expression[len("$request."):].partition(".")
    return (location, name) if location in ("path", "query", "header") and name else None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _encodings(step: Step) -> tuple[str, ...] | None:
    """For each read, the encoding that turns its value into exactly what was sent, or None."""
    assert step.template is not None
    options = [_CANDIDATES.get(read.location, ("raw",)) for read in step.reads]
    for choice in itertools.product(*options):
        rebuilt = step.template
        for read, encoding in zip(step.reads, choice):
            rebuilt = rebuilt.replace(read.token, _ENCODINGS[encoding](_text(read.value)))
        if rebuilt == step.curl:
            return choice
    return None


def sequence_script(steps: list[Step]) -> str:
    """The reproduction of a sequence whose last step failed."""
    plans: dict[int, tuple[str, ...]] = {}
    for index, step in enumerate(steps):
        if step.template is not None and step.reads:
            encodings = _encodings(step)
            if encodings is not None:
                plans[index] = encodings
    read_steps = {read.step for index in plans for read in steps[index].reads}
    lines = [_PREAMBLE] if plans else []
    variables: dict[tuple[int, str, str, str], str] = {}
    for index, step in enumerate(steps):
        curl = step.curl
        if index in plans:
            assert step.template is not None
            curl = step.template
            for read, encoding in zip(step.reads, plans[index]):
                key = (read.step, read.source, read.reference, encoding)
                if key not in variables:
                    variables[key] = f"v{len(variables) + 1}"
                    files = f'"$d/{read.step + 1}.body" "$d/{read.step + 1}.headers"'
                    lines.append(f"{variables[key]}=$(speclint_value {files} {read.source} "
                                 f"{shell_word(read.reference)} {encoding})")
                curl = curl.replace(read.token, f"'\"${variables[key]}\"'")
        if index < len(steps) - 1:
            output = (f'-s -o "$d/{index + 1}.body" -D "$d/{index + 1}.headers"' if index in read_steps
                      else "-s -o /dev/null")
            curl = _with_options(curl, output)
        lines.append(curl)
    return "\n".join(lines)


def _with_options(curl: str, options: str) -> str:
    if curl.startswith("curl "):
        return f"curl {options} " + curl[len("curl "):]
    return curl.replace(" | curl ", f" | curl {options} ", 1)  # a body written by printf
