"""Families of change rules, one module each; importing a module registers its rules."""
