"""``FastRenderer`` writes exactly what Django's widget templates write."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from disclosure_portal.form_rendering import FastRenderer

CHOICES = [("", "---"), ("a", "甲 & <乙>"), ("b", 'say "b"'), (3, "three")]
GROUPED = [("Group <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")]


class Everything(forms.Form):
    text = forms.CharField(
        max_length=20, help_text="help", widget=forms.TextInput(attrs={"placeholder": "a<b"})
    )
    search = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search"}))
    email = forms.EmailField()
    number = forms.IntegerField(min_value=1, max_value=9)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    hidden = forms.CharField(widget=forms.HiddenInput)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    flag = forms.BooleanField(required=False)
    choice = forms.ChoiceField(choices=CHOICES)
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    radio = forms.ChoiceField(choices=CHOICES[1:], widget=forms.RadioSelect)
    radio_grouped = forms.ChoiceField(choices=GROUPED, widget=forms.RadioSelect, required=False)
    boxes = forms.MultipleChoiceField(
        choices=CHOICES[1:],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "boxes"}),
        required=False,
    )
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    upload = forms.FileField(required=False)


def render_all(renderer, data):
    form = Everything(data, renderer=renderer)
    form.is_valid()
    return {name: str(form[name]) for name in form.fields}


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {
            "text": "<script>alert(1)</script>",
            "search": '食品 "安全"',
            "email": "a@example.org",
            "number": "12",
            "date": "2026-02-30",
            "hidden": "h&i",
            "secret": "pw'd",
            "flag": "on",
            "choice": "a",
            "grouped": "y",
            "many": ["a", "3"],
            "radio": "b",
            "radio_grouped": "z",
            "boxes": ["a", "b"],
            "body": "line 1\n<b>line 2</b>",
        },
    ],
    ids=["unbound", "empty", "filled"],
)
def test_fast_renderer_writes_what_the_templates_write(data):
    assert render_all(FastRenderer(), data) == render_all(DjangoTemplates(), data)


def test_safe_values_are_not_escaped_twice():
    widget = forms.TextInput(attrs={"data-x": mark_safe("&amp;")})
    assert widget.render("n", mark_safe("&lt;"), renderer=FastRenderer()) == widget.render(
        "n", mark_safe("&lt;"), renderer=DjangoTemplates()
    )


def test_other_templates_are_left_to_the_template_engine():
    widget = forms.ClearableFileInput()
    assert widget.render("f", None, renderer=FastRenderer()) == widget.render(
        "f", None, renderer=DjangoTemplates()
    )


def test_the_project_uses_the_fast_renderer(settings):
    assert settings.FORM_RENDERER == "disclosure_portal.form_rendering.FastRenderer"
