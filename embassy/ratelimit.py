"""Counting requests in a window, in Django's cache (shared by every worker
when REDIS_URL is set): the contacts' e-mail reveal limit and the alert
sign-up limits. Keys are hashed, so the cache holds no address in clear."""

import hashlib
import ipaddress

from django.core.cache import cache


def rate_limit_client(address):
    """Who the limit counts against: an IPv4 address, or the /64 network of an
    IPv6 one (one subscriber is routinely given a whole /64, so counting each
    of its addresses apart would give them billions of allowances)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def limit_key(prefix, identity):
    return f"{prefix}:" + hashlib.sha256(identity.encode()).hexdigest()


def count_in_window(key, window_seconds):
    """Add one to the count under `key` and return it; the count starts
    again `window_seconds` after its first request."""
    cache.add(key, 0, window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(key, 1, window_seconds)
        return 1
