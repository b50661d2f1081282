"""Bytes to str for text and HTML: BOMs, a declared charset, strict UTF-8, then charset-normalizer's detection."""

from __future__ import annotations

import codecs

import charset_normalizer

from workers.errors import DecodeFailed

# What we decode with, for each name a page declares or the detector returns: GB2312/GBK pages routinely use
# characters only their superset GB18030 has, and Big5 pages the HKSCS extension.
_CODECS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "cp936": "gb18030",
    "x-gbk": "gb18030",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "cp950": "big5hkscs",
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "utf_8": "utf-8",
    "utf-16": "utf-16",
    "utf_16": "utf-16",
    "utf-16le": "utf-16-le",
    "utf-16be": "utf-16-be",
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
}
# The name recorded in Document.encoding: the family, not the decoder's superset.
_FAMILY = {
    "gb18030": "gb18030",
    "big5hkscs": "big5",
    "utf-8": "utf-8",
    "utf-16": "utf-16",
    "utf-16-le": "utf-16",
    "utf-16-be": "utf-16",
}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_CANDIDATES = ["utf_8", "gb18030", "big5", "big5hkscs", "utf_16_le", "utf_16_be"]


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text and the encoding family it was read with; DecodeFailed when no candidate reads it cleanly."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace"), _FAMILY[codec]
    utf16 = _utf16_without_bom(data)
    tried: list[str] = []
    for candidate in (utf16, _CODECS.get((declared or "").strip().lower()), "utf-8"):
        if candidate and candidate not in tried:
            tried.append(candidate)
            try:
                return data.decode(candidate), _FAMILY[candidate]
            except UnicodeDecodeError:
                continue
    best = charset_normalizer.from_bytes(data[:200_000], cp_isolation=_CANDIDATES).best()
    codec = _CODECS.get(best.encoding.replace("_", "-"), "") if best else ""
    if not codec:
        raise DecodeFailed("no supported text encoding reads this file", detail="text")
    # Decode the whole file leniently: one bad byte in a mirror copy must not lose the report.
    return data.decode(codec, errors="replace"), _FAMILY[codec]


def _utf16_without_bom(data: bytes) -> str | None:
    return utf16_codec(data[:8192])


def utf16_codec(sample: bytes) -> str | None:
    """UTF-16 without a BOM: any ASCII in it leaves NUL bytes, and decoded it is mostly Han, ASCII and CJK punctuation
    (UTF-8, GB18030 or random bytes read as UTF-16 are not)."""
    if b"\x00" not in sample:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        text = sample[: len(sample) // 2 * 2].decode(codec, errors="replace")
        usual = sum(1 for c in text if " " <= c <= "~" or c in "\n\r\t" or "\u3000" <= c <= "\u9fff" or c >= "\uff00")
        if text and usual / len(text) >= 0.9:
            return codec
    return None
