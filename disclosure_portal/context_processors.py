"""Template context shared by every public page."""

from django.conf import settings

ACCESSIBILITY_COOKIE = "a11y"
ACCESSIBILITY_MODES = ("large", "contrast")


def accessibility_modes(request) -> list[str]:
    """The display modes (large font, high contrast) this visitor switched on."""
    raw = request.COOKIES.get(ACCESSIBILITY_COOKIE, "")
    return [mode for mode in raw.split(",") if mode in ACCESSIBILITY_MODES]


def site(request):
    return {
        "portal": settings.PORTAL,
        "a11y_modes": accessibility_modes(request),
    }
