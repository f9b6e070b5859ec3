"""The faces of the faces rating scale, drawn as inline SVG.

A face is stored with its answer as an emoji, but emoji fonts are missing on many older devices
and show there as empty boxes. The page draws each face itself instead: the same five faces on
every device, in the text colour, beside the words that say what each means.
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString

# The mouth of each face, as a path across a 40 by 40 face: from a deep frown to a wide smile.
MOUTHS = {
    "😞": "M12 29 Q20 21 28 29",
    "🙁": "M13 28 Q20 24 27 28",
    "😐": "M13 26 L27 26",
    "🙂": "M13 24 Q20 29 27 24",
    "😀": "M11 23 Q20 33 29 23 Z",
}


def face_svg(face: str) -> SafeString | str:
    """The face drawn for an emoji of the scale; "" for anything else. Decorative: the words
    beside it say what it means."""
    mouth = MOUTHS.get(face)
    if mouth is None:
        return ""
    filled = "currentColor" if mouth.endswith("Z") else "none"
    return format_html(
        '<svg class="app-face" width="40" height="40" viewBox="0 0 40 40" aria-hidden="true" '
        'focusable="false"><circle cx="20" cy="20" r="18" fill="none" stroke="currentColor" '
        'stroke-width="2.5"/><circle cx="14" cy="16" r="2.5" fill="currentColor"/>'
        '<circle cx="26" cy="16" r="2.5" fill="currentColor"/><path d="{}" fill="{}" '
        'stroke="currentColor" stroke-width="2.5" stroke-linecap="round"/></svg>',
        mouth,
        filled,
    )
