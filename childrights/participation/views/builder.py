"""Council staff build a consultation: details, questions, wording per age band, safeguarding
leads, opening and closing, and access codes for groups of children.

Any member of the council can see these pages; changing anything needs the "edit" capability
(403 otherwise). People outside the council get 404 from the selectors.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from childrights.accounts.selectors import council_for_user_or_404
from childrights.core.actors import Actor
from childrights.core.editing import (
    EditConflict,
    add_conflict_errors,
    opened_token,
    opened_values,
)
from childrights.core.form_pages import form_page
from childrights.core.language import ENGLISH_THEN_WELSH, lang_of, language_code
from childrights.core.permissions import has_capability_in
from childrights.core.presenters import localised
from childrights.participation import about_you, selectors
from childrights.participation.builder import codes as builder_codes
from childrights.participation.builder import consultations as builder_consultations
from childrights.participation.builder import questions as builder_questions
from childrights.participation.builder import reads as builder_reads
from childrights.participation.builder import rules as builder_rules
from childrights.participation.forms.builder import (
    AccessCodeForm,
    ConsultationForm,
    DirectionForm,
    QuestionForm,
    WordingsForm,
)
from childrights.participation.models import AccessCode, Consultation, Question, Wording


@dataclass(frozen=True)
class State:
    """How a consultation's state reads on a page: a label and a GOV.UK tag colour."""

    label: str
    tag: str


def state_of(consultation: Consultation) -> State:
    """Closed once its closing date has passed, even before anyone closes it."""
    today = timezone.localdate()
    if consultation.status == Consultation.Status.CLOSED or (
        consultation.status == Consultation.Status.OPEN and consultation.closes_on < today
    ):
        return State(_("Closed"), "govuk-tag--grey")
    if consultation.status == Consultation.Status.OPEN and consultation.opens_on > today:
        return State(_("Opens soon"), "govuk-tag--blue")
    if consultation.status == Consultation.Status.OPEN:
        return State(_("Open"), "govuk-tag--green")
    return State(_("Draft"), "govuk-tag--yellow")


@dataclass(frozen=True)
class Row:
    consultation: Consultation
    state: State
    responses: int


def _can_edit(request: HttpRequest, consultation: Consultation) -> bool:
    return has_capability_in(request.user, consultation.council_id, "edit")


def _frozen(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    messages.info(
        request,
        _(
            "Questions, answers and wording can only change while the consultation is a draft. "
            "This keeps every child's answers comparable."
        ),
    )
    return redirect("participation:consultation", consultation_id=consultation.pk)


@login_required
def consultations(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(request=request, council_id=council_id, programme_team=False)
    found = list(selectors.consultations(council=council))
    counts = builder_reads.response_counts(found)
    return render(
        request,
        "participation/builder/consultations.html",
        {
            "council": council,
            "rows": [Row(each, state_of(each), counts.get(each.pk, 0)) for each in found],
            "can_edit": has_capability_in(request.user, council.pk, "edit"),
        },
    )


@login_required
def consultation_new(request: HttpRequest, council_id: int) -> HttpResponse:
    council = council_for_user_or_404(
        request=request, council_id=council_id, programme_team=False, needs="edit"
    )
    form = ConsultationForm(request.POST or None, council=council, initial={"identified": "no"})
    if request.method == "POST" and form.is_valid():
        created = builder_consultations.consultation_create(
            actor=Actor.from_request(request), council=council, values=form.cleaned_data
        )
        messages.success(request, _("The consultation has been saved as a draft."))
        return redirect("participation:consultation", consultation_id=created.pk)
    return form_page(
        request,
        form,
        caption=council.name,
        title=_("Create a consultation"),
        intro=_(
            "Children answer anonymously unless you record a reason to ask their name. "
            "It cannot open until it has a safeguarding lead, a deputy and its questions."
        ),
        cancel="participation:consultations",
        cancel_args=[council.pk],
    )


@login_required
def consultation_detail(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.consultation_or_404(request=request, consultation_id=consultation_id)
    council = consultation.council
    is_draft = consultation.status == Consultation.Status.DRAFT
    questions = list(consultation.questions.prefetch_related("choices", "wordings"))
    codes = list(consultation.access_codes.all())
    return render(
        request,
        "participation/builder/consultation.html",
        {
            "council": council,
            "consultation": consultation,
            "state": state_of(consultation),
            "questions": questions,
            "codes": codes,
            "live_codes": sum(1 for code in codes if code.revoked_at is None),
            "problems": builder_reads.opening_problems(consultation)
            if is_draft
            else builder_reads.safeguarding_problems(consultation),
            "is_draft": is_draft,
            "can_edit": _can_edit(request, consultation),
            "can_safeguard": has_capability_in(request.user, council.pk, "safeguarding"),
            "public_link": request.build_absolute_uri(
                reverse("participation:start", kwargs={"link_key": consultation.link_key})
            ),
            "responses": builder_reads.response_counts([consultation]).get(consultation.pk, 0),
            "age_bands": [
                label
                for band, label in builder_reads.audiences(consultation)
                if band != Wording.EASY_READ
            ],
            "about_you": [
                about_you.BY_KEY[key].question
                for key in consultation.about_you
                if key in about_you.BY_KEY
            ],
        },
    )


@login_required
def consultation_edit(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.consultation_or_404(
        request=request, consultation_id=consultation_id, needs="edit"
    )
    salt = f"participation.consultation:{consultation.pk}"
    form = ConsultationForm(
        request.POST or None,
        council=consultation.council,
        consultation=consultation,
        initial={
            **ConsultationForm.initial_for(consultation),
            "opened": opened_token(
                builder_consultations.consultation_details(consultation), salt=salt
            ),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            builder_consultations.consultation_update(
                actor=Actor.from_request(request),
                consultation=consultation,
                values=form.cleaned_data,
                opened=opened_values(form.cleaned_data.get("opened"), salt=salt),
            )
        except EditConflict as conflict:
            consultation.refresh_from_db()
            fresh = opened_token(
                builder_consultations.consultation_details(consultation), salt=salt
            )
            add_conflict_errors(form, conflict, fresh_token=fresh)
            return _consultation_edit_page(request, consultation, form)
        except builder_rules.NotADraft:
            messages.info(
                request,
                _(
                    "The age bands, languages, “about you” questions and whether children give "
                    "their name cannot change once the consultation has opened."
                ),
            )
        else:
            messages.success(request, _("The consultation has been saved."))
        return redirect("participation:consultation", consultation_id=consultation.pk)
    return _consultation_edit_page(request, consultation, form)


def _consultation_edit_page(
    request: HttpRequest, consultation: Consultation, form: ConsultationForm
) -> HttpResponse:
    return form_page(
        request,
        form,
        caption=consultation.council.name,
        title=_("Change the consultation"),
        intro=_(
            "The age bands, languages, “about you” questions and whether children give their "
            "name cannot change now it has opened. The rest can."
        )
        if form.frozen
        else "",
        cancel="participation:consultation",
        cancel_args=[consultation.pk],
    )


# --- questions ----------------------------------------------------------------------------


@login_required
def question_new(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.consultation_or_404(
        request=request, consultation_id=consultation_id, needs="edit"
    )
    if consultation.status != Consultation.Status.DRAFT:
        return _frozen(request, consultation)
    form = QuestionForm(
        request.POST or None, consultation=consultation, initial={"kind": Question.Kind.SINGLE}
    )
    if request.method == "POST" and form.is_valid():
        try:
            builder_questions.question_create(
                actor=Actor.from_request(request), consultation=consultation, values=form.values()
            )
        except builder_rules.NotADraft:
            return _frozen(request, consultation)
        messages.success(request, _("The question has been added."))
        return redirect("participation:consultation", consultation_id=consultation.pk)
    return form_page(
        request,
        form,
        caption=localised(consultation, "title") or consultation.title_cy,
        title=_("Add a question"),
        intro=_(
            "Write it in plain words. You can word it differently for each age band once "
            "it is saved."
        ),
        cancel="participation:consultation",
        cancel_args=[consultation.pk],
    )


@login_required
def question_edit(request: HttpRequest, question_id: int) -> HttpResponse:
    question = selectors.question_or_404(request=request, question_id=question_id, needs="edit")
    consultation = question.consultation
    if consultation.status != Consultation.Status.DRAFT:
        return _frozen(request, consultation)
    posted = request.POST if request.method == "POST" else None
    wordings_posted = posted is not None and posted.get("part") == "wordings"
    form = QuestionForm(
        None if wordings_posted else posted,
        consultation=consultation,
        initial=QuestionForm.initial_for(question),
    )
    wordings = WordingsForm(posted if wordings_posted else None, question=question)
    try:
        if wordings_posted and wordings.is_valid():
            builder_questions.wordings_save(
                actor=Actor.from_request(request), question=question, entries=wordings.entries()
            )
            messages.success(request, _("The wording for each age band has been saved."))
            return redirect("participation:question_edit", question_id=question.pk)
        if posted is not None and not wordings_posted and form.is_valid():
            builder_questions.question_update(
                actor=Actor.from_request(request), question=question, values=form.values()
            )
            messages.success(request, _("The question has been saved."))
            return redirect("participation:consultation", consultation_id=consultation.pk)
    except builder_rules.NotADraft:
        return _frozen(request, consultation)
    number = list(consultation.questions.values_list("pk", flat=True)).index(question.pk) + 1
    return render(
        request,
        "participation/builder/question_edit.html",
        {
            "council": consultation.council,
            "consultation": consultation,
            "question": question,
            "number": number,
            "form": form,
            "wordings": wordings,
        },
    )


@login_required
def question_delete(request: HttpRequest, question_id: int) -> HttpResponse:
    question = selectors.question_or_404(request=request, question_id=question_id, needs="edit")
    consultation = question.consultation
    if consultation.status != Consultation.Status.DRAFT:
        return _frozen(request, consultation)
    if request.method == "POST":
        try:
            builder_questions.question_delete(actor=Actor.from_request(request), question=question)
        except builder_rules.NotADraft:
            return _frozen(request, consultation)
        messages.success(request, _("The question has been deleted."))
        return redirect("participation:consultation", consultation_id=consultation.pk)
    return render(
        request,
        "participation/builder/question_delete.html",
        {"council": consultation.council, "consultation": consultation, "question": question},
    )


@login_required
def question_move(request: HttpRequest, question_id: int) -> HttpResponse:
    question = selectors.question_or_404(request=request, question_id=question_id, needs="edit")
    consultation = question.consultation
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if consultation.status != Consultation.Status.DRAFT:
        return _frozen(request, consultation)
    form = DirectionForm(request.POST)
    if form.is_valid():
        try:
            builder_questions.question_move(
                actor=Actor.from_request(request),
                question=question,
                direction=form.cleaned_data["direction"],
            )
        except builder_rules.NotADraft:
            return _frozen(request, consultation)
    return redirect("participation:consultation", consultation_id=consultation.pk)


# --- opening and closing ------------------------------------------------------------------


@login_required
def consultation_open(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.consultation_or_404(
        request=request, consultation_id=consultation_id, needs="edit"
    )
    if consultation.status != Consultation.Status.DRAFT:
        messages.info(request, _("This consultation has already been opened."))
        return redirect("participation:consultation", consultation_id=consultation.pk)
    if request.method == "POST":
        try:
            problems = builder_consultations.consultation_open(
                actor=Actor.from_request(request), consultation=consultation
            )
        except builder_rules.NotADraft:
            messages.info(request, _("This consultation has already been opened."))
            return redirect("participation:consultation", consultation_id=consultation.pk)
        if not problems:
            messages.success(request, _("The consultation is open. Children can now answer it."))
            return redirect("participation:consultation", consultation_id=consultation.pk)
    else:
        problems = builder_reads.opening_problems(consultation)
    return render(
        request,
        "participation/builder/consultation_open.html",
        {"council": consultation.council, "consultation": consultation, "problems": problems},
    )


@login_required
def consultation_close(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.consultation_or_404(
        request=request, consultation_id=consultation_id, needs="edit"
    )
    if consultation.status != Consultation.Status.OPEN:
        messages.info(request, _("Only an open consultation can be closed."))
        return redirect("participation:consultation", consultation_id=consultation.pk)
    if request.method == "POST":
        try:
            builder_consultations.consultation_close(
                actor=Actor.from_request(request), consultation=consultation
            )
        except builder_rules.NotOpen:
            messages.info(request, _("Only an open consultation can be closed."))
        else:
            messages.success(request, _("The consultation is closed. No more answers are taken."))
        return redirect("participation:consultation", consultation_id=consultation.pk)
    return render(
        request,
        "participation/builder/consultation_close.html",
        {
            "council": consultation.council,
            "consultation": consultation,
            "responses": builder_reads.response_counts([consultation]).get(consultation.pk, 0),
        },
    )


# --- access codes -------------------------------------------------------------------------


@login_required
def codes(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.consultation_or_404(
        request=request,
        consultation_id=consultation_id,
        needs="edit" if request.method == "POST" else None,
    )
    can_edit = _can_edit(request, consultation)
    is_closed = consultation.status == Consultation.Status.CLOSED
    form = AccessCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            code = builder_codes.code_create(
                actor=Actor.from_request(request),
                consultation=consultation,
                group_name=form.cleaned_data["group_name"],
                responses_limit=form.cleaned_data["responses_limit"],
            )
        except builder_rules.ConsultationClosed:
            messages.info(request, _("The consultation has closed: codes cannot be added."))
        else:
            messages.success(
                request,
                _("Code %(code)s has been made for %(group)s.")
                % {"code": code.code, "group": code.group_name},
            )
        return redirect("participation:codes", consultation_id=consultation.pk)
    counts = builder_reads.code_response_counts(consultation)
    return render(
        request,
        "participation/builder/codes.html",
        {
            "council": consultation.council,
            "consultation": consultation,
            "rows": [(code, counts.get(code.pk, 0)) for code in consultation.access_codes.all()],
            "form": form if can_edit and not is_closed else None,
            "can_edit": can_edit,
            "is_closed": is_closed,
        },
    )


@login_required
def code_revoke(request: HttpRequest, code_id: int) -> HttpResponse:
    """Asks first; the code stops working once the person confirms."""
    code = selectors.code_or_404(request=request, code_id=code_id, needs="edit")
    if request.method != "POST":
        if code.revoked_at is not None:
            return redirect("participation:codes", consultation_id=code.consultation_id)
        return render(
            request,
            "participation/builder/code_revoke.html",
            {"council": code.consultation.council, "consultation": code.consultation, "code": code},
        )
    builder_codes.code_revoke(actor=Actor.from_request(request), code=code)
    messages.success(
        request,
        _("Code %(code)s no longer works. Answers already sent with it are kept.")
        % {"code": code.code},
    )
    return redirect("participation:codes", consultation_id=code.consultation_id)


@login_required
def code_print(request: HttpRequest, code_id: int) -> HttpResponse:
    code = selectors.code_or_404(request=request, code_id=code_id)
    entry_page = request.build_absolute_uri(reverse("participation:code_entry"))
    entry = f"{entry_page}?{urlencode({'code': code.code})}"
    return render(
        request,
        "participation/builder/code_print.html",
        {
            "council": code.consultation.council,
            "consultation": code.consultation,
            "code": code,
            "parts": (
                _code_card_parts(code, entry_page, qr_svg(entry)) if code.revoked_at is None else []
            ),
        },
    )


def _code_card_parts(code: AccessCode, entry_page: str, qr: SafeString) -> list[dict[str, str]]:
    """The card's words in English and in Welsh, each printed on a page of its own: the page's
    language first. A consultation's words without a Welsh version are marked as English."""
    first = language_code()
    parts = []
    for language in (first, *(other for other in ENGLISH_THEN_WELSH if other != first)):
        with translation.override(language):
            html = render_to_string(
                "participation/builder/_code_card_part.html",
                {
                    "consultation": code.consultation,
                    "code": code,
                    "entry_page": entry_page,
                    "qr_svg": qr,
                },
            )
        parts.append({"lang": lang_of(language), "html": SafeString(html)})
    return parts


def qr_svg(url: str) -> SafeString:
    """A QR code for ``url`` as inline SVG markup, with no style attributes (the content
    security policy forbids inline styles) and no fixed size: the page's CSS sizes it."""
    made = qrcode.QRCode(border=4, image_factory=qrcode.image.svg.SvgPathImage)
    made.add_data(url)
    made.make(fit=True)
    image = made.make_image()
    path = image.path.get("d", "") if image.path is not None else ""
    size = made.modules_count + 2 * made.border
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        'aria-hidden="true" focusable="false">'
        '<rect width="{size}" height="{size}" fill="#ffffff"/>'
        '<path d="{path}" fill="#000000"/></svg>',
        size=size,
        path=path,
    )
