"""Folding an entry's text into search words (pure: no Django). Free-text search matches
the start of a word through a B-tree index, as the customer search does, so it stays fast
on SQLite and PostgreSQL without a full-text engine."""

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+")
MAX_LENGTH = 40


def fold(text: str) -> list[str]:
    """Lower case ASCII words: "Women's Aid (NI)" -> ["women", "s", "aid", "ni"]."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return [word[:MAX_LENGTH] for word in _WORD.findall(plain)]


def words_of(*texts: str) -> set[str]:
    return {word for text in texts for word in fold(text)}


def upper_bound(prefix: str) -> str:
    """The first string after every word that starts with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
