"""A child's way through a consultation: the draft kept between pages, the steps in order, the
words each child is asked in, and sending the answers once.

The draft lives in the session under ``participation:<consultation id>`` (a staff preview under
``participation:preview:<consultation id>``, so a preview never touches a child's answers). It is
made, with a new submission id, when the child presses Start. The last page carries the whole
draft, signed, in the form that sends it: sending needs nothing from the session, so a retry
after a dropped connection (or a database that was briefly down) sends exactly the same answers.

Limits are per public link or per group code, never per network address: a whole class shares
one address.

The area is split by what each module holds: ``drafts`` (the draft in the session), ``words``
(the language a child answers in and the words each child is asked in), ``steps`` (the pages in
order), ``finding`` (consultations, group codes and receipts a child names, and the count of
wrong guesses), ``sending`` (sending the answers once, within the link's or code's limits) and
``receipts`` (the receipt after sending, and coming back with it to see or take back the
answers).
"""
