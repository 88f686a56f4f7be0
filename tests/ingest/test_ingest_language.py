import pytest

from corroborate.ingest import detect_language

ARABIC = "قتل عشرون مدنيا على الأقل في قصف استهدف سوقا شعبيا في مدينة إدلب صباح اليوم بحسب مصادر محلية."
PERSIAN = "دست کم بیست غیرنظامی در گلوله باران یک بازار در شهر کشته شدند و گروهی دیگر زخمی شدند."
ENGLISH = "At least twenty civilians were killed when shells hit a market in the city this morning, local sources said."
FRENCH = "Au moins vingt civils ont été tués lorsque des obus ont frappé un marché de la ville ce matin."
HEBREW = "לפחות עשרים אזרחים נהרגו כאשר פגזים פגעו בשוק בעיר הבוקר, כך נמסר ממקורות מקומיים."


@pytest.mark.parametrize(
    ("text", "language"),
    [(ARABIC, "ar"), (PERSIAN, "fa"), (ENGLISH, "en"), (FRENCH, "fr"), (HEBREW, "he")],
)
def test_language_is_detected(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "   ", "Home", "12 killed", "— 2016 —"])
def test_short_text_has_no_language(text):
    assert detect_language(text) is None


def test_detection_is_deterministic():
    ambiguous = "Syria Idlib Aleppo Homs Damascus Hama Raqqa Deir Ezzor"
    assert len({detect_language(ambiguous) for _ in range(5)}) == 1


def test_ingest_language_serbian_cyrillic_is_not_macedonian():
    # langdetect alone calls this invented Serbian text Macedonian; "ћ" and "ђ" are Serbian only.
    serbian = "Број погинулих у ракетном нападу порастао је на 57, саопштила је управа. Већ су рекли да ће бити још жртава."
    assert detect_language(serbian) == "sr"
    macedonian = "Бројот на загинати во нападот се зголеми на 57, соопшти управата. Ѓорѓи рече дека ќе има уште жртви."
    assert detect_language(macedonian) != "sr"


def test_ingest_language_profiles_read_lazily_are_langdetects_own():
    """The probability rows computed on first use are the ones langdetect's own loader builds, in its language order."""
    from langdetect import detector_factory

    from corroborate.ingest import language

    language._load_profiles()
    ours = detector_factory._factory
    theirs = detector_factory.DetectorFactory()
    theirs.load_profile(detector_factory.PROFILES_DIRECTORY)
    assert ours.langlist == theirs.langlist
    assert set(ours.word_lang_prob_map) == set(theirs.word_lang_prob_map)
    assert all(ours.word_lang_prob_map[word] == row for word, row in theirs.word_lang_prob_map.items())
    assert "zzzz-not-an-ngram" not in ours.word_lang_prob_map
