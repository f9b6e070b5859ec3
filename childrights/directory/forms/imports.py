"""The upload of a file of services: a table (CSV or XLSX) or an Open Referral UK JSON export."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm

# A council's directory, even with every Welsh column filled, fits in a few megabytes.
MAX_IMPORT_BYTES = 10 * 1024 * 1024
EXTENSIONS = (".csv", ".xlsx", ".json")


class ImportForm(GovukForm):
    file = forms.FileField(
        label=_("File of services"),
        help_text=_(
            "A CSV or XLSX file with one row a service, or an Open Referral UK JSON export"
        ),
        error_messages={"required": _("Choose a file to upload")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("The file must be a CSV, XLSX or JSON file"))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 10 MB"))
        return upload
