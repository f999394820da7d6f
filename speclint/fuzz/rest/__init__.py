"""OpenAPI contract tests through schemathesis."""
