"""German analysis: stems, folding, stop words and compound splitting."""

from redaktion.discovery.text import CompoundSplitter, analyse, fold, stem


def test_word_forms_share_a_stem():
    """Inflected forms meet at one stem, with or without umlauts and ß."""
    assert stem("Wahlen") == stem("Wahl") == "wahl"
    assert stem("Häuser") == stem("Haus")
    assert stem("Straße") == stem("Strasse")
    assert stem("Müller") == stem("Mueller") == stem("Muller")


def test_fold_removes_accents_and_eszett():
    """„Größe“ folds to plain letters so readers without a German keyboard find it."""
    assert fold("Größe") == "grosse"
    assert fold("Café") == "cafe"


def test_analyse_skips_punctuation_and_control_characters():
    """Only letters and digits become tokens."""
    assert analyse("„Wahl“ –\x00 2025!") == ["wahl", "2025"]


def test_compounds_split_into_known_words():
    """Parts must be words of the corpus: Bundestags|wahl splits, Sprache does not."""
    known = {"wahl", "bundestag", "rach", "klima", "arbeit", "markt"}
    splitter = CompoundSplitter(known.__contains__)
    assert splitter.split("Bundestagswahlen") == ["bundestag", "wahl"]
    assert splitter.split("Arbeitsmarkt") == ["arbeit", "markt"]
    assert splitter.split("Sprache") == []
    assert splitter.split("Wahl") == []


def test_lenient_split_needs_one_known_part_of_four_letters():
    """With only „Wahl“ known, „Landtagswahl“ and „Wahlkampf“ yield „wahl“; endings never count."""
    splitter = CompoundSplitter({"wahl", "alt", "koloni"}.__contains__)
    assert splitter.split("Landtagswahl") == ["wahl"]
    assert splitter.split("Wahlkampf") == ["wahl"]
    assert splitter.split("Gestalten") == []
    assert splitter.split("Wohnungen") == []
    assert splitter.split("kolonialen") == []
