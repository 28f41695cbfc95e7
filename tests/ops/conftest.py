"""Fixtures of the operations tests: their own PostgreSQL (primary on port
18266, replica on 18265) and the site under gunicorn on 18300-18399, a port
for each server started."""

import pytest

from .postgres import Cluster
from .servers import manage, production_environment

PRIMARY_PORT = 18266
REPLICA_PORT = 18265
SITE_PORTS = iter(range(18300, 18400))

# Run inside `manage.py shell`: an administrator (with recovery codes for
# the second factor) and one public release.
SEED = """
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_static.models import StaticDevice
from tests.factories import ReleaseFactory
from tests.ops.servers import RECOVERY_CODES
User = get_user_model()
admin = User.objects.create_superuser("ops-admin", "ops@example.org", "ops-password-123")
device = StaticDevice.objects.create(user=admin, name="Recovery codes", confirmed=True)
for code in RECOVERY_CODES:
    device.token_set.create(token=code)
ReleaseFactory(published=True, slug="public-release", title_en="A public release")
"""


@pytest.fixture(scope="session")
def postgres_primary():
    cluster = Cluster.create(PRIMARY_PORT, replication=True)
    yield cluster
    cluster.destroy()


@pytest.fixture(scope="session")
def site_database(postgres_primary):
    """A migrated database `embassy` on our own primary, with SEED's rows."""
    postgres_primary.psql("CREATE DATABASE embassy")
    environ = production_environment(DATABASE_URL=postgres_primary.url_for("embassy"))
    manage(environ, "migrate", "--no-input", "--verbosity", "0")
    manage(environ, "shell", "--no-imports", "-c", SEED)
    return postgres_primary.url_for("embassy")


@pytest.fixture
def site_port():
    return next(SITE_PORTS)


@pytest.fixture
def second_site_port():
    return next(SITE_PORTS)


@pytest.fixture(scope="session")
def seaweedfs():
    """A running S3-compatible server with an empty private bucket."""
    from . import seaweedfs

    with seaweedfs.running() as endpoint:
        yield endpoint


@pytest.fixture
def s3_media(settings, seaweedfs):
    """The site's uploads in the bucket, configured as an operator would
    (DJANGO_MEDIA_STORAGE=s3 and the AWS_* variables)."""
    from django.utils.functional import empty
    from sorl.thumbnail.default import storage as thumbnail_storage
    from sorl.thumbnail.images import get_or_create_storage

    from ops import media

    from . import seaweedfs as server

    environ = server.environment(seaweedfs)
    for name, value in media.s3_settings(environ).items():
        setattr(settings, name, value)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "ops.bucket.BucketStorage"},
    }
    # sorl-thumbnail keeps the storage it first met, twice (its default
    # storage, and the storage of each alias its records name, which it reads
    # back when it deletes a thumbnail); Django's own handler is reset by the
    # settings change, sorl's are not.
    thumbnail_storage._wrapped = empty
    get_or_create_storage.cache_clear()
    yield server.client(seaweedfs)
    thumbnail_storage._wrapped = empty
    get_or_create_storage.cache_clear()


@pytest.fixture(scope="session")
def postgres_replica(postgres_primary, site_database):
    """A streaming replica of our primary (pg_basebackup), on its own port."""
    replica = postgres_primary.replica(REPLICA_PORT)
    yield replica
    replica.destroy()
