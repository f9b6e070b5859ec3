"""The directory's values laid out for pages, one module per area."""
