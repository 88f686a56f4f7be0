"""Arabic tolls as wire copy writes them: risen and reached tolls, martyrs, number words with their counted noun,
hedges, and the incident's toll before the war's running total. Every sentence is invented."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.extract.multilingual import figures_in, load_lexicon, sentences_of
from corroborate.extract.pipeline import extract_text
from corroborate.models import Extraction


def killed(text: str) -> int | None:
    extraction: Extraction = extract_text(text, published=dt.date(2024, 3, 12))
    assert extraction.article.language == "ar"
    toll = extraction.incidents[0].casualties.killed if extraction.incidents else None
    return toll.best if toll is not None else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("دمشق - ارتفعت حصيلة ضحايا القصف على مدينة حلب إلى 23 قتيلا، بحسب مصدر طبي.", 23),
        ("صنعاء - بلغت حصيلة الغارة على سوق في صعدة 18 قتيلا، بحسب مصادر طبية.", 18),
        ("بغداد - حصيلة التفجير بلغت 35 قتيلا في مدينة الصدر.", 35),
        ("غزة - استشهد 15 فلسطينيا في غارة إسرائيلية على مخيم جباليا أمس الثلاثاء.", 15),
        ("غزة - أعلنت وزارة الصحة استشهاد 9 فلسطينيين في قصف إسرائيلي على رفح.", 9),
        ("دمشق - سقط 14 قتيلا في قصف على مدينة دوما بريف دمشق.", 14),
        ("درعا - سقوط 5 قتلى في قصف لقوات النظام على درعا.", 5),
        ("غزة - 20 شهيدا في قصف إسرائيلي على منزل في رفح.", 20),
        ("الموصل - مقتل 13 مدنيا في غارة للتحالف الدولي على الموصل.", 13),
        ("الخرطوم - لقي 11 مدنيا مصرعهم في قصف مدفعي على مدينة الفاشر.", 11),
        ("إدلب - قتل نحو 20 مدنيا في قصف جوي على بلدة سراقب.", 20),
        ("إدلب - قتل قرابة 30 مدنيا في غارات روسية على إدلب.", 30),
        ("حلب - قتل ما لا يقل عن 25 شخصا في غارات على مدينة حلب.", 25),
        ("حمص - قتل ثلاثة عشر مدنيا في قصف على مدينة حمص.", 13),
        ("حلب - قتل ستة وعشرون مدنيا في غارات على مدينة حلب.", 26),
        ("حلب - قتل أربعون مدنيا في غارات على مدينة حلب.", 40),
        ("حلب - قتل ثلاثين مدنيا على الأقل في غارات على مدينة حلب.", 30),
        ("غزة - ارتفعت حصيلة الغارة الإسرائيلية على رفح إلى ثلاثين شهيدا.", 30),
        ("غزة - ارتفعت حصيلة الشهداء في القصف الإسرائيلي على رفح إلى 23 شهيدا و40 جريحا.", 23),
    ],
)
def test_arabic_toll_forms(text: str, expected: int) -> None:
    assert killed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بغداد - تفجير انتحاري يودي بحياة 16 شخصا في بغداد.", 16),
        ("غزة - غارة إسرائيلية تودي بحياة 8 فلسطينيين في رفح.", 8),
        ("غزة - غارة إسرائيلية تقتل 8 فلسطينيين في رفح.", 8),
    ],
)
def test_headline_present_tense(text: str, expected: int) -> None:
    assert killed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بغداد - قتل 4 أشخاص في تفجير في بغداد. وارتفعت حصيلة التفجير إلى 9 قتلى.", 9),
        ("غزة - قتل 20 فلسطينيا في غارة إسرائيلية على رفح، لترتفع الحصيلة إلى 26 قتيلا بعد وفاة 6 جرحى.", 26),
        ("غزة - توفي 3 جرحى متأثرين بجروحهم، ما يرفع حصيلة الغارة الإسرائيلية على رفح إلى 25 شهيدا.", 25),
    ],
)
def test_the_risen_toll_replaces_the_first(text: str, expected: int) -> None:
    assert killed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("صنعاء - قتل 8 مدنيين في غارة للتحالف على صعدة، ليرتفع عدد القتلى منذ بدء الحرب إلى 10000.", 8),
        ("غزة - استشهد 12 فلسطينيا في قصف إسرائيلي على رفح، ما يرفع حصيلة الشهداء منذ بدء الحرب إلى 30000 شهيد.", 12),
    ],
)
def test_the_incident_toll_before_the_running_total_is_kept_the_total_is_not(text: str, expected: int) -> None:
    assert killed(text) == expected


def test_a_running_total_alone_is_no_toll() -> None:
    lexicon = load_lexicon("ar")
    text = "قتل أكثر من 300 ألف شخص، منذ بدء الحرب في سوريا عام 2011."
    assert [f for sentence in sentences_of(text, "ar") for f in figures_in(sentence, text, lexicon)] == []


@pytest.mark.parametrize(
    "text",
    [
        "بغداد - أسفر التفجير عن مقتل وإصابة 25 شخصا في بغداد.",
        "حلب - قتل وجرح 30 شخصا في قصف على حلب.",
    ],
)
def test_killed_or_wounded_is_not_killed(text: str) -> None:
    assert killed(text) is None
