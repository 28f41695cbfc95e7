import pytest

from .site import MAPPING, JoomlaSite, fill_old_site, write_images

# (schema, the version in the files_joomla manifest): 3.x, and the 4.x
# schema under a 5.x manifest (5.x did not change these tables).
VERSIONS = {"3": ("3", "3.10.12"), "5": ("4", "5.2.3")}


@pytest.fixture(params=sorted(VERSIONS), ids=lambda v: f"joomla{v}")
def joomla(request):
    schema, manifest = VERSIONS[request.param]
    site = JoomlaSite(schema, manifest)
    try:
        fill_old_site(site)
        yield site
    finally:
        site.drop()


@pytest.fixture
def joomla_root(tmp_path):
    return write_images(tmp_path / "joomla")


@pytest.fixture
def mapping_file(tmp_path):
    path = tmp_path / "mapping.toml"
    path.write_text(MAPPING)
    return path


@pytest.fixture(autouse=True)
def _own_media_folder(settings, tmp_path):
    """Each test's copied images in a folder of its own, so that one test
    cannot find the files of another."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
