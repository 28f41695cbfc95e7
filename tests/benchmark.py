"""Speed and memory of the public pages, printed as figures (asserts nothing).

    make benchmark                                   # everything below
    BENCHMARK_ARGS=--smoke make benchmark            # a short run for CI
    .venv/bin/python -m tests.benchmark --only http --rounds 3
    .venv/bin/python -m tests.benchmark --only scale --scale-database postgres://.../big

Three parts, each printing a table:

http    A database of 2,000 releases (demo/synthetic.py) served by gunicorn
        (sync, 2 workers) on loopback, with the page cache on and off
        (DJANGO_PAGE_CACHE), beside the Django floor (tests/benchmark_floor.py)
        and, with --peer, the Wagtail peer of ../shared/bench; every page type
        is loaded with wrk -t2 -c16 in interleaved rounds. Prints req/s, p99
        and each figure's ratio to the floor and to the peer, all from the
        same run (the machines are noisy: compare only figures of one run).
scale   100,000 releases, 2,000 speakers and 5,000 events on PostgreSQL, the
        pages of the issue (list, deep page, filters, search, speaker,
        sitemaps) requested in this process with the page cache off: p50,
        p99, queries per page.
memory  10,000 mixed requests to one gunicorn; the RSS of each worker after
        every 2,000, so that a growth shows as a trend.

Loopback only; every wrk run and the whole run are bounded in time. Needs
wrk (apt-get install wrk) for the HTTP parts and PostgreSQL (DATABASE_URL)
for the scale part; a part that cannot run says why and is skipped.
"""

# ruff: noqa: S603, SIM115 - runs only our own commands (gunicorn, wrk, manage.py);
# the servers' log files live as long as the servers, past any `with` block.
import argparse
import concurrent.futures
import contextlib
import gc
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
PORTS = iter(range(19050, 19100))  # loopback ports reserved for the benchmark
PEER_PER_PAGE = "10"


# --- Databases -----------------------------------------------------------------


def database_url(base, name):
    """`base` (a postgres:// URL) naming the database `name` instead."""
    head, _sep, _old = base.rpartition("/")
    return f"{head}/{name}"


def recreate_postgres(base, name):
    import psycopg

    with psycopg.connect(database_url(base, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def site_env(database, page_cache=True, **extra):
    inherited = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    return {
        **inherited,
        "DATABASE_URL": database,
        "DJANGO_SECRET_KEY": "benchmark-only",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": str(STATIC_ROOT),
        "DJANGO_PAGE_CACHE": "1" if page_cache else "0",
        # Redis, as in production: every worker shares the pages and fragments.
        "REDIS_URL": REDIS_URL,
        **extra,
    }


REDIS_URL = os.environ.get("BENCHMARK_REDIS_URL", "redis://127.0.0.1:6379/6")


def flush_redis():
    """Nothing kept from an earlier run (another database's pages)."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.ConnectionError:
        print(f"  warning: no Redis at {REDIS_URL}: each worker caches for itself")


STATIC_ROOT = Path(tempfile.gettempdir()) / "embassy-benchmark-static"


def manage(database, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=site_env(database), check=True, timeout=3600
    )


def build_site(database, releases, speakers, events):
    started = time.perf_counter()
    manage(database, "migrate", "--no-input", "-v0")
    manage(
        database,
        "load_synthetic",
        f"--releases={releases}",
        f"--speakers={speakers}",
        f"--events={events}",
    )
    return time.perf_counter() - started


def http_database(args, tag):
    """A fresh database for the servers: PostgreSQL when DATABASE_URL names
    one (the production engine), else an SQLite file."""
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith("postgres"):
        name = f"embassy_benchmark_{tag}"
        recreate_postgres(base, name)
        return database_url(base, name)
    path = Path(tempfile.gettempdir()) / f"embassy-benchmark-{tag}.sqlite3"
    path.unlink(missing_ok=True)
    return f"sqlite:///{path}"


# --- Servers and load ----------------------------------------------------------


class Server:
    """A gunicorn (sync, 2 workers) on a loopback port, stopped on exit."""

    def __init__(self, name, command, env, cwd=ROOT):
        self.name = name
        self.port = next(PORTS)
        self.url = f"http://127.0.0.1:{self.port}"
        bind = ["-w", "2", "-k", "sync", "-b", f"127.0.0.1:{self.port}"]
        self.log = tempfile.NamedTemporaryFile(prefix=f"benchmark-{name}-", suffix=".log")
        self.process = subprocess.Popen(
            [*command, *bind],
            cwd=cwd,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.3)
        self.log.seek(0)
        raise SystemExit(f"{self.name} did not start:\n{self.log.read().decode()[-2000:]}")

    def worker_rss_mib(self):
        """Resident memory of each worker (the master's children)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def stop(self):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, 0


def wrk(url, seconds, connections=16, script=None):
    """wrk -t2 -cN against a loopback URL: (req/s, p99 ms, requests, errors)."""
    assert url.startswith("http://127.0.0.1:"), url
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script:
        command += ["-s", script]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 30
    ).stdout
    rate = p99 = requests = errors = 0.0
    for line in output.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            rate = float(words[1])
        elif words[:1] == ["99%"]:
            p99 = milliseconds(words[1])
        elif "requests in" in line:
            requests = int(words[0])
        elif line.strip().startswith("Non-2xx"):
            errors += int(words[-1])
        elif line.strip().startswith("Socket errors"):
            errors += sum(int(part.split()[-1]) for part in line.split(":", 1)[1].split(","))
    return rate, p99, requests, errors


def milliseconds(text):
    for unit, factor in (("us", 0.001), ("ms", 1), ("s", 1000), ("m", 60000)):
        if text.endswith(unit) and text[: -len(unit)].replace(".", "").isdigit():
            return float(text[: -len(unit)]) * factor
    return float("nan")


# --- Part 1: HTTP ----------------------------------------------------------------


def our_pages(database):
    """Addresses of every public page type in the HTTP database."""
    code = (
        "import django, json; django.setup(); from tests.benchmark import page_addresses; "
        "print(json.dumps(page_addresses(deep=False)))"
    )
    env = site_env(database, DJANGO_SETTINGS_MODULE="embassy.settings")
    output = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    import json

    return json.loads(output.strip().splitlines()[-1])


def page_addresses(deep=True):
    """The pages measured, by name: every type the public sees."""
    from releases.models import Event, Release, Speaker, Topic

    public = Release.objects.published()
    release = public.order_by("-date").first()
    speaker = Speaker.objects.with_public_releases().order_by("pk").first()
    topic = Topic.objects.order_by("pk").first()
    event = Event.objects.published().filter(releases__in=public).order_by("pk").first()
    year = release.date.year - 1
    pages = {
        "home": "/en/",
        "release list": "/en/releases/",
        "release list, page 2": "/en/releases/?page=2",
        "release list, filtered": f"/en/releases/?speaker={speaker.slug}&year={year}",
        "release": release.get_absolute_url(),
        "contacts": "/en/contacts/",
        "speaker": speaker.get_absolute_url(),
        "event": event.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "search": "/en/search/?q=cooperation",
    }
    if deep:
        pages.update(scale_pages(speaker, topic, event, year))
    return pages


def scale_pages(speaker, topic, event, year):
    return {
        "release list, page 5,000": "/en/releases/?page=5000",
        "filter: kind": "/en/releases/?kind=speech",
        "filter: speaker": f"/en/releases/?speaker={speaker.slug}",
        "filter: topic": f"/en/releases/?topic={topic.slug}",
        "filter: event": f"/en/releases/?event={event.slug}",
        "filter: year": f"/en/releases/?year={year}",
        "filter: dates": "/en/releases/?date_from=2010-01-01&date_to=2010-12-31",
        "filters combined": f"/en/releases/?kind=speech&topic={topic.slug}&year={year}",
        "search: common word": "/en/search/?q=cooperation",
        "search: rare word": "/en/search/?q=railway+anniversary+tourism",
        "search: phrase": '/en/search/?q="strategic+dialogue"',
        "search: Cyrillic name": "/ru/search/?q=Лавров",
        "search: no results": "/en/search/?q=zzyzx",
        "sitemap index": "/sitemap.xml",
        "sitemap: releases": "/sitemap-releases.xml",
        "sitemap: events": "/sitemap-events.xml",
        "sitemap: speakers": "/sitemap-speakers.xml",
        "sitemap: topics": "/sitemap-topics.xml",
    }


def peer_server(peer_dir):
    """The Wagtail peer of ../shared/bench (a development aid), on PostgreSQL."""
    venv = Path(peer_dir).parent / "wagtail-venv"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "embassy.settings.bench",
        "BENCH_DB": "pg",
        "BENCH_PER_PAGE": PEER_PER_PAGE,
    }
    env.pop("DATABASE_URL", None)
    command = [str(venv / "bin" / "gunicorn"), "embassy.wsgi:application"]
    server = Server("wagtail-peer", command, env, cwd=peer_dir)
    import json

    urls = json.loads((Path(peer_dir) / "bench_urls.pg.json").read_text())
    return server, {"peer index (10 a page)": urls["index"], "peer page": urls["detail"]}


def http_part(args):
    if not shutil.which("wrk"):
        print("\n## HTTP: skipped (wrk is not installed: apt-get install wrk)")
        return
    database = http_database(args, "http")
    seconds = build_site(
        database, args.releases, args.releases // 20 or 1, args.releases // 40 or 1
    )
    manage(database, "collectstatic", "--no-input", "-v0")
    flush_redis()
    print(f"\n## HTTP ({args.releases:,} releases, built in {seconds:.0f} s)")
    pages = {
        name: path
        for name, path in our_pages(database).items()
        if not (args.exclude and re.search(args.exclude, name))
    }
    site = [GUNICORN, "embassy.wsgi"]
    servers = {
        "floor": Server("floor", [GUNICORN, "tests.benchmark_floor:application"], os.environ),
        "off": Server("cache-off", site, site_env(database, page_cache=False)),
        "on": Server("cache-on", site, site_env(database, page_cache=True)),
    }
    peer_pages = {}
    if args.peer:
        servers["peer"], peer_pages = peer_server(args.peer)
    try:
        for server in servers.values():
            server.wait_ready()
        targets = [("floor", "Django floor (10 KB)", "/")]
        targets += [("peer", name, path) for name, path in peer_pages.items()]
        # Page by page, cache off then on; search last: a slow search keeps
        # the database busy after its run ends, and must not slow the others.
        ordered = sorted(pages.items(), key=lambda item: item[0].startswith("search"))
        targets += [(mode, name, path) for name, path in ordered for mode in ("off", "on")]
        if "release list" in pages:
            targets.append(("revalidate", REVALIDATED, pages["release list"]))
        bases = {mode: server.url for mode, server in servers.items()}
        results = load_rounds({**bases, "revalidate": servers["on"].url}, targets, args)
        proxy = proxy_part(servers["on"], pages, args)
        memory = memory_part(servers["off"], pages, args) if not args.smoke else None
    finally:
        for server in servers.values():
            server.stop()
    print_http(results, pages, peer_pages, args)
    if proxy:
        print_proxy(proxy, args)
    if memory:
        print_memory(memory)


REVALIDATED = "release list, 304"


def load_rounds(bases, targets, args):
    """Median req/s and p99 of each (mode, name, path) target over
    interleaved rounds, `bases` giving each mode's server address. A
    "revalidate" target sends the page's ETag."""
    scripts = {}
    for mode, name, path in targets:
        url = bases[mode] + path
        status, _size = status_of(url)
        if status != 200:
            print(f"  warning: {name} ({mode}) {path} answered {status}")
        if mode == "revalidate":
            scripts[mode, name] = revalidation_script(url)
        wrk(url, 1, args.connections, scripts.get((mode, name)))  # warm-up
    runs = {(mode, name): [] for mode, name, _path in targets}
    for _round in range(args.rounds):
        for mode, name, path in targets:
            url = bases[mode] + path
            runs[mode, name].append(
                wrk(url, args.seconds, args.connections, scripts.get((mode, name)))
            )
            settle(url)
    for script in scripts.values():
        os.unlink(script)
    return {
        key: (
            statistics.median(run[0] for run in values),
            statistics.median(run[1] for run in values),
            sum(run[3] for run in values),
        )
        for key, values in runs.items()
    }


def settle(url, workers=2):
    """Wait until the server behind `url` has worked off what wrk left queued.

    wrk stops at its deadline, but a sync worker still answers every request
    already queued: after a slow page (a search taking a second, 16 queued)
    the next run would share the CPUs with that backlog. One request per
    worker, sent at once, returns only when each worker has reached it."""
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(status_of, [url] * workers))


def revalidation_script(url):
    """A wrk script sending the page's current ETag (answered 304)."""
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        etag = response.headers["ETag"]
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    script.write(f'wrk.headers["If-None-Match"] = [[{etag}]]\n')
    script.close()
    return script.name


def print_http(results, pages, peer_pages, args):
    floor = results["floor", "Django floor (10 KB)"][0]
    peer_index = results.get(("peer", "peer index (10 a page)"), (None,))[0]
    peer_page = results.get(("peer", "peer page"), (None,))[0]
    print(
        f"gunicorn sync x2, wrk -t2 -c{args.connections} -d{args.seconds}s, "
        f"median of {args.rounds} round(s), one run; ratios: ours / floor, ours / peer"
    )
    print(
        f"| {'page':28} | {'cache off req/s':>15} | {'p99 ms':>7} | {'/floor':>6} | {'/peer':>6} "
        f"| {'cache on req/s':>14} | {'p99 ms':>7} | {'/floor':>6} |"
    )
    print("|" + "|".join("-" * (width + 2) for width in (28, 15, 7, 6, 6, 14, 7, 6)) + "|")
    blank = f" {'':>6} | {'':>14} | {'':>7} | {'':>6} |"
    print(f"| {'Django floor (10 KB)':28} | {floor:15.0f} | {'':>7} | {1:6.2f} |{blank}")
    for name in peer_pages:
        rate, p99, _errors = results["peer", name]
        print(f"| {name:28} | {rate:15.0f} | {p99:7.1f} | {rate / floor:6.2f} |{blank}")
    for name in pages:
        off, off_p99, off_errors = results["off", name]
        on, on_p99, on_errors = results["on", name]
        peer = peer_index if name.startswith(("release list", "search")) else peer_page
        versus = f"{off / peer:6.2f}" if peer else f"{'-':>6}"
        flag = " (errors)" if off_errors or on_errors else ""
        print(
            f"| {name:28} | {off:15.0f} | {off_p99:7.1f} | {off / floor:6.2f} | {versus} "
            f"| {on:14.0f} | {on_p99:7.1f} | {on / floor:6.2f} |{flag}"
        )
    if ("revalidate", REVALIDATED) in results:
        rate, p99, _not_2xx = results["revalidate", REVALIDATED]  # 304s count as non-2xx
        print(
            f"| {REVALIDATED + ' (If-None-Match)':28} | {'':>15} | {'':>7} | {'':>6} | {'':>6} "
            f"| {rate:14.0f} | {p99:7.1f} | {rate / floor:6.2f} |"
        )
    if peer_index:
        print("(/peer: lists and search against the peer's index, other pages against its page)")


# --- Behind a caching proxy -------------------------------------------------------

PROXY_PAGES = ("home", "release list", "release", "contacts")
NGINX_CONF = """\
worker_processes 2;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    default_type text/html;
    access_log off;
    sendfile on;
    tcp_nopush on;
    gzip off;
    client_body_temp_path {prefix}/tmp;
    proxy_temp_path {prefix}/tmp;
    fastcgi_temp_path {prefix}/tmp;
    uwsgi_temp_path {prefix}/tmp;
    scgi_temp_path {prefix}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {prefix}/root;
    }}
}}
"""


@contextlib.contextmanager
def nginx_serving(files):
    """nginx (Debian's) serving `files` ({name: bytes}) as static files."""
    prefix = Path(tempfile.mkdtemp(prefix="embassy-benchmark-nginx-"))
    (prefix / "root").mkdir(parents=True)
    (prefix / "tmp").mkdir()
    for name, body in files.items():
        (prefix / "root" / name).write_bytes(body)
    for path in (prefix, *prefix.rglob("*")):  # nginx's workers run as nobody
        path.chmod(0o755 if path.is_dir() else 0o644)
    port = next(PORTS)
    (prefix / "nginx.conf").write_text(NGINX_CONF.format(prefix=prefix, port=port))
    command = ["nginx", "-p", str(prefix), "-e", str(prefix / "error.log")]
    process = subprocess.Popen([*command, "-c", str(prefix / "nginx.conf")], start_new_session=True)
    try:
        for _ in range(50):
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(prefix, ignore_errors=True)


def proxy_part(server, pages, args):
    """Varnish with deploy/varnish/default.vcl in front of the site (page
    cache on), against nginx serving the same HTML as a static file: wrk
    keeps its connections open to both, as browsers do to a proxy."""
    missing = [tool for tool in ("varnishd", "nginx") if not shutil.which(tool)]
    if missing:
        print(f"\n## Behind Varnish: skipped ({', '.join(missing)} not installed)")
        return None
    from tests.pagecache.varnish_server import varnish

    chosen = {name: pages[name] for name in PROXY_PAGES if name in pages}
    port = next(PORTS)
    next(PORTS)  # varnishd's admin port: the next one
    with varnish(server.port, port) as proxy:
        files = {}
        for number, path in enumerate(chosen.values()):
            with urllib.request.urlopen(proxy + path, timeout=30) as response:  # noqa: S310
                files[f"{number}.html"] = response.read()
        with nginx_serving(files) as static:
            targets = [("varnish", name, path) for name, path in chosen.items()]
            targets += [("nginx", name, f"/{n}.html") for n, name in enumerate(chosen)]
            results = load_rounds({"varnish": proxy, "nginx": static}, targets, args)
    return {key: rate for key, (rate, _p99, _errors) in results.items()}


def print_proxy(results, args):
    print(
        f"\n## Behind Varnish (deploy/varnish/default.vcl, page cache on) against nginx "
        f"serving the same HTML as a file; wrk -t2 -c{args.connections} -d{args.seconds}s, "
        f"keep-alive, median of {args.rounds} round(s), same run"
    )
    print(f"| {'page':28} | {'Varnish req/s':>13} | {'nginx file req/s':>16} | {'ratio':>5} |")
    print("|" + "|".join("-" * (width + 2) for width in (28, 13, 16, 5)) + "|")
    for mode, name in results:
        if mode == "varnish":
            proxied, static = results["varnish", name], results["nginx", name]
            print(f"| {name:28} | {proxied:13.0f} | {static:16.0f} | {proxied / static:5.2f} |")


# --- Part 3: memory ----------------------------------------------------------------


def memory_part(server, pages, args):
    """RSS of the workers as mixed requests go through, in steps."""
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    paths = ", ".join(f'"{path}"' for path in pages.values())
    script.write(
        f"local paths = {{{paths}}}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n"
        "  return wrk.format(nil, paths[(i % #paths) + 1])\nend\n"
    )
    script.close()
    steps, done = [(0, server.worker_rss_mib())], 0
    deadline = time.monotonic() + args.memory_seconds
    while done < args.memory_requests and time.monotonic() < deadline:
        step_done, target = 0, min(args.memory_requests, done + 2000)
        while done + step_done < target and time.monotonic() < deadline:
            step_done += wrk(server.url + "/", 10, args.connections, script.name)[2]
        done += step_done
        steps.append((done, server.worker_rss_mib()))
    os.unlink(script.name)
    return steps


def print_memory(steps):
    print("\n## Memory (page cache off, mixed pages, RSS of each gunicorn worker)")
    print(
        "| requests | " + " | ".join(f"worker {n + 1} MiB" for n in range(len(steps[0][1]))) + " |"
    )
    for done, sizes in steps:
        print(f"| {done:8,d} | " + " | ".join(f"{size:12.1f}" for size in sizes) + " |")


# --- Part 2: scale, in process -------------------------------------------------------


def scale_part(args):
    base = args.scale_database or os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        print(
            "\n## Scale: skipped (needs PostgreSQL: DATABASE_URL=postgres://... "
            "or --scale-database)"
        )
        return
    database = args.scale_database
    if not database:
        database = database_url(base, "embassy_benchmark_scale")
        recreate_postgres(base, "embassy_benchmark_scale")
        seconds = build_site(database, args.scale, args.scale // 50, args.scale // 20)
        print(f"\n(loaded {args.scale:,} releases in {seconds:.0f} s)")
    # The version counter and the kept pieces in Redis belong to whichever
    # database ran last (an earlier run's counts would be served here).
    flush_redis()
    code = (
        "import sys, django; django.setup(); from tests.benchmark import measure_scale; "
        f"measure_scale({args.repeat})"
    )
    # One access-log line per request would drown the table.
    env = site_env(
        database,
        page_cache=False,
        DJANGO_SETTINGS_MODULE="embassy.settings",
        DJANGO_LOG_LEVEL="WARNING",
    )
    subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, check=True, timeout=3600)


def measure_scale(repeat):
    """In this process, with the page cache off: p50 and p99 of each page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from releases.models import Event, Release, Speaker

    # As a worker does once loaded (embassy/wsgi.py): the collector's full
    # passes leave what loading made alone.
    gc.freeze()
    counts = (Release.objects.count(), Speaker.objects.count(), Event.objects.count())
    print(f"\n## Scale ({counts[0]:,} releases, {counts[1]:,} speakers, {counts[2]:,} events)")
    print(
        f"in process, page cache off, {repeat} requests each after a first one "
        "(which fills the page's fragments, as the first request after a change does)"
    )
    print(
        f"| {'page':28} | {'first ms':>8} | {'p50 ms':>7} | {'p99 ms':>7} "
        f"| {'queries':>7} | {'status':>6} |"
    )
    print("|" + "|".join("-" * (width + 2) for width in (28, 8, 7, 7, 7, 6)) + "|")
    client = Client(HTTP_HOST="127.0.0.1")
    for name, url in page_addresses(deep=True).items():
        started = time.perf_counter()
        response = client.get(url)
        first = (time.perf_counter() - started) * 1000
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        timings.sort()
        p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
        print(
            f"| {name:28} | {first:8.1f} | {statistics.median(timings):7.1f} | {p99:7.1f} | "
            f"{len(queries):7d} | {response.status_code:6d} |"
        )


# --- Command line ----------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["http", "scale"], help="run one part")
    parser.add_argument("--smoke", action="store_true", help="a short run, for CI")
    parser.add_argument("--releases", type=int, default=2000, help="releases of the HTTP part")
    parser.add_argument("--scale", type=int, default=100_000, help="releases of the scale part")
    parser.add_argument("--scale-database", help="a database loaded by load_synthetic (reused)")
    parser.add_argument("--peer", help="the Wagtail peer's site (/tmp/bench/wagtail-site)")
    parser.add_argument("--exclude", help="leave out the HTTP pages whose name matches")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=5, help="of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=100, help="requests per page (scale)")
    parser.add_argument("--memory-requests", type=int, default=10_000)
    parser.add_argument("--memory-seconds", type=int, default=300, help="at most")
    args = parser.parse_args(argv)
    if args.smoke:
        args.releases, args.scale, args.rounds, args.seconds = 200, 500, 1, 1
        args.repeat, args.connections = 3, 2
    if args.peer and not Path(args.peer, "bench_urls.pg.json").exists():
        parser.error(f"no peer at {args.peer}: build it with ../shared/bench/peer-wagtail.sh")
    started = time.perf_counter()
    if args.only in (None, "http"):
        http_part(args)
    if args.only in (None, "scale"):
        scale_part(args)
    print(f"\n(benchmark took {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
