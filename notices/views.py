"""The public pages of notices: the list, a page per notice, and the light
emergency page. Visibility is `published()` / `viewable()`, as for releases."""

import base64
import hashlib

from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.views.decorators.csp import csp_override
from django.views.generic import DetailView, ListView, TemplateView

from contacts.models import Closure, ContactPoint, Office
from contacts.views import office_card
from embassy.jsonld import jsonld_script
from releases.discovery.seo import description_text, publisher, withdrawn_description
from releases.views import PublicPageMixin, PublishableDetailMixin

from .models import Notice

NOTICES_PER_PAGE = 20


class NoticeListView(PublicPageMixin, ListView):
    paginate_by = NOTICES_PER_PAGE
    template_name = "notices/notice_list.html"

    def get_queryset(self):
        return Notice.objects.published().for_listing()


class NoticeDetailView(PublishableDetailMixin, PublicPageMixin, DetailView):
    template_name = "notices/notice_detail.html"

    def get_object(self, queryset=None):
        return self.get_publishable(
            Notice.objects.select_related("office", "replaced_by").prefetch_related("change_notes"),
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meta"].update(notice_metadata(self.object, self.request, context["meta"]))
        return context


def notice_metadata(notice, request, meta):
    description = withdrawn_description(
        notice, notice.summary or description_text(notice.body) or notice.title
    )
    extra = {
        "type": "article",
        "title": notice.title,
        "description": description,
        "published": notice.first_publication,
        "modified": notice.last_change,
        "section": notice.get_severity_display(),
        "tags": [],
    }
    if notice.is_emergency:
        extra["jsonld"] = jsonld_script(
            special_announcement(notice, request, meta["canonical"], description)
        )
    return extra


def special_announcement(notice, request, url, description):
    """schema.org's SpecialAnnouncement, made for emergency notices: search
    engines may show it prominently while it lasts (`expires`)."""
    data = {
        "@context": "https://schema.org",
        "@type": "SpecialAnnouncement",
        "name": notice.title,
        "text": description,
        "url": url,
        "datePosted": notice.first_publication,
        "publisher": publisher(request),
        "inLanguage": request.LANGUAGE_CODE,
    }
    if notice.unpublish_at:
        data["expires"] = notice.unpublish_at
    if notice.office_id:
        office = notice.office
        data["announcementLocation"] = {
            "@type": "GovernmentOffice",
            "name": office.name,
            "url": request.build_absolute_uri(office.get_absolute_url()),
            "address": ", ".join(office.address_lines),
        }
    return data


# The emergency page's whole style, inline so that the page is one request.
# The Content Security Policy allows exactly this text by its hash: a nonce
# would make the page uncacheable.
EMERGENCY_CSS = (
    "body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:0 .75rem;"
    "color:#111}h1{font-size:1.5rem}h2{font-size:1.15rem;margin:1.25rem 0 .25rem}"
    ".alert{border:3px solid #a30000;padding:.25rem .75rem;margin:.75rem 0}"
    ".alert h2{color:#a30000;margin-top:.25rem}.tel{font-size:1.3rem;font-weight:700}"
    "ul{padding-inline-start:1.1rem}address{font-style:normal}"
)
_digest = base64.b64encode(hashlib.sha256(EMERGENCY_CSS.encode()).digest()).decode()
EMERGENCY_CSS_HASH = f"'sha256-{_digest}'"
EMERGENCY_CSP = {
    **settings.SECURE_CSP,
    "style-src": [EMERGENCY_CSS_HASH],
    "script-src": ["'none'"],
    "img-src": ["'none'"],
    "font-src": ["'none'"],
}


@method_decorator(csp_override(EMERGENCY_CSP), name="dispatch")
class EmergencyView(TemplateView):
    """/emergency/: everything a citizen in trouble needs, in the first 14 KB
    (one TCP round trip on a slow link): no images, no web fonts, no
    stylesheet to fetch, no script. Cached as briefly as the contact pages,
    since it shows whether the offices are open now."""

    template_name = "notices/emergency.html"

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=60)
        return response

    def get_context_data(self, **kwargs):
        now = timezone.now()
        closures = list(Closure.objects.current_and_future(timezone.localdate()))
        offices = Office.objects.active().for_page()
        cards = [office_card(self.request, office, closures, now) for office in offices]
        return super().get_context_data(
            notices=list(Notice.objects.emergencies().select_related("office")),
            emergency_numbers=list(ContactPoint.objects.emergency()),
            cards=cards,
            css=EMERGENCY_CSS,
            **kwargs,
        )
