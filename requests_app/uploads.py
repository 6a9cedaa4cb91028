"""Files applicants upload, recognised by their content (magic bytes), never by their name.

At most ``MAX_FILES`` files of at most ``MAX_FILE_SIZE`` each; the accepted
types are PDF, JPEG, PNG, DOCX and XLSX (ZIP containers with the right
entries), OFD and plain text.
"""

import io
import posixpath
import re
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_FILES = 3
MAX_FILE_SIZE = 5 * 1024 * 1024

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Content type -> (a name for messages, the file name endings that go with it).
ACCEPTED_TYPES = {
    "application/pdf": (_("PDF document"), (".pdf",)),
    "image/jpeg": (_("JPEG image"), (".jpg", ".jpeg")),
    "image/png": (_("PNG image"), (".png",)),
    DOCX: (_("Word document (DOCX)"), (".docx",)),
    XLSX: (_("Excel workbook (XLSX)"), (".xlsx",)),
    "application/ofd": (_("OFD document"), (".ofd",)),
    "text/plain": (_("plain text"), (".txt",)),
}
ACCEPT_ATTRIBUTE = ",".join(ext for _label, exts in ACCEPTED_TYPES.values() for ext in exts)

# The entry a ZIP archive must hold to be a document of each kind.
_ZIP_MARKERS = (
    ("word/document.xml", DOCX),
    ("xl/workbook.xml", XLSX),
    ("OFD.xml", "application/ofd"),
)


def _zip_content_type(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    for marker, content_type in _ZIP_MARKERS:
        if marker in names and (marker == "OFD.xml" or "[Content_Types].xml" in names):
            return content_type
    return None


def _is_plain_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return not re.search(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    return False


def sniff_content_type(uploaded) -> str | None:
    """The accepted content type the file's bytes show, or None."""
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"PK\x03\x04"):
        return _zip_content_type(data)
    if data and _is_plain_text(data):
        return "text/plain"
    return None


def check_upload(uploaded) -> str:
    """The file's content type, or a ValidationError saying what is wrong with it."""
    name = posixpath.basename(uploaded.name or "")
    if uploaded.size > MAX_FILE_SIZE:
        raise ValidationError(
            _("“%(name)s” is %(size)s MB; each file may be at most 5 MB."),
            code="file_too_big",
            params={"name": name, "size": f"{uploaded.size / 1024 / 1024:.1f}"},
        )
    extension = posixpath.splitext(name)[1].lower()
    named_as = next((t for t, (_l, exts) in ACCEPTED_TYPES.items() if extension in exts), None)
    if named_as is None:
        raise ValidationError(
            _("“%(name)s”: files of this type are not accepted. Accepted: %(types)s."),
            code="file_type",
            params={"name": name, "types": ACCEPT_ATTRIBUTE.replace(",", " ")},
        )
    found = sniff_content_type(uploaded)
    if found != named_as:
        raise ValidationError(
            _(
                "“%(name)s” is named as a %(named)s, but its content is not one. Please "
                "check that you chose the right file, or save it again in that format."
            ),
            code="file_content",
            params={"name": name, "named": ACCEPTED_TYPES[named_as][0]},
        )
    return found
