"""Throwaway PostgreSQL clusters for the operations tests.

Made with Debian's own binaries (initdb, pg_ctl, pg_basebackup) in /tmp, on
loopback ports of this test suite's own, never touching the shared server on
5432: the tests stop, freeze and replicate them.
"""

import contextlib
import glob
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

USER = "postgres"


def binary(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        pytest.skip(f"PostgreSQL's {name} is needed: apt-get install postgresql")
    return found[-1]


def as_postgres(*command):
    """Run as the postgres user: PostgreSQL refuses to run as root."""
    prefix = ["runuser", "-u", USER, "--"] if os.geteuid() == 0 else []
    return subprocess.run(  # noqa: S603 - our own command lines, no shell
        [*prefix, *command], check=True, capture_output=True, text=True, timeout=120
    )


class Cluster:
    def __init__(self, port, data_dir):
        self.port = port
        self.data = Path(data_dir)

    @property
    def url(self):
        return f"postgres://{USER}@127.0.0.1:{self.port}/postgres"

    def url_for(self, database):
        return f"postgres://{USER}@127.0.0.1:{self.port}/{database}"

    @classmethod
    def create(cls, port, *, replication=False):
        data = Path(tempfile.mkdtemp(prefix=f"embassy-pg-{port}-"))
        _own(data)
        as_postgres(binary("initdb"), "-D", str(data), "-U", USER, "-A", "trust", "-E", "UTF8")
        config = f"listen_addresses = '127.0.0.1'\nport = {port}\nfsync = off\n"
        config += "unix_socket_directories = ''\n"
        if replication:
            config += "wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n"
        with open(data / "postgresql.conf", "a") as conf:
            conf.write(config)
        with open(data / "pg_hba.conf", "a") as hba:
            hba.write("host replication postgres 127.0.0.1/32 trust\n")
        cluster = cls(port, data)
        cluster.start()
        return cluster

    def replica(self, port):
        """A streaming replica of this cluster, started on `port`."""
        data = Path(tempfile.mkdtemp(prefix=f"embassy-pg-{port}-"))
        _own(data)
        as_postgres(
            binary("pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.port), "-U", USER,
            "-D", str(data), "-R", "-X", "stream",
        )  # fmt: skip
        with open(data / "postgresql.conf", "a") as conf:
            conf.write(f"port = {port}\n")
        replica = Cluster(port, data)
        replica.start()
        return replica

    def start(self):
        as_postgres(binary("pg_ctl"), "-D", str(self.data), "-l", str(self.data / "log"),
                    "-w", "-t", "60", "start")  # fmt: skip

    def stop(self):
        as_postgres(binary("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def postmaster_pid(self):
        return int((self.data / "postmaster.pid").read_text().split()[0])

    @contextlib.contextmanager
    def frozen(self):
        """Every process of the server stopped (SIGSTOP) but its sockets
        open: connections are accepted by the kernel and never answered."""
        pids = [self.postmaster_pid(), *self._children()]
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
        try:
            yield
        finally:
            for pid in pids:
                os.kill(pid, signal.SIGCONT)

    def _children(self):
        parent = str(self.postmaster_pid())
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError):
                # The parent pid is the 2nd field after the ")" closing the name.
                if stat.read_text().rsplit(")", 1)[1].split()[1] == parent:
                    children.append(int(stat.parent.name))
        return children

    def psql(self, sql, database="postgres"):
        return as_postgres(
            binary("psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, "-d", database,
            "-v", "ON_ERROR_STOP=1", "-Atc", sql,
        ).stdout.strip()  # fmt: skip

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.data, ignore_errors=True)


def _own(path):
    if os.geteuid() == 0:
        shutil.chown(path, USER, USER)
        os.chmod(path, 0o700)


def wait_for(predicate, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False
