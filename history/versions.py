"""Which models keep a revision history (django-reversion), finding their
versions, and restoring one. Generic: knows nothing of any app's models."""

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from reversion.models import Version

from embassy.dates import local_datetime
from embassy.permissions import permission


def register_history(model, **options):
    """Give `model` a revision history, once (safe to call again)."""
    if not reversion.is_registered(model):
        reversion.register(model, **options)


def versions_of(obj):
    """The versions of `obj`, newest first, with who saved them."""
    return Version.objects.get_for_object(obj).select_related("revision__user")


def version_numbered(obj, number):
    """The saved version of a Publishable whose `version` column was `number`."""
    for version in versions_of(obj):
        if version.field_dict.get("version") == number:
            return version
    return None


def restore_version(*, item, version, by, keep=(), check=None):
    """Bring back the content of `version` (of `item` and the objects its
    history follows), as a new version saved by `by`.

    `keep` names columns whose current values survive the restore (a
    publication state, say); `check(current)` runs on the locked current row
    first and may raise to refuse. Returns the restored object."""
    if not by.has_perm(permission("change", item)):
        raise PermissionDenied
    model = type(item)
    with transaction.atomic(), reversion.create_revision():
        current = model._base_manager.select_for_update().get(pk=item.pk)
        if check is not None:
            check(current)
        kept = {name: getattr(current, name) for name in keep}
        version.revision.revert(delete=True)
        if kept:
            model._base_manager.filter(pk=item.pk).update(**kept)
        restored = model._base_manager.get(pk=item.pk)
        restored.save()
        reversion.set_user(by)
        reversion.set_comment(restore_comment(version))
    return restored


def restore_comment(version):
    """The revision comment (and audit detail) of a restore of `version`."""
    return _("Restored the version saved on %s") % local_datetime(version.revision.date_created)
