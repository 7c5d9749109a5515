"""Matching names as people type them: without regard to case, diacritics or punctuation, alike on every
database.

A record keeps its names folded in one text column (written when the record is saved), and a search folds
the words typed the same way, so "lwow" finds Lwów and "NURNBERG" Nürnberg by a plain `contains`.
"""

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and a mark.
LETTERS_OF_THEIR_OWN = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h", "ŧ": "t"}
)
NOT_A_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def fold(text):
    """The text as searches compare it: lower case, without diacritics, words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(LETTERS_OF_THEIR_OWN))
    bare = "".join(character for character in decomposed if not unicodedata.combining(character))
    return NOT_A_LETTER_OR_DIGIT.sub(" ", bare).strip()


def folded_names(names):
    """The names folded for a search column: one per line, so that no match spans two names."""
    return "\n".join(dict.fromkeys(fold(name) for name in names if name and fold(name)))
