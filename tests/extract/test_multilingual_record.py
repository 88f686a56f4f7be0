"""The full record from Arabic and French reports (issue 13, item 2): words written with vowel marks,
number words, rising tolls and war totals, relative dates against the publication date, perpetrators with
their claims and certainty, the victims' breakdown and several incidents per article. Every sentence is
invented for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.extract.incidents import main_incident
from corroborate.extract.multilingual import extract_reduced, normalise_arabic, words_of
from corroborate.models import Article, Certainty, Extraction, Incident

THURSDAY = dt.date(2016, 3, 10)


def reduced(text: str, language: str, published: dt.date | None = THURSDAY) -> Extraction:
    return extract_reduced(Article(id="a", text=text, language=language, published=published, outlet="outlet"))


def lead(text: str, language: str, published: dt.date | None = THURSDAY) -> Incident:
    return reduced(text, language, published).incidents[0]


def killed(incident: Incident) -> int | None:
    return incident.casualties.killed.best if incident.casualties.killed else None


def injured(incident: Incident) -> int | None:
    return incident.casualties.injured.best if incident.casualties.injured else None


# --------------------------------------------------------------------------- words


def test_vowel_marks_and_presentation_forms_stay_inside_their_word() -> None:
    assert [w.text for w in words_of("قُتِلَ خمسةٌ", "ar")] == ["قُتِلَ", "خمسةٌ"]
    assert normalise_arabic("اﻷطفال") == "الاطفال"  # the stored ligature lam-alef is the two letters
    assert [w.text for w in words_of("و160 جريحا", "ar")] == ["و", "160", "جريحا"]  # digits apart from the conjunction


# --------------------------------------------------------------------------- figures


@pytest.mark.parametrize(
    ("text", "dead", "hurt"),
    [
        ("قُتل أكثر من 30 شخصًا وأصيب 12 آخرون في قصف على بلدة.", 30, 12),  # marks on the verb
        ("أفاد ناشطون بمقتل شخصين في غارة على قرية.", 2, None),  # dual: two people
        ("سقط قتيلان في انفجار عبوة ناسفة.", 2, None),  # the dual says what it counts
        ("قتل ثلاثة عشر مدنيا في قصف مدفعي.", 13, None),  # units then ten
        ("أسفرت الغارة عن سقوط 12 قتيلاً و30 جريحاً.", 12, 30),
        ("قال المسعفون إن 9 أشخاص قتلوا، وأصيب نحو مئة آخرين، في الانفجار.", 9, 100),  # a verb with its suffix
        ("سقط عشرات القتلى والجرحى في قصف على المدينة.", None, None),  # killed and wounded together
        ("أفادت الشرطة بمقتل أو إصابة 20 شخصا في الهجوم.", None, None),  # killed or wounded
        ("حصد الهجوم أرواح 15 شخصا في المدينة.", 15, None),  # took the lives of
        ("أعدم المسلحون 12 رجلا في القرية.", 12, None),  # executed
        ("قضى 9 أشخاص في غارة جوية على البلدة.", 9, None),  # perished (singular verb)
        ("استشهدت 4 نساء في قصف على الحي.", 4, None),  # a feminine verb
        ("ارتفع عدد الوفيات إلى 30 جراء القصف.", 30, None),  # deaths
        ("أسفر القصف عن مقتل طفلين في القرية.", 2, None),  # dual: two children
        ("Au moins 15 personnes ont été tuées et 40 blessées dans un bombardement.", 15, 40),
        ("Dix personnes ont été tuées ou blessées dans une explosion.", None, None),
    ],
)
def test_killed_and_injured_figures(text: str, dead: int | None, hurt: int | None) -> None:
    language = "fr" if text[0].isascii() else "ar"
    incidents = reduced(text, language).incidents
    incident = incidents[0] if incidents else None
    assert (killed(incident) if incident else None, injured(incident) if incident else None) == (dead, hurt)


@pytest.mark.parametrize(
    ("text", "language", "dead"),
    [
        ("قتل 20 شخصا في غارة على البلدة. وقال المرصد لاحقا إن عدد القتلى في الغارة ارتفع إلى 26.", "ar", 26),
        ("ارتفع عدد القتلى في قصف السوق إلى 41 شخصا، بعد حصيلة أولية بلغت 30.", "ar", 41),
        ("Un attentat a fait 12 morts samedi. Le bilan s'est ensuite alourdi à 19 morts.", "fr", 19),
        # A toll that "rose" to fewer dead counts something else (one town, "dozens"): the first stays.
        ("قتل 50 شخصا في مجزرة القرية. وارتفع عدد القتلى في البلدة المجاورة إلى 8.", "ar", 50),
        ("قتل عشرات في القصف. وأعلن المسعفون لاحقا أن 23 شخصا قتلوا.", "ar", 23),  # vague, then precise
    ],
)
def test_a_rising_toll_takes_the_later_higher_figure(text: str, language: str, dead: int) -> None:
    assert killed(lead(text, language)) == dead


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("وأسفرت المعارك منذ ثلاثة أيام عن مقتل 200 شخص.", "ar"),
        ("قتل أكثر من 300 ألف شخص منذ بدء النزاع.", "ar"),
        ("Depuis trois semaines, les combats ont fait 150 morts.", "fr"),
    ],
)
def test_a_sum_over_days_or_the_war_is_no_incident_toll(text: str, language: str) -> None:
    incidents = reduced(text, language).incidents
    assert not incidents or killed(incidents[0]) is None


def test_the_victims_breakdown() -> None:
    incident = lead("قتل 30 مدنيا بينهم 12 طفلا و5 نساء في غارة على البلدة.", "ar")
    victims = incident.casualties.victims
    assert (killed(incident), victims.children and victims.children.best, victims.women and victims.women.best) == (30, 12, 5)
    assert {c.field for c in incident.claims} >= {"casualties.victims.children", "casualties.victims.women"}
    french = lead("Au moins 20 civils, dont 6 enfants, ont été tués mardi dans une frappe.", "fr").casualties.victims
    assert french.children is not None and french.children.best == 6


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        ("قتل 5 أشخاص اليوم في غارة على القرية.", "ar", THURSDAY),
        ("قتل 5 أشخاص أمس في غارة على القرية.", "ar", dt.date(2016, 3, 9)),
        ("قتل 5 أشخاص أول أمس في غارة على القرية.", "ar", dt.date(2016, 3, 8)),
        ("قتل 5 أشخاص الليلة الماضية في غارة على القرية.", "ar", dt.date(2016, 3, 9)),
        ("قتل 5 أشخاص يوم الأحد في غارة على القرية.", "ar", dt.date(2016, 3, 6)),
        ("قتل 5 أشخاص الأحد الماضي في غارة على القرية.", "ar", dt.date(2016, 3, 6)),
        ("قتل 5 أشخاص في 3 شباط في غارة على القرية.", "ar", dt.date(2016, 2, 3)),  # Levantine month
        ("قتل 5 أشخاص في 3 فبراير في غارة على القرية.", "ar", dt.date(2016, 2, 3)),  # transliterated month
        ("قتل 5 أشخاص في ٣ كانون الثاني ٢٠١٦ في غارة على القرية.", "ar", dt.date(2016, 1, 3)),  # Eastern digits
        ("قتل 5 أشخاص في الخامس والعشرين من شباط في غارة على القرية.", "ar", dt.date(2016, 2, 25)),  # ordinal day
        ("Cinq personnes ont été tuées hier dans une frappe.", "fr", dt.date(2016, 3, 9)),
        ("Cinq personnes ont été tuées samedi dans une frappe.", "fr", dt.date(2016, 3, 5)),
        ("Cinq personnes ont été tuées dimanche dernier dans une frappe.", "fr", dt.date(2016, 3, 6)),
        ("Cinq personnes ont été tuées le 3 mars dans une frappe.", "fr", dt.date(2016, 3, 3)),
        ("Cinq personnes ont été tuées le premier mars dans une frappe.", "fr", dt.date(2016, 3, 1)),
    ],
)
def test_relative_and_written_dates_resolved_against_the_publication(text: str, language: str, day: dt.date) -> None:
    date = lead(text, language).date
    assert (date.start, date.precision.value) == (day, "day")


def test_a_day_word_inside_a_sources_name_is_no_date() -> None:
    incident = lead("أفاد مراسل قناة روسيا اليوم بمقتل شخصين في قصف على القرية يوم الثلاثاء.", "ar")
    assert (incident.date.start, incident.date.text) == (dt.date(2016, 3, 8), "الثلاثاء")  # not "اليوم" of "Russia Today"
    assert {c.source for c in incident.claims if c.field == "casualties.killed"} == {"RT"}


def test_without_a_publication_date_a_weekday_stays_unresolved() -> None:
    date = lead("قتل 5 أشخاص يوم الأحد في غارة على القرية.", "ar", published=None).date
    assert (date.start, date.weekday) == (None, 6)


# --------------------------------------------------------------------------- perpetrators


def perpetrator_claims(incident: Incident) -> list[tuple[str, str, Certainty]]:
    return [(str(c.value), c.source, c.certainty) for c in incident.claims if c.field == "actors.perpetrator"]


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("قتل 12 مدنيا في مجزرة ارتكبتها قوات النظام في القرية.", "ar", ["Syrian Arab Army"]),
        ("قتل 12 مدنيا على يد عناصر تنظيم الدولة في القرية.", "ar", ["Islamic State"]),
        ("قصفت قوات الأسد البلدة فقتل 7 أشخاص.", "ar", ["Syrian Arab Army"]),  # the verb before its subject
        ("قال شهود إن الجيش السوري نفذ غارات قتلت 6 أشخاص.", "ar", ["Syrian Arab Army"]),  # the subject before its verb
        ("وقتل 4 طلاب. وقال مصدر إن المعارضة المسلحة هي التي قصفت السكن.", "ar", ["Armed opposition"]),
        ("قتل 20 شخصا في هجوم صاروخي روسي على المحطة.", "ar", ["Russia"]),  # a nationality, as English "Russian"
        ("قتل 9 أشخاص في قصف على مواقع المعارضة المسلحة.", "ar", []),  # the target
        ("Douze civils ont été tués mardi par les forces du régime.", "fr", ["Syrian Arab Army"]),  # the passive's agent
        ("Six morts jeudi dans une ville tenue par les rebelles.", "fr", []),  # "par" after no violence: who holds the town
        ("Des frappes contre les rebelles ont tué dix combattants.", "fr", []),  # the target
    ],
)
def test_perpetrators_from_the_cues(text: str, language: str, names: list[str]) -> None:
    assert [a.name for a in lead(text, language).actors] == names


def test_an_accusation_is_alleged_in_the_accusers_voice() -> None:
    incident = lead("Les rebelles accusent le régime d'avoir bombardé le marché, faisant 25 morts.", "fr")
    assert perpetrator_claims(incident) == [("Syrian government", "Armed opposition", Certainty.alleged)]
    arabic = lead("قتل 100 شخص في المجزرة، بحسب ناشطين، متهمين قوات النظام بارتكابها.", "ar")
    assert perpetrator_claims(arabic) == [("Syrian Arab Army", "ناشطين", Certainty.alleged)]


def test_a_claim_of_responsibility_is_in_the_claimants_voice_and_a_denial_is_kept() -> None:
    claimed = lead("L'attentat, qui a fait 20 morts, a été revendiqué par le groupe État islamique.", "fr")
    assert perpetrator_claims(claimed) == [("Islamic State", "Islamic State", Certainty.reported)]
    denied = lead("قتل 30 شخصا في غارات للطيران الروسي على البلدة. ونفت روسيا استهداف المدنيين.", "ar")
    assert ("Russia", "Russia", Certainty.denied) not in perpetrator_claims(denied)  # Russia is not named perpetrator here
    both = lead("قتل 30 شخصا في هجوم صاروخي روسي على البلدة. ونفت روسيا أي هجوم.", "ar")
    assert ("Russia", "Russia", Certainty.denied) in perpetrator_claims(both)
    assert [a.name for a in both.actors] == ["Russia"]


def test_a_perpetrator_named_after_the_lead_paragraph() -> None:
    text = "قتل 40 شخصا في مجزرة في القرية.\n\nواتهم ناشطون قوات النظام بارتكاب المجزرة."
    incident = lead(text, "ar")
    assert [(a.name, c) for a in incident.actors for _, _, c in perpetrator_claims(incident)] == [("Syrian Arab Army", Certainty.alleged)]


# --------------------------------------------------------------------------- several incidents


def test_another_place_with_its_own_toll_is_another_incident_and_the_main_comes_first() -> None:
    text = (
        "قتل 22 شخصا أمس في تفجير سيارة مفخخة في مدينة إدلب.\n\n"
        "وكان المرصد قد أفاد عن ارتفاع عدد القتلى الذين سقطوا في انفجار جامعة حلب الثلاثاء إلى 87."
    )
    first, second = reduced(text, "ar").incidents
    assert (first.location.name, killed(first)) == ("Idlib", 22)
    assert (second.id, second.location.name, killed(second), second.aside) == ("i2", "Aleppo", 87, False)
    assert main_incident([first, second]) is first


def test_an_earlier_event_recalled_is_aside() -> None:
    text = "قتل 15 شخصا اليوم في قصف على حلب.\n\nوكانت غارة على حمص في 3 كانون الثاني قد قتلت 34 شخصا."
    first, recalled = reduced(text, "ar").incidents
    assert killed(first) == 15 and (recalled.location.name, killed(recalled), recalled.aside) == ("Homs", 34, True)


def test_the_same_event_retold_or_a_regional_sum_is_no_other_incident() -> None:
    retold = "قتل 80 شخصا في تفجير في جامعة حلب.\n\nوقال المحافظ إن 82 شخصا قتلوا في التفجير في حلب."
    assert len(reduced(retold, "ar").incidents) == 1
    summed = "قتل 140 شخصا في مجزرة في قرية قرب حماة.\n\nوارتفع عدد القتلى في عموم سوريا أمس إلى 130 في معارك في دمشق."
    assert len(reduced(summed, "ar").incidents) == 1
