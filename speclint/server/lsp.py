"""The language server: buffers in, diagnostics, code actions and hovers out (pygls, stdio).

Edits are debounced; linting runs in one worker thread, the unit that a change touches only,
against the open buffers (``sources/overlay.py``). A run checks between units whether newer
edits arrived: then it stops, its work is queued again, and nothing stale is published.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Sequence

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from speclint import __version__
from speclint.findings import Finding
from speclint.loaders.detect import SPEC_SUFFIXES
from speclint.server.actions import Action, casing_fix, suppression
from speclint.server.diagnostics import SOURCE, finding_range, to_diagnostic
from speclint.server.folders import CONFIG_NAMES, Folder, ServerOptions, folder_of
from speclint.server.session import Buffers, real

log = logging.getLogger("speclint.server")
_WATCHED = "**/*{" + ",".join(sorted(SPEC_SUFFIXES)) + "}"
_WATCHED_CONFIG = "**/{" + ",".join(sorted(CONFIG_NAMES)) + "}"


class SpeclintServer(LanguageServer):
    def __init__(self, options: ServerOptions) -> None:
        super().__init__("speclint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.options = options
        self.folders: dict[str, Folder] = {}  # real path of a workspace folder, or of a loose file
        self.pending: dict[str, set[str]] = {}  # folder key -> real paths changed since the last run
        self.generation = 0  # bumped by every change; a run that sees it move is stale
        self.published: dict[str, list[types.Diagnostic]] = {}  # uri -> what the editor shows
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speclint-lint")
        self._timer: asyncio.Task[None] | None = None

    # -- where a file belongs ------------------------------------------------------------

    def workspace_roots(self) -> list[str]:
        roots = [to_fs_path(f.uri) for f in self.workspace.folders.values()]
        if not roots and self.workspace.root_path:
            roots = [self.workspace.root_path]
        return [real(r) for r in roots if r]

    def folder_for(self, path: str) -> tuple[str, Folder]:
        key = folder_of(path, self.workspace_roots()) or path
        folder = self.folders.get(key)
        if folder is None:
            folder = Folder((Path(key),), self.options)
            self.folders[key] = folder
            if folder.problem:
                self.window_show_message(types.ShowMessageParams(types.MessageType.Warning, folder.problem))
        return key, folder

    # -- scheduling ------------------------------------------------------------------------

    def changed(self, path: str) -> None:
        key, _ = self.folder_for(path)
        self.pending.setdefault(key, set()).add(path)
        self.generation += 1
        if self._timer is not None:
            self._timer.cancel()
        self._timer = asyncio.get_running_loop().create_task(self._lint_later(self.generation))

    async def _lint_later(self, generation: int) -> None:
        await asyncio.sleep(self.options.debounce_s)
        if generation != self.generation or not self.pending:
            return
        jobs, self.pending = self.pending, {}
        started = time.perf_counter()
        buffers, versions = self._buffers()
        loop = asyncio.get_running_loop()
        linting = time.perf_counter()
        touched = await loop.run_in_executor(self.worker, self._run, jobs, buffers, generation)
        if touched is None:  # newer edits arrived: lint again with them, publish nothing stale
            for key, paths in jobs.items():
                self.pending.setdefault(key, set()).update(paths)
            log.info("run cancelled by newer edits after %.3f s", time.perf_counter() - linting)
            return
        publishing = time.perf_counter()
        self._publish(touched, versions)
        log.info(
            "buffers %.3f s, lint %.3f s, publish %.3f s (%d files)",
            linting - started, publishing - linting, time.perf_counter() - publishing, len(touched),
        )

    def _buffers(self) -> tuple[Buffers, dict[str, int | None]]:
        buffers: dict[str, bytes] = {}
        versions: dict[str, int | None] = {}
        for uri, document in list(self.workspace.text_documents.items()):
            path = to_fs_path(uri)
            if path:
                buffers[real(path)] = document.source.encode("utf-8")
                versions[real(path)] = document.version
        return buffers, versions

    def _run(self, jobs: dict[str, set[str]], buffers: Buffers, generation: int) -> dict[str, Folder] | None:
        """In the worker thread: lint the units the changed files touch. The files whose
        diagnostics may have changed, with their folders; None when cancelled."""
        touched: dict[str, Folder] = {}

        def cancelled() -> bool:
            return self.generation != generation

        for key, paths in jobs.items():
            folder = self.folders.get(key)
            if folder is None:
                continue
            units = list(dict.fromkeys(u for p in sorted(paths) for u in folder.session.units_for(p, buffers)))
            try:
                files = folder.session.lint(units, buffers, cancelled)
            except Exception:  # a bug must not end the editor's session
                log.exception("linting %s failed", ", ".join(sorted(paths)))
                continue
            if cancelled():
                return None
            touched.update(dict.fromkeys(files, folder))
            touched.update(dict.fromkeys(paths, folder))
        return touched

    # -- publishing ------------------------------------------------------------------------

    def _publish(self, touched: dict[str, Folder], versions: dict[str, int | None]) -> None:
        for path, folder in touched.items():
            uri = from_fs_path(path)
            if uri is None:
                continue
            findings = folder.session.findings_in(path)
            if not findings and not self.published.get(uri):
                continue
            document = self.workspace.text_documents.get(uri)
            lines = document.lines if document is not None else ()  # pygls splits the text on each access
            docs_url = self.options.docs_url or folder.session.run_config.docs_url
            diagnostics = [self._diagnostic(f, document, lines, docs_url) for f in findings]
            self.published[uri] = diagnostics
            params = types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=versions.get(path))
            self.text_document_publish_diagnostics(params)

    def _diagnostic(
        self, finding: Finding, document: TextDocument | None, lines: Sequence[str], docs_url: str
    ) -> types.Diagnostic:
        range_ = finding_range(finding)
        if document is not None and not _ascii(lines, range_.start.line, range_.end.line):
            range_ = document.position_codec.range_to_client_units(lines, range_)
        return to_diagnostic(finding, range_, docs_url)

    def clear(self, uri: str) -> None:
        if self.published.pop(uri, None):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    # -- code actions and hovers -------------------------------------------------------------

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        path = to_fs_path(uri)
        if not path:
            return []
        document = self.workspace.get_text_document(uri)
        raw = document.lines  # pygls splits the text on each access
        lines = [line.rstrip("\r\n") for line in raw]
        actions: list[types.CodeAction] = []
        for diagnostic in params.context.diagnostics:
            if diagnostic.source != SOURCE or not isinstance(diagnostic.code, str):
                continue
            start = document.position_codec.position_from_client_units(raw, diagnostic.range.start)
            data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
            texts = self._unit_texts(real(path))
            fix = casing_fix(diagnostic.code, diagnostic.message, start.line, start.character, lines, texts)
            ignore = suppression(diagnostic.code, start.line, lines, path, str(data.get("format", "")))
            for action in (fix, ignore):
                if action is not None:
                    actions.append(self._code_action(action, document, raw, diagnostic))
        return actions

    def _unit_texts(self, path: str) -> list[str]:
        """The text of every file read by the units that read ``path`` (buffers first)."""
        _, folder = self.folder_for(path)
        buffers, _ = self._buffers()
        files = {path}
        for unit in folder.session.units_reading(path):
            state = folder.session.states.get(unit)
            files |= state.files if state is not None else {real(p) for p in unit.paths}
        texts = []
        for file in sorted(files):
            data = buffers.get(file)
            if data is None:
                try:
                    data = Path(file).read_bytes()
                except OSError:
                    continue
            texts.append(data.decode("utf-8", "replace"))
        return texts

    def _code_action(
        self, action: Action, document: TextDocument, lines: Sequence[str], diagnostic: types.Diagnostic
    ) -> types.CodeAction:
        codec = document.position_codec
        edits = [
            types.TextEdit(
                codec.range_to_client_units(
                    lines, types.Range(types.Position(*edit.start), types.Position(*edit.end))
                ),
                edit.text,
            )
            for edit in action.edits
        ]
        return types.CodeAction(
            title=action.title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            is_preferred=action.preferred or None,
            edit=types.WorkspaceEdit(
                document_changes=[
                    types.TextDocumentEdit(
                        types.OptionalVersionedTextDocumentIdentifier(document.uri, document.version), edits
                    )
                ]
            ),
        )

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        from speclint.cli.catalogue import catalogue
        from speclint.cli.explain import explain_text

        at = (params.position.line, params.position.character)
        under = [
            d
            for d in self.published.get(params.text_document.uri, [])
            if (d.range.start.line, d.range.start.character) <= at <= (d.range.end.line, d.range.end.character)
        ]
        path = to_fs_path(params.text_document.uri)
        if not under or not path:
            return None
        registry = catalogue(self.folder_for(real(path))[1].session.run_config.registry)
        texts: list[str] = []
        for diagnostic in sorted(under, key=_extent):  # the innermost finding first
            rule = registry.get(str(diagnostic.code))
            if rule is not None and explain_text(rule) not in texts:
                texts.append(explain_text(rule))
        if not texts:
            return None
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(texts)))

    # -- files changing on disk -------------------------------------------------------------

    def files_changed(self, changes: Sequence[types.FileEvent]) -> None:
        for change in changes:
            path = to_fs_path(change.uri)
            if not path:
                continue
            path = real(path) if os.path.exists(path) else os.path.abspath(path)
            if os.path.basename(path) in CONFIG_NAMES:
                self._reload(path)
            elif os.path.splitext(path)[1].lower() in SPEC_SUFFIXES:
                if change.type != types.FileChangeType.Changed:
                    for folder in self.folders.values():
                        folder.session.discover()
                if change.uri not in self.workspace.text_documents:
                    self.changed(path)

    def _reload(self, config_file: str) -> None:
        for key, folder in self.folders.items():
            if not folder.affected_by(config_file):
                continue
            folder.reload()
            if folder.problem:
                self.window_show_message(types.ShowMessageParams(types.MessageType.Warning, folder.problem))
            for uri in list(self.workspace.text_documents):
                path = to_fs_path(uri)
                if path and (folder_of(real(path), [key]) or real(path) == key):
                    self.changed(real(path))

    async def watch_files(self) -> None:
        """Ask the editor to report changes of spec and configuration files, when it can."""
        workspace = self.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace else None
        if watched is None or not watched.dynamic_registration:
            return
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in (_WATCHED, _WATCHED_CONFIG)]
        )
        registration = types.Registration("speclint-files", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options)
        await self.client_register_capability_async(types.RegistrationParams([registration]))


def options_from(initialization: Any, base: ServerOptions) -> ServerOptions:
    """``initializationOptions`` (``config``, ``ruleset``, ``protoPaths``, ``ruleDocsUrl``,
    ``debounceMs``) over the command line's."""
    if not isinstance(initialization, dict):
        return base
    proto = initialization.get("protoPaths")
    debounce = initialization.get("debounceMs")
    return ServerOptions(
        config=str(initialization["config"]) if initialization.get("config") else base.config,
        ruleset=str(initialization["ruleset"]) if initialization.get("ruleset") else base.ruleset,
        proto_paths=tuple(Path(p) for p in proto) if isinstance(proto, list) else base.proto_paths,
        docs_url=str(initialization["ruleDocsUrl"]) if initialization.get("ruleDocsUrl") else base.docs_url,
        debounce_s=debounce / 1000 if isinstance(debounce, (int, float)) and debounce >= 0 else base.debounce_s,
    )


def make_server(options: ServerOptions) -> SpeclintServer:
    server = SpeclintServer(options)

    @server.feature(types.INITIALIZE)
    def initialize(ls: SpeclintServer, params: types.InitializeParams) -> None:
        ls.options = options_from(params.initialization_options, ls.options)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: SpeclintServer, params: types.InitializedParams) -> None:
        await ls.watch_files()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: SpeclintServer, params: types.DidOpenTextDocumentParams) -> None:
        _touch(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: SpeclintServer, params: types.DidChangeTextDocumentParams) -> None:
        _touch(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: SpeclintServer, params: types.DidSaveTextDocumentParams) -> None:
        path = to_fs_path(params.text_document.uri)
        if path and os.path.basename(path) in CONFIG_NAMES:
            ls._reload(real(path))

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: SpeclintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = to_fs_path(uri)
        if not path:
            return
        key = folder_of(real(path), ls.workspace_roots())
        if key is None:  # a loose file: forget it
            ls.folders.pop(real(path), None)
            ls.clear(uri)
        elif os.path.exists(path):  # lint what is saved, not the buffer that was thrown away
            ls.changed(real(path))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: SpeclintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: SpeclintServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: SpeclintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.files_changed(params.changes)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: SpeclintServer, params: Any) -> None:
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server


def _ascii(lines: Sequence[str], first: int, last: int) -> bool:
    """Whether the lines (0-based, inclusive) are ASCII: then characters and UTF-16 units agree."""
    return all(lines[i].isascii() for i in range(first, min(last + 1, len(lines))))


def _extent(diagnostic: types.Diagnostic) -> tuple[int, int]:
    start, end = diagnostic.range.start, diagnostic.range.end
    return end.line - start.line, end.character - start.character if end.line == start.line else end.character


def _touch(ls: SpeclintServer, uri: str) -> None:
    path = to_fs_path(uri)
    if path and os.path.splitext(path)[1].lower() in SPEC_SUFFIXES:
        ls.changed(real(path))


__all__ = ["SpeclintServer", "make_server", "options_from"]
