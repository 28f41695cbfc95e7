"""Alert subscriptions in the admin. Staff with the view permission see
counts only; superusers also see the addresses, and each time they open
the list or a subscription a security event is logged (accounts/audit.py).
Nobody edits a subscription here: subscribers do, through their links;
deleting one (a subscriber's request) deletes the row."""

from django.contrib import admin
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from accounts.audit import record
from accounts.models import SecurityEvent

from ..models import Frequency


class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "frequency", "confirmed_at"]
    list_filter = ["language", "frequency", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    readonly_fields = [
        "email",
        "language",
        "frequency",
        "all_releases",
        "release_kinds",
        "topics",
        "speakers",
        "consular_notices",
        "emergency_alerts",
        "confirmed_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def changelist_view(self, request, extra_context=None):
        if not request.user.is_superuser:
            return self.counts_view(request)
        record(
            SecurityEvent.Kind.SUBSCRIBERS_VIEWED,
            request=request,
            user=request.user,
            detail="list",
        )
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not request.user.is_superuser:
            return self.counts_view(request)
        record(
            SecurityEvent.Kind.SUBSCRIBERS_VIEWED,
            request=request,
            user=request.user,
            detail=f"subscription {object_id}"[:200],
        )
        return super().change_view(request, object_id, form_url, extra_context)

    def counts_view(self, request):
        confirmed = Q(confirmed_at__isnull=False)
        counts = self.model.objects.aggregate(
            confirmed=Count("pk", filter=confirmed),
            unconfirmed=Count("pk", filter=~confirmed),
            emergency=Count("pk", filter=confirmed & Q(emergency_alerts=True)),
            notices=Count("pk", filter=confirmed & Q(consular_notices=True)),
            releases=Count("pk", filter=confirmed & Q(all_releases=True)),
            digest=Count("pk", filter=confirmed & Q(frequency=Frequency.DAILY)),
        )
        by_language = (
            self.model.objects.filter(confirmed)
            .values("language")
            .annotate(count=Count("pk"))
            .order_by("language")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Alert subscriptions"),
            "counts": counts,
            "by_language": by_language,
        }
        return TemplateResponse(request, "admin/notices/subscription_counts.html", context)
