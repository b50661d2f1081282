"""The HTML frame every page shares: relative asset links only, so a page opens from the file system."""

from __future__ import annotations

from html import escape


def document(title: str, body: str, script: str = "") -> str:
    tag = f'<script src="assets/{script}"></script>' if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f'<title>{escape(title)}</title><link rel="stylesheet" href="assets/view.css"></head>'
        f"<body>{body}{tag}</body></html>\n"
    )


def number(value: float | None) -> str:
    """573, not 573.0; '?' for a value the record does not have."""
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
