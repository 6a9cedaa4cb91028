"""Production settings fail fast and pass Django's deployment checks (issue 2 point 2)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env["DJANGO_VAR_DIR"] = str(ROOT / "var")
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key_and_hosts():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_hosts_even_with_a_key():
    result = run_manage("check", DJANGO_SECRET_KEY="k" * 60)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_deploy_check_passes_with_production_like_variables():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="x7#kPq2!vL9@mZ4$wR8^tY1&uI5*oE3(aS6)dF0_gH-jK+lN=bV",
        DJANGO_ALLOWED_HOSTS="gk.example.gov.cn",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_is_off_unless_asked_for():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.TIME_ZONE, "
        "settings.LANGUAGE_CODE, settings.USE_TZ)",
        DJANGO_SECRET_KEY="k" * 60,
        DJANGO_ALLOWED_HOSTS="gk.example.gov.cn",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == ["False", "Asia/Shanghai", "zh-hans", "True"]


def test_csp_has_no_unsafe_inline(settings):
    for directive, sources in settings.SECURE_CSP.items():
        assert "'unsafe-inline'" not in sources, directive


PRODUCTION = {
    "DJANGO_SECRET_KEY": "k" * 60,
    "DJANGO_ALLOWED_HOSTS": "gk.example.gov.cn",
}


def test_production_caches_templates_pages_and_renders_widgets_in_python():
    probe = (
        "from django.template import engines; "
        "from django.conf import settings; "
        "loader = engines['django'].engine.template_loaders[0]; "
        "print(type(loader).__module__, settings.PAGE_CACHE['ENABLED'], settings.FORM_RENDERER)"
    )
    result = run_manage("shell", "--no-imports", "-c", probe, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.template.loaders.cached",
        "True",
        "disclosure_portal.form_rendering.FastRenderer",
    ]


def test_the_page_cache_can_be_switched_off_in_production_and_on_in_development():
    probe = "from django.conf import settings; print(settings.PAGE_CACHE['ENABLED'])"
    off = run_manage("shell", "--no-imports", "-c", probe, PORTAL_PAGE_CACHE="0", **PRODUCTION)
    on = run_manage("shell", "--no-imports", "-c", probe, DJANGO_DEBUG="1", PORTAL_PAGE_CACHE="1")
    assert (off.stdout.strip(), on.stdout.strip()) == ("False", "True")
