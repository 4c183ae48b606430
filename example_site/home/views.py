"""The stand-in host product: "Acme Analytics", a SaaS dashboard.

In real life this page lives in the company's own product, which knows who is
signed in and signs a short-lived token for them. Here a select chooses which
demo visitor "is signed in"; the page then renders that visitor's signed
"Suggest a feature" link, built exactly as a host product builds it.
"""

import json
from datetime import UTC, datetime, timedelta

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from demo import links
from wagtail_feedback.models import Visitor

#: Heights (percent) of the mock "Sessions by day" chart.
SESSION_BARS = [46, 52, 58, 70, 63, 71, 66, 78, 80, 85, 74, 88, 91, 96]


def _chosen_visitor(request, choices):
    host_id = request.GET.get("visitor", "").strip()
    if host_id:
        for visitor in choices:
            if visitor.host_id == host_id:
                return visitor
        visitor = Visitor.objects.select_related("account").filter(host_id=host_id).first()
        if visitor is not None:
            return visitor
    return choices[0] if choices else None


@never_cache
def product(request):
    choices = links.demo_visitors()
    visitor = _chosen_visitor(request, choices)
    if visitor is not None and visitor not in choices:
        choices = [visitor, *choices]
    context = {"choices": choices, "visitor": visitor, "link": None, "problem": None, "bars": SESSION_BARS}
    if visitor is not None:
        try:
            context["link"] = links.entry_path(visitor)
            # The widget opens the portal with a token of its own (each token is single use).
            context["widget_token"] = links.sign_entry_token(visitor)
            context["portal_url"] = request.build_absolute_uri(reverse("wagtail_feedback:home"))
        except links.DemoKeyMissing as error:
            context["problem"] = str(error)
        else:
            claims = links.host_claims(visitor)
            if claims.get("account", {}).get("monthly_value") is not None:
                claims["account"]["monthly_value"] = str(claims["account"]["monthly_value"])
            context["claims_json"] = json.dumps(claims, ensure_ascii=False, indent=2)
            context["expires_at"] = datetime.now(UTC) + timedelta(seconds=links.LINK_LIFETIME)
            context["kid"] = links.demo_kid()
    return render(request, "home/product.html", context)
