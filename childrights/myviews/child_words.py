"""Words for the child about the people who work with them: "your social worker", said in the
child's language (in Welsh with the mutation "dy" asks for, which a role's stored name cannot
give)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from childrights.accounts.models import Role

YOUR_ROLE: dict[str, Promise] = {
    "social-worker": _("your social worker"),
    "independent-reviewing-officer": _("your independent reviewing officer"),
    "personal-adviser": _("your personal adviser"),
    "advocate": _("your advocate"),
    "team-manager": _("your social worker's manager"),
}


def your_role(role: Role | None) -> str:
    """ "your social worker"; "one of your workers" for a role without words of its own."""
    if role is not None and role.slug in YOUR_ROLE:
        return str(YOUR_ROLE[role.slug])
    return str(_("one of your workers"))


def your_role_named(role_name_en: str) -> str:
    """The same words for a role known by its English name (a reading keeps the role's name as
    it was when the worker read)."""
    return your_role(Role.objects.filter(name_en=role_name_en).first())
