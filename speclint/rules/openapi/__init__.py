"""Rules that read OpenAPI-specific parts of the model."""
