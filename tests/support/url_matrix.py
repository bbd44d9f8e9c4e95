"""Every URL pattern of the site, made into a URL one can GET (tests/functional/test_role_matrix.py).

Patterns come from the URL resolver, so a page added anywhere shows up here by itself. Each is
keyed by its route (the pattern strings joined, e.g. "dashboard/makers/<int:pk>/identity/"),
which is unique where names are not.
"""

import re

from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

# A value for a captured name, where the name alone says enough.
GENERIC = {
    "int": "1", "str": "x", "slug": "x", "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def _join(prefix: str, route: str) -> str:
    # As Django joins them into ResolverMatch.route: a regex's leading ^ is dropped.
    return prefix + (route[1:] if route.startswith("^") else route)


def routes():
    """[(route, name)] for every URL pattern, in resolver order."""
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, _join(prefix, str(pattern.pattern)), ns)
            else:
                name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
                found.append((_join(prefix, str(pattern.pattern)), name))

    walk(get_resolver().url_patterns, "", None)
    return found


def _groups(text: str):
    """(start, end) of each top-level parenthesised group."""
    depth, start = 0, None
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                yield start, i + 1
        i += 1


def _example(body: str) -> str:
    first = body.split("|")[0]
    if "\\d" in first:
        return "1"
    if any(token in first for token in ("[", "\\w", ".")):
        return "x"
    return first


def _fill_regex(text: str, values: dict) -> str:
    out, last = [], 0
    for start, end in list(_groups(text)):
        out.append(text[last:start])
        group, quantifier = text[start:end], text[end:end + 1]
        named = re.match(r"\(\?P<(\w+)>(.*)\)$", group, re.S)
        if named:
            out.append(str(values.get(named.group(1), _example(named.group(2)))))
        elif quantifier in ("*", "?"):
            pass  # optional: leave it out
        else:
            out.append(_example(group[1:-1].removeprefix("?:")))
        last = end + (1 if quantifier in ("*", "?", "+") else 0)
    out.append(text[last:])
    return "".join(out).replace("^", "").replace("$", "").replace("\\", "")


def build(route: str, values: dict) -> str:
    """The route with `values` (else generic samples) put in."""
    def converter(match):
        conv, name = match.group(1) or "str", match.group(2)
        return str(values.get(name, GENERIC.get(conv, "x")))

    path = re.sub(r"(?<!\?P)<(?:(\w+):)?(\w+)>", converter, route)
    if any(ch in path for ch in "^$(\\"):
        path = _fill_regex(path, values)
    return "/" + path


def resolves_to(path: str, route: str) -> bool:
    try:
        match = resolve(path.split("?")[0])
    except Resolver404:
        return False
    return match.route == route
