from django import forms
from django.utils.translation import gettext_lazy as _

from childrights.core.forms import GovukForm

MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024


class DatasetUploadForm(GovukForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example, School census 2026"),
        error_messages={"required": _("Enter a name for the data")},
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV or Parquet file with one row for each child. Optional columns: weight, "
            "household_id, area, age, sex, and any others you want to group by."
        ),
        error_messages={
            "required": _("Choose a CSV or Parquet file"),
            "empty": _("The file is empty"),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.parquet"}),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".parquet")):
            raise forms.ValidationError(_("The file must be a CSV or Parquet file"))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 2 GB"))
        return upload
