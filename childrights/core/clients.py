import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from, trusting only as many proxies as configured."""
    proxies: int = settings.TRUSTED_PROXY_COUNT
    candidate = request.META.get("REMOTE_ADDR", "")
    if proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def client_key(request: HttpRequest) -> str:
    """Who a per-client limit counts: the client's IPv4 address, or its IPv6 /64 (one household
    or office is usually given a whole /64, and could otherwise take a new address for each
    request); "unknown" when there is no address to go by."""
    address = client_ip(request)
    if address is None:
        return "unknown"
    if ipaddress.ip_address(address).version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return address
