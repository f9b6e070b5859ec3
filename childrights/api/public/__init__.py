"""The public API (``/api/v1/``), its reference page and the open data downloads."""
