"""The Jinja2 environment for every page: GOV.UK Frontend macros, url(), static(), can()."""

from typing import Any

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import (
    ChainableUndefined,
    ChoiceLoader,
    Environment,
    PackageLoader,
    PrefixLoader,
    select_autoescape,
)

from collegium import access
from collegium.audit.verbs import shown as audit_verb
from collegium.navigation import acting_as, navigation_for
from collegium.notifications.selectors import unread_count


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    options["loader"] = ChoiceLoader(
        [
            options["loader"],
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    options["undefined"] = ChainableUndefined
    # Pages are escaped; plain-text emails (.txt) are not, or "O'Brien" would read "O&#39;Brien".
    options["autoescape"] = select_autoescape(disabled_extensions=("txt",), default=True)
    options.setdefault("extensions", []).append("jinja2.ext.do")
    env = Environment(**options)
    env.globals.update(
        url=url,
        static=static,
        can=access.can,
        navigation_for=navigation_for,
        acting_as=acting_as,
        unread_notifications=unread_count,
        get_messages=get_messages,
    )
    env.filters["date_uk"] = lambda d: f"{d:%-d %B %Y}" if d else ""
    env.filters["audit_verb"] = audit_verb
    env.filters["or_dash"] = lambda v: "–" if v is None or v == "" else v
    return env
