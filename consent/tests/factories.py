"""Authorities for tests, built through the real services."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from consent import services
from consent.models import Duration, Entry, Evidence, Scope


def make_authority(actor, customer, adviser, **overrides):
    fields = {
        "scope": [Scope.VIEW, Scope.ENTRIES],
        "entries": [Entry.LODGE_MR],
        "purpose": "To challenge the decision of 3 March on her Universal Credit housing element",
        "duration": Duration.ONGOING,
        "evidence": Evidence.SIGNATURE,
        "signature_name": "Jane Johnson",
    }
    fields.update(overrides)
    return services.authority_grant(actor=actor, customer=customer, adviser=adviser, **fields)


def png_bytes(width: int = 40, height: int = 30) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims the given size: a decompression bomb in miniature,
    made without ever allocating the pixels."""
    import struct
    import zlib

    content = bytearray(png_bytes(1, 1))
    # The IHDR chunk follows the 8-byte signature: length(4) type(4) width(4) height(4) ...
    content[16:24] = struct.pack(">II", width, height)
    content[29:33] = struct.pack(">I", zlib.crc32(bytes(content[12:29])))
    return bytes(content)


def plain_pdf() -> bytes:
    """A small, real, plain PDF (a one-page signed form, as a scanner would make)."""
    from weasyprint import HTML

    return HTML(string="<p>I, Jane Johnson, authorise my adviser. Signed: J Johnson</p>").write_pdf()


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
