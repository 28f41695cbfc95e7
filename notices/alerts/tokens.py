"""Signed links in the e-mails. A token names a subscription by its id and
a fingerprint of its address, so it reveals no address, and a link stops
working once the subscription is deleted (a new subscription of the same
address gets a new id). Confirmation links expire; manage and unsubscribe
links work as long as the subscription exists (they are in every alert)."""

import hashlib

from django.core import signing

from ..models.alerts import CONFIRMATION_VALID_FOR, Subscription

CONFIRM = "notices.alerts.confirm"
MANAGE = "notices.alerts.manage"


def _fingerprint(email):
    return hashlib.sha256(email.encode()).hexdigest()[:16]


def make_token(subscription, purpose):
    return signing.dumps([subscription.pk, _fingerprint(subscription.email)], salt=purpose)


def read_token(token, purpose):
    """The subscription the token was made for, or None (forged, expired,
    or the subscription no longer exists)."""
    max_age = CONFIRMATION_VALID_FOR if purpose == CONFIRM else None
    try:
        pk, fingerprint = signing.loads(token, salt=purpose, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    subscription = Subscription.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if subscription is None or _fingerprint(subscription.email) != fingerprint:
        return None
    return subscription
