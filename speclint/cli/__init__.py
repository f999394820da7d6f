"""The command line: commands, options and exit statuses. Heavy imports happen per command."""
