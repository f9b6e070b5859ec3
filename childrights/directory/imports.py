"""Getting a directory in from a file: a table of services (CSV or XLSX, one row a service), or an
Open Referral UK JSON export from another directory (a council moving to ours).

Every record is checked, and either all are added or none: the whole import is one transaction,
and any problem anywhere refuses it, listing every problem by line (tables) or by item and field
(JSON) so the file can be put right in one go. Services go in through ``services.service_create``
and ``services.organisation_create``, unpublished, so each keeps its first version and audit event
and the team checks them before children see them. A file is read within ``core.uploads``'
limits; importing the same services twice is refused, not doubled.
"""

from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.core.uploads import UploadRefused, table_rows
from childrights.councils.models import Council
from childrights.directory.import_drafts import (
    MAX_COLUMNS,
    MAX_RECORDS,
    Draft,
    ImportRefused,
    Place,
)
from childrights.directory.models import (
    Contact,
    Location,
    Need,
    OpeningTime,
    Organisation,
    Service,
    ServiceAtLocation,
)
from childrights.directory.oruk_import import oruk_drafts
from childrights.directory.services import organisation_create, service_create
from childrights.framework.models import Article

# The table's columns: its header, the service field it fills (None: read separately), whether it
# is required, and what to put in it (shown on the import page and the template's second row).
Column = tuple[str, str | None, bool, Any]
COLUMNS: list[Column] = [
    ("name", "name_en", True, gettext_lazy("The service’s name, in English")),
    ("name_cy", "name_cy", False, gettext_lazy("Its name in Welsh")),
    ("description", "description_en", True, gettext_lazy("What it is, in plain English")),
    ("description_cy", "description_cy", False, gettext_lazy("What it is, in Welsh")),
    (
        "organisation",
        None,
        True,
        gettext_lazy("Who runs it; one not yet in your directory is added"),
    ),
    ("who_for", "who_for_en", False, gettext_lazy("Who it is for, in English")),
    ("who_for_cy", "who_for_cy", False, gettext_lazy("Who it is for, in Welsh")),
    ("youngest_age", "minimum_age", False, gettext_lazy("A whole number, such as 11")),
    ("oldest_age", "maximum_age", False, gettext_lazy("A whole number up to 25")),
    ("free", "is_free", False, gettext_lazy("yes or no (empty means yes)")),
    ("cost", "cost_en", False, gettext_lazy("What it costs, in English")),
    ("cost_cy", "cost_cy", False, gettext_lazy("What it costs, in Welsh")),
    (
        "referral_needed",
        "referral_needed",
        False,
        gettext_lazy("yes if someone must refer you, or no (empty means no)"),
    ),
    ("welsh_spoken", "welsh_spoken", False, gettext_lazy("yes or no (empty means no)")),
    ("website", "url", False, gettext_lazy("An address starting https://")),
    ("email", "email", False, gettext_lazy("An email address")),
    ("phone", "phone", False, gettext_lazy("A phone number")),
    ("needs", None, False, gettext_lazy("Needs’ codes, separated by ;")),
    ("articles", None, False, gettext_lazy("UNCRC article numbers, separated by ;")),
    ("town", None, False, gettext_lazy("The town or area it is in")),
    ("address", None, False, gettext_lazy("Its street address")),
    ("postcode", None, False, gettext_lazy("Its postcode")),
]
COLUMN_NAMES = [column[0] for column in COLUMNS]
REQUIRED_COLUMNS = [column[0] for column in COLUMNS if column[2]]
TEXT_TO_FIELD = {column[0]: column[1] for column in COLUMNS if column[1]}
TABLE_FIELD_NAMES = {
    **{service_field: text for text, service_field in TEXT_TO_FIELD.items()},
    "organisation": "organisation",
    "needs": "needs",
    "name": "address",
}
YES = {"yes", "y", "true", "1", "ie"}
NO = {"no", "n", "false", "0", "na", "nage"}


@dataclass
class ImportResult:
    services: list[Service] = field(default_factory=list)
    organisations_added: int = 0
    # Taxonomy terms of the other directory that are not needs of ours, left off the services.
    terms_left_out: set[str] = field(default_factory=set)


def import_file(*, actor: Actor, council: Council, file: IO[bytes], name: str) -> ImportResult:
    """Add every service in the file, unpublished, or none (ImportRefused lists why). A file
    ending .json is read as an Open Referral UK export; any other as a table."""
    if name.lower().endswith(".json"):
        drafts, left_out = oruk_drafts(council, file)
        kind = "Open Referral UK"
    else:
        drafts, left_out = _table_drafts(council, file, name), set()
        kind = "table"
    result = _store(actor=actor, council=council, drafts=drafts)
    result.terms_left_out = left_out
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        council=council,
        detail={
            "import": f"directory services ({kind})",
            "file": name[:200],
            "services": len(result.services),
            "organisations": result.organisations_added,
        },
    )
    return result


# --- reading a table ---------------------------------------------------------------------------


def template_rows() -> list[list[str]]:
    """The table's header, then one example row, for the template people fill in."""
    example = {
        "name": "Youth club",
        "description": "Games, music and someone to talk to, every Tuesday evening.",
        "organisation": "Aberfield Youth Trust",
        "who_for": "Anyone aged 11 to 18",
        "youngest_age": "11",
        "oldest_age": "18",
        "free": "yes",
        "referral_needed": "no",
        "welsh_spoken": "no",
        "needs": "things-to-do",
        "articles": "15; 31",
        "town": "Aberfield",
        "address": "1 High Street",
        "postcode": "AB1 2CD",
    }
    return [COLUMN_NAMES, [example.get(name, "") for name in COLUMN_NAMES]]


def _header_name(text: str) -> str:
    return "_".join(text.strip().lower().replace("-", " ").split())


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", ";").split(";") if part.strip()]


def _known_needs(council: Council) -> dict[str, Need]:
    needs = Need.objects.filter(Q(council__isnull=True) | Q(council=council))
    return {need.code: need for need in needs}


def _known_articles() -> dict[int, Article]:
    return {article.number: article for article in Article.objects.all()}


def _table_drafts(council: Council, file: IO[bytes], name: str) -> list[Draft]:
    try:
        rows = [
            (line, cells)
            for line, cells in table_rows(
                file, name, max_rows=MAX_RECORDS + 1, max_columns=MAX_COLUMNS
            )
            if any(cells)
        ]
    except UploadRefused as refused:
        raise ImportRefused([str(refused)]) from refused
    if not rows:
        raise ImportRefused([_("The file is empty: it needs a header and one row a service.")])
    header_line, header = rows[0]
    columns = [_header_name(cell) for cell in header]
    problems = []
    unknown = [column for column in columns if column and column not in COLUMN_NAMES]
    if unknown:
        problems.append(
            _("Line %(line)s: these columns are not ones the import knows: %(columns)s.")
            % {"line": header_line, "columns": ", ".join(unknown)}
        )
    doubled = sorted({column for column in columns if column and columns.count(column) > 1})
    if doubled:
        problems.append(
            _("Line %(line)s: these columns are there twice: %(columns)s.")
            % {"line": header_line, "columns": ", ".join(doubled)}
        )
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        problems.append(
            _("Line %(line)s: the columns must include %(columns)s (missing %(missing)s).")
            % {
                "line": header_line,
                "columns": ", ".join(REQUIRED_COLUMNS),
                "missing": ", ".join(missing),
            }
        )
    if problems:
        raise ImportRefused(problems)
    if len(rows) == 1:
        raise ImportRefused([_("The file has a header but no services.")])
    needs, articles = _known_needs(council), _known_articles()
    position = {column: index for index, column in enumerate(columns) if column}
    return [_table_draft(line, cells, position, needs, articles) for line, cells in rows[1:]]


def _table_draft(
    line: int,
    cells: list[str],
    position: dict[str, int],
    needs: dict[str, Need],
    articles: dict[int, Article],
) -> Draft:
    def said(column: str, text: str) -> str:
        return _("Line %(line)s, %(column)s: %(problem)s") % {
            "line": line,
            "column": column,
            "problem": text,
        }

    def cell(column: str) -> str:
        index = position.get(column)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    draft = Draft(said=said, names=TABLE_FIELD_NAMES)
    for column, service_field in TEXT_TO_FIELD.items():
        text = cell(column)
        if service_field in ("minimum_age", "maximum_age"):
            draft.values[service_field] = _whole_number(draft, column, text)
        elif service_field in ("is_free", "referral_needed", "welsh_spoken"):
            draft.values[service_field] = _yes_or_no(draft, column, text, default=column == "free")
        else:
            draft.values[service_field] = text
    if draft.values["cost_en"] and not cell("free"):
        draft.values["is_free"] = False
    draft.organisation = {"name": cell("organisation")}
    if not cell("organisation"):
        draft.problem("organisation", _("say which organisation runs the service."))
    for code in _split(cell("needs")):
        if code in needs:
            draft.needs.append(needs[code])
        else:
            draft.problem(
                "needs",
                _("there is no need with the code “%(code)s” (the codes are on the import page).")
                % {"code": code},
            )
    for number in _split(cell("articles")):
        article = articles.get(int(number)) if number.isdigit() else None
        if article is None:
            draft.problem(
                "articles",
                _("“%(number)s” is not an article of the UNCRC (1 to 54).") % {"number": number},
            )
        else:
            draft.articles.append(article)
    town, address, postcode = cell("town"), cell("address"), cell("postcode")
    if (address or postcode) and not town:
        draft.problem("town", _("give the town or area as well as the address."))
    elif town:
        draft.places.append(
            Place(name=address or town, town=town, address=address, postcode=postcode)
        )
    return draft


def _whole_number(draft: Draft, name: str, text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        draft.problem(name, _("must be a whole number, such as 11."))
        return None
    return int(text)


def _yes_or_no(draft: Draft, name: str, text: str, *, default: bool) -> bool:
    if not text:
        return default
    if text.lower() in YES:
        return True
    if text.lower() not in NO:
        draft.problem(name, _("must be yes or no."))
    return False


# --- writing -----------------------------------------------------------------------------------


def _said_for(error: ValidationError, draft: Draft) -> list[str]:
    if not hasattr(error, "error_dict"):
        return [draft.said("", message) for message in error.messages]
    return [
        draft.said(draft.names.get(name, name), message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]


@transaction.atomic
def _store(*, actor: Actor, council: Council, drafts: list[Draft]) -> ImportResult:
    """Write every draft; any problem in any of them refuses them all (the transaction is rolled
    back by the exception)."""
    result = ImportResult()
    errors: list[str] = []
    organisations = {
        organisation.name.lower(): organisation
        for organisation in Organisation.objects.filter(council=council)
    }
    existing = set(
        Service.objects.filter(council=council).values_list("name_en", "organisation__name")
    )
    taken = {(name.lower(), organisation.lower()) for name, organisation in existing}
    in_file: set[tuple[str, str]] = set()
    for draft in drafts:
        errors.extend(draft.problems)
        if draft.problems:
            continue
        key = (draft.values["name_en"].lower(), draft.organisation["name"].lower())
        named = {"name": draft.values["name_en"], "organisation": draft.organisation["name"]}
        if key in taken or key in in_file:
            problem = (
                _("your directory already has “%(name)s” run by “%(organisation)s”.")
                if key in taken
                else _("“%(name)s” run by “%(organisation)s” is in the file more than once.")
            )
            errors.append(draft.said(draft.names["name_en"], problem % named))
            continue
        in_file.add(key)
        try:
            organisation = organisations.get(key[1])
            if organisation is None:
                organisation = organisation_create(
                    actor=actor, council=council, **draft.organisation
                )
                organisations[key[1]] = organisation
                result.organisations_added += 1
            service = service_create(
                actor=actor,
                council=council,
                values={**draft.values, "organisation": organisation},
                needs=draft.needs,
                articles=draft.articles,
            )
            _store_parts(council, service, draft)
        except ValidationError as error:
            errors.extend(_said_for(error, draft))
            continue
        result.services.append(service)
    if errors:
        raise ImportRefused(errors)
    return result


def _store_parts(council: Council, service: Service, draft: Draft) -> None:
    """The service's places, opening times and contacts; a place already in the council's
    directory (the same name, address, town and postcode) is shared, not added again."""
    with transaction.atomic():
        for place in draft.places:
            location = Location.objects.filter(
                council=council,
                name=place.name,
                address=place.address,
                town=place.town,
                postcode=place.postcode,
            ).first()
            if location is None:
                location = Location(council=council, **vars(place))
                location.full_clean(exclude=["council"])
                location.save()
            ServiceAtLocation.objects.get_or_create(service=service, location=location)
        for day, opens, closes in draft.times:
            OpeningTime.objects.get_or_create(
                service=service, day=day, opens_at=opens, closes_at=closes
            )
        for values in draft.contacts:
            contact = Contact(service=service, **values)
            try:
                contact.full_clean(exclude=["service"])
            except ValidationError as error:
                raise ValidationError(
                    {f"contacts.{name}": messages for name, messages in error.message_dict.items()}
                ) from error
            contact.save()
