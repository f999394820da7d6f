"""``speclint fuzz``: property-based contract tests against a running server.

The engine (``engine.run_fuzz``) picks a runner by spec format: OpenAPI and GraphQL go
through schemathesis (``rest``, ``graphql``); gRPC (``.proto`` or server reflection) through
hypothesis strategies built from the descriptors and grpcio's generic calls (``grpc``).
Every runner first sends deterministic boundary cases (``boundary``), then random
ones within the ``--max-examples`` budget, and hands what it finds to one ``Collector``
that keeps each distinct failure once, with its smallest reproduction. Nothing here is
imported by ``check``; schemathesis, hypothesis, graphql and grpc are imported lazily.
"""

from __future__ import annotations

from speclint.fuzz.options import FuzzOptions
from speclint.fuzz.results import CHECK_IDS, ContractFailure, FuzzReport

__all__ = ["CHECK_IDS", "ContractFailure", "FuzzOptions", "FuzzReport"]
