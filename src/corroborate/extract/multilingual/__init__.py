"""Reduced extraction for reports in other languages (REDUCED_LANGUAGES), so they link with English ones.

The English pipeline rests on an English parser; for other languages corroborate
ships no model (nothing is downloaded at run time), so this package reads what
linking and checking need with explicit rules over a blank spaCy tokenizer and
per-language lexicons (lang/<lang>/reduced.toml), whose [matching]
table says how words are compared (stems of inflected languages, script folds):

- the main incident from the first sentence with an event word or a killed/injured figure (the
  lead, as news writes it), then other incidents told later with their own place or day and a
  precise toll (`_other_incidents`; one dated well before the main one is recalled: `aside`);
- cause and ACLED type from the lexicon's triggers (events.choose_cause and
  events.classify_event decide, as for English);
- killed and injured figures, their hedge read as the English hedge it translates
  (casualties.parse_count), combined as English combines them (incidents.combine_counts: a toll
  that rose, "ارتفع عدد القتلى إلى", replaces the first; a vague one gives way to a precise one);
  a sentence giving the war's totals (but the clauses before its running total) or a sum over days
  ("منذ ثلاثة أيام"), a figure near a war word and "killed or wounded" ("قتلى وجرحى") are left out; civilians when the counted noun says
  so, children, women and other groups from the toll's breakdown ("بينهم 12 طفلا");
- the date from day words ("mardi", "الثلاثاء", "hier", "أمس", "الليلة الماضية"), resolved as
  English ones are (dates.resolve_date), or a written day and month (ordinals too: "الخامس
  والعشرين من أيار"), with the lexicon's words and dateparser's for the language (any language it
  knows), else a full date opening a retrospective, else the publication day;
- the place from the gazetteer: Latin spellings (GeoNames lists the exonyms
  "Alep", "Idleb"), GeoNames names in other scripts, inflected too ("в Одессе"),
  and Arabic-script names for Arabic compared after `normalise_arabic`
  (data/place_names_multilingual.csv), in the country the text is about;
- who says so, from the words after a source-introducing phrase ("selon",
  "بحسب"), named canonically when the lexicon knows the source;
- perpetrators: dictionary actors ([perpetrators], ids of data/actors.toml) right after the event
  words or where a [perpetrator_cues] phrase makes them so, a described one ("des jihadistes") as the named
  one it belongs to ("du groupe Etat islamique") ("على يد", "ارتكبتها", "قصفت قوات
  النظام", "tués par"), each claim with its certainty: alleged when accused ("متهما", "accusant"),
  in the claimant's voice when claimed ("تبنى", "revendiqué"), denied ("نفى", "dément"); a description of
  state forces ("القوات الحكومية", "l'armée") is the forces of the story's country (ActorDictionary.in_story);
- sponsors: dictionary actors after a [sponsor_cues] phrase ("المدعومة من", "الموالية لـ" for a foreign state,
  "soutenus par", "pro-"), each with its claim, alleged when a hedge stands just before ("présumés").

Targets stay empty rather than guessed; the extraction's note says which rules were used.

Each reading rule (`perpetrators.triggers_in`, `figures.figures_in`, `places.places_in`, `dates.dates_in`,
`sources.source_in`, `perpetrators.perpetrators_in`) reads one sentence (`sentences`, its `words` folded as the
`lexicon` says); `reading.SurfaceReading` keeps what they read per sentence, so that the surface components of a
blank pipeline (extract/surface.py) read each sentence once and `grouping.extract_reduced` groups from their readings.
"""

from __future__ import annotations

from corroborate.extract.multilingual.dates import DATELINE_WORDS, DateMention, calendar_words, dates_in
from corroborate.extract.multilingual.figures import Figure, figures_in
from corroborate.extract.multilingual.grouping import extract_reduced
from corroborate.extract.multilingual.lexicon import PerpetratorCues, ReducedLexicon, curated_place_index, load_lexicon, reduced_rules_note
from corroborate.extract.multilingual.perpetrators import PerpetratorMention, perpetrators_in, triggers_in
from corroborate.extract.multilingual.places import PlaceMention, home_country, places_in
from corroborate.extract.multilingual.reading import SentenceReading, SurfaceReading
from corroborate.extract.multilingual.sentences import Sentence, sentences_of, sentences_of_doc
from corroborate.extract.multilingual.sources import SAME_SOURCE, Source, source_in
from corroborate.extract.multilingual.words import (
    INDEXED_PHRASES,
    REDUCED_LANGUAGES,
    Word,
    arabic_forms,
    lexicon_language,
    matching_of,
    normalise_arabic,
    words_of,
)

__all__ = [
    "DATELINE_WORDS",
    "DateMention",
    "Figure",
    "INDEXED_PHRASES",
    "PerpetratorCues",
    "PerpetratorMention",
    "PlaceMention",
    "REDUCED_LANGUAGES",
    "ReducedLexicon",
    "SAME_SOURCE",
    "Sentence",
    "SentenceReading",
    "Source",
    "SurfaceReading",
    "Word",
    "arabic_forms",
    "calendar_words",
    "curated_place_index",
    "dates_in",
    "extract_reduced",
    "figures_in",
    "home_country",
    "lexicon_language",
    "load_lexicon",
    "matching_of",
    "normalise_arabic",
    "perpetrators_in",
    "places_in",
    "reduced_rules_note",
    "sentences_of",
    "sentences_of_doc",
    "source_in",
    "triggers_in",
    "words_of",
]
