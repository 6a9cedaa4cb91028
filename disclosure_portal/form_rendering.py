"""The form renderer: Django's commonest widget templates, written in Python.

Django renders every widget through templates, and a ``<select>`` through one
template per option and another for each option's attributes: the facet forms
of the catalogue (about 130 options) and the application form spent more time
in those includes than in everything else on their pages. ``FastRenderer``
writes the markup of Django's own ``input``, ``select``, ``textarea`` and
radio/checkbox-list templates in Python, character for character (the tests
compare both), and leaves every other template, the admin's among them, to
the template engine.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape

WIDGETS = "django/forms/widgets/"
INPUT_TEMPLATES = {
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "search",
        "email",
        "number",
        "tel",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "checkbox",
        "file",
        "color",
    )
}
OPTION_TEMPLATES = {f"{WIDGETS}radio_option.html", f"{WIDGETS}checkbox_option.html"}


def _attrs(attrs) -> str:
    """``attrs.html``: False leaves an attribute out, True writes its bare name."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(value)}"')
    return "".join(parts)


def _input(widget) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def _input_option(option) -> str:
    # An included template ends with the newline at the end of its file.
    if not option["wrap_label"]:
        return f"{_input(option)}\n"
    target = option["attrs"].get("id")
    label_for = f' for="{conditional_escape(target)}"' if target else ""
    return f"<label{label_for}>{_input(option)}\n {conditional_escape(option['label'])}</label>"


def _select(widget) -> str | None:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != f"{WIDGETS}select_option.html":
                return None
            parts.append(
                f'\n  <option value="{conditional_escape(option["value"])}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget) -> str:
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{value}</textarea>"
    )


def _multiple_input(widget) -> str | None:
    attrs = widget["attrs"]
    opening = "<div"
    if attrs.get("id"):
        opening += f' id="{conditional_escape(attrs["id"])}"'
    if attrs.get("class"):
        opening += f' class="{conditional_escape(attrs["class"])}"'
    parts = [opening, ">"]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{conditional_escape(group)}</label>")
        for option in options:
            if option["template_name"] not in OPTION_TEMPLATES:
                return None
            parts.append(f"<div>\n    {_input_option(option)}\n\n</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


def _python_markup(template_name, widget) -> str | None:
    """The markup of ``template_name`` for ``widget``, or None to use the template."""
    if template_name in INPUT_TEMPLATES:
        return _input(widget)
    if template_name == f"{WIDGETS}select.html":
        return _select(widget)
    if template_name == f"{WIDGETS}textarea.html":
        return _textarea(widget)
    if template_name in (f"{WIDGETS}radio.html", f"{WIDGETS}checkbox_select.html"):
        return _multiple_input(widget)
    return None


class FastRenderer(DjangoTemplates):
    """Django's template renderer, with the common widget templates done in Python."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            markup = _python_markup(template_name, widget)
            if markup is not None:
                return markup
        return super().render(template_name, context, request=request)
