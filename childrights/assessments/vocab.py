"""The fixed vocabularies of an assessment: impacts, groups of children, wellbeing sets."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

IMPACTS: dict[str, Promise] = {
    "positive": _("Positive"),
    "negative": _("Negative"),
    "neutral": _("Neutral"),
    "none": _("No impact"),
    "unknown": _("Unknown"),
}
DIRECTNESS: dict[str, Promise] = {"direct": _("Direct"), "indirect": _("Indirect")}
TERMS: dict[str, Promise] = {
    "short": _("Short term"),
    "medium": _("Medium term"),
    "long": _("Long term"),
}
EVIDENCE_KINDS: dict[str, Promise] = {
    "quantitative": _("Quantitative"),
    "qualitative": _("Qualitative"),
}

# Groups of children every template offers; councils add their own (CouncilSettings).
GROUPS: dict[str, Promise] = {
    "care-experienced": _("Care-experienced children and young people"),
    "disabled": _("Disabled children"),
    "young-carers": _("Young carers"),
    "minority-ethnic": _("Children from minority ethnic groups"),
    "refugee-asylum": _("Refugee and asylum-seeking children"),
    "poverty": _("Children living in poverty"),
    "lgbt": _("LGBT+ children and young people"),
    "justice": _("Children in contact with the justice system"),
}

# Rows of an "impacts" question besides the UNCRC articles and the seven principles.
ROW_SETS: dict[str, dict[str, Promise]] = {
    "shanarri": {
        "safe": _("Safe"),
        "healthy": _("Healthy"),
        "achieving": _("Achieving"),
        "nurtured": _("Nurtured"),
        "active": _("Active"),
        "respected": _("Respected"),
        "responsible": _("Responsible"),
        "included": _("Included"),
    },
    "ni_wellbeing": {
        "health": _("Physical and mental health"),
        "play": _("Enjoyment of play and leisure"),
        "learning": _("Learning and achievement"),
        "safety": _("Living in safety and with stability"),
        "economic": _("Economic and environmental well-being"),
        "contribution": _("Making a positive contribution to society"),
        "rights": _("Living in a society which respects their rights"),
        "equality": _(
            "Living in a society in which equality of opportunity and good relations are promoted"
        ),
    },
}
QUESTION_KINDS = {"text", "choice", "yes_no", "date", "evidence", "groups", "impacts"}
ROW_KINDS = {"uncrc", "principles", *ROW_SETS}
STAGES = ("screening", "full", "review")
# Questions the workflow reads, by stage: every template must have them.
REQUIRED_KEYS = {
    "screening": {"full_needed"},
    "full": {"articles", "principles", "review_date"},
    "review": set(),
}
