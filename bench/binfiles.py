"""Tiny but valid binary files for the corpus: PNG images and one-page PDFs.

Written with zlib and struct only, so the generator needs nothing beyond the standard library
and the same bytes come out every time.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

Pixel = Callable[[int, int], tuple[int, int, int]]


def tiny_png(width: int, height: int, colour: Pixel) -> bytes:
    """A valid RGB PNG; *colour* maps (x, y) to an (r, g, b) tuple."""
    rows = b"".join(
        b"\x00" + b"".join(bytes(colour(x, y)) for x in range(width)) for y in range(height)
    )

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def emblem_pixel(x: int, y: int) -> tuple[int, int, int]:
    """A red disc with a gold ring: a stand-in for the 国徽 (the real one is not shipped)."""
    r2 = (x - 31.5) ** 2 + (y - 31.5) ** 2
    if r2 < 26**2:
        return (222, 41, 16)
    if r2 < 31**2:
        return (255, 222, 0)
    return (255, 255, 255)


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF with a correct xref table, so viewers and link checkers accept it."""
    stream = f"BT /F1 12 Tf 72 770 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
