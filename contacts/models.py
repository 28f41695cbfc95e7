"""Consular contacts: where the offices are, how to reach them, when they
are open and when they are closed."""

import datetime
import functools
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from embassy.addresses import cached_reverse
from embassy.constraints import FieldConstraintsMixin
from embassy.dates import DateRangeMixin

from .hours import Weekday, overlapping_slots


def default_time_zone():
    # A callable, so that a different DJANGO_TIME_ZONE does not change the migration.
    return settings.TIME_ZONE


@functools.cache
def known_time_zones():
    # Not ZoneInfo(value) alone: it accepts directory-like or malformed keys
    # with OSError or IsADirectoryError instead of a clean "not found".
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in known_time_zones():
        raise ValidationError(
            _('"%(value)s" is not a known time zone. Use a name such as "Asia/Kolkata".'),
            params={"value": value},
            code="invalid",
        )


class OfficeKind(models.TextChoices):
    EMBASSY = "embassy", _("Embassy")
    CONSULATE_GENERAL = "consulate-general", _("Consulate general")
    CONSULAR_SECTION = "consular-section", _("Consular section")
    TRADE_MISSION = "trade-mission", _("Trade mission")
    HONORARY_CONSUL = "honorary-consul", _("Honorary consul")


class OfficeQuerySet(models.QuerySet):
    def active(self):
        """The offices the public sees. Every public page and the home page's
        emergency block go through this method."""
        return self.filter(is_active=True)

    def for_page(self):
        """Everything an office card shows, in a constant number of queries
        (closures are fetched separately: some apply to every office)."""
        return self.prefetch_related(
            models.Prefetch(
                "contact_points", queryset=ContactPoint.objects.order_by("order", "pk")
            ),
            models.Prefetch(
                "opening_hours",
                queryset=OpeningHours.objects.select_related("service").order_by("pk"),
            ),
        )


LATITUDE_VALIDATORS = [MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))]
LONGITUDE_VALIDATORS = [MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))]


class Office(FieldConstraintsMixin, models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Part of the office's address.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OfficeKind)
    address_line_1 = models.CharField(
        _("address line 1"), max_length=200, help_text=_('Building and street, e.g. "Shantipath".')
    )
    address_line_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    locality = models.CharField(
        _("locality"),
        max_length=100,
        blank=True,
        help_text=_('District or neighbourhood, e.g. "Chanakyapuri".'),
    )
    city = models.CharField(_("city"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=100)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LATITUDE_VALIDATORS,
        help_text=_("Decimal degrees, north positive, e.g. 28.597500. For the map link."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LONGITUDE_VALIDATORS,
        help_text=_("Decimal degrees, east positive, e.g. 77.187500."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_(
            'Opening hours are in this zone, e.g. "Asia/Kolkata". "Open now" is worked out in it.'
        ),
    )
    visitor_notes = models.TextField(
        _("notes for visitors"),
        blank=True,
        help_text=_("Entrance, documents to bring, accessibility. Shown under the address."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Offices are listed from the lowest number.")
    )
    is_active = models.BooleanField(
        _("shown on the site"),
        default=True,
        help_text=_("Untick to hide the office and its numbers without deleting them."),
    )

    constraint_error_fields = {
        "latitude_out_of_range": "latitude",
        "longitude_out_of_range": "longitude",
    }

    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="office_coordinates_together",
                violation_error_code="coordinates_apart",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="office_latitude_range",
                violation_error_code="latitude_out_of_range",
                violation_error_message=_("Latitude is between -90 and 90 degrees."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="office_longitude_range",
                violation_error_code="longitude_out_of_range",
                violation_error_message=_("Longitude is between -180 and 180 degrees."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("contacts:office", slug=self.slug)

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def map_url(self):
        """OpenStreetMap at the office: a plain link, no tiles or script on our pages."""
        if not self.has_coordinates:
            return ""
        lat, lon = self.coordinates
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"

    @property
    def coordinates(self):
        """Latitude and longitude as short decimal strings ("28.5975")."""
        return tuple(
            format(Decimal(str(value)).normalize(), "f")
            for value in (self.latitude, self.longitude)
        )

    @property
    def street_lines(self):
        return [line for line in (self.address_line_1, self.address_line_2) if line]

    @property
    def address_lines(self):
        """The postal address, one line per item, as printed on an envelope."""
        city_line = " ".join(part for part in (self.city, self.postal_code) if part)
        return [*self.street_lines, *[p for p in (self.locality, city_line, self.country) if p]]


class ContactKind(models.TextChoices):
    TELEPHONE = "telephone", _("Telephone")
    FAX = "fax", _("Fax")
    EMAIL = "email", _("E-mail")
    EMERGENCY = "emergency", _("Emergency telephone")
    WEBSITE = "website", _("Website")


PHONE_KINDS = [ContactKind.TELEPHONE, ContactKind.FAX, ContactKind.EMERGENCY]


class Availability(models.TextChoices):
    ALWAYS = "24-7", _("24 hours a day, 7 days a week")
    OFFICE_HOURS = "office-hours", _("During office hours")


class ContactPointQuerySet(models.QuerySet):
    def public(self):
        return self.filter(office__in=Office.objects.active())

    def emergency(self):
        """Emergency lines of the active offices, for the home page and the
        top of the contacts pages."""
        return (
            self.public()
            .filter(kind=ContactKind.EMERGENCY)
            .select_related("office")
            .order_by("office__order", "office_id", "order", "pk")
        )


class ContactPoint(FieldConstraintsMixin, models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="contact_points", verbose_name=_("office")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ContactKind)
    label = models.CharField(
        _("label"), max_length=150, help_text=_('What the line is for, e.g. "Visa enquiries".')
    )
    phone = PhoneNumberField(
        _("telephone number"),
        blank=True,
        help_text=_(
            "For telephone, fax and emergency lines. With the country code "
            '("+91 11 2611 0640"); a number without one is read as an Indian number. '
            "Stored in international form."
        ),
    )
    email = models.EmailField(_("e-mail address"), blank=True, help_text=_("For e-mail only."))
    url = models.URLField(_("web address"), blank=True, help_text=_("For websites only."))
    is_protected = models.BooleanField(
        _("hide from harvesters"),
        default=False,
        help_text=_(
            "E-mail only. The address is left out of the page; visitors press "
            '"Show e-mail address" to see it.'
        ),
    )
    audience = models.CharField(
        _("audience"),
        max_length=250,
        blank=True,
        help_text=_(
            'Leave empty if the line is for everyone. Otherwise say who it is for, e.g. "Only '
            'for citizens of Russia in an emergency in India".'
        ),
    )
    availability = models.CharField(
        _("availability"), max_length=20, choices=Availability, default=Availability.OFFICE_HOURS
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    # The kind and value rule concerns several fields: clean() names them.
    constraint_error_fields = {"protected_not_email": "is_protected"}

    objects = ContactPointQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind__in=PHONE_KINDS, email="", url="") & ~Q(phone="")
                    | Q(kind=ContactKind.EMAIL, phone="", url="") & ~Q(email="")
                    | Q(kind=ContactKind.WEBSITE, phone="", email="") & ~Q(url="")
                ),
                name="contactpoint_value_matches_kind",
                violation_error_code="value_not_of_kind",
                violation_error_message=_(
                    "Fill in exactly the value that matches the kind: a number for a "
                    "telephone, fax or emergency line, an address for e-mail, a web address "
                    "for a website."
                ),
            ),
            models.CheckConstraint(
                condition=Q(is_protected=False) | Q(kind=ContactKind.EMAIL),
                name="contactpoint_protect_only_email",
                violation_error_code="protected_not_email",
                violation_error_message=_("Only e-mail addresses can be hidden from harvesters."),
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.display_value}"

    def clean(self):
        super().clean()
        # The constraint above guards the database; these say which field to fix.
        wanted = self.value_field
        errors = {}
        if wanted and not getattr(self, wanted):
            errors[wanted] = _("Fill this in for a contact of this kind.")
        for name in {"phone", "email", "url"} - {wanted}:
            if getattr(self, name):
                errors[name] = _("Leave this empty for a contact of this kind.")
        if self.is_protected and self.kind != ContactKind.EMAIL:
            errors["is_protected"] = _("Only e-mail addresses can be hidden from harvesters.")
        if errors:
            raise ValidationError(errors)

    @property
    def value_field(self):
        if self.kind in PHONE_KINDS:
            return "phone"
        return {ContactKind.EMAIL: "email", ContactKind.WEBSITE: "url"}.get(self.kind)

    @property
    def tel_href(self):
        """A `tel:` link in E.164, which every phone dials in one tap."""
        return f"tel:{self.phone.as_e164}" if self.is_phone and self.phone else ""

    @property
    def is_phone(self):
        return self.kind in PHONE_KINDS

    @property
    def is_email(self):
        return self.kind == ContactKind.EMAIL

    @property
    def display_value(self):
        """The value as people read it; telephone numbers in international form."""
        if self.is_phone:
            if not self.phone:
                return ""
            return self.phone.as_international if self.phone.is_valid() else str(self.phone)
        return self.email if self.kind == ContactKind.EMAIL else self.url


class OpeningHours(FieldConstraintsMixin, models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("office")
    )
    service = models.ForeignKey(
        "services.Service",
        on_delete=models.PROTECT,
        related_name="opening_hours",
        verbose_name=_("service"),
        help_text=_("Rows of the same service form one timetable."),
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday)
    opens = models.TimeField(_("opens"), help_text=_("Local time of the office, e.g. 09:00."))
    closes = models.TimeField(_("closes"), help_text=_("Must be later than the opening time."))

    constraint_error_fields = {"closes_before_opens": "closes"}

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")),
                name="openinghours_closes_after_opens",
                violation_error_code="closes_before_opens",
                violation_error_message=_(
                    "The closing time must be later than the opening time (a slot cannot "
                    "run past midnight: split it into two days)."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.service}, {self.get_weekday_display()} {self.times}"

    # Set to False by the admin's formset, which checks all rows of an office
    # together: the database still holds the rows' old values at that point.
    check_overlaps_in_database = True

    def clean(self):
        super().clean()
        if not self.check_overlaps_in_database or not self.office_id:
            return
        if None in (self.opens, self.closes, self.weekday) or not self.service_id:
            return
        siblings = OpeningHours.objects.filter(office_id=self.office_id).exclude(pk=self.pk)
        for other in siblings:
            if overlapping_slots(self, other):
                raise ValidationError(self.overlap_message(other), code="overlap")

    def overlap_message(self, other):
        return _("This slot overlaps another slot of the same service: %(other)s.") % {
            "other": other
        }

    @property
    def service_key(self):
        """Slots of one service form one timetable."""
        return self.service_id

    @property
    def times(self):
        return f"{time_format(self.opens, 'H:i')}–{time_format(self.closes, 'H:i')}"


class ClosureKind(models.TextChoices):
    HOST_HOLIDAY = "host-holiday", _("Public holiday in the host country")
    HOME_HOLIDAY = "home-holiday", _("Public holiday in Russia")
    OTHER = "other", _("Other")


class ClosureQuerySet(models.QuerySet):
    def current_and_future(self, today):
        """Closures that have not ended by `today`, for the office pages and the
        "open now" computation. Offices in other time zones may be a day
        behind or ahead, hence the margin of one day."""
        since = today - datetime.timedelta(days=1)
        return self.filter(
            Q(end_date__gte=since) | Q(end_date__isnull=True, start_date__gte=since),
            Q(office__isnull=True) | Q(office__in=Office.objects.active()),
        ).order_by("start_date", "pk")


class Closure(DateRangeMixin, FieldConstraintsMixin, models.Model):
    office = models.ForeignKey(
        Office,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="closures",
        verbose_name=_("office"),
        help_text=_("Leave empty to close ALL offices on these dates (e.g. a public holiday)."),
    )
    start_date = models.DateField(_("first day closed"))
    end_date = models.DateField(
        _("last day closed"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a single day."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ClosureKind, default=ClosureKind.HOST_HOLIDAY
    )
    reason = models.CharField(
        _("reason"), max_length=200, help_text=_('Shown to visitors, e.g. "Republic Day".')
    )

    constraint_error_fields = {"ends_before_start": "end_date"}

    objects = ClosureQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="closure_end_after_start",
                violation_error_code="ends_before_start",
                violation_error_message=_("The last day closed cannot be before the first day."),
            ),
        ]

    def __str__(self):
        where = self.office.name if self.office_id else _("all offices")
        return f"{self.reason} ({where}, {self.start_date:%Y-%m-%d})"

    @property
    def applies_to_all_offices(self):
        return self.office_id is None
