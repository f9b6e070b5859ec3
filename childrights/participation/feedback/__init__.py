"""You said, we did: the council's answer back to the children it asked. Staff write the themes
of what children said and what the council will do about each (commitments, with a status and
dated updates). Nothing is public until it is published; from then on it is shown on the
consultation's public page, and later updates to a published commitment show at once. The area
is split by what each module holds: ``dates`` (when an answer is due and which are overdue),
``rules`` (what forms and writes both check), ``writes`` (the audited services), ``reminders``
(telling leads about overdue answers), ``staff`` (reads for the editing pages) and ``public``
(what the public page shows).
"""
