"""Varnish, started by a test in front of a live site, with the VCL we ship
(deploy/varnish/default.vcl) pointed at the site's port."""

import contextlib
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.ops.servers import ROOT

VCL = ROOT / "deploy" / "varnish" / "default.vcl"


# The working folder of each running varnishd, by its base URL.
_workdirs = {}


def counter(base, name):
    """A counter of the varnishd at `base` (varnishstat), e.g. MAIN.n_gunzip."""
    output = subprocess.run(  # noqa: S603 - Debian's varnishstat
        [shutil.which("varnishstat"), "-n", str(_workdirs[base] / "state"), "-1", "-f", name],
        capture_output=True, text=True, check=True, timeout=30,
    ).stdout  # fmt: skip
    return int(output.split()[1])


def available():
    return shutil.which("varnishd") is not None


@contextlib.contextmanager
def varnish(backend_port, port):
    """A running varnishd on `port`; yields its base URL."""
    workdir = Path(tempfile.mkdtemp(prefix="embassy-varnish-"))
    workdir.chmod(0o755)  # varnishd reads the VCL as its own user
    vcl = workdir / "site.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    log = (workdir / "varnishd.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - Debian's varnishd, our VCL
        [
            shutil.which("varnishd"), "-F", "-n", str(workdir / "state"),
            "-a", f"127.0.0.1:{port}", "-T", f"127.0.0.1:{port + 1}",
            "-f", str(vcl), "-s", "malloc,32m",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, workdir)
        _workdirs[base] = workdir
        yield base
    finally:
        _workdirs.pop(base, None)
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        print(f"--- varnishd log ---\n{(workdir / 'varnishd.log').read_text()[-5000:]}")
        shutil.rmtree(workdir, ignore_errors=True)


def _wait_until_up(base, process, workdir):
    for _ in range(120):
        if process.poll() is not None:
            raise RuntimeError(f"varnishd exited:\n{(workdir / 'varnishd.log').read_text()}")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"{base}/healthz", timeout=2).close()  # noqa: S310
            return
        time.sleep(0.25)
    raise RuntimeError("varnishd did not start")
