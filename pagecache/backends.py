"""Django's Redis cache, with one client object per connection pool.

Django builds a new `redis.Redis` for every command, and redis-py fills a
dictionary of about 170 response callbacks for each: half a millisecond,
more than a cached page costs otherwise. The client is safe to share (the
pool hands out connections), so it is built once."""

from django.core.cache.backends import redis


class ReusingClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingClient
