"""Training in children's rights: courses, sessions, who attended and completed them, how many
people hold each role, and the coverage computed from those records (never typed in). The
modules: ``courses`` (courses, sessions and attendance), ``trainees`` (people and who needs
refreshing), ``role_counts`` (how many hold each role), ``coverage`` (coverage and its computed
indicators), ``dates`` (months and quarter ends) and ``refusals`` (why a write refuses input).
"""
