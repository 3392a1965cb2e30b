"""Full addresses of pages, for links in emails (a page's path alone cannot be followed)."""

from typing import Any

from django.conf import settings
from django.urls import reverse


def site_link(view_name: str, *args: Any) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{reverse(view_name, args=args)}"
