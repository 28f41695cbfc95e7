"""The admin site for staff: the password first (throttled by django-axes),
then a second factor (accounts/second_factor.py) before any admin page."""

from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from . import second_factor


class StaffAdminSite(AdminSite):
    # The start page is a desk per role (desk/views.py), above the app list.
    index_template = "admin/desk.html"

    def index(self, request, extra_context=None):
        from desk.views import desk_context

        return super().index(request, {**desk_context(request), **(extra_context or {})})

    def has_permission(self, request):
        """Staff and verified by a second factor: a password alone is not enough."""
        return super().has_permission(request) and request.user.is_verified()

    def login(self, request, extra_context=None):
        """The password step. Once it is right, the second step follows."""
        if second_factor.pending_user(request) is not None:
            return self._to_second_factor(request)
        response = super().login(request, extra_context)
        if request.method == "POST" and request.user.is_authenticated:
            return self._to_second_factor(request)
        return response

    def _to_second_factor(self, request):
        target = second_factor.next_url(request)
        return redirect(f"{reverse('admin:second-factor')}?{urlencode({'next': target})}")

    def get_urls(self):
        def pending(view):
            # Reached before the admin's own permission check can pass.
            return never_cache(csrf_protect(lambda request: view(self, request)))

        return [
            path("second-factor/", pending(second_factor.verify), name="second-factor"),
            path(
                "second-factor/setup/",
                pending(second_factor.setup),
                name="second-factor-setup",
            ),
            path(
                "second-factor/methods/",
                self.admin_view(lambda request: second_factor.methods(self, request)),
                name="second-factor-methods",
            ),
            *super().get_urls(),
        ]
