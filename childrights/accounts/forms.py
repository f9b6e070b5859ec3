import re
from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from childrights.accounts.models import Role, User
from childrights.accounts.tasks import send_password_link
from childrights.core.emails import normalise_email
from childrights.core.forms import GovukForm, GovukFormMixin, email_field
from childrights.core.presenters import localised


class SignInForm(GovukForm):
    email = email_field()
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        error_messages={"required": _("Enter your password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SingleSignOnForm(GovukForm):
    """Signing in with a council account: the work address finds the council's provider."""

    email = email_field(
        label=_("Work email address"),
        required_message=_("Enter your work email address"),
        help_text=_("We use it to find your council's sign-in."),
    )


class CodeForm(GovukForm):
    code = forms.RegexField(
        label=_("Code from your authenticator app"),
        help_text=_("The 6-digit code, for example 123456"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={
            "required": _("Enter the 6-digit code from your authenticator app"),
            "invalid": _("The code must be 6 digits, like 123456"),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "govuk-input--width-5",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        return code.strip()


class SignInCodeForm(GovukForm):
    """The second step of signing in: the authenticator's code, or a recovery code."""

    code = forms.RegexField(
        label=_("Code from your authenticator app"),
        help_text=_(
            "The 6-digit code, for example 123456. Lost your phone? Enter one of your recovery "
            "codes instead."
        ),
        regex=r"^\s*(\d{6}|[A-Za-z0-9][A-Za-z0-9 -]{7,40})\s*$",
        error_messages={
            "required": _("Enter the 6-digit code from your authenticator app"),
            "invalid": _("The code must be 6 digits, like 123456, or one of your recovery codes"),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "class": "govuk-input--width-20",
                "spellcheck": "false",
            }
        ),
    )


class PasswordResetForm(GovukFormMixin, auth_forms.PasswordResetForm):
    """Emails a link to choose a password: to reset a forgotten one, or to set a first one."""

    email = email_field()

    def get_users(self, email: str) -> Any:
        # Invited people have no usable password yet; they use this form to get a fresh link.
        return User.objects.filter(email=normalise_email(email), is_active=True)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # Only the account's id is queued: the link and its token are made when the email is
        # sent, so they never sit in the task table.
        send_password_link.enqueue(
            user_id=context["user"].pk,
            domain=context["domain"],
            use_https=context["protocol"] == "https",
            language=translation.get_language(),
        )


class SetPasswordForm(GovukFormMixin, auth_forms.SetPasswordForm):  # type: ignore[type-arg]
    pass


class PasswordChangeForm(GovukFormMixin, auth_forms.PasswordChangeForm):
    pass


class AddMemberForm(GovukForm):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter the person's full name")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = email_field(
        label=_("Work email address"),
        required_message=_("Enter the person's work email address"),
        help_text=_("If they do not have an account yet, we will email them a link to set one up."),
        autocomplete="off",
    )
    role = forms.ModelChoiceField(
        label=_("Role"),
        queryset=Role.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose a role"),
            "invalid_choice": _("Choose one of the roles listed"),
        },
    )

    def __init__(self, *args: Any, roles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field: Any = self.fields["role"]
        role_field.queryset = roles
        role_field.label_from_instance = lambda role: localised(role, "name")


class LanguageForm(GovukForm):
    preferred_language = forms.ChoiceField(
        label=_("Language for this service and for emails"),
        choices=[("en-gb", "English"), ("cy", "Cymraeg")],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a language")},
    )


def uk_mobile_number(text: str) -> str | None:
    """A UK mobile number as +447 and 9 more digits, from the ways people write one
    (07700 900982, +44 7700 900982, +44 (0)7700-900982, 00447700900982); None if it is not one."""
    digits = re.sub(r"[\s().-]", "", text.replace("(0)", ""))
    for prefix in ("+44", "0044", "44", "0"):
        if digits.startswith(prefix):
            rest = digits[len(prefix) :]
            if re.fullmatch(r"7\d{9}", rest):
                return "+44" + rest
    return None


def is_uk_landline_number(text: str) -> bool:
    """Whether the text is a UK landline or non-geographic number (01, 02 or 03 and 8 or 9 more
    digits), which cannot receive a text message."""
    digits = re.sub(r"[\s().-]", "", text.replace("(0)", ""))
    return any(
        digits.startswith(prefix) and re.fullmatch(r"[123]\d{8,9}", digits[len(prefix) :])
        for prefix in ("+44", "0044", "0")
    )


def mobile_number_display(number: str) -> str:
    """+447700900982 as 07700 900982."""
    local = "0" + number.removeprefix("+44")
    return f"{local[:5]} {local[5:]}"


class MobileNumberForm(GovukForm):
    mobile_number = forms.CharField(
        label=_("Mobile number for urgent safeguarding alerts (optional)"),
        help_text=_(
            "A UK mobile number, like 07700 900982. We text it only when a child may need help "
            "urgently, with a link to sign in: never who the child is or what they wrote. Leave "
            "it empty to get emails only."
        ),
        required=False,
        max_length=30,
        error_messages={"max_length": _("Enter a UK mobile number, like 07700 900982")},
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "type": "tel", "class": "govuk-input--width-20"}
        ),
    )

    def clean_mobile_number(self) -> str:
        text: str = self.cleaned_data["mobile_number"].strip()
        if not text:
            return ""
        number = uk_mobile_number(text)
        if number is None and is_uk_landline_number(text):
            raise forms.ValidationError(
                _("This is a landline number. Enter a UK mobile number, like 07700 900982")
            )
        if number is None:
            raise forms.ValidationError(_("Enter a UK mobile number, like 07700 900982"))
        return number


class MobileCodeForm(GovukForm):
    code = forms.RegexField(
        label=_("Code from the text message"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={
            "required": _("Enter the 6-digit code from the text message"),
            "invalid": _("The code must be 6 digits, like 123456"),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "govuk-input--width-10",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip()


class InvitedNameForm(GovukForm):
    """Someone invited by email who has no account yet, at a council whose staff sign in with
    their council account: their name only."""

    full_name = forms.CharField(
        label=_("Your full name"),
        max_length=200,
        error_messages={"required": _("Enter your full name")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


class InvitedAccountForm(GovukForm):
    """Someone invited by email who has no account yet: their name and a password."""

    full_name = forms.CharField(
        label=_("Your full name"),
        max_length=200,
        error_messages={"required": _("Enter your full name")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password = forms.CharField(
        label=_("Choose a password"),
        help_text=_("At least 8 characters. A few unrelated words together work well."),
        strip=False,
        error_messages={"required": _("Choose a password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        error_messages={"required": _("Type the password again")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password, again = cleaned.get("password"), cleaned.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", _("The two passwords are not the same"))
        elif password:
            try:
                password_validation.validate_password(password, User(email=self.email))
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class CouncilSearchForm(GovukForm):
    q = forms.CharField(
        label=_("Council name or GSS code"),
        required=False,
        max_length=200,
        help_text=_("For example, Leeds or E08000035"),
    )
