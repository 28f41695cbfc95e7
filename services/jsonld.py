"""A service page as a schema.org GovernmentService: who provides it, where
(the offices, with their hours for this service), and for whom."""

from django.conf import settings

from contacts.exports import SCHEMA_DAYS


def service_jsonld(service, visits, page_url):
    """`visits` are the page's OfficeVisit rows (office and its slots)."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "@id": f"{page_url}#service",
        "name": service.name,
        "url": page_url,
        "description": service.summary,
        "serviceType": service.get_category_display(),
        "provider": {"@type": "GovernmentOrganization", "name": settings.EMBASSY_NAME},
        "areaServed": [{"@type": "Country", "name": visit.office.country} for visit in visits][:1],
        "availableChannel": [_channel(service, visit) for visit in visits],
    }
    if service.eligibility:
        data["audience"] = {"@type": "Audience", "audienceType": service.eligibility}
    return data


def _channel(service, visit):
    office = visit.office
    channel = {
        "@type": "ServiceChannel",
        "name": office.name,
        "serviceLocation": {
            "@type": "GovernmentOffice",
            "name": office.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": ", ".join(office.street_lines),
                "addressLocality": ", ".join(p for p in (office.locality, office.city) if p),
                "postalCode": office.postal_code,
                "addressCountry": office.country,
            },
        },
        "hoursAvailable": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": SCHEMA_DAYS[slot.weekday],
                "opens": slot.opens.strftime("%H:%M"),
                "closes": slot.closes.strftime("%H:%M"),
            }
            for slot in sorted(visit.slots, key=lambda s: (s.weekday, s.opens))
        ],
    }
    if service.apply_url:
        channel["serviceUrl"] = service.apply_url
    return channel
