"""The corporate parenting board's report: its figures (``figures``), the reports kept and asked
for (``records``); the background build is ``parenting.tasks``."""
