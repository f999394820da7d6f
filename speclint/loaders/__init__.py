"""Loaders turn spec files into the API model; they never lint."""
