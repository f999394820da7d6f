"""Rules that serve every format through the model."""
