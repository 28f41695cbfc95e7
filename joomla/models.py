"""What the import keeps: which Joomla row became which of our objects, and
the old site's public addresses with where they lead now."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    """One Joomla row and the object it became. Several rows may share an
    object: the translations of one article become one release."""

    source_table = models.CharField(
        _("Joomla table"), max_length=50, help_text=_('Without the prefix, e.g. "content".')
    )
    joomla_id = models.PositiveIntegerField(_("Joomla id"))
    language = models.CharField(_("language"), max_length=10, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # The Joomla row as last imported: a change in Joomla changes it.
    source_fingerprint = models.CharField(max_length=64, editable=False)
    # Our object as the import left it: a change in our admin changes it.
    target_fingerprint = models.CharField(max_length=64, editable=False)
    imported_at = models.DateTimeField(_("last imported"), auto_now=True)

    class Meta:
        verbose_name = _("imported Joomla item")
        verbose_name_plural = _("imported Joomla items")
        constraints = [
            models.UniqueConstraint(
                fields=["source_table", "joomla_id"], name="importeditem_unique_source_row"
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="importeditem_target"),
        ]

    def __str__(self):
        return f"#__{self.source_table} {self.joomla_id}"


class LegacyAddress(models.Model):
    """An address of the old site and where it leads now (301).

    `django.contrib.redirects` matches the path only, and Joomla's own
    addresses live in the query string (`index.php?option=com_content&id=12`).
    Both kinds are kept here, normalised (see joomla/addresses.py), so that
    a 404 costs one indexed lookup."""

    old_address = models.CharField(
        _("old address"),
        max_length=500,
        unique=True,
        help_text=_(
            'Normalised: lower case, without ".html" or a trailing slash; for index.php '
            'only option, view and id (or Itemid), e.g. "index.php?option=com_content'
            '&view=article&id=12" or "/ru/news/12-visit".'
        ),
    )
    new_path = models.CharField(
        _("new address"),
        max_length=500,
        help_text=_('A path on this site, e.g. "/ru/releases/2018/02/10/visit/", or a full URL.'),
    )
    description = models.CharField(_("what it was"), max_length=300, blank=True)
    is_imported = models.BooleanField(
        _("kept up to date by the import"),
        default=True,
        help_text=_("Untick to keep your own new address when the import runs again."),
    )

    class Meta:
        ordering = ["old_address"]
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return f"{self.old_address} → {self.new_path}"
