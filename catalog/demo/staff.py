"""Demo staff accounts: one per role at the province, an editor and a reviewer in 沈阳,
and a superuser. They all share one documented password; never use them in production.
"""

from dataclasses import dataclass

# Documented in the README and printed by ``load_demo``; a demo login, not a secret.
DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    username: str
    last_name: str
    first_name: str
    agency: str = ""  # slug; "" for the superuser
    role: str = ""
    covers_subordinates: bool = False
    superuser: bool = False


ACCOUNTS = (
    DemoAccount("demo-editor", "王", "晓燕", "liaoning", "editor"),
    DemoAccount("demo-reviewer", "李", "建华", "liaoning", "reviewer", covers_subordinates=True),
    DemoAccount("demo-officer", "张", "丽", "liaoning", "request_officer"),
    DemoAccount("demo-admin", "刘", "志强", "liaoning", "agency_admin", covers_subordinates=True),
    DemoAccount("shenyang-editor", "陈", "静", "shenyang", "editor"),
    DemoAccount("shenyang-reviewer", "赵", "明", "shenyang", "reviewer"),
    DemoAccount("admin", "系统", "管理员", superuser=True),
)

# Who drafts and who reviews the demo entries of an agency (see ``actors_for``).
PROVINCIAL_EDITOR = "demo-editor"
PROVINCIAL_ADMIN = "demo-admin"
PROVINCIAL_REVIEWER = "demo-reviewer"
CITY_ACCOUNTS = {"shenyang": ("shenyang-editor", "shenyang-reviewer")}


def actors_for(slug: str) -> tuple[str, str]:
    """(editor, reviewer) usernames for an agency's entries: its own demo staff where it
    has them, otherwise the provincial administrator and reviewer, whose memberships
    cover subordinate agencies."""
    if slug == "liaoning":
        return PROVINCIAL_EDITOR, PROVINCIAL_REVIEWER
    return CITY_ACCOUNTS.get(slug, (PROVINCIAL_ADMIN, PROVINCIAL_REVIEWER))
