"""Files of a request: the applicant's uploads and the agency's reply documents.

They live in the ``private`` storage (settings.STORAGES), outside any URL,
and are served only by views that check who is asking: the handling staff,
or the applicant with the tracking number and query code for the documents
meant for them.
"""

import posixpath
import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from requests_app.models.enums import DocumentKind
from requests_app.models.requests import InformationRequest


def private_storage():
    return storages["private"]


def document_path(instance, filename):
    """A random name: the original name (which may hold personal data) stays in ``title``."""
    extension = posixpath.splitext(filename)[1].lower()[:10]
    year = instance.request.submitted_at.year
    return f"requests/{year}/{uuid.uuid4().hex}{extension}"


class RequestDocumentQuerySet(models.QuerySet):
    def for_applicant(self):
        """The documents the applicant may download from the tracking page."""
        return self.filter(public=True)


class RequestDocument(models.Model):
    ALLOWED_CONTENT_TYPES = {
        "application/pdf": ".pdf",
        "image/jpeg": ".jpg",
        "image/png": ".png",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
        "application/zip": ".zip",
        "application/ofd": ".ofd",
        "text/plain": ".txt",
    }

    request = models.ForeignKey(
        InformationRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), storage=private_storage, upload_to=document_path)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    public = models.BooleanField(
        _("for the applicant"),
        default=False,
        help_text=_("Reply documents and notices the applicant downloads on the tracking page."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = RequestDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("request document")
        verbose_name_plural = _("request documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.size:
            self.size = self.file.size
        super().save(*args, **kwargs)

    def get_staff_url(self):
        return reverse("admin:requests_app_document", args=[self.pk])
