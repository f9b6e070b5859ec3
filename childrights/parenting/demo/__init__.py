"""Demonstration data of corporate parenting for the made-up council: its well-being surveys
(``wellbeing``), its pledge (``pledge``) and a board report built from the rest of its
demonstration data (``report``)."""
