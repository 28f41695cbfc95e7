"""Step 2 of 3: every service name typed on opening-hours slots becomes one
Service. Names equal once spaces and case are ignored are one service (the
English name decides, as it grouped the timetables before); its Russian and
Hindi names are the first ones typed for it. A Service made here is hidden
from the public until staff fill it in; the offices whose slots named it
offer it.

Backwards, each slot gets its service's names typed again. The Service rows
stay (staff may have added documents and fees to them): going forwards
again finds them by their English name instead of making new ones."""

from django.db import migrations
from django.utils.text import slugify

LANGUAGES = ("en", "ru", "hi")


def name_key(name):
    return " ".join((name or "").split()).casefold()


def unique_slug(Service, name):
    base = (slugify(name) or "service")[:90]
    slug, number = base, 1
    while Service.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def slot_names(slot):
    names = {language: (getattr(slot, f"service_{language}") or "").strip() for language in LANGUAGES}
    names["en"] = names["en"] or (slot.service or "").strip()
    return names


def names_to_services(apps, schema_editor):
    OpeningHours = apps.get_model("contacts", "OpeningHours")
    Service = apps.get_model("services", "Service")
    found = {name_key(service.name_en or service.name): service for service in Service.objects.all()}
    for slot in OpeningHours.objects.order_by("pk"):
        names = slot_names(slot)
        key = name_key(names["en"])
        service = found.get(key)
        if service is None:
            service = Service.objects.create(
                name=names["en"],
                slug=unique_slug(Service, names["en"]),
                is_active=False,
                **{f"name_{language}": names[language] or None for language in LANGUAGES},
            )
            found[key] = service
        missing = {
            f"name_{language}": names[language]
            for language in LANGUAGES
            if names[language] and not getattr(service, f"name_{language}")
        }
        if missing:
            Service.objects.filter(pk=service.pk).update(**missing)
            for field, value in missing.items():
                setattr(service, field, value)
        service.offices.add(slot.office_id)
        slot.service_link = service
        slot.save(update_fields=["service_link"])


def services_to_names(apps, schema_editor):
    OpeningHours = apps.get_model("contacts", "OpeningHours")
    for slot in OpeningHours.objects.select_related("service_link"):
        service = slot.service_link
        slot.service = service.name_en or service.name
        for language in LANGUAGES:
            setattr(slot, f"service_{language}", getattr(service, f"name_{language}") or None)
        slot.service_en = slot.service
        slot.save(update_fields=["service", *(f"service_{language}" for language in LANGUAGES)])


class Migration(migrations.Migration):
    dependencies = [("contacts", "0003_openinghours_service_link")]

    operations = [migrations.RunPython(names_to_services, services_to_names)]
