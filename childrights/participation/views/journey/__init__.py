"""The child's journey: find a consultation, answer one question per page, send, keep a receipt,
and come back with it. Staff preview the same pages, and nothing they answer is stored.

Every page of one consultation lives at one address; ``?step=`` says which page
(``age``, ``privacy``, ``q-<id>``, ``about-<key>``, ``name``, ``check``) and ``&change=1`` that the
child came from the check page and goes back there.

The pages are split by what each module holds: ``finding`` (the list of open consultations and
entering a group's code), ``answering`` (the pages of one consultation, and a staff preview of
them), ``sending`` (sending, the receipt page and the privacy notice), ``leaving`` (leaving and
the quick exit) and ``receipts`` (coming back with a receipt); ``shell`` holds what they share.
"""
