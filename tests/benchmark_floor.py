"""The Django floor of `make benchmark`: a bare Django whose only view
returns a constant 10 KB page, served by the same gunicorn as the site.
Nothing built on Django can be faster; the benchmark's ratios are to it.

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
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
)
application = get_wsgi_application()
