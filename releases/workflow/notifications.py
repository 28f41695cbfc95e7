"""The e-mails of the review: "waiting for your review" to the publishers,
"sent back" and the decision on a correction to the author. Sent with the
project's mailer (settings.MAILERS) once the transaction is committed, so a
rolled-back decision mails nobody; a mail server that is down is logged and
never undoes the decision (the desk shows the same news)."""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from embassy.permissions import permission

logger = logging.getLogger(__name__)


def publishers_of(item):
    """Active staff who may publish `item`, with an address to write to."""
    # ModelBackend answers for the roles (groups); the others only refuse logins.
    users = get_user_model().objects.with_perm(
        permission("publish", item),
        include_superusers=True,
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return [user for user in users.filter(is_active=True, is_staff=True) if user.email]


def admin_url(item, view="change"):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[item.pk])


def _send(recipients, subject, body):
    addresses = sorted({user.email for user in recipients if user and user.email})

    def send():
        for address in addresses:
            # One mail each: colleagues' addresses are not shown to one another.
            try:
                EmailMessage(subject, body, to=[address]).send()
            except OSError:
                logger.exception("Review mail to %s not sent", address)

    if addresses:
        transaction.on_commit(send)


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else _("someone")


def submitted(*, item, by, link_base=""):
    """`by` submitted `item` for review: tell the publishers."""
    _send(
        [user for user in publishers_of(item) if user != by],
        _("For review: %s") % item,
        _(
            "%(name)s submitted “%(item)s” for review.\n\n"
            "Approve and publish it, schedule it, or send it back with a comment:\n%(url)s\n"
        )
        % {"name": _name(by), "item": item, "url": link_base + admin_url(item, "review")},
    )


def sent_back(*, item, by, author, comment, link_base=""):
    """A publisher sent `item` back to `author` with `comment`."""
    _send(
        [author],
        _("Sent back: %s") % item,
        _(
            "%(name)s sent “%(item)s” back to you with this comment:\n\n%(comment)s\n\n"
            "The text is a draft again. Change it and submit it again:\n%(url)s\n"
        )
        % {
            "name": _name(by),
            "item": item,
            "comment": comment,
            "url": link_base + admin_url(item),
        },
    )


def correction_proposed(*, item, by, link_base=""):
    _send(
        [user for user in publishers_of(item) if user != by],
        _("Correction to review: %s") % item,
        _(
            "%(name)s proposed a correction to “%(item)s”. The public page is "
            "unchanged until you approve it:\n%(url)s\n"
        )
        % {"name": _name(by), "item": item, "url": link_base + admin_url(item, "correction")},
    )


def correction_decided(*, revision, by, approved, link_base=""):
    item = revision.item
    if approved:
        subject = _("Correction approved: %s") % revision.object_repr
        text = _("%(name)s approved your correction to “%(item)s”. The public page shows it.")
    else:
        subject = _("Correction rejected: %s") % revision.object_repr
        text = _("%(name)s rejected your correction to “%(item)s”.")
    body = text % {"name": _name(by), "item": revision.object_repr}
    if revision.comment:
        body += "\n\n" + revision.comment
    if item is not None:
        body += "\n\n" + link_base + admin_url(item)
    _send([revision.proposed_by], subject, body + "\n")
