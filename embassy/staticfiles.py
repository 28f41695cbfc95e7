"""The storage of static files (CSS, icons) in production: WhiteNoise's
hashed, compressed files, with each name's address worked out once.

The manifest never changes while a process runs (`collectstatic` comes
before a deploy's restart), so `url(name)`, which every page calls for its
stylesheet and icon, is a dictionary lookup after the first time."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._addresses = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        address = self._addresses.get(name)
        if address is None:
            address = self._addresses[name] = super().url(name)
        return address
