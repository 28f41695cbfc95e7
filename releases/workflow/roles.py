"""The staff roles, as groups of permissions.

- Editor: writes and edits drafts, submits them for review; cannot publish,
  and cannot change what is or was public.
- Publisher: everything an editor does, plus publishing, scheduling,
  withdrawing and unpublishing, deleting, embargo links and the audit trail.
- Consular officer: the consular contacts and the consular services apps.
- Publishers also add and edit consular services (not delete them: a
  service page is taken offline by unticking "shown on the site").
- Consular officers also write, publish, withdraw and unpublish consular
  notices and see the alert subscription counts.
- Editors write notice drafts; publishers publish notices too.

The groups are created by a migration. Permissions exist only once the
models that define them are migrated (Django creates them after
`migrate`), so a post_migrate handler tops the groups up every time, which
also covers models added later, such as those of the contacts app.
`manage.py setup_roles` does both, idempotently, on any database.
"""

from django.apps import apps as global_apps

EDITOR = "Editor"
PUBLISHER = "Publisher"
CONSULAR_OFFICER = "Consular officer"

WRITE = ("add", "change", "view")
ALL = ("add", "change", "delete", "view")
# Inline rows (speakers of a release...) are edited with their parent, so
# whoever edits the parent manages them.
_EDITOR_MODELS = {
    "release": WRITE,
    "event": WRITE,
    "speaker": WRITE,
    "topic": WRITE,
    "releasespeaker": ALL,
    "attachment": ALL,
    "eventparticipant": ALL,
    "changenote": ("view",),
    "pendingrevision": ("view",),
}
# The rows of a service page are edited with the service, in its form.
_SERVICE_PARTS = {
    "requireddocument": ALL,
    "fee": ALL,
    "question": ALL,
    "serviceform": ALL,
}
_NOTICE_EDITOR = {"notice": WRITE, "noticechangenote": ("view",)}
_NOTICE_PUBLISHER = {
    "notice": (*ALL, "publish_notice"),
    "noticechangenote": ALL,
    "subscription": ("view",),
}
ROLES = {
    EDITOR: {"releases": _EDITOR_MODELS, "notices": _NOTICE_EDITOR},
    PUBLISHER: {
        "releases": {
            **_EDITOR_MODELS,
            "release": (*ALL, "publish_release"),
            "event": (*ALL, "publish_event"),
            "speaker": ALL,
            "topic": ALL,
            "changenote": ALL,
            "embargolink": ("view", "change"),
            "embargoaccess": ("view",),
            "auditentry": ("view",),
        },
        "services": {"service": WRITE, **_SERVICE_PARTS},
        "notices": _NOTICE_PUBLISHER,
    },
    # "*": every permission of the app, whatever models it has by then.
    CONSULAR_OFFICER: {"contacts": "*", "services": "*", "notices": _NOTICE_PUBLISHER},
}


def _codename(action, model):
    return action if "_" in action else f"{action}_{model}"


def role_permissions(role, apps=global_apps):
    """The Permission rows of `role` that exist in this database."""
    Permission = apps.get_model("auth", "Permission")
    found = Permission.objects.none()
    for app_label, models in ROLES[role].items():
        in_app = Permission.objects.filter(content_type__app_label=app_label)
        if models == "*":
            found |= in_app
            continue
        codenames = [_codename(a, model) for model, actions in models.items() for a in actions]
        found |= in_app.filter(codename__in=codenames)
    return found


def grant_role_permissions(apps=global_apps, create_groups=False):
    """Add each role's permissions to its group. Never removes a permission
    an administrator granted by hand. Returns the groups it touched."""
    Group = apps.get_model("auth", "Group")
    groups = []
    for role in ROLES:
        if create_groups:
            group, _created = Group.objects.get_or_create(name=role)
        else:
            group = Group.objects.filter(name=role).first()
            if group is None:
                continue
        group.permissions.add(*role_permissions(role, apps))
        groups.append(group)
    return groups


def on_post_migrate(sender, apps=global_apps, **kwargs):
    # Runs after Django created the permissions of `sender`'s models. Tops up
    # only the groups the migration created, so that migrating backwards
    # past it really removes them.
    roles_apps = {label for role in ROLES.values() for label in role}
    if sender.label in roles_apps:
        grant_role_permissions(apps)
