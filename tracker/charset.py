"""Bytes -> text: the one decoder for pages, shared by fetch (sniffing) and extract. Pure."""

from __future__ import annotations

import codecs
import re

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECODED_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")
_WEB_READING = {"ascii": "cp1252", "iso8859-1": "cp1252"}  # how browsers read these labels


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes -> text, the one decoder for pages: a byte-order mark, else valid UTF-8, else the
    charset `declared` (e.g. by an HTTP header) or named in a <meta> tag, else lossy UTF-8.

    Valid UTF-8 is never re-read in a declared single-byte charset, and a UTF-8 page with a stray
    byte stays UTF-8 (one replacement character), never mojibake. A page labelled UTF-8 (or not
    labelled) whose bytes hold no UTF-8 character at all reads as windows-1252, as do ASCII and
    Latin-1 labels, as browsers do; bytes that fit no reading of the label are replaced.
    """
    bom = _bom(data)
    if bom is not None:
        return data[len(bom[0]) :].decode(bom[1], "replace")
    codec = detect_charset(data, declared)
    wide = codec is not None and codec.startswith(("utf-16", "utf-32"))
    text = _strict(data, "utf-8")
    if text is not None and not (wide and b"\0" in data):
        return text
    return _lenient(data, codec)


def detect_charset(data: bytes, declared: str | None = None) -> str | None:
    """The page's character set (a Python codec name): a byte-order mark, else `declared` if it
    names a known text encoding, else a <meta> charset in the first 4 KB; None when none does."""
    bom = _bom(data)
    if bom is not None:
        return bom[1]
    meta = _CHARSET.search(data[:4096])
    named = meta[1].decode("ascii", "replace") if meta else None
    return _codec(declared) or _codec(named)


def _bom(data: bytes) -> tuple[bytes, str] | None:
    return next(((bom, name) for bom, name in _BOMS if data.startswith(bom)), None)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeError:
        return None


def _lenient(data: bytes, codec: str | None) -> str:
    """Bytes that are not valid UTF-8, read by the named charset (or its browser reading).

    Claimed or assumed UTF-8 stays UTF-8, stray bytes replaced, when the bytes hold any real
    UTF-8 character; bytes holding none are a single-byte page and read as windows-1252."""
    if codec is None or codec == "utf-8":
        lossy = data.decode("utf-8", "replace")
        if _DECODED_NON_ASCII.search(lossy):
            return lossy
        codec = "cp1252"
    for name in dict.fromkeys((_WEB_READING.get(codec, codec), codec)):
        text = _strict(data, name)
        if text is not None:
            return text
    try:
        return data.decode(codec, "replace")
    except UnicodeError:
        return data.decode("utf-8", "replace")


def _codec(name: str | None) -> str | None:
    """The codec for a charset label, if it is a known text encoding."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
        "".encode(codec)  # raises for codecs that are not charsets (base64, zlib, rot13)
    except (LookupError, ValueError):
        return None
    return "utf-8" if codec == "utf-8-sig" else codec
