"""Plain text: decoded and passed through line by line (flattened tables included, for the table parser)."""

from __future__ import annotations

from .blocks import Extracted
from .decode import decode


def read_text(data: bytes) -> Extracted:
    text, encoding = decode(data)
    return Extracted(blocks=[text], encoding=encoding)
