"""The office in machine-readable form: a vCard for phone contact apps and
schema.org JSON-LD for search engines. Protected e-mail addresses are left
out of both, since both are public downloads a harvester can fetch."""

import vobject
from django.utils.translation import gettext as _

from embassy.text import clean_file

from .models import Availability, ContactKind

SCHEMA_DAYS = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
]

# vCard 3.0 TEL types per kind. An emergency line is not "preferred": a
# phone would then use it for every call to the embassy.
VCARD_TEL_TYPES = {
    ContactKind.TELEPHONE: ["WORK", "VOICE"],
    ContactKind.FAX: ["WORK", "FAX"],
    ContactKind.EMERGENCY: ["WORK", "VOICE", "X-EMERGENCY"],
}


def public_emails(contacts):
    return [c for c in contacts if c.kind == ContactKind.EMAIL and not c.is_protected]


def describe(contact):
    """Who may call and when, in words, for a note or a description."""
    parts = [contact.audience or _("For everyone"), contact.get_availability_display()]
    return ". ".join(str(part).rstrip(".") for part in parts) + "."


def office_vcard(office, contacts, page_url):
    card = vobject.vCard()
    card.add("fn").value = office.name
    card.add("n").value = vobject.vcard.Name()
    card.add("org").value = [office.name]
    # Apple Contacts shows the card as a company rather than a person.
    card.add("x-abshowas").value = "COMPANY"
    address = card.add("adr")
    address.value = vobject.vcard.Address(
        street=", ".join(part for part in (*office.street_lines, office.locality) if part),
        city=office.city,
        code=office.postal_code,
        country=office.country,
    )
    address.type_param = "WORK"
    if office.has_coordinates:
        card.add("geo").value = ";".join(office.coordinates)
    notes = []
    for number, contact in enumerate(c for c in contacts if c.is_phone and c.phone):
        group = f"item{number + 1}"
        tel = card.add("tel", group=group)
        tel.value = contact.phone.as_e164
        tel.params["TYPE"] = VCARD_TEL_TYPES[contact.kind]
        card.add("x-ablabel", group=group).value = contact.label
        if contact.kind == ContactKind.EMERGENCY:
            notes.append(f"{contact.label}: {contact.display_value}. {describe(contact)}")
    for contact in public_emails(contacts):
        email = card.add("email")
        email.value = contact.email
        email.type_param = "INTERNET"
    card.add("url").value = page_url
    for contact in contacts:
        if contact.kind == ContactKind.WEBSITE:
            card.add("url").value = contact.url
    if notes:
        card.add("note").value = "\n".join(notes)
    # vobject escapes line breaks in values, but not the control characters
    # a value stored before the cleaning on save may hold (RFC 6350 allows none).
    return clean_file(card.serialize())


def office_jsonld(office, contacts, slots, closures, page_url):
    """A schema.org GovernmentOffice (an organisation and a place)."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "@id": f"{page_url}#office",
        "name": office.name,
        "url": page_url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(office.street_lines),
            "addressLocality": ", ".join(p for p in (office.locality, office.city) if p),
            "postalCode": office.postal_code,
            "addressCountry": office.country,
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "name": slot.service.name,
                "dayOfWeek": SCHEMA_DAYS[slot.weekday],
                "opens": slot.opens.strftime("%H:%M"),
                "closes": slot.closes.strftime("%H:%M"),
            }
            for slot in sorted(slots, key=lambda s: (s.weekday, s.opens))
        ],
        # Closed all day: opens and closes at midnight (schema.org's convention).
        "specialOpeningHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "name": closure.reason,
                "validFrom": closure.start_date.isoformat(),
                "validThrough": closure.last_date.isoformat(),
                "opens": "00:00",
                "closes": "00:00",
            }
            for closure in closures
        ],
        "contactPoint": [_contact_point(c) for c in contacts if c.is_phone and c.phone],
    }
    if office.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(office.coordinates[0]),
            "longitude": float(office.coordinates[1]),
        }
    first = {}
    for contact in contacts:
        if contact.is_phone and contact.phone:
            first.setdefault(contact.kind, contact.phone.as_e164)
    if ContactKind.TELEPHONE in first:
        data["telephone"] = first[ContactKind.TELEPHONE]
    if ContactKind.FAX in first:
        data["faxNumber"] = first[ContactKind.FAX]
    emails = public_emails(contacts)
    if emails:
        data["email"] = emails[0].email
    return data


def _contact_point(contact):
    point = {
        "@type": "ContactPoint",
        "name": contact.label,
        "contactType": "emergency" if contact.kind == ContactKind.EMERGENCY else str(contact.label),
        "description": describe(contact),
    }
    key = "faxNumber" if contact.kind == ContactKind.FAX else "telephone"
    point[key] = contact.phone.as_e164
    if contact.availability == Availability.ALWAYS:
        point["hoursAvailable"] = {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": SCHEMA_DAYS,
            "opens": "00:00",
            "closes": "23:59",
        }
    return point
