"""Signed forms of authority: PDF or image only, checked by content; hostile files are
refused with a message beside the field, and nothing is stored."""

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings

from consent.models import Authority, Evidence
from consent.tests.factories import make_authority, plain_pdf, png_bytes, png_claiming, upload
from core.errors import HavenError
from people.tests.factories import make_customer


@pytest.fixture
def customer(cara):
    return make_customer(cara)


def _stored_files() -> list[str]:
    try:
        _, files = default_storage.listdir("consent/evidence")
    except FileNotFoundError:
        return []
    return files


def _grant(cara, hana, customer, file):
    return make_authority(cara, customer, hana, evidence=Evidence.UPLOAD, evidence_file=file, signature_name="")


def _refused(cara, hana, customer, file) -> str:
    # Tests share one in-memory storage, so "nothing stored" means "nothing new".
    before = set(_stored_files())
    with pytest.raises(HavenError) as caught:
        _grant(cara, hana, customer, file)
    assert caught.value.field == "evidence_file"
    assert not Authority.objects.exists()
    assert set(_stored_files()) == before
    return caught.value.message


def test_a_plain_pdf_is_stored_under_a_random_name_with_its_digest(cara, hana, customer):
    content = plain_pdf()
    authority = _grant(cara, hana, customer, upload("Jane Johnson signed.pdf", content))

    assert authority.evidence_content_type == "application/pdf"
    assert "Jane" not in authority.evidence_file.name
    assert authority.evidence_file.read() == content
    assert len(authority.evidence_sha256) == 64


def test_a_photo_of_the_form_as_png_is_accepted(cara, hana, customer):
    authority = _grant(cara, hana, customer, upload("photo.png", png_bytes(), "image/png"))
    assert authority.evidence_content_type == "image/png"


def test_a_program_renamed_to_pdf_is_refused(cara, hana, customer):
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
    message = _refused(cara, hana, customer, upload("form.pdf", exe))
    assert message == "The selected file must be a PDF, PNG or JPEG (whatever its name says)"


def test_a_text_file_claiming_to_be_a_jpeg_is_refused(cara, hana, customer):
    _refused(cara, hana, customer, upload("form.jpg", b"just some text, not an image", "image/jpeg"))


@override_settings(HAVEN_EVIDENCE_MAX_BYTES=2 * 1024 * 1024)
def test_the_size_limit_is_a_setting(cara, hana, customer):
    content = plain_pdf() + b"%" + b"0" * (2 * 1024 * 1024) + b"\n%%EOF\n"
    assert _refused(cara, hana, customer, upload("big.pdf", content)) == "The file must be smaller than 2 MB"


def test_an_oversized_file_is_refused_with_the_limit_in_megabytes(cara, hana, customer):
    content = b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF\n"
    assert _refused(cara, hana, customer, upload("big.pdf", content)) == "The file must be smaller than 5 MB"


def test_a_zip_bomb_is_refused_without_being_unpacked(cara, hana, customer):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("form.pdf", b"\x00" * 20_000_000)
    assert len(buffer.getvalue()) < 100_000
    _refused(cara, hana, customer, upload("form.pdf", buffer.getvalue()))


def test_an_image_decompression_bomb_is_refused(cara, hana, customer):
    # A tiny PNG that claims 20,000 x 20,000 pixels: 400 megapixels once decoded.
    message = _refused(cara, hana, customer, upload("scan.png", png_claiming(20_000, 20_000), "image/png"))
    assert message.startswith("The image is too large")


def test_an_svg_with_a_script_is_refused(cara, hana, customer):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
    _refused(cara, hana, customer, upload("form.svg", svg, "image/svg+xml"))
    _refused(cara, hana, customer, upload("form.png", svg, "image/png"))


def test_a_pdf_with_javascript_is_refused(cara, hana, customer):
    hostile = b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n"
    assert "scripts or attachments" in _refused(cara, hana, customer, upload("form.pdf", hostile))


def test_a_truncated_pdf_is_refused(cara, hana, customer):
    _refused(cara, hana, customer, upload("form.pdf", plain_pdf()[:400]))


def test_an_upload_is_required_when_the_evidence_is_a_signed_form(cara, hana, customer):
    assert _refused(cara, hana, customer, None) == "Select the signed form of authority"
