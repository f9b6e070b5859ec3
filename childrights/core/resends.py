"""A form sent again: the same form with the same words is kept once, however often it comes."""

import uuid


def sent_key(form_id: uuid.UUID, *sent: object) -> uuid.UUID:
    """The key a sent form is kept under: the form's own id (a hidden field made when its page
    was shown) with what was sent. The same form sent twice with the same words (a second
    press, a resend after a lost answer) gives the same key, and is kept once; sent again with
    other words (Back, changed, sent) it gives another, so those words are kept too."""
    return uuid.uuid5(form_id, "\x1f".join(str(each) for each in sent))
