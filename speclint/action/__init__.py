"""The GitHub Action's logic (``python -m speclint.action``) and the pre-commit entry point.

``action.yml`` only installs speclint and calls this package; everything it does goes through
the ``speclint`` command line, so the Action and the CLI cannot drift apart.
"""
