"""Where the content versions live when the cache is not shared between processes."""

from django.db import models


class ContentVersion(models.Model):
    """The current version token of one namespace of public content (see ``versions``).

    Used when the page cache is process-local (the local-memory default): every
    worker and every management command reads and bumps the same row, so a
    change made in one process invalidates the pages cached in all of them.
    """

    namespace = models.CharField(max_length=20, primary_key=True)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "content version"
        verbose_name_plural = "content versions"

    def __str__(self):
        return f"{self.namespace}: {self.token}"
