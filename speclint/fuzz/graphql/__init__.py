"""GraphQL contract tests through schemathesis (root fields as operations)."""
