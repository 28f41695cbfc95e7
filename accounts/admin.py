"""Who may manage accounts: superusers only. Users, groups, login records
and second-factor devices are invisible to every other staff member, so no
form, action or permission field can grant more than a superuser gave.
Here too: unlocking an account, resetting a lost second factor, and the
audit trail and CSP reports (read-only)."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset as axes_reset
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp import devices_for_user
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.admin import WebAuthnCredentialAdmin
from django_otp_webauthn.models import WebAuthnCredential

from history.admin import UnchangedFormMixin

from .audit import Kind, record
from .models import CspReport, SecurityEvent


class SuperusersOnly:
    """Every permission of this admin belongs to superusers alone, whatever
    permissions a staff member's groups hold."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request, *args):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)


class ReadOnly(SuperusersOnly):
    """Superusers look and may delete, nobody adds or edits by hand: second
    factors are made by enrolment (a hand-typed key would be a secret seen
    by two people), lockouts by failed logins."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.unregister(User)
admin.site.unregister(Group)
for model in (AccessAttempt, AccessLog, AccessFailureLog, TOTPDevice, StaticDevice):
    admin.site.unregister(model)


@admin.register(User)
class StaffUserAdmin(UnchangedFormMixin, SuperusersOnly, UserAdmin):
    list_display = (*UserAdmin.list_display, "is_superuser", "is_active", "last_login")
    actions = ["unlock", "reset_second_factor"]

    @admin.action(description=_("Unlock after too many failed logins"))
    def unlock(self, request, queryset):
        for user in queryset:
            axes_reset(username=user.get_username())
            record(Kind.UNLOCKED, request=request, user=user, actor=request.user)
        self.message_user(
            request,
            ngettext("%(count)d account unlocked.", "%(count)d accounts unlocked.", len(queryset))
            % {"count": len(queryset)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reset the second factor (lost phone or key)"))
    def reset_second_factor(self, request, queryset):
        """Deletes every device and recovery code: at the next login the
        account must set up a second factor again (after its password)."""
        for user in queryset:
            for device in devices_for_user(user, confirmed=None):
                device.delete()
            record(Kind.DEVICES_RESET, request=request, user=user, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "Second factor reset for %(count)d account.",
                "Second factor reset for %(count)d accounts.",
                len(queryset),
            )
            % {"count": len(queryset)},
            messages.SUCCESS,
        )


@admin.register(Group)
class RoleAdmin(SuperusersOnly, GroupAdmin):
    pass


@admin.register(AccessAttempt)
class LockoutAdmin(ReadOnly, AccessAttemptAdmin):
    """Failed logins counted towards a lockout; deleting one unlocks it."""


@admin.register(TOTPDevice)
class AppDeviceAdmin(ReadOnly, TOTPDeviceAdmin):
    pass


@admin.register(StaticDevice)
class RecoveryCodesAdmin(ReadOnly, StaticDeviceAdmin):
    pass


@admin.register(WebAuthnCredential)
class PasskeyAdmin(ReadOnly, WebAuthnCredentialAdmin):
    pass


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("at", "kind", "username", "ip_address", "actor", "detail")
    list_filter = ("kind", "at")
    search_fields = ("username", "ip_address")
    date_hierarchy = "at"
    list_select_related = ("actor",)

    def has_delete_permission(self, request, obj=None):
        return False  # the trail is evidence: nobody edits or deletes it here


@admin.register(CspReport)
class CspReportAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("last_seen", "directive", "blocked_uri", "document_uri", "count")
    list_filter = ("directive",)
    search_fields = ("document_uri", "blocked_uri")
