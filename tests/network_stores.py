"""Hand-built stores for the actor network's tests (no model): political events and a sponsored attack.

Who says what, in invented articles: a statement says the US and Qatar arm the rebels (told by two outlets,
one of them twice); two wire copies quote officials on the same; Turkey denies arming them; Iran allegedly
sends fighters to the army; the US-led coalition blocks a Russian proposal; US-backed rebels shell a town.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from corroborate.models import (
    Actor,
    Article,
    Casualties,
    CasualtyCount,
    Claim,
    Evidence,
    Extraction,
    Incident,
    IncidentDate,
    article_id,
)
from corroborate.plover import acled_type

ACTORS = {
    "the US": ("United States", "foreign state", "US"),
    "Qatar": ("Qatar", "foreign state", "QA"),
    "Turkey": ("Turkey", "foreign state", "TR"),
    "Iran": ("Iran", "foreign state", "IR"),
    "the rebels": ("Free Syrian Army", "rebel group", "SY"),
    "the army": ("Syrian government", "state forces", "SY"),
    "the US-led coalition": ("US-led coalition", "international coalition", None),
    "Russia": ("Russia", "foreign state", "RU"),
}


@dataclass(frozen=True)
class Event:
    sentence: str
    type: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    source: str
    certainty: str
    mode: str | None = None
    day: dt.date | None = None


def actor(role: str, text: str) -> Actor:
    name, kind, country = ACTORS[text]
    return Actor(role=role, text=text, name=name, type=kind, country=country)


def evidence(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(start=start, end=start + len(sentence), sentence=sentence)


def political_article(
    text: str,
    events: list[Event],
    *,
    outlet: str,
    published: dt.date,
    url: str | None = None,
    title: str = "Report",
    original_source: str | None = None,
) -> tuple[Article, Extraction]:
    article = Article(
        id=article_id(text, url),
        text=text,
        url=url,
        title=title,
        outlet=outlet,
        published=published,
        original_source=original_source,
        language="en",
    )
    incidents = []
    for number, event in enumerate(events, start=1):
        event_type, sub_event_type = acled_type(event.type, event.mode)
        incidents.append(
            Incident(
                id=f"i{number}",
                event_type=event_type,
                sub_event_type=sub_event_type,
                violent=False,
                date=IncidentDate(start=event.day, end=event.day, precision="day") if event.day else IncidentDate(),
                actors=[actor("actor", a) for a in event.actors] + [actor("recipient", r) for r in event.recipients],
                claims=[
                    Claim(
                        field="plover_type",
                        value=event.type,
                        source=event.source,
                        certainty=event.certainty,
                        evidence=evidence(text, event.sentence),
                    )
                ],
                plover_type=event.type,
                plover_mode=event.mode,
                summary=event.sentence,
            )
        )
    return article, Extraction.for_article(article, incidents, [])


def sponsored_attack(text: str, *, outlet: str, published: dt.date, sponsor_source: str, certainty: str) -> tuple[Article, Extraction]:
    """US-backed rebels shell a town: the sponsor comes with its `actors.sponsor` claim."""
    article = Article(id=article_id(text), text=text, title="Shelling", outlet=outlet, published=published, language="en")
    incident = Incident(
        id="i1",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        violent=True,
        cause="shelling",
        date=IncidentDate(start=published, end=published, precision="day"),
        actors=[
            actor("perpetrator", "the rebels"),
            actor("sponsor", "the US"),
            Actor(role="target", text="civilians", name="Civilians", type="civilians"),
        ],
        casualties=Casualties(killed=CasualtyCount(low=3, best=3, high=3, text="three")),
        claims=[
            Claim(field="actors.sponsor", value="United States", source=sponsor_source, certainty=certainty, evidence=evidence(text, text)),
            Claim(field="actors.perpetrator", value="Free Syrian Army", source=outlet, certainty="asserted", evidence=evidence(text, text)),
        ],
        summary=text,
    )
    return article, Extraction.for_article(article, [incident], [])


STATEMENT = "A statement said the US and Qatar provide arms to the rebels."
WIRE = "Officials said the US provides arms to the rebels, in a report published by several papers on Monday morning."
DENIAL = "Turkey denied arming the rebels."
ALLEGED = "Iran allegedly sent fighters to the army."
TURKEY_ARMS = "Rebel commanders said Turkey sent them arms."
BLOCK = "The US-led coalition blocked the Russian proposal at the Security Council."
SHELLING = "US-backed rebels shelled the town, killing three, the Syrian Observatory said."


def network_extractions() -> list[tuple[Article, Extraction]]:
    aid = [
        Event(STATEMENT, "AID", ("the US",), ("the rebels",), "the statement", "reported", "arms", dt.date(2016, 3, 1)),
        Event(STATEMENT, "AID", ("Qatar",), ("the rebels",), "the statement", "reported", "arms", dt.date(2016, 3, 1)),
    ]
    return [
        political_article(STATEMENT, aid, outlet="Northern Dispatch", published=dt.date(2016, 3, 2), url="https://dispatch.example/a"),
        political_article(
            "Weapons keep crossing the northern border, and the talks in Geneva have stalled for a third week. " + STATEMENT,
            aid[:1],
            outlet="Valley Herald",
            published=dt.date(2016, 3, 2),
            url="https://herald.example/a",
        ),
        political_article(
            "Weapons keep crossing the northern border, and the talks in Geneva have stalled for a fourth week. " + STATEMENT,
            aid[:1],
            outlet="valley herald",
            published=dt.date(2016, 3, 9),
            url="https://herald.example/b",
        ),
        political_article(
            WIRE,
            [Event(WIRE, "AID", ("the US",), ("the rebels",), "Officials", "reported", "arms")],
            outlet="Other Times",
            published=dt.date(2016, 4, 4),
            url="https://other.example/wire",
            original_source="AFP",
        ),
        political_article(
            WIRE,
            [Event(WIRE, "AID", ("the US",), ("the rebels",), "Officials", "reported", "arms")],
            outlet="Fourth Post",
            published=dt.date(2016, 4, 4),
            url="https://fourth.example/wire",
            original_source="afp",
        ),
        political_article(
            DENIAL,
            [Event(DENIAL, "AID", ("Turkey",), ("the rebels",), "Turkey", "denied", "arms", dt.date(2016, 5, 1))],
            outlet="Northern Dispatch",
            published=dt.date(2016, 5, 2),
        ),
        political_article(
            TURKEY_ARMS,
            [Event(TURKEY_ARMS, "AID", ("Turkey",), ("the rebels",), "Rebel commanders", "reported", "arms", dt.date(2016, 5, 3))],
            outlet="Valley Herald",
            published=dt.date(2016, 5, 4),
        ),
        political_article(
            ALLEGED,
            [Event(ALLEGED, "AID", ("Iran",), ("the army",), "Northern Dispatch", "alleged", "fighters", dt.date(2016, 6, 1))],
            outlet="Northern Dispatch",
            published=dt.date(2016, 6, 2),
        ),
        political_article(
            BLOCK,
            [Event(BLOCK, "REJECT", ("the US-led coalition",), ("Russia",), "Valley Herald", "asserted", "block", dt.date(2016, 7, 1))],
            outlet="Valley Herald",
            published=dt.date(2016, 7, 2),
        ),
        sponsored_attack(
            SHELLING, outlet="State Wire", published=dt.date(2016, 8, 1), sponsor_source="the Syrian Observatory", certainty="reported"
        ),
    ]


HOSTILE_ACTOR = "<img src=x onerror=\"window.__pwned = 'actor'\"> Brigade"
HOSTILE_TEXT = (
    'Qatar armed the <img src=x onerror="window.__pwned = 1"> Brigade, <script>window.__pwned = "script"</script> officials said.'
)


def hostile_article() -> tuple[Article, Extraction]:
    """An event whose sentence and recipient's name are markup: the pages must show them as text."""
    article, extraction = political_article(
        HOSTILE_TEXT,
        [Event(HOSTILE_TEXT, "AID", ("Qatar",), ("the rebels",), "officials", "reported", "arms", dt.date(2016, 9, 1))],
        outlet="Northern Dispatch",
        published=dt.date(2016, 9, 2),
        title="<script>window.__pwned = 'title'</script>",
    )
    incident = extraction.incidents[0]
    incident.actors = [incident.actors[0], Actor(role="recipient", text="Brigade", name=HOSTILE_ACTOR, type="militia")]
    return article, extraction
