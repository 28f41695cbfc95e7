from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView, ListView

from contacts.hours import timetables
from contacts.models import Closure, Office, OpeningHours
from embassy.jsonld import jsonld_script

from .fees import fee_lines
from .jsonld import service_jsonld
from .models import Category, Service
from .notices import related_live_notices
from .search import MAX_QUERY_LENGTH, matching

# "Open now" is worked out when the page is rendered (as on the contacts pages).
SERVICES_CACHE_SECONDS = 60


@dataclass
class OfficeVisit:
    """An office offering the service, with its hours for this service."""

    office: Office
    slots: list
    hours: object  # contacts.hours.ServiceHours, or None without hours for it

    @property
    def utc_offset(self):
        offset = timezone.now().astimezone(self.office.tz).strftime("%z")  # "+0530"
        return f"UTC{offset[:3]}:{offset[3:]}"


class ServicePageMixin:
    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=SERVICES_CACHE_SECONDS)
        return response

    def get_queryset(self):
        return Service.objects.public().prefetch_related("documents")


class ServiceListView(ServicePageMixin, ListView):
    """All services by category; `?q=` narrows them to those matching."""

    template_name = "services/service_list.html"

    def get_context_data(self, **kwargs):
        query = " ".join(self.request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
        services = list(self.object_list)
        if query:
            services = matching(services, query)
        groups = [
            (label, [s for s in services if s.category == value])
            for value, label in Category.choices
        ]
        return super().get_context_data(
            query=query,
            found=services,
            groups=[(label, items) for label, items in groups if items],
            max_query_length=MAX_QUERY_LENGTH,
            **kwargs,
        )


class ServiceDetailView(ServicePageMixin, DetailView):
    template_name = "services/service_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "fees",
                "questions",
                "forms",
                Prefetch("offices", queryset=Office.objects.active()),
            )
        )

    def get_context_data(self, **kwargs):
        service = self.object
        now = timezone.now()
        today = timezone.localdate(now, timezone.get_default_timezone())
        visits = self.visits(service, now)
        url = self.request.build_absolute_uri(service.get_absolute_url())
        documents = list(service.documents.all())
        return super().get_context_data(
            documents=documents,
            variants=sorted({d.variant for d in documents if d.variant}),
            fee_lines=fee_lines(service.fees.all(), today),
            visits=visits,
            notices=related_live_notices(service),
            jsonld=jsonld_script(service_jsonld(service, visits, url)),
            **kwargs,
        )

    def visits(self, service, now):
        offices = list(service.offices.all())
        slots = list(
            OpeningHours.objects.filter(service=service, office__in=offices)
            .select_related("service")
            .order_by("pk")
        )
        closures = list(Closure.objects.current_and_future(timezone.localdate()))
        result = []
        for office in offices:
            own = [slot for slot in slots if slot.office_id == office.pk]
            applicable = [c for c in closures if c.office_id in (None, office.pk)]
            hours = timetables(own, applicable, now, office.tz)
            result.append(OfficeVisit(office, own, hours[0] if hours else None))
        return result
