"""The visitor's address, the same way for every limit and log of the site:
login throttling (django-axes), the e-mail reveal limit, the embargo access
log, CSP reports and the audit trail.

Behind TRUSTED_PROXY_COUNT proxies, each appends the address it saw to
X-Forwarded-For, so the client is that many entries from the right; anything
further left was sent by the client and could be forged. Without proxies the
header is ignored.
"""

from django.conf import settings
from ipware import get_client_ip


def client_address(request):
    """The client's IP address as a string ("" when unknown)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    # django-ipware counts the proxies listed in the header, i.e. all but the
    # one that connects to us (that one is REMOTE_ADDR).
    address, _routable = get_client_ip(
        request,
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return address or remote
