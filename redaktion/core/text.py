"""German text rules: slugs, reading time."""

import math
import re

from django.utils.text import slugify

_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)
_WORD = re.compile(r"\w+")

WORDS_PER_MINUTE = 200


def german_slugify(value, max_length=255):
    """Return an ASCII slug that spells umlauts out: „Größe“ → „groesse“."""
    slug = slugify(str(value).translate(_GERMAN))[:max_length].strip("-")
    return slug


def reading_minutes(text):
    """Return the whole minutes an adult needs to read ``text``, at least one."""
    return max(1, math.ceil(len(_WORD.findall(text)) / WORDS_PER_MINUTE))
