"""Rules for protobuf packages."""
