"""How text becomes search terms, and how a query finds them again.

One rule for the index and for the query, so that both backends see the same
terms (ADR 0012):

- **Normalising**: NFKC (full-width letters, digits and brackets become their
  half-width forms, the ideographic space a space), traditional to simplified
  characters (OpenCC ``t2s``), lower case.
- **Tokens**: a run of Han characters becomes its overlapping bigrams followed
  by one *end token*, the run's last character with ``END`` appended
  (食品安全 -> 食品 品安 安全 全z); a one-character run is its end token alone.
  Every character of a run therefore starts exactly one token, so a
  one-character query is a prefix query (食 -> ``食*``). Latin letters and digits
  are words of their own (GB2760 -> gb 2760). Everything else (punctuation,
  brackets of a document number, spaces) only separates tokens.
- **Queries**: each space-separated part of the query is a *group* that must
  match as a phrase (its tokens one after another); every group must match.
  A group's last Han run keeps no end token (市监 matches inside 辽市监发), a
  run followed by more of the same group keeps it (辽市监发2024 needs the run to
  end before 2024), and a last run of one character is a prefix.

Nothing from the query reaches a backend but tokens made of Han characters,
a-z and 0-9, so operators typed by a visitor (``& | ! : * " ( )``) are only
separators.
"""

import dataclasses
import functools
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Appended to the last character of a Han run. A latin letter, so that both
# PostgreSQL's parser and SQLite's unicode61 tokenizer keep it in the token;
# no query token mixes Han and latin, so it matches nothing typed.
END = "z"

# Separates the fields inside one PostgreSQL tsvector, so that no phrase runs
# from a title into a number or a body. A letter no token is ever made of.
FIELD_SEPARATOR = "ǂ"

# The query as typed is cut here (a message says so); groups and tokens too.
MAX_QUERY_CHARS = 100
MAX_GROUPS = 8
MAX_QUERY_TOKENS = 40

# How much of a long text is indexed and kept for snippets: PostgreSQL counts
# positions up to 16,383, and phrases beyond that would stop matching.
MAX_INDEXED_CHARS = 15000

_HAN = (
    "\u3400-\u4dbf"  # extension A
    "\u4e00-\u9fff"  # unified ideographs
    "\uf900-\ufaff"  # compatibility ideographs
    "\U00020000-\U0003134f"  # extensions B-H
)
_TOKEN_RE = re.compile(rf"[{_HAN}]+|[a-z]+|[0-9]+")
_HAN_RE = re.compile(rf"[{_HAN}]")
_TERM_CHAR_RE = re.compile(rf"[{_HAN}a-z0-9]")


@functools.cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _converter().convert(text) if _HAN_RE.search(text) else text


def normalise(text: str) -> str:
    """Full-width to half-width, traditional to simplified, lower case."""
    return to_simplified(unicodedata.normalize("NFKC", text or "")).lower()


def _run_tokens(run: str, *, end: bool) -> list[str]:
    if run[0] < "\u3400":  # latin letters or digits: one word
        return [run]
    tokens = [run[i : i + 2] for i in range(len(run) - 1)]
    if end:
        tokens.append(run[-1] + END)
    return tokens


def terms(text: str, limit: int = MAX_INDEXED_CHARS) -> str:
    """The index terms of a text, space-separated, in order."""
    normal = normalise(text[:limit] if limit else text)
    return " ".join(
        token for run in _TOKEN_RE.findall(normal) for token in _run_tokens(run, end=True)
    )


@dataclasses.dataclass(frozen=True)
class Group:
    """One part of a query: tokens that must follow one another."""

    tokens: tuple[str, ...]
    prefix: bool  # the last token is a one-character prefix
    surface: str  # the normalised characters it stands for, for highlighting


@dataclasses.dataclass(frozen=True)
class Query:
    text: str  # as typed, cut to MAX_QUERY_CHARS
    normalised: str
    groups: tuple[Group, ...]
    truncated: bool

    def __bool__(self):
        return bool(self.groups)

    @property
    def converted(self) -> bool:
        """The query was typed in traditional characters or full-width forms."""
        return self.normalised != self.text.lower()

    @property
    def phrase(self) -> Group | None:
        """All groups as one phrase, when there are several: ranks exact phrases first."""
        if len(self.groups) < 2:
            return None
        joined = self.groups[0].surface
        for group in self.groups[1:]:
            # Han characters run on (许可 食品 -> 许可食品); words and numbers stay apart.
            han = _HAN_RE.match(joined[-1]) or _HAN_RE.match(group.surface[0])
            joined += ("" if han else " ") + group.surface
        return _group(joined)

    @property
    def token_count(self) -> int:
        return sum(len(group.tokens) for group in self.groups)


def _group(part: str) -> Group | None:
    runs = _TOKEN_RE.findall(part)
    if not runs:
        return None
    tokens: list[str] = []
    prefix = False
    for i, run in enumerate(runs):
        last = i == len(runs) - 1
        if last and run[0] >= "\u3400" and len(run) == 1:
            tokens.append(run)
            prefix = True
        else:
            tokens.extend(_run_tokens(run, end=not last))
    return Group(tokens=tuple(tokens), prefix=prefix, surface="".join(runs))


def parse(raw: str) -> Query:
    """The query a visitor typed, as groups of tokens. Never fails."""
    text = " ".join((raw or "").split())
    truncated = len(text) > MAX_QUERY_CHARS
    text = text[:MAX_QUERY_CHARS]
    normal = normalise(text)
    groups: list[Group] = []
    seen = set()
    count = 0
    for part in normal.split():
        group = _group(part)
        if group is None or group.tokens in seen:
            continue
        if len(groups) == MAX_GROUPS or count + len(group.tokens) > MAX_QUERY_TOKENS:
            truncated = True
            break
        seen.add(group.tokens)
        groups.append(group)
        count += len(group.tokens)
    return Query(text=text, normalised=normal, groups=tuple(groups), truncated=truncated)


@functools.lru_cache(maxsize=256)
def _phrase_pattern(group: Group) -> re.Pattern:
    tokens = [re.escape(token) for token in group.tokens]
    if group.prefix:
        tokens[-1] += r"\S*"
    return re.compile(r"(?:^| )" + " ".join(tokens) + r"(?= |$)")


def contains(term_string: str, group: Group) -> bool:
    """Whether index terms (as ``terms`` gives them) hold the group as a phrase.

    The same rule as the backends' phrase match, for ranking candidates without
    another query.
    """
    return _phrase_pattern(group).search(term_string) is not None


# Highlighting ---------------------------------------------------------------


def _folded(text: str) -> tuple[str, list[int]]:
    """The text's term characters, normalised, and where each one came from."""
    # Mostly every step keeps the length: fold the whole text at once and pick the
    # term characters with one regular expression.
    whole = to_simplified(unicodedata.normalize("NFKC", text)).lower()
    if len(whole) == len(text):
        origins = [match.start() for match in _TERM_CHAR_RE.finditer(whole)]
        return "".join(whole[i] for i in origins), origins
    chars: list[str] = []
    origins: list[int] = []
    simplified = to_simplified(text)
    if len(simplified) != len(text):  # a conversion changed the length: go char by char
        simplified = "".join(to_simplified(c) if len(to_simplified(c)) == 1 else c for c in text)
    for index, char in enumerate(simplified):
        for folded in unicodedata.normalize("NFKC", char).lower():
            if _TERM_CHAR_RE.match(folded):
                chars.append(folded)
                origins.append(index)
    return "".join(chars), origins


def _occurrences(folded: str, origins: list[int], needle: str) -> list[tuple[int, int]]:
    spans = []
    start = folded.find(needle) if needle else -1
    while start != -1:
        end = start + len(needle)
        spans.append((origins[start], origins[end - 1] + 1))
        start = folded.find(needle, end)
    return spans


def occurrences(text: str, value: str) -> list[tuple[int, int]]:
    """Where ``value`` stands in ``text`` as the index sees it: (start, end) of the
    original characters, whatever the width, script, case or punctuation between."""
    needle, _origins = _folded(value)
    return _occurrences(*_folded(text), needle)


def _spans(text: str, query: Query) -> list[tuple[int, int]]:
    folded, origins = _folded(text)
    spans = []
    for group in query.groups:
        spans += _occurrences(folded, origins, group.surface)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans) -> SafeString:
    out, position = [], 0
    for start, end in spans:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def highlight(text: str, query: Query) -> SafeString:
    """The text, escaped, with what the query matched in ``<mark>``."""
    return _marked(text, _spans(text, query)) if query else escape(text)


# A snippet shows the first match within this many characters of the text, or its
# beginning: long texts are not folded to the end for every hit of a page.
SNIPPET_SCAN_CHARS = 3000


def snippet(text: str, query: Query, width: int = 120) -> SafeString:
    """About ``width`` characters of the text around the first match, highlighted."""
    text = " ".join((text or "")[:SNIPPET_SCAN_CHARS].split())
    spans = _spans(text, query) if query else []
    if not spans:
        cut = text[:width]
        return mark_safe(escape(cut) + ("…" if len(text) > width else ""))  # noqa: S308
    first = spans[0][0]
    start = max(0, first - width // 4)
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    inside = [
        (max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start
    ]
    body = _marked(text[start:end], inside)
    return mark_safe(("…" if start else "") + body + ("…" if end < len(text) else ""))  # noqa: S308
