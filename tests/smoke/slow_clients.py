"""Slow clients must not pin the app's workers (run by .ci/prod-smoke).

    python tests/smoke/slow_clients.py https://localhost:8443 [clients] [seconds]

Opens `clients` connections (3) that send a request's headers at one byte a
second, a slowloris, for `seconds` (12); meanwhile asks for the home page
once a second. Behind nginx each answers at once: nginx holds the slow
connections (and drops them after client_header_timeout), gunicorn's workers
never see them. Straight at gunicorn's two sync workers, three such clients
would hold both and the home page would not answer. Bounded in connections
and time; loopback only.
"""

import socket
import ssl
import sys
import threading
import time
import urllib.parse
import urllib.request

HOME_TIMEOUT_SECONDS = 5


def slow_client(host, port, use_tls, stop):
    raw = socket.create_connection((host, port), timeout=5)
    conn = ssl.create_default_context().wrap_socket(raw, server_hostname=host) if use_tls else raw
    request = f"GET /en/ HTTP/1.1\r\nHost: {host}\r\nX-Padding: " + "x" * 100
    try:
        for byte in request.encode():
            if stop.is_set():
                break
            conn.send(bytes([byte]))
            time.sleep(1)
    except OSError:
        pass  # the server hung up on us: that is what it should do
    finally:
        conn.close()


def main(base, clients=3, seconds=12):
    parts = urllib.parse.urlsplit(base)
    use_tls = parts.scheme == "https"
    port = parts.port or (443 if use_tls else 80)
    stop = threading.Event()
    threads = [
        threading.Thread(target=slow_client, args=(parts.hostname, port, use_tls, stop))
        for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    time.sleep(2)  # let them connect and start dribbling
    failures = []
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            request = urllib.request.Request(  # noqa: S310 - our own server
                f"{base}/en/", headers={"X-Forwarded-Proto": "https"}
            )
            with urllib.request.urlopen(request, timeout=HOME_TIMEOUT_SECONDS) as response:  # noqa: S310
                print(f"home page during {clients} slow clients: {response.status}")
        except OSError as error:
            failures.append(str(error))
            print(f"home page during {clients} slow clients: {error}")
        time.sleep(1)
    stop.set()
    for thread in threads:
        thread.join(timeout=10)
    if failures:
        print(f"Slow clients pinned the workers: {failures}", file=sys.stderr)
        return 1
    print(f"Slow clients: the home page kept answering while {clients} clients dribbled")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(args[0].rstrip("/"), *(int(a) for a in args[1:3])))
