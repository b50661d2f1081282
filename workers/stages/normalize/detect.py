"""Tell what a file is from its bytes (never from its name): the four formats we read, or what we refuse."""

from __future__ import annotations

import io
import re
import zipfile

import puremagic

from workers.errors import DecodeFailed, UnsupportedFormat

from .decode import utf16_codec

# Signatures of formats people upload but we cannot read; the value is what UnsupportedFormat reports.
_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # .doc, .wps, .xls of the pre-2007 binary era
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"BM", "bmp"),
    (b"RIFF", "riff"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ", "xz"),
    (b"{\\rtf", "rtf"),
    (b"%!PS", "postscript"),
    (b"\x00\x00\x01\x00", "ico"),
    (b"AT&TFORM", "djvu"),
    (b"\x7fELF", "elf"),
    (b"MZ", "exe"),
)
_HTML = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<div[\s>]|<table[\s>]|<p[\s>]|<br\s*/?>",
    re.IGNORECASE,
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_TAG = re.compile(rb"</?[a-zA-Z][a-zA-Z0-9]{0,9}[\s>/]")
_NOT_CONTROL = bytes(range(32, 256)) + b"\t\n\x0c\r"
_NOT_CONTROL_UTF16 = _NOT_CONTROL + b"\x00"


def sniff(data: bytes, content_type: str | None) -> str:
    """'text', 'html', 'pdf' or 'docx'; UnsupportedFormat for anything else."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise UnsupportedFormat(_name_binary(data, kind) if kind == "riff" else kind)
    probe = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").replace(b"\x00", b"")
    if _HTML.search(probe[:1024]) and len(_TAG.findall(data[:20000].replace(b"\x00", b""))) >= 3:
        return "html"
    if content_type and "html" in content_type.lower() and _TAG.search(probe):
        return "html"
    if not data.startswith(_BOMS) and _looks_binary(data[:8192]) and not utf16_codec(data[:8192]):
        raise UnsupportedFormat(_name_binary(data, "binary"))
    return "text"


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise DecodeFailed("the file looks like a zip container but is corrupt", detail="zip") from e
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names or any(n.lower().endswith("ofd.xml") for n in names):
        raise UnsupportedFormat("ofd")
    for marker, kind in (("xl/", "xlsx"), ("ppt/", "pptx"), ("content.xml", "odf")):
        if any(n.startswith(marker) for n in names):
            raise UnsupportedFormat(kind)
    raise UnsupportedFormat("zip")


def _looks_binary(sample: bytes) -> bool:
    """Control bytes (other than whitespace and the NULs of UTF-16) mark a binary file."""
    if not sample:
        return False
    nul = sample.count(0)
    utf16 = nul and (sample[0::2].count(0) > len(sample) // 4 or sample[1::2].count(0) > len(sample) // 4)
    # Counted by deleting every other byte at C speed.
    controls = len(sample.translate(None, _NOT_CONTROL_UTF16 if utf16 else _NOT_CONTROL))
    return controls > len(sample) // 50


def _name_binary(data: bytes, fallback: str) -> str:
    try:
        ext: str = puremagic.from_string(data[:8192])
    except (puremagic.PureError, ValueError):
        return fallback
    return ext.lstrip(".") or fallback
