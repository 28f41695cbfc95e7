"""The deployment kit (deploy/): the pieces the production smoke run
(.ci/prod-smoke, which runs gunicorn and nginx with these very files) does
not start: the systemd units, and gunicorn's settings against the site's."""

import runpy
import shutil
import subprocess
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
