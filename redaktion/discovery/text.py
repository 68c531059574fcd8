"""
German text analysis shared by the search index, the search query and related articles.

One analyser for both database backends: text is cut into words, lower-cased, ß and
umlauts folded, and stemmed with the Snowball „german“ stemmer. The database then only
matches ready-made tokens (FTS5 with the plain unicode61 tokenizer, PostgreSQL with the
`simple` configuration), so SQLite and PostgreSQL find exactly the same articles.

Compounds are split with a dictionary built from the corpus itself (see `CompoundSplitter`):
„Bundestagswahlen“ is indexed as `bundestagswahl` and also as its parts `bundestag`, `wahl`,
so a search for „Wahl“ finds it.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TOKEN = 40
MIN_PART = 3
LENIENT_PART = 4
# Fugenelemente that may join the parts of a compound: Bundes|tag, Arbeit|s|markt, Frauen|quote.
LINKING = ("s", "es", "n", "en", "e", "er", "ens")

# Function words that carry no topic. Kept in the index (phrases need their positions)
# but left out of related-article vectors and of all-words queries.
STOP_WORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
    anderes auch auf aus bei beim bin bis bist da dabei damit dann das dass dein deine dem
    den denn der derer des deshalb dessen die dies diese diesem diesen dieser dieses doch
    dort du durch ein eine einem einen einer eines einige einigen einiger er es etwa etwas
    euch euer eure für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich
    ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden
    jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner
    können könnte machen man manche manchem manchen mancher mehr mein meine mich mir mit
    muss musste nach nicht nichts noch nun nur ob oder ohne schon sehr sein seine seinem
    seinen seiner sich sie sind so solche soll sollte sondern sonst über um und uns unser
    unsere unter viel vom von vor wann war waren warum was weil weiter welche welchem
    welchen welcher wenn wer werde werden wie wieder will wir wird wo wollen wollte würde
    würden zu zum zur zwar zwischen sagt sagte sei seien bereits immer heute jahr jahre
    prozent uhr dass mal ja nein ab worden wurde wurden laut sowie
    hatte hatten gibt gab geht ging kam kommt lag liegt neu neue neuen neuer erst ersten
    zwei drei vier fünf sagen
    """.split()
)

# Derivational endings that must never count as a compound's part: „Wohn|ung“, „fried|lich“.
SUFFIXES = frozenset(
    "ung lich keit heit schaft erin isch bar sam tum nis ion tat ling chen lein end ern ig".split()
)

_FOLD = str.maketrans({"ß": "ss", "ä": "a", "ö": "o", "ü": "u"})
_stemmer = snowballstemmer.stemmer("german")


def fold(word):
    """Return ``word`` lower-cased with ß, umlauts and other accents folded: „Größe“ → „grosse“."""
    word = word.lower().translate(_FOLD)
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def stem(word):
    """Return the folded Snowball stem of one word: „Wahlen“ → „wahl“, „Häuser“ → „haus“."""
    lowered = word.lower()
    # The stemmer knows ä/ö/ü/ß and the ue/oe/ae spellings; fold what it leaves.
    return fold(_stemmer.stemWord(lowered))


def words(text):
    """Return the words of ``text`` in order, without control characters or over-long junk."""
    return [w for w in WORD_RE.findall(text or "") if len(w) <= MAX_TOKEN]


def is_stop_word(word):
    return word.lower() in STOP_WORDS


def is_stop_stem(token):
    """True for the stem of a stop word: „hatte“ is indexed as „hatt“."""
    return token in STOP_STEMS


def analyse(text):
    """Return the stems of ``text`` in order, stop words included (phrases need positions)."""
    return [stem(w) for w in words(text)]


class CompoundSplitter:
    """
    Split German compounds into parts that occur as words of their own in the corpus.

    ``known`` answers whether a stem is in the corpus dictionary. A word is split at a
    position when the tail is known and the head is known (after dropping a linking
    element such as the „s“ in „Bundestags|wahl“) or can itself be split. Requiring both
    sides to be real words keeps „Sprache“ from being read as „Sp|rache“.
    """

    def __init__(self, known):
        self.known = known
        self._cache = {}

    @staticmethod
    def candidates(word):
        """Return every stem that splitting ``word`` may ask the dictionary about."""
        word = fold(word)
        found = set()
        for i in range(MIN_PART, len(word) - MIN_PART + 1):
            head, tail = word[:i], word[i:]
            found.add(stem(tail))
            found.add(stem(head))
            for link in LINKING:
                if head.endswith(link) and len(head) - len(link) >= MIN_PART:
                    found.add(stem(head[: -len(link)]))
        return found

    def split(self, word):
        """Return the stems of the parts of ``word``, or an empty list if it is no compound."""
        word = fold(word)
        if len(word) < 2 * MIN_PART + 1 or not word.isalpha():
            return []
        if word not in self._cache:
            self._cache[word] = self._split(word, depth=0) or self._split_lenient(word) or []
        return self._cache[word]

    def _heads(self, head):
        return [head] + [
            head[: -len(link)]
            for link in LINKING
            if head.endswith(link) and len(head) - len(link) >= MIN_PART
        ]

    def _split_lenient(self, word):
        """
        Split where only one side is a known word of at least four letters and the other
        has four letters too: „Landtags|wahl“, „Wahl|kampf“ in a corpus without „Landtag“
        or „Kampf“. The known tail (the compound's head in German grammar) goes first.
        Only the known part is returned: the rest may be an ending („koloni|alen“).
        """
        for i in range(LENIENT_PART, len(word) - LENIENT_PART + 1):
            tail_stem = stem(word[i:])
            if len(tail_stem) >= LENIENT_PART and self._word(tail_stem):
                if len(self._heads(word[:i])[-1]) >= LENIENT_PART:
                    return [tail_stem]
        # A head known as it stands beats one that needs a linking element dropped:
        # „Klima|schutzgesetz“, not „Klima(s)|chutzgesetz“.
        for with_link in (False, True):
            for i in range(len(word) - LENIENT_PART, LENIENT_PART - 1, -1):
                heads = self._heads(word[:i])[1:] if with_link else [word[:i]]
                for head in heads:
                    head_stem = stem(head)
                    tail = word[i:]
                    if (
                        len(head_stem) >= LENIENT_PART
                        and len(tail) > LENIENT_PART
                        and self._word(head_stem)
                    ):
                        return [head_stem]
        return None

    def _word(self, stemmed):
        return stemmed not in STOP_STEMS and stemmed not in SUFFIXES and self.known(stemmed)

    def _split(self, word, depth):
        if depth > 3:
            return None
        # Prefer the longest known tail: „Bundestagswahl“ → „Bundestag|wahl“, not „…|ahl“.
        for i in range(MIN_PART, len(word) - MIN_PART + 1):
            head, tail = word[:i], word[i:]
            tail_stem = stem(tail)
            if len(tail_stem) < MIN_PART or not self._word(tail_stem):
                continue
            heads = self._heads(head)
            for h in heads:
                h_stem = stem(h)
                if len(h_stem) >= MIN_PART and self._word(h_stem):
                    return [h_stem, tail_stem]
            for h in heads:
                parts = self._split(h, depth + 1) if len(h) >= 2 * MIN_PART + 1 else None
                if parts:
                    return [stem(h), *parts, tail_stem]
        return None


def compound_parts(tokens, splitter):
    """Return the part stems of all compounds among ``tokens`` (surface words)."""
    parts = []
    for word in tokens:
        if len(word) >= 2 * MIN_PART + 1:
            whole = stem(word)
            parts.extend(p for p in splitter.split(word) if p != whole)
    return parts


STOP_STEMS = frozenset({*STOP_WORDS, *(stem(w) for w in STOP_WORDS)})
