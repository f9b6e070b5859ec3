"""Flesch-Kincaid grade level of English text, for checking the words we write for children.

grade = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59

The counts are heuristics, good enough to keep short summaries honest:

- a word is a run of letters (an apostrophe inside it, as in "don't", keeps it one word) or of
  digits; hyphens split words, so "well-being" is two;
- a sentence ends at ".", "!", "?" or ";" followed by a space or the end of the text; text with
  no such mark is one sentence;
- syllables are the groups of vowels (a, e, i, o, u, y) in a word, less a silent final "e"
  ("care", but not "table"), a final "es" or "ed" that adds no sound ("lives", "helped", but not
  "places" or "needed"); every word has at least one; a number counts one syllable per digit.
"""

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*|\d+")
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


_SILENT_ENDINGS = (
    # (ending, endings that keep their sound, shortest word it applies to)
    ("e", ("le", "ee", "ye"), 3),
    ("es", ("ces", "ges", "ses", "zes", "shes", "ches", "xes", "ees"), 4),
    ("ed", ("ted", "ded", "eed"), 4),
)


def syllables(word: str) -> int:
    """Estimate the syllables in one word."""
    if word.isdigit():
        return len(word)
    word = word.lower().replace("'", "")
    count = len(_VOWEL_GROUP.findall(word))
    for ending, sounded, shortest in _SILENT_ENDINGS:
        if word.endswith(ending):
            if len(word) >= shortest and not word.endswith(sounded):
                count -= 1
            break
    return max(count, 1)


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """The Flesch-Kincaid grade level (US school grade; add 5 for a reading age)."""
        if not self.words:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59


def readability(text: str) -> Readability:
    """Count the words, sentences and syllables in English text."""
    words = _WORD.findall(text)
    sentences = max(len(_SENTENCE_END.findall(text.strip())), 1)
    return Readability(
        words=len(words),
        sentences=sentences,
        syllables=sum(syllables(word) for word in words),
    )
