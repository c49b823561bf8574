"""Bytes to text: refuse what is not text, and decode what is, whatever its encoding.

Every reader goes through `decode_bytes`, so a PDF, an empty file or a 50 MB dump gives
the same named error whichever reader met it. The order of the checks matters: size
first (cheap, and protects the rest), then byte-order marks (UTF-16 is full of NULs),
then binary signatures, then UTF-8, a declared HTML charset, and a statistical guess.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from detente.errors import InputError

DEFAULT_MAX_BYTES = 2_000_000

# Signatures of binary formats people hand to a text tool by mistake: (prefix, what it is).
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, XLSX, ODT and EPUB files are ZIP archives)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a GZIP-compressed file; decompress it first"),
    (b"BZh", "a BZIP2-compressed file; decompress it first"),
    (b"\xfd7zXZ\x00", "an XZ-compressed file; decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (DOC, XLS)"),
    (b"\x7fELF", "an executable program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 control characters other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D} | {0x7F}
CONTROL_SHARE_LIMIT = 0.02  # real text has next to none; random bytes have about 10 %

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# The legacy encoding of most Western news text. Browsers (WHATWG) read a declared
# latin-1 as windows-1252 too, because the 0x80-0x9F range holds its curly quotes.
_WESTERN = "cp1252"
_WESTERN_FAMILY = frozenset({"cp1252", "iso8859-1", "iso8859-15", "ascii"})  # codecs.lookup() names
_GUESS_TIE = 0.01  # charset_normalizer "chaos" within this of the best counts as a tie


def human_size(n: int) -> str:
    """A byte count the way people say it (decimal units, as disks and limits are quoted)."""
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{n / 1000:.1f} kB"
    return f"{n / 1_000_000:.1f} MB"


def check_size(size: int, max_bytes: int, document: str) -> None:
    """Refuse a document over the limit, with both sizes in the message."""
    if size > max_bytes:
        raise InputError(document, "too-large", f"{human_size(size)}, over the {human_size(max_bytes)} limit")


def sniff_binary(data: bytes) -> str | None:
    """Say what binary thing `data` looks like, or None when it may be text (BOMs checked first)."""
    for magic, what in MAGIC_NUMBERS:
        if data.startswith(magic):
            return what
    head = data[:65536]
    if b"\x00" in head:
        return "it contains NUL bytes"
    controls = sum(1 for b in head if b in _CONTROL)
    if head and controls / len(head) > CONTROL_SHARE_LIMIT:
        return f"{controls / len(head):.0%} of its bytes are control characters"
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII-range text has a NUL in every other byte."""
    head = data[:4096]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML page declares in its first bytes, as a Python codec name."""
    head = data[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None
    return _WESTERN if name in _WESTERN_FAMILY else name


def _is_western(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name in _WESTERN_FAMILY
    except LookupError:
        return False


def _decode_strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _guess(data: bytes) -> str | None:
    """charset_normalizer's best coherent guess, preferring windows-1252 on a tie.

    On short Western text several single-byte code pages decode with no "chaos" at all,
    and the detector may pick cp1250 (turning "à" into "ŕ"). Windows-1252 is by far the
    most common legacy encoding of news text, so it wins any tie it takes part in.
    UTF-16/32 guesses without a BOM are ignored: they turn any even-length text into CJK.
    """
    matches = [
        m for m in charset_normalizer.from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))
    ]
    if not matches:
        return None
    best_chaos = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= best_chaos + _GUESS_TIE]
    if any(_is_western(m.encoding) for m in tied):
        text = _decode_strict(data, _WESTERN)
        if text is not None:
            return text
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    return str(best)


def decode_bytes(
    data: bytes, *, document: str, max_bytes: int = DEFAULT_MAX_BYTES, html: bool = False
) -> str:
    """Decode one document's bytes, or raise the InputError that says why it is not text.

    `html=True` lets a charset declared in the page (<meta charset>, <?xml encoding?>)
    decide when the bytes are not UTF-8.
    """
    check_size(len(data), max_bytes, document)
    if not data.strip():
        raise InputError(document, "empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _decode_strict(data[len(bom) :], encoding)
            if text is None:
                raise InputError(
                    document,
                    "undecodable",
                    f"it starts with a {encoding} byte-order mark but is not {encoding}",
                )
            return _non_empty(text, document)
    utf16 = _bomless_utf16(data)
    if utf16:
        text = _decode_strict(data, utf16)
        if text is not None:
            return _non_empty(text, document)
    what = sniff_binary(data)
    if what:
        raise InputError(document, "binary", what)
    text = _decode_strict(data, "utf-8")
    if text is not None:
        return _non_empty(text, document)
    if html:
        declared = declared_charset(data)
        if declared and declared != "utf-8":
            text = _decode_strict(data, declared)
            if text is not None:
                return _non_empty(text, document)
    text = _guess(data)
    if text is None:
        bad = _first_bad_utf8(data)
        raise InputError(document, "undecodable", f"the first invalid byte is at offset {bad}")
    return _non_empty(text, document)


def _first_bad_utf8(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start
    return -1


def _non_empty(text: str, document: str) -> str:
    if not text.strip():
        raise InputError(document, "empty")
    return text
