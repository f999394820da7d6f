"""A rule's documentation (the Markdown of its docstring) as HTML, for the HTML report.

Rule docs use a small part of Markdown: ``##`` headings, fenced code, ``-`` lists, paragraphs
and inline code; that is all this renders. Everything is escaped: a rule pack's docstring
cannot inject markup.
"""

from __future__ import annotations

import html
import re

from speclint.report.escape import visible

_INLINE_CODE = re.compile(r"`([^`]+)`")


def _inline(text: str) -> str:
    escaped = html.escape(visible(text))
    return _INLINE_CODE.sub(lambda m: f"<code>{m.group(1)}</code>", escaped)


def doc_html(doc: str) -> str:
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    code: list[str] | None = None

    def flush() -> None:
        if paragraph:
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            out.append("<ul>" + "".join(f"<li>{_inline(item)}</li>" for item in items) + "</ul>")
            items.clear()

    for line in doc.splitlines():
        stripped = line.strip()
        if code is not None:
            if stripped.startswith("```"):
                out.append(f"<pre><code>{html.escape(visible(chr(10).join(code)), quote=False)}</code></pre>")
                code = None
            else:
                code.append(line)
        elif stripped.startswith("```"):
            flush()
            code = []
        elif stripped.startswith("#"):
            flush()
            out.append(f"<h4>{_inline(stripped.lstrip('#').strip())}</h4>")
        elif stripped.startswith(("- ", "* ")):
            if paragraph:
                flush()
            items.append(stripped[2:])
        elif not stripped:
            flush()
        elif items and line.startswith((" ", "\t")):
            items[-1] += " " + stripped
        else:
            if items:
                flush()
            paragraph.append(stripped)
    if code is not None:
        out.append(f"<pre><code>{html.escape(visible(chr(10).join(code)), quote=False)}</code></pre>")
    flush()
    return "\n".join(out)
