"""The deployment kit (deploy/): the pieces the production smoke run
(.ci/prod-smoke, which runs gunicorn and nginx with these very files) does
not start: the systemd units, and gunicorn's settings against the site's."""

import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_gunicorn_answers_before_it_kills_and_shares_no_control_socket(monkeypatch):
    for name in ("GUNICORN_TIMEOUT", "GUNICORN_WORKERS", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["control_socket_disable"] is True
    assert config["worker_class"] == "sync"  # the request deadline needs the main thread
    # A stuck request gets the site's 503 before gunicorn kills its worker.
    assert config["timeout"] > settings.REQUEST_DEADLINE_SECONDS
    assert config["accesslog"] is None  # the site writes its own (JSON) access lines


def test_systemd_units_are_valid(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("systemd-analyze is needed (Debian: the systemd package)")
    checkout = DEPLOY.parent
    units = []
    for unit in sorted((DEPLOY / "systemd").iterdir()):
        # Their paths, pointed at this checkout (the executables must exist).
        text = unit.read_text().replace("/srv/embassy/app", str(checkout))
        units.append(tmp_path / unit.name)
        units[-1].write_text(text)
    result = subprocess.run(  # noqa: S603 - systemd's own checker on our files
        [analyze, "verify", *map(str, units)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stderr, result.stderr


def test_a_worker_leaves_what_loading_made_out_of_the_collector_s_full_passes():
    """embassy.wsgi, as gunicorn loads it, freezes the objects loading made:
    the garbage collector's full passes then scan only what requests leave,
    rather than stalling a request every so often to scan everything."""
    script = "import gc, embassy.wsgi; print(gc.get_freeze_count())"
    result = subprocess.run(  # noqa: S603 - our own interpreter on our own module
        [sys.executable, "-c", script],
        cwd=DEPLOY.parent,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "embassy.settings"},
    )
    # Django, the apps and their URLs: tens of thousands of objects.
    assert int(result.stdout.split()[-1]) > 10_000
