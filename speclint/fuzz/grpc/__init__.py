"""gRPC contract tests: hypothesis strategies from proto descriptors, calls through grpcio.

``source`` reads the methods from a ``.proto`` file (compiled by protoc) or from the server's
reflection service; ``boundary`` (edge values, one field at a time) and ``strategies`` (random
messages, ``wkt`` for the well-known types, ``fields`` for what both share) make request
messages; ``call`` sends one case, ``judge`` says what its outcome breaks, ``grpcurl`` writes
the reproduction; ``runner`` puts them together for ``engine.run_fuzz``.
"""
