"""A consular service and what its page lists: required documents, fees,
questions and answers, forms to download."""

import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from embassy.addresses import cached_reverse
from embassy.constraints import FieldConstraintsMixin
from files.documents import Downloadable, document_file_field

from . import uploads

# A fee above this is a typing error (an extra zero), not a consular fee.
MAX_FEE = Decimal("1000000")
MAX_PROCESSING_DAYS = 365
# "Not checked for 6 months": staff review a page at least twice a year.
STALE_AFTER_DAYS = 183


class Category(models.TextChoices):
    PASSPORTS = "passports", _("Passports and travel documents")
    VISAS = "visas", _("Visas")
    CIVIL_REGISTRATION = "civil-registration", _("Civil registration")
    NOTARIAL = "notarial", _("Notarial acts")
    LEGALISATION = "legalisation", _("Legalisation")
    CITIZENSHIP = "citizenship", _("Citizenship")
    PENSIONS = "pensions", _("Pensions and benefits")
    VOTING = "voting", _("Voting abroad")
    OTHER = "other", _("Other")


class ApplyMethod(models.TextChoices):
    APPOINTMENT = "appointment", _("By appointment")
    WALK_IN = "walk-in", _("Walk in, no appointment")
    POST = "post", _("By post")
    ONLINE = "online", _("Online")


class ServiceQuerySet(models.QuerySet):
    def public(self):
        """The services the public sees: every list, page, sitemap and search."""
        return self.filter(is_active=True)

    def not_checked_since(self, day):
        """Never checked, or last checked on or before `day`."""
        return self.filter(Q(last_checked_on__isnull=True) | Q(last_checked_on__lte=day))

    def stale(self, today):
        return self.not_checked_since(today - datetime.timedelta(days=STALE_AFTER_DAYS))


class Service(FieldConstraintsMixin, models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Part of the service's address.")
    )
    category = models.CharField(
        _("category"), max_length=30, choices=Category, default=Category.OTHER
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences: what the service is.")
    )
    eligibility = models.TextField(
        _("who it is for"),
        blank=True,
        help_text=_('E.g. "Citizens of Russia living in India whose passport expires."'),
    )
    apply_method = models.CharField(
        _("how to apply"), max_length=20, choices=ApplyMethod, default=ApplyMethod.APPOINTMENT
    )
    apply_url = models.URLField(
        _("where to apply or book"),
        blank=True,
        help_text=_("The address of the booking or application site, if there is one."),
    )
    apply_notes = models.TextField(
        _("how to apply: details"),
        blank=True,
        help_text=_("What happens at the appointment, how to send documents by post…"),
    )
    processing_time = models.CharField(
        _("processing time"),
        max_length=200,
        blank=True,
        help_text=_('As visitors should read it, e.g. "About three months".'),
    )
    processing_days = models.PositiveSmallIntegerField(
        _("processing time in working days"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_PROCESSING_DAYS)],
        help_text=_("Leave empty when it is not known."),
    )
    offices = models.ManyToManyField(
        "contacts.Office",
        related_name="services",
        verbose_name=_("offices offering it"),
        help_text=_("At least one. Their hours for this service are shown on its page."),
    )
    last_checked_on = models.DateField(
        _("last checked on"),
        null=True,
        blank=True,
        help_text=_("Set this when you have checked documents, fees and times against the rules."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Services of a category are listed from the lowest.")
    )
    is_active = models.BooleanField(
        _("shown on the site"),
        default=True,
        help_text=_("Untick to hide the service's page without deleting it."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    constraint_error_fields = {"processing_days_absurd": "processing_days"}

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name", "pk"]
        verbose_name = _("consular service")
        verbose_name_plural = _("consular services")
        constraints = [
            models.CheckConstraint(
                condition=Q(processing_days__isnull=True)
                | Q(processing_days__lte=MAX_PROCESSING_DAYS),
                name="service_processing_days_range",
                violation_error_code="processing_days_absurd",
                violation_error_message=_("A processing time is at most a year of working days."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("services:detail", slug=self.slug)

    def is_stale(self, today):
        if self.last_checked_on is None:
            return True
        return self.last_checked_on <= today - datetime.timedelta(days=STALE_AFTER_DAYS)


class DocumentKind(models.TextChoices):
    ORIGINAL = "original", _("Original")
    COPY = "copy", _("Copy")
    ORIGINAL_AND_COPY = "original-and-copy", _("Original and a copy")
    TRANSLATION = "translation", _("Certified translation")
    PHOTO = "photo", _("Photograph")
    FORM = "form", _("Completed form")


class RequiredDocument(FieldConstraintsMixin, models.Model):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="documents", verbose_name=_("service")
    )
    order = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Position in the checklist. Each number once per service.")
    )
    name = models.CharField(_("document"), max_length=250)
    kind = models.CharField(
        _("what is needed"), max_length=20, choices=DocumentKind, default=DocumentKind.ORIGINAL
    )
    variant = models.CharField(
        _("only for"),
        max_length=100,
        blank=True,
        help_text=_('Leave empty if everyone brings it; otherwise e.g. "Renewal" or "Children".'),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("E.g. the photo's size and background.")
    )

    constraint_error_fields = {"duplicate_order": "order"}

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "order"],
                name="requireddocument_unique_order",
                violation_error_code="duplicate_order",
                violation_error_message=_("Another document of this service has this number."),
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.name}"


class Currency(models.TextChoices):
    INR = "INR", _("Indian rupees (INR)")
    RUB = "RUB", _("Russian roubles (RUB)")
    USD = "USD", _("US dollars (USD)")
    EUR = "EUR", _("Euros (EUR)")


class Fee(FieldConstraintsMixin, models.Model):
    """One amount from one date. A change of fee is a new row with a later
    `valid_from`: the old row stays, so the history is kept."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="fees", verbose_name=_("service")
    )
    variant = models.CharField(
        _("variant"), max_length=100, help_text=_('Who pays this, e.g. "Adult", "Child", "Urgent".')
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_FEE)],
        help_text=_("0 for a free service."),
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency, default="INR")
    how_to_pay = models.CharField(
        _("how to pay"), max_length=200, blank=True, help_text=_('E.g. "In cash at the window".')
    )
    valid_from = models.DateField(
        _("valid from"), help_text=_("A date ahead is shown as a scheduled fee.")
    )

    constraint_error_fields = {
        "fee_out_of_range": "amount",
        "valid_from_taken": "valid_from",
    }

    class Meta:
        ordering = ["variant", "-valid_from", "pk"]
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0, amount__lte=MAX_FEE),
                name="fee_amount_range",
                violation_error_code="fee_out_of_range",
                violation_error_message=_("A fee is between 0 and 1,000,000."),
            ),
            # The English name of the variant identifies it (as the English
            # name of a service grouped opening hours before).
            models.UniqueConstraint(
                fields=["service", "variant_en", "valid_from"],
                name="fee_unique_valid_from_per_variant",
                violation_error_code="valid_from_taken",
                violation_error_message=_(
                    "This variant already has a fee from this date: change that row instead."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.variant}: {self.amount} {self.currency} ({self.valid_from})"


class Question(models.Model):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="questions", verbose_name=_("service")
    )
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")

    def __str__(self):
        return self.question


class ServiceForm(Downloadable):
    """A form to download, checked as release attachments are."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="forms", verbose_name=_("service")
    )
    file = document_file_field(uploads.form_path)

    class Meta(Downloadable.Meta):
        verbose_name = _("form to download")
        verbose_name_plural = _("forms to download")
