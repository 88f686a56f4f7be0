"""Where the publication date came from, and a bare weekday, are stored and read back."""

from __future__ import annotations

import datetime as dt

from corroborate.models import IncidentDate
from tests.store.conftest import make_article, make_extraction

STORY = "Shelling on an invented village killed 9 people on Friday. Rescue went on all night."


def test_database_dates_published_from_and_weekday_round_trip(store):
    article = make_article(STORY, url="https://example.org/2016/09/16/x", published=dt.date(2016, 9, 16), published_from="url")
    extraction = make_extraction(article)
    partial = IncidentDate(text="Friday", weekday=4)
    extraction.incidents[0] = extraction.incidents[0].model_copy(update={"date": partial})
    store.save_extractions([(article, extraction)])
    assert store.article(article.id).published_from == "url"
    read = store.extraction(article.id)
    assert read.article.published_from == "url"
    assert read.incidents[0].date == partial
