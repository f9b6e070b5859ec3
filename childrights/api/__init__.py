"""The programme's APIs: the public, read-only API of what is published, and the council API."""
