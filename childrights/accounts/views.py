"""Sign-in, two-factor, account settings and council teams. Views stay thin: selectors to read,
services to write."""

import base64
import logging
import time
from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import Form
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice
from requests import RequestException

from childrights.accounts import forms, selectors, services, sso
from childrights.accounts.mobile_confirmation import (
    mobile_code_check,
    mobile_code_send,
    mobile_code_waiting,
)
from childrights.accounts.models import User
from childrights.accounts.throttle import throttle_attempt, throttle_succeed
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.clients import client_ip
from childrights.core.emails import normalise_email
from childrights.core.language import set_language_cookie
from childrights.core.models import AuditEvent
from childrights.core.permissions import has_capability_in
from childrights.core.ratelimit import rate_limit_consume
from childrights.core.waiting import waiting_for

logger = logging.getLogger(__name__)

PENDING_KEY = "pending_two_factor"
PENDING_SECONDS = 300
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def staff_user(request: HttpRequest) -> User:
    """The signed-in member of staff (views that call this are behind login_required)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _complete_sign_in(
    request: HttpRequest,
    user: User,
    device: Device | None,
    next_url: str,
    how: dict[str, Any] | None = None,
) -> HttpResponse:
    throttle_succeed(email=user.email, client=client_ip(request))
    # A fresh session with the staff expiry: nothing a child left on this browser (an unsent
    # draft, its longer expiry) is carried into a member of staff's session.
    request.session.flush()
    login(request, user, backend=MODEL_BACKEND)
    if device is not None:
        otp_login(request, device)
    audit_record(
        action=AuditEvent.Action.LOGIN,
        actor=Actor(person=user, client_ip=client_ip(request)),
        detail=how,
    )
    response = HttpResponseRedirect(next_url)
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in User.Language.values:
        # A language picked before signing in is the person's latest choice: keep it.
        services.user_set_language(user=user, language=chosen)
    else:
        set_language_cookie(response, user.preferred_language)
    return response


def _failed(request: HttpRequest, email: str, reason: str) -> None:
    audit_record(
        action=AuditEvent.Action.LOGIN_FAILED,
        request=request,
        actor_email=email,
        detail={"reason": reason},
    )


def _refused(request: HttpRequest, form: Form, email: str, minutes: int) -> None:
    _failed(request, email, "throttled")
    form.add_error(
        None,
        _("Too many attempts to sign in. Wait %(minutes)s minutes and try again.")
        % {"minutes": minutes},
    )


@sensitive_post_parameters("password")
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_safe_next(request))
    form = forms.SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = normalise_email(form.cleaned_data["email"])
        refusal = throttle_attempt(email=email, client=client_ip(request))
        user = (
            None
            if refusal
            else authenticate(request, username=email, password=form.cleaned_data["password"])
        )
        if refusal is not None:
            _refused(request, form, email, refusal.retry_after_minutes)
        elif not isinstance(user, User):
            _failed(request, email, "credentials")
            form.add_error(None, _("Enter a correct email address and password"))
        elif (required := sso.sso_required_for(user)) is not None:
            _failed(request, email, "sso_required")
            form.add_error(
                None,
                _(
                    "%(council)s asks its staff to sign in with their council account. Use "
                    "“Sign in with your council account” on this page."
                )
                % {"council": required.council.name},
            )
        elif selectors.has_confirmed_device(user=user):
            request.session[PENDING_KEY] = {
                "user_id": user.pk,
                "started": time.time(),
                "next": _safe_next(request),
            }
            return redirect("accounts:sign_in_code")
        else:
            return _complete_sign_in(request, user, None, _safe_next(request))
    return render(
        request, "accounts/sign_in.html", {"form": form, "next": request.GET.get("next", "")}
    )


def sso_start(request: HttpRequest) -> HttpResponse:
    """Sign in with a council account: the work address finds the council's provider. A plain
    form, so it works without JavaScript."""
    if request.user.is_authenticated:
        return redirect(_safe_next(request))
    form = forms.SingleSignOnForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = normalise_email(form.cleaned_data["email"])
        # Each try reads the council's provider: a client may not make the service hammer it.
        refusal = rate_limit_consume(sso.START_LIMIT, client_ip(request) or "unknown")
        config = None if refusal else sso.sso_for_email(email)
        if refusal is not None:
            form.add_error(
                None,
                _("Too many attempts to sign in. Wait %(minutes)s minutes and try again.")
                % {"minutes": refusal.retry_after_minutes},
            )
        elif config is None:
            form.add_error(
                "email",
                _(
                    "There is no council sign-in for addresses ending @%(domain)s. Sign in with "
                    "your email address and password instead."
                )
                % {"domain": email.rpartition("@")[2]},
            )
        elif not sso.client_secret(config):
            logger.error("Council sign-in for %s has no client secret set", config.council)
            form.add_error(None, _("Your council's sign-in is not ready yet. Try again later."))
        else:
            try:
                return sso.sso_redirect(request, config, email=email, next_url=_safe_next(request))
            except RequestException:
                logger.exception("Council sign-in for %s did not answer", config.council)
                form.add_error(
                    None,
                    _("Your council's sign-in did not answer. Try again in a few minutes."),
                )
    return render(
        request, "accounts/sso_start.html", {"form": form, "next": request.GET.get("next", "")}
    )


def sso_sign_in_complete(
    request: HttpRequest, *, user: User, device: Device | None, council: Any, next_url: str
) -> HttpResponse:
    """The council's provider has vouched for the person (sso.sso_decide). With the provider's
    word for a second factor (``device``) they are signed in; otherwise our own two-factor rules
    apply as after a password: an authenticator code if they have one, setting one up if their
    role needs it."""
    if not next_url or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse(settings.LOGIN_REDIRECT_URL)
    if device is None and selectors.has_confirmed_device(user=user):
        request.session[PENDING_KEY] = {
            "user_id": user.pk,
            "started": time.time(),
            "next": next_url,
        }
        return redirect("accounts:sign_in_code")
    how = {"method": "sso", "council": council.pk, "provider_second_factor": device is not None}
    return _complete_sign_in(request, user, device, next_url, how)


@sensitive_post_parameters("code")
def sign_in_code(request: HttpRequest) -> HttpResponse:
    pending: dict[str, Any] | None = request.session.get(PENDING_KEY)
    user = selectors.pending_sign_in_user(
        user_id=pending["user_id"] if pending else None,
        started=pending["started"] if pending else 0,
        max_age_seconds=PENDING_SECONDS,
    )
    if pending is None or user is None:
        request.session.pop(PENDING_KEY, None)
        messages.info(request, _("Sign in again to continue."))
        return redirect("accounts:login")
    form = forms.SignInCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = throttle_attempt(email=user.email, client=client_ip(request))
        device = (
            None
            if refusal
            else selectors.verified_device(user=user, code=form.cleaned_data["code"])
        )
        if refusal is not None:
            _refused(request, form, user.email, refusal.retry_after_minutes)
        elif device is not None:
            del request.session[PENDING_KEY]
            return _complete_sign_in(request, user, device, pending["next"])
        else:
            _failed(request, user.email, "two_factor_code")
            form.add_error("code", _("The code is not right. Check your app and try again"))
    return render(request, "accounts/sign_in_code.html", {"form": form})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit_record(action=AuditEvent.Action.LOGOUT, request=request)
    logout(request)
    messages.success(request, _("You have signed out."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


def _qr_svg(config_url: str) -> str:
    image = qrcode.make(config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    device = services.two_factor_device_for_setup(user=user)
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            actor = Actor.from_request(request)
            services.two_factor_confirm(actor=actor, user=user, device=device)
            otp_login(request, device)
            request.session[RECOVERY_KEY] = services.recovery_codes_make(actor=actor, user=user)
            messages.success(request, _("Two-factor authentication is set up."))
            return redirect("accounts:recovery_codes")
        form.add_error("code", _("The code is not right. Check your app and try again"))
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "required": user.requires_two_factor,
        },
    )


RECOVERY_KEY = "accounts:recovery-codes"


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes, shown once; asking for new ones makes the old ones useless."""
    user = staff_user(request)
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:two_factor_setup")
    if request.method == "POST":
        request.session[RECOVERY_KEY] = services.recovery_codes_make(
            actor=Actor.from_request(request), user=user
        )
        messages.success(request, _("You have new recovery codes. The old ones no longer work."))
        return redirect("accounts:recovery_codes")
    codes = request.session.pop(RECOVERY_KEY, None)
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = forms.LanguageForm(
        request.POST or None, initial={"preferred_language": user.preferred_language}
    )
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["preferred_language"]
        services.user_set_language(user=user, language=language)
        response = redirect("accounts:account")
        set_language_cookie(response, language)
        return response
    return render(
        request,
        "accounts/account.html",
        {
            "form": form,
            "memberships": user.memberships.select_related("council", "role"),
            "has_two_factor": selectors.has_confirmed_device(user=user),
            "mobile_number": forms.mobile_number_display(user.mobile_number)
            if user.mobile_number
            else "",
        },
    )


@login_required
def account_mobile(request: HttpRequest) -> HttpResponse:
    """The person's mobile number for texts about urgent safeguarding alerts, or none."""
    user = staff_user(request)
    form = forms.MobileNumberForm(
        request.POST or None,
        initial={
            "mobile_number": forms.mobile_number_display(user.mobile_number)
            if user.mobile_number
            else ""
        },
    )
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["mobile_number"]
        if number and number != user.mobile_number:
            # Saved only once a code texted to it is entered.
            refusal = mobile_code_send(session=request.session, user=user, number=number)
            if refusal is None:
                return redirect("accounts:account_mobile_confirm")
            form.add_error(
                "mobile_number",
                _("We have sent you too many codes. Try again in %(minutes)s minutes")
                % {"minutes": refusal.retry_after_minutes},
            )
        else:
            services.user_set_mobile_number(
                actor=Actor.from_request(request), user=user, number=number
            )
            messages.success(
                request,
                _("Your mobile number for urgent alerts is saved")
                if user.mobile_number
                else _("We will not text you: you will get emails only"),
            )
            return redirect("accounts:account")
    return render(request, "accounts/account_mobile.html", {"form": form})


@login_required
def account_mobile_confirm(request: HttpRequest) -> HttpResponse:
    """The code texted to a new mobile number: the number is saved when it is right."""
    user = staff_user(request)
    number = mobile_code_waiting(session=request.session, user=user)
    if number is None:
        return redirect("accounts:account_mobile")
    form = forms.MobileCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        checked = mobile_code_check(
            session=request.session, user=user, code=form.cleaned_data["code"]
        )
        if checked == "confirmed":
            services.user_set_mobile_number(
                actor=Actor.from_request(request), user=user, number=number
            )
            messages.success(request, _("Your mobile number for urgent alerts is saved"))
            return redirect("accounts:account")
        if checked == "wrong":
            form.add_error("code", _("The code is not right. Check the text message and try again"))
        else:
            form.add_error(
                "code",
                _("This code has run out. Enter your mobile number again to get a new code"),
            )
    return render(
        request,
        "accounts/account_mobile_confirm.html",
        {"form": form, "number": forms.mobile_number_display(number)},
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Staff home: what is waiting for this person, then their councils. The programme team,
    who reach every council, land on a searchable, paged list of councils instead."""
    user = staff_user(request)
    if user.is_programme_team:
        return _programme_home(request, user)
    return render(
        request,
        "accounts/dashboard.html",
        {
            "waiting": waiting_for(user, today=timezone.localdate()),
            "councils": selectors.councils_for_user(user=user),
            **_council_links_context(user),
        },
    )


def _council_links_context(user: User) -> dict[str, Any]:
    return {
        # Only designated safeguarding leads see the link to their council's queue.
        "safeguarding_ids": user.council_ids("safeguarding"),
        # Comments as people wrote them are for each council's own editors only.
        "editor_ids": user.council_ids("edit"),
        # Children in care's views: their workers, and the council's leads for its teams.
        "children_ids": user.council_ids("work_with_children"),
        "lead_ids": user.council_ids("manage_members"),
    }


COUNCILS_PER_PAGE = 25


def _programme_home(request: HttpRequest, user: User) -> HttpResponse:
    form = forms.CouncilSearchForm(request.GET or None)
    words = form.cleaned_data["q"] if form.is_valid() else ""
    found = selectors.councils_found(user=user, words=words)
    page = Paginator(found, COUNCILS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/programme_home.html",
        {
            "form": form,
            "words": words,
            "page": page,
            "query": urlencode({"q": words}) if words else "",
        },
    )


@login_required
def council_home(request: HttpRequest, council_id: int) -> HttpResponse:
    """One council's pages, for its members and the programme team."""
    council = selectors.council_for_user_or_404(request=request, council_id=council_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    user = staff_user(request)
    return render(
        request,
        "accounts/council_home.html",
        {"council": council, **_council_links_context(user)},
    )


@login_required
def council_team(request: HttpRequest, council_id: int) -> HttpResponse:
    council = selectors.council_for_user_or_404(request=request, council_id=council_id)
    user = staff_user(request)
    can_manage = has_capability_in(user, council.pk, "manage_members")
    return render(
        request,
        "accounts/council_team.html",
        {
            "council": council,
            "members": selectors.council_team(council=council),
            "invitations": services.invitations_waiting(council=council) if can_manage else [],
            "can_manage": can_manage,
        },
    )


@login_required
def council_team_add(request: HttpRequest, council_id: int) -> HttpResponse:
    council = selectors.council_for_user_or_404(
        request=request, council_id=council_id, needs="manage_members"
    )
    form = forms.AddMemberForm(request.POST or None, roles=selectors.council_roles())
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        invitation = services.invitation_send(
            actor=Actor.from_request(request),
            council=council,
            email=email,
            full_name=form.cleaned_data["full_name"],
            role=form.cleaned_data["role"],
        )
        if invitation is None:
            messages.info(
                request,
                _("%(email)s already has that role. Nothing was changed.") % {"email": email},
            )
        elif invitation.needs_confirmation:
            messages.info(
                request,
                _(
                    "A safeguarding role needs a second person's word: the invitation to "
                    "%(email)s goes once one of the council's leads, or another member of the "
                    "programme team, confirms it on the team page."
                )
                % {"email": email},
            )
        else:
            # The same words whether or not the address has an account: nothing of an account
            # is shown to the council until the person accepts.
            messages.success(
                request,
                _(
                    "An invitation has been sent to %(email)s. They join the team when they "
                    "accept it."
                )
                % {"email": email},
            )
        return redirect("accounts:council_team", council_id=council.pk)
    return render(request, "accounts/council_team_add.html", {"council": council, "form": form})


@login_required
def membership_remove(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = selectors.membership_for_user_or_404(
        request=request, membership_id=membership_id, needs="manage_members"
    )
    council = membership.council
    if council is None:  # national roles are not managed through council teams
        raise Http404
    if membership.user_id == request.user.pk:
        messages.info(request, _("You cannot remove your own role. Ask another lead to do it."))
        return redirect("accounts:council_team", council_id=council.pk)
    blockers = services.membership_removal_blockers(membership)
    if request.method == "POST" and not blockers:
        with transaction.atomic():
            services.membership_remove(actor=Actor.from_request(request), membership=membership)
        messages.success(
            request,
            _("%(email)s no longer has that role.") % {"email": membership.user.email},
        )
        return redirect("accounts:council_team", council_id=council.pk)
    return render(
        request,
        "accounts/membership_remove.html",
        {"membership": membership, "blockers": blockers},
        status=409 if request.method == "POST" and blockers else 200,
    )


def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a link to choose a password. The answer is the same whether or not the address has
    an account, and too many requests for one address or from one client send nothing more."""
    form = forms.PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(
            actor=Actor.from_request(request),
            email=form.cleaned_data["email"],
            domain=request.get_host(),
            use_https=request.is_secure(),
        )
        return redirect("accounts:password_reset_done")
    return render(request, "accounts/password_reset.html", {"form": form})


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(
            action=AuditEvent.Action.PASSWORD,
            actor=Actor(person=form.user, client_ip=client_ip(self.request)),
            detail={"change": "reset"},
        )
        throttle_succeed(email=form.user.email, client=None)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(
            action=AuditEvent.Action.PASSWORD, request=self.request, detail={"change": "changed"}
        )
        messages.success(self.request, _("Your password has been changed."))
        return response


@login_required
def invitation_confirm(request: HttpRequest, invitation_id: int) -> HttpResponse:
    found = selectors.invitation_or_404(request=request, invitation_id=invitation_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.invitation_confirm(actor=Actor.from_request(request), invitation=found)
    except PermissionError:
        messages.info(
            request,
            _(
                "Someone else must confirm it: one of the council's leads, or a member of the "
                "programme team who did not send it."
            ),
        )
    else:
        messages.success(request, _("Confirmed. The invitation has been sent."))
    return redirect("accounts:council_team", council_id=found.council_id)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """An emailed invitation: the invited person signs in (or, with no account yet, chooses a
    password) and accepts the role."""
    found = services.invitation_by_token(token)
    if found is None:
        return render(request, "accounts/invitation_gone.html", status=404)
    has_account = User.objects.filter(email=found.email).exists()
    context: dict[str, Any] = {"invitation": found}
    if not has_account and sso.sso_required_for_address(found.council, found.email):
        return _invitation_without_password(request, found)
    if not has_account:
        form = forms.InvitedAccountForm(
            request.POST or None, email=found.email, initial={"full_name": found.full_name}
        )
        if request.method == "POST" and form.is_valid():
            services.invited_account_create(
                actor=Actor.from_request(request),
                invitation=found,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
            )
            messages.success(request, _("Your account is ready. Sign in to start."))
            return redirect("accounts:login")
        return render(request, "accounts/invitation.html", {**context, "form": form})
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = staff_user(request)
    if user.email != found.email:
        return render(request, "accounts/invitation.html", {**context, "wrong_account": True})
    if request.method == "POST":
        services.invitation_accept(actor=Actor.from_request(request), invitation=found, user=user)
        messages.success(
            request,
            _("You have joined %(council)s.") % {"council": found.council.name},
        )
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/invitation.html", {**context, "accept": True})


def _invitation_without_password(request: HttpRequest, found: Any) -> HttpResponse:
    """The council requires its staff to sign in with their council account, and this address
    is one it can sign in: the account is made with a name only, then the person signs in
    through the council's provider."""
    form = forms.InvitedNameForm(request.POST or None, initial={"full_name": found.full_name})
    if request.method == "POST" and form.is_valid():
        services.invited_account_create(
            actor=Actor.from_request(request),
            invitation=found,
            full_name=form.cleaned_data["full_name"],
            password=None,
        )
        messages.success(
            request, _("Your account is ready. Sign in with your council account to start.")
        )
        return redirect("accounts:sso_start")
    return render(
        request,
        "accounts/invitation.html",
        {"invitation": found, "form": form, "single_sign_on": True},
    )
