"""Themes in what children wrote: a consultation's written answers grouped on this server by a
model shipped inside a package (``embedding``, ``engine``), in the background (``runs``), then
renamed, merged, split, moved and reviewed by staff (``edits``), and read by the results page,
"you said, we did" and exports (``reads``). Answers held for the safeguarding lead or withdrawn
never enter a run, and are left out of every read should that happen after it.
"""
