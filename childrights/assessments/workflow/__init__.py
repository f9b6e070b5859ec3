"""The life of an impact assessment: submission, sign-off, publication, amendment, review.

States move draft -> awaiting sign-off -> signed off -> published -> in review -> closed. A
version can be submitted only when its answers are complete and every negative impact has a
mitigation (``answers.sign_off_problems``). Sign-off is by an accountable officer of the council
(a member whose role grants ``sign_off``) who did not write the assessment, did not make the
version and changed none of its answers. From sign-off the version never changes: an amendment
is a new version with a reason, and earlier versions stay readable. The published version stays
public until a newer one is published.

Every service here locks the assessment, checks its state again, records a ``Transition`` and
writes to the audit log. Refusals raise ``Refused`` with the problems to show.

The area is split by what each module holds: ``rules`` (the states, the refusals and what each
step needs, which pages show before they are taken), ``writes`` (the audited services that take
each step) and ``history`` (the versions and what happened to the assessment, for its pages).
"""
