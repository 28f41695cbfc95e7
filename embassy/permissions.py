"""Permission names, built in one place: "releases.change_release" is what
`User.has_perm()` takes for the action "change" on a release."""

from django.contrib.auth import get_permission_codename


def permission(action, model):
    """The permission to do `action` ("change", "publish"...) on `model`
    (a model class or an instance)."""
    opts = model._meta
    return f"{opts.app_label}.{get_permission_codename(action, opts)}"
