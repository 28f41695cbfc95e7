"""Answers the old site's addresses with a 301 to their new page.

Only a response that is already a 404 costs anything: one indexed query on
`LegacyAddress.old_address`. Listed before LocaleMiddleware and
CommonMiddleware, so that it sees their final answer."""

import logging

from django.db import DatabaseError
from django.http import HttpResponsePermanentRedirect

from .addresses import legacy_key
from .models import LegacyAddress

logger = logging.getLogger(__name__)


class LegacyRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        key = legacy_key(request.path, request.GET)
        if not key:
            return response
        try:
            new_path = (
                LegacyAddress.objects.filter(old_address=key[:500])
                .values_list("new_path", flat=True)
                .first()
            )
        except DatabaseError as error:
            # An old address is a courtesy: a 404 stays a 404 rather than
            # becoming a 500 while the database is unwell or not migrated.
            logger.warning("Old-address lookup failed: %s", error)
            return response
        if new_path is None:
            return response
        return HttpResponsePermanentRedirect(new_path)
