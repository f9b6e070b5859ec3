"""The public 'this is wrong' form: one box, no name or contact asked.

The write in ``directory.suggestions`` checks the words again (blank, too long), so a crafted
post is refused there too.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm
from childrights.directory.suggestions import LONGEST


class SuggestionForm(GovukForm):
    text = forms.CharField(
        label=_("What is wrong?"),
        help_text=_(
            "For example, the opening times have changed or the phone number does not work. "
            "Do not write your name or anything about you."
        ),
        max_length=LONGEST,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Tell us what is wrong."),
            "max_length": _("Write %(limit_value)s characters or fewer."),
        },
    )
    # The form's own id: sent twice (a second press, a resend after a lost answer), it keeps one.
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)
