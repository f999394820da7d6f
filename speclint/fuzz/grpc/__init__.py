"""gRPC contract tests: hypothesis strategies from proto descriptors, calls through grpcio.

``source`` reads the methods from a ``.proto`` file (compiled by protoc) or from the server's
reflection service; ``boundary`` and ``strategies`` make request messages; ``call`` sends one
case and judges the outcome; ``runner`` puts them together for ``engine.run_fuzz``.
"""
