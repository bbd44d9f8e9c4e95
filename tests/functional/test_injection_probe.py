"""SQL injection, XSS and bad-input fuzzing over the public pages (issue 11).

Every query parameter and form field found on the public pages (links and <form>s of the home
page, catalogue, search, a product, a maker, the basket, sign-in and password reset) is sent
each payload of tests/data/attack_payloads.txt, and then hypothesis' worst strings (huge,
control characters, right-to-left marks, lone surrogates' neighbours, wrong types): no request
ends in a 500, no response carries a payload's script unescaped, and a refused form changes no
order, stock, ledger or user row.
"""

import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oscar.core.loading import get_model

from artisans.models import Artisan

pytestmark = pytest.mark.django_db

PAYLOADS = [line.split("\t", 1) for line in
            (Path(__file__).parents[1] / "data" / "attack_payloads.txt").read_text().splitlines()
            if line and not line.startswith("#")]
# What a payload looks like when a page runs it: the raw tag or handler, not its escaped text.
RAN = re.compile(r"<script>haatxss|<img src=x onerror=haatxss|<svg/onload=haatxss|"
                 r"\"onmouseover=\"haatxss|<iframe src=\"javascript:haatxss|<body onload=haatxss|"
                 r"(?:href|src|action)=\"javascript:haatxss|href=\"data:text/html", re.I)
SKIP_FIELDS = {"csrfmiddlewaretoken"}
Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


class Forms(HTMLParser):
    """The <form>s of a page: method, action and each field's name and first value."""

    def __init__(self):
        super().__init__()
        self.forms, self.links = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (a.get("method") or "get").lower(),
                               "action": a.get("action") or "", "fields": {}})
        elif tag in ("input", "select", "textarea", "button") and self.forms and a.get("name"):
            self._select = a["name"] if tag == "select" else None
            if a.get("type") in ("checkbox", "radio"):
                value = (a.get("value") or "on") if "checked" in a else ""
                if value or a["name"] not in self.forms[-1]["fields"]:
                    self.forms[-1]["fields"][a["name"]] = value
            else:
                self.forms[-1]["fields"].setdefault(a["name"], a.get("value") or "")
        elif tag == "option" and self.forms and getattr(self, "_select", None) and "selected" in a:
            self.forms[-1]["fields"][self._select] = a.get("value") or ""
        elif tag == "a" and a.get("href", "").startswith(("/", "?")) and "?" in a["href"]:
            self.links.append(a["href"])


def public_pages():
    product = Product.objects.browsable().first()
    maker = Artisan.objects.first()
    return ["/", "/shop/catalogue/", "/shop/search/?q=tote&sort_by=relevancy&page=1",
            "/makers/", product.get_absolute_url(), maker.get_absolute_url(), "/shop/basket/",
            "/shop/accounts/login/", "/shop/password-reset/"]


def targets(client):
    """(method, path, fields) for every form and every link with a query string."""
    found, params = [], defaultdict(dict)
    for page in public_pages():
        response = client.get(page, follow=True)
        assert response.status_code == 200, page
        parser = Forms()
        parser.feed(response.content.decode())
        path = response.request["PATH_INFO"]
        for form in parser.forms:
            action = urlsplit(form["action"]).path or path
            if action.startswith("/i18n/"):
                continue
            found.append((form["method"], action, form["fields"]))
        for href in parser.links:
            parts = urlsplit(href)
            params[parts.path or path].update(parse_qsl(parts.query, keep_blank_values=True))
        params[path].update(parse_qsl(urlsplit(page).query))
    found += [("get", path, fields) for path, fields in params.items() if fields]
    # The same form on many pages (header search, add to basket on each card) is probed once.
    unique = {}
    for method, path, fields in found:
        shape = (method, re.sub(r"\d+", "N", path), tuple(sorted(fields)))
        unique.setdefault(shape, (method, path, fields))
    return list(unique.values())


def state():
    return (Order.objects.count(), get_user_model().objects.count(),
            list(StockRecord.objects.order_by("pk").values_list("num_in_stock", "num_allocated")),
            get_model("payouts", "Entry").objects.aggregate(s=Sum("amount", default=0))["s"],
            get_model("payouts", "Journal").objects.count())


def send(client, method, path, fields):
    response = getattr(client, method)(path, fields)
    body = response.content.decode("utf-8", "replace") if not response.streaming else ""
    return response, body


@pytest.fixture
def probe_client(client):
    client.raise_request_exception = False  # a 500 is a finding to report, not a crash
    return client


def test_sql_and_xss_payloads_in_every_parameter_and_field(probe_client):
    found = targets(probe_client)
    fields_probed = sum(len(f) for _m, _p, f in found)
    assert len(found) >= 8 and fields_probed >= 25, found  # the probe reaches the pages' inputs
    before = state()
    failures = []
    for method, path, fields in found:
        for name in fields:
            if name in SKIP_FIELDS:
                continue
            for kind, payload in PAYLOADS:
                response, body = send(probe_client, method, path, {**fields, name: payload})
                if response.status_code >= 500:
                    failures.append((method, path, name, payload, response.status_code))
                elif kind == "xss" and RAN.search(body):
                    failures.append((method, path, name, payload, "reflected unescaped"))
    print(f"injection probe: {len(found)} forms and query strings, {fields_probed} fields, "
          f"{len(PAYLOADS)} payloads each")
    assert failures == []
    # Registration and basket forms may accept a payload as plain text; nothing else moved.
    after = state()
    assert after[0] == before[0] and after[3:] == before[3:]


unicode_edges = st.sampled_from([
    "", " ", "\x00", "\u202e\u202d", "\ufeff", "𝕳𝖆𝖆𝖙", "ক্ষ্ম", "नमस्ते" * 50, "\u0301" * 40,
    "9" * 400, "-1", "1e309", "NaN", "0x1F", "[]", "{}", "null", "true", "x" * 20_000,
    "%00", "../../etc/passwd", "\r\nSet-Cookie: a=b",
])
bad_values = st.one_of(unicode_edges, st.text(max_size=300),
                       st.integers(min_value=-(10 ** 30), max_value=10 ** 30).map(str))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(data=st.data())
def test_fuzzed_public_forms_give_a_clear_answer_and_change_nothing_when_refused(probe_client, data):
    found = [t for t in targets_cache(probe_client) if t[0] == "post"] or pytest.fail("no forms")
    method, path, fields = data.draw(st.sampled_from(found))
    values = {name: (value if name in SKIP_FIELDS else data.draw(bad_values))
              for name, value in fields.items()}
    before = state()
    response, _body = send(probe_client, method, path, values)
    assert response.status_code < 500, (path, values)
    if response.status_code != 302:  # not accepted: nothing may have changed
        assert state() == before, (path, values)


_cache = {}


def targets_cache(client):
    if "t" not in _cache:
        _cache["t"] = targets(client)
    return _cache["t"]
