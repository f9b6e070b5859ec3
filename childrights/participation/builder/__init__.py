"""Building a consultation: its details, questions, wording, opening, closing and access codes.
Every write is audited.

Questions, their answers and their wording change only while the consultation is a draft: once
children have been asked, everyone must have been asked the same thing, or the answers could not
be compared. For the same reason the age bands, languages, "about you" questions and whether
children give their name freeze at opening; the title, purpose, dates, safeguarding leads and
limits can still change.

Each write locks the consultation's row first, so a question cannot be added while someone else
opens the consultation.

The area is split by what each module holds: ``rules`` (the limits, refusals and inputs of the
writes, and the locks they start with), ``reads`` (what the builder's pages share, and what still
stops a consultation from opening), ``consultations`` (a consultation's details, opening and
closing), ``questions`` (questions, their answers and their wording) and ``codes`` (access codes).
"""
