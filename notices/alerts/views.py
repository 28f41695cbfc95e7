"""Subscribe, confirm, manage and unsubscribe, without an account.

The sign-up answers the same whether or not the address is subscribed
("check your inbox"); what differs is only the e-mail that address gets.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from redis.exceptions import RedisError

from embassy.client_address import client_address
from embassy.ratelimit import count_in_window, limit_key, rate_limit_client

from ..models import Subscription
from . import tokens
from .forms import ChoicesForm, SubscribeForm
from .tasks import purge_unconfirmed, send_confirmation

logger = logging.getLogger(__name__)

# Sign-ups per client address, and per e-mail address, in one window.
LIMIT_PER_CLIENT = 10
LIMIT_PER_ADDRESS = 3
LIMIT_WINDOW_SECONDS = 3600
# A confirmation goes to one address at most this often.
CONFIRMATION_INTERVAL = datetime.timedelta(minutes=10)


def over_limit(prefix, identity, limit):
    """Fails open when the cache is down, as the contacts' limit does."""
    try:
        return count_in_window(limit_key(prefix, identity), LIMIT_WINDOW_SECONDS) > limit
    except RedisError as error:
        logger.warning("Alert sign-up limit not applied, the cache is unavailable: %s", error)
        return False


def message_page(request, title, text, status=200, link=None):
    response = render(
        request,
        "notices/alerts/message.html",
        {"title": title, "text": text, "link": link, "noindex": True},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# Exempt from CSRF: a forged sign-up can only send one confirmation e-mail,
# which the limits below bound, and a CSRF token would set a cookie on the
# page. Manage and unsubscribe are behind a signed link: that is the proof.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method != "POST":
        form = SubscribeForm(initial={"language": get_language(), "emergency_alerts": True})
        return render(request, "notices/alerts/subscribe.html", {"form": form, "noindex": True})
    client = rate_limit_client(client_address(request))
    if over_limit("alerts:client", client, LIMIT_PER_CLIENT):
        response = message_page(
            request,
            _("Too many requests"),
            _("Too many sign-ups came from your network. Try again in an hour."),
            status=429,
        )
        response["Retry-After"] = str(LIMIT_WINDOW_SECONDS)
        return response
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(
            request, "notices/alerts/subscribe.html", {"form": form, "noindex": True}, status=400
        )
    email = form.cleaned_data["email"]
    if not over_limit("alerts:address", email.lower(), LIMIT_PER_ADDRESS):
        request_subscription(form, email)
    return message_page(
        request,
        _("Check your inbox"),
        _(
            "If the address can receive alerts, a message is on its way to it. Follow "
            "the link in it within 7 days to confirm. Nothing else is sent until then."
        ),
    )


def request_subscription(form, email):
    """Store the choices of a new or unconfirmed address and send it the
    confirmation (a confirmed address keeps its choices and is sent the link
    to change them), at most once per CONFIRMATION_INTERVAL."""
    purge_unconfirmed()
    now = timezone.now()
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().filter(email=email).first()
        if subscription is None:
            subscription = new_subscription(form, email)
            if subscription is None:  # created a moment ago by a parallel request
                return
        elif not subscription.is_confirmed:
            # Still unconfirmed: the latest choices are the ones to confirm.
            choices = ChoicesForm(form.data, instance=subscription)
            if choices.is_valid():
                choices.save()
        sent = subscription.confirmation_sent_at
        if sent is not None and now - sent < CONFIRMATION_INTERVAL:
            return
        subscription.confirmation_sent_at = now
        subscription.save(update_fields=["confirmation_sent_at"])
        pk = subscription.pk
        transaction.on_commit(lambda: send_confirmation.enqueue(pk))


def new_subscription(form, email):
    try:
        with transaction.atomic():
            subscription = form.save(commit=False)
            subscription.email = email
            subscription.save()
            form.save_m2m()
    except IntegrityError:
        return None
    return subscription


def invalid_link(request):
    return message_page(
        request,
        _("This link does not work"),
        _(
            "The link is not valid: it may have expired (confirmation links work for 7 "
            "days), been copied incompletely, or the subscription has ended. Nothing "
            "was changed. You can subscribe again."
        ),
        status=400,
        link=True,
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def confirm(request, token):
    subscription = tokens.read_token(token, tokens.CONFIRM)
    if subscription is None:
        return invalid_link(request)
    if not subscription.is_confirmed:
        subscription.confirmed_at = timezone.now()
        subscription.confirmation_sent_at = None
        subscription.save(update_fields=["confirmed_at", "confirmation_sent_at"])
    return message_page(
        request,
        _("Your alerts are confirmed"),
        _("Thank you. Every alert carries a link to change or end your subscription."),
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    subscription = tokens.read_token(token, tokens.MANAGE)
    if subscription is None:
        return invalid_link(request)
    if request.method == "POST" and "unsubscribe" in request.POST:
        return unsubscribed(request, subscription)
    form = ChoicesForm(request.POST or None, instance=subscription)
    saved = form.is_bound and form.is_valid()
    if saved:
        form.save()
    context = {"form": form, "saved": saved, "email": subscription.email, "noindex": True}
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "notices/alerts/manage.html", context, status=status)


# RFC 8058's one-click unsubscribe is a POST from the mail provider.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    subscription = tokens.read_token(token, tokens.MANAGE)
    if subscription is None:
        return invalid_link(request)
    if request.method == "POST":
        return unsubscribed(request, subscription)
    # A GET only asks: link checkers in mail systems open every link.
    return render(
        request, "notices/alerts/unsubscribe.html", {"email": subscription.email, "noindex": True}
    )


def unsubscribed(request, subscription):
    subscription.delete()
    return message_page(
        request,
        _("You are unsubscribed"),
        _("Your address has been deleted. No more alerts will be sent to it."),
        link=True,
    )
