"""Rules for GraphQL schemas."""
