"""Incidents from the sentences' readings: the lead's incident, then others told later with their own place or day."""

from __future__ import annotations

import datetime as dt
from itertools import chain
from typing import Optional

from corroborate.extract.attribution import joined_source
from corroborate.extract.casualties import CasualtyFigure
from corroborate.extract.dates import anniversary_date, anniversary_years, date_of_publication, publication_date_from_text
from corroborate.extract.events import choose_cause, classify_event
from corroborate.extract.incidents import combine_counts
from corroborate.extract.multilingual.dates import _on_a_date_line, _opening_full_date, choose_date
from corroborate.extract.multilingual.figures import Figure, groups_in
from corroborate.extract.multilingual.lexicon import load_lexicon, reduced_rules_note
from corroborate.extract.multilingual.perpetrators import _generic_actor_names, _Trigger, in_story
from corroborate.extract.multilingual.places import _choose_place, home_country
from corroborate.extract.multilingual.reading import SurfaceReading
from corroborate.extract.multilingual.sentences import Sentence, _iter_sentences
from corroborate.extract.multilingual.sources import SAME_SOURCE, Source
from corroborate.extract.multilingual.words import _matches
from corroborate.models import (
    Actor,
    ActorType,
    Article,
    Casualties,
    CasualtyCount,
    Certainty,
    Claim,
    Evidence,
    Extraction,
    Incident,
    Place,
    Victims,
)

# A lead without weapon words takes its cause from at most this many paragraphs after the incident's.
CAUSE_PARAGRAPHS = 2
# An incident dated more than this many days before the article's main one is an earlier event recalled.
RECALLED_DAYS = 3


def _other_incidents(
    main: Incident, rest: list[Sentence], reading: SurfaceReading, published: Optional[dt.date], make_claim
) -> list[Incident]:
    """Other incidents the article tells after the main one's paragraph: a sentence with violence and a
    precise killed figure of its own, in another place or on another day than the main incident (the same
    place and day is the main incident told again). A figure summed over a region ("في عموم سوريا", "à
    travers le pays") is none. One incident per place; an event dated well before the main one is recalled:
    `aside` (incidents.main_incident does not take it for the article's story)."""
    found: list[Incident] = []
    main_place = (main.location.geonameid, main.location.name)
    text, lexicon = reading.text, reading.lexicon
    for sentence in rest:
        words = sentence.words
        if any(_matches(words, at, phrase) for at in range(len(words)) for phrase in lexicon.aggregate):
            continue
        triggers = [t for t in reading.triggers(sentence) if t.info.violent]
        killed = [f for f in reading.figures(sentence) if f.kind == "killed" and not f.vague]
        if not triggers or not killed:
            continue
        mention = _choose_place(reading.places(sentence))
        dated = choose_date(reading.dates(sentence, published), [t.start for t in triggers])
        place = mention.place if mention else Place()
        other_place = mention is not None and main.location.name is not None and (place.geonameid, place.name) != main_place
        other_day = (
            dated is not None
            and dated.date.start is not None
            and main.date.start is not None
            and abs((dated.date.start - main.date.start).days) > 1  # an attack may run into the next morning
        )
        if not (other_place or other_day):
            continue
        if any((i.location.geonameid, i.location.name) == (place.geonameid, place.name) for i in found if mention is not None):
            continue  # that place's incident is told already
        claims = [make_claim(f"casualties.{f.kind}", f.count.best, sentence, f.start, f.end) for f in killed]
        if mention is not None:
            claims.append(make_claim("location", place.name, sentence, mention.start, mention.end))
        date = dated.date if dated is not None else main.date
        if dated is not None:
            claims.append(make_claim("date", date.start.isoformat() if date.start else date.text, sentence, dated.start, dated.end))
        country = place.country or home_country(text, lexicon.language)

        def add_claim(*args, claims=claims, **kwargs) -> None:
            claims.append(make_claim(*args, **kwargs))

        perpetrators = _perpetrators([sentence], reading, add_claim, country)
        actors = perpetrators + _sponsors([sentence], reading, add_claim, perpetrators)
        cause = choose_cause(t.info.cause for t in triggers if t.info.cause) if any(t.info.cause for t in triggers) else "unknown"
        event_type, sub_event_type = classify_event(
            [t.info for t in triggers],
            cause,
            civilian_victims=any(f.civilians for f in killed),
            state_perpetrator=(perpetrators[0].type == ActorType.state_forces) if perpetrators else None,
        )
        recalled = date.start is not None and main.date.start is not None and (main.date.start - date.start).days > RECALLED_DAYS
        found.append(
            Incident(
                id=f"i{len(found) + 2}",
                event_type=event_type,
                sub_event_type=sub_event_type,
                violent=True,
                cause=cause,
                date=date,
                location=place,
                actors=actors,
                casualties=Casualties(
                    killed=_toll(killed, text), injured=_toll([f for f in reading.figures(sentence) if f.kind == "injured"], text)
                ),
                claims=claims,
                summary=sentence.text.strip(),
                aside=recalled,
            )
        )
    return found


def _perpetrators(told: list[Sentence], reading: SurfaceReading, claim, country: Optional[str]) -> list[Actor]:
    """The incident's perpetrators from its sentences, the lead's first, each with a claim: as the sentence
    says it, alleged when accused, in the voice of the actor who claims it; an actor named perpetrator who
    denies it gets a denied claim too. Named actors come before descriptions; a description of state forces
    is the forces of the story's `country`."""
    mentions = []
    for sentence in told:
        backers = {m.start for m in reading.sponsors(sentence)}  # "soutenus par la Turquie": not who struck
        found = [in_story(m, country) for m in reading.perpetrators(sentence) if m.start not in backers]
        alleged = {m.actor.name for m in found if m.certainty is Certainty.alleged}  # "frappes attribuées à l'aviation russe"
        mentions += [(sentence, m) for m in found if m.certainty is not None or m.actor.name not in alleged]
    named = {mention.actor.name for _, mention in mentions if mention.certainty is not Certainty.denied}
    actors: dict[str, Actor] = {}
    for sentence, mention in mentions:
        if mention.actor.name not in named:
            continue
        claim("actors.perpetrator", mention.actor.name, sentence, mention.start, mention.end, mention.certainty, mention.claimant)
        if mention.certainty is not Certainty.denied:
            actors.setdefault(mention.actor.name, mention.actor)
    return _named_actors_first(list(actors.values()))


def _sponsors(told: list[Sentence], reading: SurfaceReading, claim, perpetrators: list[Actor]) -> list[Actor]:
    """The backers the incident's sentences name, each with its claim (alleged when hedged); never one of the
    incident's perpetrators ("Iran-backed militias and Iranian forces": Iran struck)."""
    struck = {actor.name for actor in perpetrators}
    sponsors: dict[str, Actor] = {}
    for sentence in told:
        for mention in reading.sponsors(sentence):
            if mention.actor.name in struck:
                continue
            claim("actors.sponsor", mention.actor.name, sentence, mention.start, mention.end, mention.certainty)
            sponsors.setdefault(mention.actor.name, mention.actor)
    return list(sponsors.values())


def _named_actors_first(actors: list[Actor]) -> list[Actor]:
    generic = _generic_actor_names()
    return [a for a in actors if a.name not in generic] + [a for a in actors if a.name in generic]


def _toll(figures: list[Figure], text: str) -> Optional[CasualtyCount]:
    """The incident's toll from its figures in order, as English reads it (incidents.combine_counts): the
    latest update ("rose to 83"), else the first, a vague one ("عشرات") giving way to a precise one and a
    lower bound ("more than 100") to the exact figure it rounded (107). An update is precise and no lower
    than the first figure: a toll that "rose" to fewer dead counts something else (one town, "dozens")."""
    lead = next((figure.count.best for figure in figures if figure.count.best is not None), None)

    def updates(figure: Figure) -> bool:
        best = figure.count.best
        return figure.update and not figure.vague and best is not None and (lead is None or best >= lead)

    # combine_counts reads vagueness off the English words; the count it chooses is given back as written.
    english = [figure.count.model_copy(update={"text": figure.english or figure.count.text}) for figure in figures]
    written = {id(count): figure.count for count, figure in zip(english, figures)}
    chosen = combine_counts(
        [
            CasualtyFigure(
                kind="killed" if figure.kind == "killed" else "injured",
                count=count,
                start=figure.start,
                end=figure.end,
                text=text[figure.start : figure.end],
                update_of_toll=updates(figure),
            )
            for count, figure in zip(english, figures)
        ]
    )
    return written.get(id(chosen), chosen) if chosen is not None else None


def extract_reduced(article: Article, doc=None) -> Extraction:
    """A French or Arabic article's incident, read with the reduced rules (module docstring); `doc`, the
    article's Doc from the language's pipeline (component "corroborate_incidents", rules "surface"), gives
    the sentences and what the surface components read in them (`doc._.surface_reading`)."""
    language = article.language or ""
    lexicon = load_lexicon(language)
    note = reduced_rules_note(language)
    text = article.text
    published = article.published or publication_date_from_text(text, language)
    # The lead is the first sentence with an event word or a figure; the incident is told in the lead's
    # paragraph (a later paragraph may be another story), so reading stops at the paragraph's end.
    # A lead whose paragraph gives no figure (a headline, a hard-wrapped line) is told on in the first
    # later paragraph that gives one.
    read: list[Sentence] = []
    told: list[tuple[Sentence, list[_Trigger], list[Figure]]] = []
    # A lead that names no weapon ("at least 30 were killed.") takes its cause from the next paragraphs.
    telling = False  # the current paragraph tells the incident
    following: list[tuple[Sentence, list[_Trigger], list[Figure]]] = []  # the paragraphs after the incident's
    paragraphs_after = 0
    if doc is not None:
        reading = SurfaceReading.of_doc(doc, language)
    else:
        reading = SurfaceReading(text, language, _iter_sentences(text, language))
    sentences = iter(reading.sentences)
    unread: list[Sentence] = []  # the sentence reading stopped at
    for sentence in sentences:
        new_paragraph = bool(read) and "\n" in text[read[-1].end : sentence.start]
        if (following or paragraphs_after) and new_paragraph:
            paragraphs_after += 1
        if following or (new_paragraph and telling and any(figures for _, _, figures in told)):
            known = any(t.info.cause for _, triggers, _ in told + following for t in triggers)
            if known or paragraphs_after >= CAUSE_PARAGRAPHS:
                unread.append(sentence)
                break
            following.append((sentence, reading.triggers(sentence), []))
            read.append(sentence)
            continue
        if new_paragraph and telling:
            telling = False
        read.append(sentence)
        triggers, figures = reading.triggers(sentence), reading.figures(sentence)
        if telling or figures or (not told and any(t.info.violent for t in triggers)):
            told.append((sentence, triggers, figures))
            telling = True
    notes = [note] + ([] if published else ["no publication date: relative dates are left unresolved"])
    if published and not article.published:
        notes.append(f"publication date {published} read from the text")
    if not told:
        return Extraction.for_article(article, [], notes)

    # The sentences after the lead that do not tell its figures: a perpetrator named later, other incidents.
    rest = [s for s in read + unread + list(sentences) if s.start > told[0][0].start and all(s is not t for t, _, _ in told)]
    claims: list[Claim] = []
    sources: dict[Sentence, Optional[Source]] = {}
    named: Optional[Source] = None
    for sentence in sorted(read + rest, key=lambda s: s.start):
        if sentence in sources:
            continue
        source = reading.source(sentence)
        if source is not None and source.name == SAME_SOURCE:
            source = named  # "a précisé l'ONG", "وفق المصدر نفسه": the source named before
        named = source or named
        sources[sentence] = source

    def make_claim(
        field: str,
        value,
        sentence: Sentence,
        start: int,
        end: int,
        certainty: Optional[Certainty] = None,
        claimant: Optional[str] = None,
    ) -> Claim:
        """A claim in the sentence's voice: its source's (reported) or the outlet's (asserted), unless the
        rule read how firmly (an accusation: alleged) or who says it (the actor claiming or denying)."""
        source = sources[sentence]
        said_by = claimant or (source.name if source else joined_source([], article.outlet))
        return Claim(
            field=field,
            value=value,
            source=said_by,
            certainty=certainty or (Certainty.reported if source else Certainty.asserted),
            evidence=Evidence(start=start, end=end, sentence=sentence.text),
        )

    def claim(*args, **kwargs) -> None:
        claims.append(make_claim(*args, **kwargs))

    lead_sentence, lead_triggers, _ = told[0]
    # Cause: the lead's weapon words, else those of the first later sentence that names a weapon.
    between = ((s, reading.triggers(s)) for s in read if s.start > lead_sentence.start and all(s is not t for t, _, _ in told))
    caused = next(
        (
            (s, t)
            for s, t in chain(((s, t) for s, t, _ in told), between, ((s, t) for s, t, _ in following))
            if any(x.info.cause for x in t)
        ),
        None,
    )
    cause = choose_cause(x.info.cause for x in caused[1] if x.info.cause) if caused else "unknown"
    if caused:
        for trigger in caused[1]:
            if trigger.info.cause:
                claim("cause", trigger.info.cause, caused[0], trigger.start, trigger.end)

    killed: list[Figure] = []
    injured: list[Figure] = []
    civilians: list[Figure] = []
    for sentence, _, figures in told:
        for figure in figures:
            (killed if figure.kind == "killed" else injured).append(figure)
            if figure.kind == "killed" and figure.civilians:
                civilians.append(figure)
            value = figure.count.best if figure.count.best is not None else figure.count.text
            claim(f"casualties.{figure.kind}", value, sentence, figure.start, figure.end)
    victims: dict[str, CasualtyCount] = {}
    for sentence, _, figures in told:  # the breakdown of the lead's toll: the first figure of each group
        for part in groups_in(sentence, text, lexicon) if any(f.kind == "killed" for f in figures) else []:
            if part.group not in victims:
                victims[part.group] = part.count
                claim(f"casualties.victims.{part.group}", part.count.best, sentence, part.start, part.end)
    casualties = Casualties(
        killed=_toll(killed, text),
        injured=_toll(injured, text),
        victims=Victims(civilians=_toll(civilians, text)).model_copy(update=victims),
    )

    date_mention = None
    lead_sentence_of_date: Optional[Sentence] = None
    for sentence, triggers, _ in told:  # the lead's date, else the first sentence of its paragraph that has one
        violent_at = [t.start for t in triggers if t.info.violent]
        mentions = [m for m in reading.dates(sentence, published) if not _on_a_date_line(m, text, language)]
        date_mention = choose_date(mentions, violent_at)
        if date_mention is not None:
            lead_sentence_of_date = sentence
            break
    if date_mention is None:  # a retrospective opens with the event's full date ("التاريخ 25 أيار 2012. الحدث ...")
        date_mention, lead_sentence_of_date = _opening_full_date(read[: read.index(lead_sentence)], reading, published)
    if date_mention is not None:
        date = date_mention.date
        claim("date", date.start.isoformat() if date.start else date.text, lead_sentence_of_date, date_mention.start, date_mention.end)
    else:
        date = date_of_publication(published)
    years = anniversary_years(f"{article.title or ''}\n{text}", language)
    if years and published:
        date = anniversary_date(date, published, years)
        notes.append(f"anniversary piece: the event is dated {years} years before the publication")

    # The place: the lead's, else that of the first later sentence that names one.
    placed = next(((s, m) for s, _, _ in told if (m := _choose_place(reading.places(s))) is not None), None)
    if placed is None:  # the lead names a country at most: the first later sentence about the violence that names a place
        violent_later = (s for s in rest if any(t.info.violent for t in reading.triggers(s)))
        placed = next(((s, m) for s in violent_later if (m := _choose_place(reading.places(s))) is not None), None)
    location = placed[1].place if placed else Place()
    if placed is not None:
        place_sentence, place_mention = placed
        claim("location", location.name, place_sentence, place_mention.start, place_mention.end)

    story_country = location.country or home_country(text, lexicon.language)
    actor_sentences = [s for s, _, _ in told]
    perpetrators = _perpetrators(actor_sentences, reading, claim, story_country)
    if not perpetrators:  # the lead names none: a later sentence about the violence may ("... اتهم X بارتكاب المجزرة")
        violent_rest = [s for s in rest if any(t.info.violent for t in reading.triggers(s))]
        perpetrators = _perpetrators(violent_rest, reading, claim, story_country)
        actor_sentences += violent_rest if perpetrators else []
    actors = perpetrators + _sponsors(actor_sentences, reading, claim, perpetrators)

    all_triggers = [t.info for _, triggers, _ in told for t in triggers]
    event_type, sub_event_type = classify_event(
        [t.info for t in lead_triggers] or all_triggers,
        cause,
        civilian_victims=bool(civilians),
        state_perpetrator=(perpetrators[0].type == ActorType.state_forces) if perpetrators else None,
    )
    incident = Incident(
        id="i1",
        event_type=event_type,
        sub_event_type=sub_event_type,
        violent=True,
        cause=cause,
        date=date,
        location=location,
        actors=actors,
        casualties=casualties,
        claims=claims,
        summary=lead_sentence.text.strip(),
    )
    others = _other_incidents(incident, rest, reading, published, make_claim) if casualties.killed else []
    if others:
        notes.append(f"{len(others)} other incident(s) told later in the article, each from its own place or date and toll")
    extraction = Extraction.for_article(article, [incident, *others], notes)
    if published and not article.published:
        extraction.article = extraction.article.model_copy(update={"published": published, "published_from": "text"})
    return extraction
