"""Small specs several test folders write: one place for their text, so that lines stay in step."""

from __future__ import annotations

_SHOP = """\
openapi: 3.0.3
info:
  title: Shop
  version: 1.0.0
paths:
  /pets:
    get:
      operationId: {list_pets}
      responses:
        "200":
          description: OK
"""


def shop_spec(list_pets: str, *more: str) -> str:
    """An OpenAPI 3.0 spec, ``Shop``: ``GET /pets`` with operationId ``list_pets`` (line 8, column 7),
    then ``more``: further operations of ``/pets`` (indented 4) or further paths (indented 2)."""
    return _SHOP.replace("{list_pets}", list_pets) + "".join(more)


def create_pet(*, extra: str = "", secured: bool = True) -> str:
    """``POST /pets`` for :func:`shop_spec`: operationId ``Create_Pet`` on its second line (line 13,
    column 7 of the spec when nothing precedes it), an ``oauth`` requirement when ``secured``, and
    ``extra`` written right after ``post:`` (``"\\n      x-speclint-ignore: '*'"``)."""
    security = "      security:\n        - oauth: []\n" if secured else ""
    return (
        f"    post:{extra}\n"
        "      operationId: Create_Pet\n"
        f"{security}"
        "      responses:\n"
        '        "201":\n'
        "          description: Created\n"
    )
