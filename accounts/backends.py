"""The second login limit: one client address trying many usernames.

django-axes locks a username at an address (AXES_FAILURE_LIMIT, 5). This
backend, placed after it, refuses every login from an address whose failures
over all usernames reached LOGIN_FAILURES_PER_ADDRESS (20) within the
cooling-off time: higher, so that colleagues behind one office address do
not lock each other out with a few typos. It reads axes' own records.
"""

from axes.exceptions import AxesBackendPermissionDenied
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from embassy.client_address import client_address


def failures_from(address):
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class ClientAddressLimitBackend:
    """Authenticates nobody; refuses a client address over its limit."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        address = client_address(request)
        if address and failures_from(address) >= settings.LOGIN_FAILURES_PER_ADDRESS:
            # AxesMiddleware turns this flag into the lockout page (429).
            request.axes_locked_out = True
            request.axes_credentials = {"username": username}
            raise AxesBackendPermissionDenied("Too many failed logins from this address")
        return None
