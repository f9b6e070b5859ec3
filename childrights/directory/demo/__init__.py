"""The demonstration council's directory: its services (services.py) and its local offer for care
leavers (local_offer.py)."""
