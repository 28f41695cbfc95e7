"""The Django floor of `make benchmark`: a bare Django whose only view
returns a constant 10 KB page, served by the same gunicorn as the site.
Nothing built on Django can be faster; the benchmark's ratios are to it.

It is the floor of ../shared/bench (floor-django.sh): `startproject`'s
defaults (its apps and all its middleware) with DEBUG off, so that our
figures and the kit's are ratios to the same thing.

    gunicorn tests.benchmark_floor:application -w 2 -b 127.0.0.1:PORT
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

PAGE = ("<!doctype html><title>floor</title>" + "<p>" + "x" * 100 + "</p>\n" * 100).encode()


def page(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", page)]

settings.configure(
    DEBUG=False,
    SECRET_KEY="benchmark-floor-only",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    # As `django-admin startproject` writes them (Django 6.1).
    INSTALLED_APPS=[
        "django.contrib.admin",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
    ],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "APP_DIRS": True,
            "OPTIONS": {
                "context_processors": [
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                    "django.contrib.messages.context_processors.messages",
                ],
            },
        }
    ],
    # Never opened: the page reads no session and no user.
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    STATIC_URL="static/",
)
application = get_wsgi_application()
