"""Two app servers, as deploy/README.md sets them up: two gunicorns sharing
one PostgreSQL, one Redis and one S3 bucket, and nothing else. A visitor
or an editor may land on either for any request."""

import pytest
import redis

from . import seaweedfs as s3_server
from .servers import Browser, gunicorn, production_environment
from .test_replicas import publish

pytestmark = pytest.mark.servers

REDIS_URL = "redis://127.0.0.1:6379/8"


@pytest.fixture
def two_servers(site_database, seaweedfs, site_port, second_site_port):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.ConnectionError:
        pytest.skip("Redis is needed on 127.0.0.1:6379 (.ci/run starts it)")
    # One environment for both: above all the same secret key.
    environ = production_environment(
        DATABASE_URL=site_database,
        REDIS_URL=REDIS_URL,
        DJANGO_MEDIA_STORAGE="s3",
        **s3_server.environment(seaweedfs),
    )
    with gunicorn(environ, site_port) as a, gunicorn(environ, second_site_port) as b:
        yield a, b


def test_a_publish_through_a_is_visible_through_b(two_servers):
    a, b = two_servers
    editor = Browser()
    editor.login(a, "ops-admin", "ops-password-123")
    publish(editor, a, "published-on-a")
    status, _headers, body = Browser().request(f"{b}/en/releases/2018/03/01/published-on-a/")
    assert status == 200 and "Consular hours change" in body


def test_a_login_on_a_works_on_b(two_servers):
    a, b = two_servers
    editor = Browser()
    editor.login(a, "ops-admin", "ops-password-123")
    status, _headers, body = editor.request(f"{b}/admin/")
    assert status == 200 and "Log out" in body


def test_the_email_reveal_limit_counts_both_servers(two_servers):
    a, b = two_servers
    visitor = Browser()
    # Every reveal counts, whether the address exists or not (contacts/views.py).
    statuses = [visitor.request(f"{server}/en/contacts/e-mail/999999/", {})[0]
                for server in (a, b) * 5]  # fmt: skip
    assert statuses == [404] * 10  # ten allowed in all, five on each server
    assert visitor.request(f"{a}/en/contacts/e-mail/999999/", {})[0] == 429
    assert visitor.request(f"{b}/en/contacts/e-mail/999999/", {})[0] == 429
