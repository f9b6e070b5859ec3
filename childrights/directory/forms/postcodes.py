"""The upload of a council's postcode table: a CSV file (an extract of the ONS Postcode
Directory, or any table with a postcode, a latitude and a longitude)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm
from childrights.directory.forms.imports import MAX_IMPORT_BYTES


class PostcodesForm(GovukForm):
    file = forms.FileField(
        label=_("File of postcodes"),
        help_text=_(
            "A CSV file (UTF-8) with the columns postcode, latitude and longitude, such as an "
            "extract of the ONS Postcode Directory for your area"
        ),
        error_messages={"required": _("Choose a file to upload")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("The file must be a CSV file"))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 10 MB"))
        return upload
