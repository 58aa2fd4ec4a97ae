"""Checking an uploaded signed form of authority before anything is stored.

PDF or image (PNG, JPEG) only, judged by the content's magic bytes (the `filetype`
package), never by the file's name or the browser's claimed type; size-limited; images
opened by Pillow with a pixel limit, so a decompression bomb is refused before it is
decoded; PDFs with scripts, launch actions or embedded files refused. Anything refused is
never written to storage.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass

import filetype
from django.conf import settings
from PIL import Image

from core.errors import HavenError

FIELD = "evidence_file"
ALLOWED = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
# A signed form photographed on a phone is a few megapixels; 40 is ample.
MAX_PIXELS = 40_000_000
# Things a signed form never needs, that a hostile PDF uses.
PDF_ACTIVE_CONTENT = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA", b"/SubmitForm")


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    extension: str
    sha256: str


def max_bytes() -> int:
    return getattr(settings, "HAVEN_EVIDENCE_MAX_BYTES", 5 * 1024 * 1024)


def _refuse(message: str) -> HavenError:
    return HavenError(message, field=FIELD)


def _read_limited(upload) -> bytes:
    limit = max_bytes()
    if getattr(upload, "size", None) is not None and upload.size > limit:
        raise _refuse(f"The file must be smaller than {limit // (1024 * 1024)} MB")
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise _refuse(f"The file must be smaller than {limit // (1024 * 1024)} MB")
    if not content:
        raise _refuse("The selected file is empty")
    return content


def _check_image(content: bytes) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise _refuse("The image is too large to be a photo or scan of a form. Upload a smaller image")
                image.verify()
    except HavenError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _refuse("The image is too large to be a photo or scan of a form. Upload a smaller image") from exc
    except Exception as exc:  # noqa: BLE001 - any decoding failure means a damaged or disguised file
        raise _refuse("The image could not be read. Upload the signed form as a PDF, PNG or JPEG") from exc


def _check_pdf(content: bytes) -> None:
    if b"%%EOF" not in content[-2048:]:
        raise _refuse("The PDF is incomplete or damaged. Upload the signed form again")
    if any(marker in content for marker in PDF_ACTIVE_CONTENT):
        raise _refuse("The PDF contains scripts or attachments. Print the signed form to a plain PDF and upload that")


def evidence_check(upload) -> CheckedFile:
    """The checked content of an uploaded signed form, or a HavenError beside the field."""
    if upload is None:
        raise _refuse("Select the signed form of authority")
    content = _read_limited(upload)
    kind = filetype.guess(content)
    mime = kind.mime if kind else ""
    if mime not in ALLOWED:
        raise _refuse("The selected file must be a PDF, PNG or JPEG (whatever its name says)")
    if mime == "application/pdf":
        _check_pdf(content)
    else:
        _check_image(content)
    return CheckedFile(
        content=content, content_type=mime, extension=ALLOWED[mime], sha256=hashlib.sha256(content).hexdigest()
    )
