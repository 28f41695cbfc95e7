from django.views.decorators.cache import cache_control
from django.views.static import serve

# Uploaded files never change under the same name (Django adds a suffix on a
# clash), so browsers may keep them for a day.
serve_media = cache_control(public=True, max_age=86400)(serve)
