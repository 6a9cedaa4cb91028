"""Chinese text for bulk catalogue entries, drawn with a Zipf-like word distribution.

The vocabulary is the demo's own text: the two real documents in ``catalog/demo/data``,
the word lists of ``catalog.demo.vocabulary`` and the titles, summaries and keywords of
``catalog.demo.templates``. No dictionary service: the text is split on everything that
is not a Chinese character into phrases, and each phrase is cut into words of 2 to 4
characters, choosing the cut whose pieces are the most frequent character n-grams of the
whole text (so 政府信息公开 becomes 政府 · 信息 · 公开, not 政府信 · 息公开). Words are
ranked by how often they occur and drawn with probability proportional to
1 / rank ** ``ZIPF_EXPONENT``: the commonest words are very common, the rare ones rare, as
in real text.

Everything built here is plain text of Chinese characters and Chinese punctuation;
``paragraphs_html`` escapes whatever it wraps in ``<p>``, so the HTML it makes is what
``catalog.sanitize.sanitize_html`` would keep unchanged.
"""

import html
import itertools
import math
import re
from collections import Counter
from functools import cache
from pathlib import Path

from catalog.demo import entries as demo_entries
from catalog.demo import templates as demo_templates
from catalog.demo import vocabulary as demo_vocabulary

ZIPF_EXPONENT = 1.1
DATA_DIR = Path(demo_entries.__file__).resolve().parent / "data"
DATA_FILES = ("half-year-summary.txt", "work-rules.txt")

PLACEHOLDER = re.compile(r"\{[^}]*\}")
NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")
# A single character is a word only if nothing longer fits; it costs this much.
SINGLE_PENALTY = 4.0
MAX_WORD = 4
CLAUSE_LENGTHS = (3, 4, 5, 6, 7)
CLAUSE_ENDS = "，，。"  # a sentence has one to three clauses, 1.5 on average


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)


def demo_texts() -> list[str]:
    """Every piece of Chinese text the demo catalogue is made of, in a fixed order."""
    texts = [(DATA_DIR / name).read_text(encoding="utf-8") for name in DATA_FILES]
    for name in sorted(vars(demo_vocabulary)):
        if name.isupper():
            texts.extend(_strings(getattr(demo_vocabulary, name)))
    for template in demo_templates.TEMPLATES:
        texts += [template.title, template.summary, template.keywords, template.revised_title]
        texts.extend(template.attachments)
    texts.extend(_strings(demo_entries._CLOSINGS))
    return texts


def phrases(texts) -> list[str]:
    """Runs of Chinese characters, placeholders such as ``{product}`` taken out."""
    return [p for text in texts for p in NOT_HAN.split(PLACEHOLDER.sub("，", text)) if p]


def ngram_counts(runs: list[str]) -> Counter:
    counts = Counter()
    for run in runs:
        for n in range(1, MAX_WORD + 1):
            for i in range(len(run) - n + 1):
                counts[run[i : i + n]] += 1
    return counts


def _score(piece: str, counts: Counter) -> float:
    count = counts[piece]
    if len(piece) == 1:
        return math.log(count) - SINGLE_PENALTY
    return len(piece) * math.log(count) - (1.0 if count < 2 else 0.0)


def segment(run: str, counts: Counter) -> list[str]:
    """The cut of ``run`` into pieces of 1 to 4 characters with the best total score."""
    best: list[tuple[float, tuple[str, ...]] | None] = [(0.0, ())] + [None] * len(run)
    for end in range(1, len(run) + 1):
        options = []
        for size in range(1, min(MAX_WORD, end) + 1):
            before = best[end - size]
            piece = run[end - size : end]
            options.append((before[0] + _score(piece, counts), (*before[1], piece)))
        best[end] = max(options)
    return list(best[-1][1])


class Vocabulary:
    """Words by rank, and draws from them with Zipf weights."""

    def __init__(self, words: list[str], counts: list[int], exponent: float = ZIPF_EXPONENT):
        self.words = tuple(words)
        self.counts = tuple(counts)
        weights = [1 / rank**exponent for rank in range(1, len(words) + 1)]
        self.cum_weights = tuple(itertools.accumulate(weights))

    @classmethod
    def from_texts(cls, texts) -> "Vocabulary":
        runs = phrases(texts)
        grams = ngram_counts(runs)
        counts, first_seen = Counter(), {}
        for run in runs:
            for word in segment(run, grams):
                if len(word) >= 2:
                    counts[word] += 1
                    first_seen.setdefault(word, len(first_seen))
        ranked = sorted(counts, key=lambda w: (-counts[w], first_seen[w]))
        return cls(ranked, [counts[w] for w in ranked])

    def probability(self, rank: int) -> float:
        """The chance of drawing the word of ``rank`` (1 = the commonest)."""
        previous = self.cum_weights[rank - 2] if rank > 1 else 0.0
        return (self.cum_weights[rank - 1] - previous) / self.cum_weights[-1]

    def draw(self, rng, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum_weights, k=k)

    def phrase(self, rng, low: int = 2, high: int = 3) -> str:
        """``low`` to ``high`` words, none twice in a row."""
        words = self.draw(rng, low + int(rng.random() * (high - low + 1)))
        return "".join(w for w, before in zip(words, [None, *words], strict=False) if w != before)

    def keywords(self, rng, count: int = 3) -> list[str]:
        """``count`` different words, commoner ones more likely."""
        chosen = []
        while len(chosen) < count:
            word = self.draw(rng, 1)[0]
            if word not in chosen:
                chosen.append(word)
        return chosen


class TextStream:
    """A long run of Zipf-drawn words cut into clauses and sentences, drawn once; a
    passage is a few consecutive sentences from a random place in it.

    Each passage is a stretch of independent draws from the vocabulary, so the words of
    all passages follow its Zipf distribution; cutting passages out of one stream instead
    of drawing every word anew is what makes a million bodies cheap.
    """

    def __init__(self, vocabulary: Vocabulary, rng, words: int):
        drawn = vocabulary.draw(rng, words)
        lengths = rng.choices(CLAUSE_LENGTHS, k=words // min(CLAUSE_LENGTHS) + 1)
        marks = rng.choices(CLAUSE_ENDS, k=len(lengths))
        tokens, ends, start = [], [-1], 0
        for length, mark in zip(lengths, marks, strict=True):
            if start >= words:
                break
            previous = None
            for word in drawn[start : start + length]:
                if word != previous:  # 公开公开 -> 公开
                    tokens.append(word)
                previous = word
            tokens.append(mark)
            start += length
            if mark == "。":
                ends.append(len(tokens) - 1)
        tokens[-1] = "。"
        if ends[-1] != len(tokens) - 1:
            ends.append(len(tokens) - 1)
        self.tokens = tokens
        self.ends = ends  # the token index of every 。, after a -1 for the start

    def sentences(self, rng, count: int) -> str:
        """``count`` consecutive sentences (fewer if the stream is shorter)."""
        count = min(count, len(self.ends) - 1)
        first = int(rng.random() * (len(self.ends) - count))
        return "".join(self.tokens[self.ends[first] + 1 : self.ends[first + count] + 1])


@cache
def demo_vocabulary_ranked() -> Vocabulary:
    """The vocabulary of the demo's texts (built once per process: it never changes)."""
    return Vocabulary.from_texts(demo_texts())


def paragraphs_html(paragraphs) -> str:
    """``<p>`` paragraphs, their text escaped: markup ``sanitize_html`` keeps as it is."""
    return "".join(f"<p>{html.escape(text, quote=False)}</p>" for text in paragraphs if text)
