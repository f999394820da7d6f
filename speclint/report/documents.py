"""Writing a whole JSON or XML report document, the same way for every format that has one."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any, TextIO

from speclint.report.escape import json_safe


def write_json(document: Any, stream: TextIO) -> None:
    """Indented JSON, characters as they are except those a terminal would act on."""
    stream.write(json_safe(json.dumps(document, indent=2, ensure_ascii=False)))
    stream.write("\n")


def write_xml(root: ET.Element, stream: TextIO) -> None:
    """An indented XML document with its declaration."""
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
