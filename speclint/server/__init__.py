"""``speclint server``: live findings in any editor, over the Language Server Protocol.

``session.py`` lints incrementally and knows no protocol (``check --watch`` uses it too);
``folders.py`` gives each workspace folder its configuration; ``diagnostics.py``,
``actions.py`` and ``hover.py`` turn findings into what an editor shows; ``lsp.py`` is the
pygls server that ties them to the editor's buffers. pygls and lsprotocol are imported only by
the ``server`` command.
"""
