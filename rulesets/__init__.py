"""Built-in rulesets, as YAML data."""
