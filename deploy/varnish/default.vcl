# Varnish (Debian's `varnish`, 7.x) in front of the app servers: nginx
# (TLS) -> Varnish :6081 -> gunicorn :8000. README "Caching" explains it.
#
# It keeps what the app says may be kept (Cache-Control: public, for
# s-maxage), never anything for a visitor with a session or CSRF cookie,
# never the admin. The app bans every page on every change (VARNISH_URLS):
# a ban is `BAN /` with `X-Ban: all` from an address in `purgers`.
vcl 4.1;

import std;

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 35s;
    # Ready means the database answers: while it does not, pages are served
    # stale for up to a day (the app's stale-if-error), never a 503 for a
    # page Varnish still has.
    .probe = {
        .url = "/readyz";
        .interval = 5s;
        # A busy app server answers late but answers: sick only after
        # three of five probes failed.
        .timeout = 5s;
        .window = 5;
        .threshold = 3;
        # Healthy from the start: no 503s while the first probes run.
        .initial = 5;
    }
}

# Who may ban: the app servers. Add their addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.X-Ban != "all") {
            return (synth(400, "X-Ban: all expected"));
        }
        # Only obj.* in the expression: the ban lurker clears memory too.
        ban("obj.status != 0");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin (change the path if DJANGO_ADMIN_PATH differs), health probes.
    if (req.url ~ "^/admin/" || req.url ~ "^/(healthz|readyz)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Staff, anyone who used a form, an editor just after a save.
    if (req.http.Cookie ~ "(^|;\s*)(__Host-)?(sessionid|csrftoken)=" ||
        req.http.Cookie ~ "(^|;\s*)read_primary=") {
        return (pass);
    }
    # The language cookie matters only where the address has no language.
    if (req.http.Cookie ~ "(^|;\s*)django_language=" && req.url !~ "^/(en|ru|hi)/") {
        return (pass);
    }
    # Any other cookie (analytics) means nothing to the app.
    unset req.http.Cookie;
    # The app answers gzip or nothing: two variants, not one per browser.
    if (req.http.Accept-Encoding ~ "\bgzip\b") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    # Kept for vcl_backend_fetch, which Varnish gives "Accept-Encoding: gzip"
    # whatever the client said.
    set req.http.X-Client-Accept-Encoding = req.http.Accept-Encoding;
    # Stale copies only while the app is down: when it is up, a page whose
    # time has run out (a scheduled moment) is fetched again before it is shown.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    # http and https pages differ (links, redirects): set by nginx.
    hash_data(req.http.X-Forwarded-Proto);
    # A copy per encoding (gzip or none, see vcl_recv): Varnish's own Vary
    # handling serves whichever it stored first to both kinds of client.
    hash_data(req.http.X-Client-Accept-Encoding);
    return (lookup);
}

sub vcl_backend_fetch {
    # Ask the app for what the client takes. Left to itself, Varnish asks for
    # gzip and unzips the copy again for every client that does not take it
    # (on every hit, a cost that halves what it serves); the app makes both
    # variants and says "Vary: Accept-Encoding".
    if (bereq.http.X-Client-Accept-Encoding) {
        set bereq.http.Accept-Encoding = bereq.http.X-Client-Accept-Encoding;
    } else {
        unset bereq.http.Accept-Encoding;
    }
    unset bereq.http.X-Client-Accept-Encoding;
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie ||
        beresp.http.Cache-Control !~ "\bpublic\b" ||
        beresp.http.Cache-Control ~ "\b(private|no-store|no-cache)\b") {
        # Remember for a while that this address is not cached.
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }
    # beresp.ttl comes from s-maxage. Kept a day for outages (see vcl_recv)
    # and an hour more for cheap revalidation (the app's ETag, a 304).
    set beresp.grace = 1d;
    set beresp.keep = 1h;
    # A background refresh that fails keeps the copy Varnish has.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "hit";
    } else {
        set resp.http.X-Varnish-Cache = "miss";
    }
}
