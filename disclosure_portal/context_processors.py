"""Template context shared by every public page."""

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html

ACCESSIBILITY_COOKIE = "a11y"
ACCESSIBILITY_MODES = ("large", "contrast")

# Which navigation item a path belongs to: the first matching prefix wins, so
# the more specific prefixes come first. "/" alone is the home page.
NAV_SECTIONS = (
    ("/agencies/", "/guide/", "guide"),
    ("/agencies/", "", "agencies"),
    ("/catalog/", "", "catalog"),
    ("/clearances/", "", "clearances"),
    ("/requests/", "", "apply"),
    ("/reports/", "", "reports"),
    ("/search/", "", "search"),  # in no menu: the header's search box knows it
)


def accessibility_modes(request) -> list[str]:
    """The display modes (large font, high contrast) this visitor switched on."""
    raw = request.COOKIES.get(ACCESSIBILITY_COOKIE, "")
    return [mode for mode in raw.split(",") if mode in ACCESSIBILITY_MODES]


def nav_section(path: str) -> str:
    """The navigation item to mark as current (``aria-current="page"``) for a path."""
    if path == "/":
        return "home"
    for prefix, suffix, section in NAV_SECTIONS:
        if path.startswith(prefix) and path.endswith(suffix):
            return section
    return ""


def main_guide_url() -> str:
    """The guide of the top (provincial) agency, which the navigation bar links to.

    Called lazily by the template; the agencies come from the catalogue's
    memoized reference data, so it costs no query once they are known. Falls
    back to the agency directory while no agency exists yet.
    """
    from catalog import reference
    from catalog.models import AgencyLevel

    slug = next(
        (agency.slug for agency in reference.agencies() if agency.level == AgencyLevel.PROVINCE),
        None,
    )
    if slug is None:
        return reverse("catalog:agency_list")
    return reverse("catalog:agency_guide", kwargs={"slug": slug})


def site(request):
    modes = accessibility_modes(request)
    return {
        "portal": settings.PORTAL,
        # base.html appends it to the page title: already escaped, because the
        # filters that join it to the title do not escape.
        "title_suffix": format_html(" - {}", settings.PORTAL["SITE_NAME"]),
        "a11y_modes": modes,
        "a11y_large": "large" in modes,
        "a11y_contrast": "contrast" in modes,
        "nav_active": nav_section(request.path),
        "nav_guide_url": main_guide_url,
    }
