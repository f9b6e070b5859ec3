"""Progress reports: ``figures`` works out a partner council's figures for a period and the
programme's partners side by side; ``records`` holds the reports that keep them, with their
requests, reads and publication. The background build is in ``childrights.outcomes.tasks``.
"""
