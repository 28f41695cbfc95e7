"""Reading rendered pages in tests: parsed HTML, not substrings, so that a
test checks which element carries which attribute."""

import lxml.html
from django.utils import translation


def parse(response):
    assert response.status_code == 200, response.status_code
    return lxml.html.fromstring(response.content.decode())


def one(doc, xpath):
    found = doc.xpath(xpath)
    assert len(found) == 1, f"{xpath}: {len(found)} matches"
    return found[0]


def text(element):
    return " ".join(element.text_content().split())


def admin_form_data(doc):
    """Every field of the admin change form as the browser would send it."""
    form = one(doc, "//form[@id and contains(@id, '_form')]")
    data = {}
    for field in form.xpath(".//input[@name] | .//textarea[@name] | .//select[@name]"):
        name = field.get("name")
        if field.tag == "input" and field.get("type") in ("checkbox", "radio"):
            if field.get("checked") is not None:
                data[name] = field.get("value", "on")
        elif field.tag == "input" and field.get("type") in ("submit", "file"):
            continue
        elif field.tag == "select":
            chosen = field.xpath(".//option[@selected]/@value")
            if field.get("multiple") is not None:
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
        elif field.tag == "textarea":
            data[name] = field.text or ""
        else:
            data[name] = field.get("value", "")
    return data


def url_in(language, obj):
    """The address of `obj`'s page in `language`."""
    with translation.override(language):
        return obj.get_absolute_url()
