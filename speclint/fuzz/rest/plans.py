"""Which sequences the stateful phase sends: plans made of the spec's links."""

from __future__ import annotations

from dataclasses import dataclass

from speclint.fuzz.rest.links import Link


@dataclass(frozen=True)
class Plan:
    """One kind of sequence: the first operation, then each link's target in turn. Each link
    starts at the request before it; in a ``frees`` plan both links start at the first request
    (it created a resource: ``links[0]`` deletes it, ``links[1]`` then gets it)."""

    links: tuple[Link, ...]
    frees: bool = False

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.links[0].source, *(link.target for link in self.links))

    def source_step(self, index: int) -> int:
        """The step whose exchange the ``index``-th link reads."""
        return 0 if self.frees else index

    def describe(self) -> str:
        return "; ".join(link.describe() for link in self.links)


def plans(links: list[Link]) -> list[Plan]:
    """One plan per link; a chain of two where a link leads to a create whose own links lead
    deeper (a part of what it created); DELETE-then-GET plans where one source links to both."""
    found = [Plan((link,)) for link in links]
    for first in links:
        if not first.target.startswith(("POST ", "PUT ")):
            continue
        found += [Plan((first, second)) for second in links
                  if second.source == first.target and _deeper(second.target, second.source)
                  and second.target != first.source]
    for delete in links:
        if not delete.target.startswith("DELETE "):
            continue
        for get in links:
            if (get.source == delete.source and get.target.startswith("GET ")
                    and _path(get.target) == _path(delete.target) and _same_binding(get, delete)):
                found.append(Plan((delete, get), frees=True))
                break
    return found


def cleanups(links: list[Link]) -> dict[str, Link]:
    """For each operation that creates (POST, PUT), a link to the DELETE of what it created."""
    found: dict[str, Link] = {}
    for link in links:
        if (link.source.startswith(("POST ", "PUT ")) and link.target.startswith("DELETE ")
                and binds_every_path_parameter(link)):
            found.setdefault(link.source, link)
    return found


def _path(operation_label: str) -> str:
    return operation_label.partition(" ")[2]


def _deeper(target: str, source: str) -> bool:
    return _path(target).startswith(_path(source).rstrip("/") + "/")


def _same_binding(first: Link, second: Link) -> bool:
    def path_values(link: Link) -> set[tuple[str, str]]:
        return {(name, str(value)) for location, name, value in link.parameters if location in ("path", "")}

    return path_values(first) == path_values(second)


def binds_every_path_parameter(link: Link) -> bool:
    path = _path(link.target)
    templates = {segment[1:-1] for segment in path.split("/") if segment.startswith("{") and segment.endswith("}")}
    bound = {name for location, name, _ in link.parameters if location in ("path", "")}
    return bool(templates) and templates <= bound
