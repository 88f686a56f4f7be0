"""Checking linked incidents against reference records: loaders, matching, verdicts and the `check` command.

The reference files in tests/fixtures/reference/ and the incidents below are
invented (see the README there); no spaCy model is loaded.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Optional

import pytest
from typer.testing import CliRunner

from corroborate.check import (
    ClaimCheck,
    ReferenceEvent,
    ReferenceFigure,
    Verdict,
    canonical_admin1,
    check_linked,
    claimed_range,
    load_reference,
    mark,
    parse_reference_date,
)
from corroborate.cli import EXIT_DOCUMENT_ERRORS, EXIT_OK, EXIT_USAGE, app
from corroborate.errors import ConfigurationError, DocumentError
from corroborate.link import link_incidents
from corroborate.models import (
    Article,
    ArticleHeader,
    Casualties,
    CasualtyCount,
    Certainty,
    Claim,
    Evidence,
    Extraction,
    Incident,
    IncidentDate,
    Place,
    PlacePrecision,
    Precision,
    Victims,
)
from corroborate.service import link
from corroborate.store import open_database
from tests.credibility_reports import DAY, SARAQIB

FIXTURES = Path(__file__).parent / "fixtures" / "reference"

# Places as the extractor resolves them (coordinates from the bundled gazetteer); SARAQIB, like DAY, is the credibility fixtures'.
ARIHA = Place(
    name="Arīḩā", admin1="Idlib", admin2="Ariha District", country="SY", lat=35.81374, lon=36.60964, precision=PlacePrecision.exact
)
DOUMA = Place(name="Dūmā", admin1="Rural Damascus", country="SY", lat=33.57175, lon=36.4027, precision=PlacePrecision.exact)
KHAN_SHAYKHUN = Place(name="Khān Shaykhūn", admin1="Idlib", country="SY", lat=35.44208, lon=36.65095, precision=PlacePrecision.exact)
DEIR_EZ_ZOR_PROVINCE = Place(
    name="Deir ez-Zor", admin1="Deir ez-Zor", country="SY", lat=35.02351, lon=40.47018, precision=PlacePrecision.admin1
)
IDLIB_CITY = Place(name="Idlib", admin1="Idlib", country="SY", lat=35.93062, lon=36.63393, precision=PlacePrecision.exact)


def count(text: str, low: Optional[int], best: Optional[int], high: Optional[int]) -> CasualtyCount:
    return CasualtyCount(low=low, best=best, high=high, text=text)


def exact(number: int) -> CasualtyCount:
    return count(str(number), number, number, number)


def report(
    outlet: str,
    place: Place,
    killed: Optional[CasualtyCount],
    *,
    day: dt.date = DAY,
    precision: Precision = Precision.day,
    end: Optional[dt.date] = None,
    event_type: str = "Explosions/Remote violence",
    cause: str = "airstrike",
    said_by: str = "the Syrian Observatory for Human Rights",
    victims: Optional[Victims] = None,
) -> Extraction:
    """One article telling one incident, its killed figure attributed to `said_by`."""
    sentence = f"{killed.text if killed else 'People'} were killed in {place.name}, {said_by} said."
    claims = []
    if killed is not None:
        claims.append(
            Claim(
                field="casualties.killed",
                value=killed.best,
                source=said_by,
                certainty=Certainty.reported,
                evidence=Evidence(start=0, end=len(sentence), sentence=sentence),
            )
        )
    incident = Incident(
        id="i1",
        event_type=event_type,  # type: ignore[arg-type]
        sub_event_type="Air/drone strike",
        violent=True,
        cause=cause,  # type: ignore[arg-type]
        date=IncidentDate(start=day, end=end or day, precision=precision),
        location=place,
        casualties=Casualties(killed=killed, victims=victims or Victims()),
        claims=claims,
        summary=sentence,
    )
    article_id = f"{outlet}-{day.isoformat()}-{place.name}"
    return Extraction(article=ArticleHeader(id=article_id, outlet=outlet, published=day), incidents=[incident])


def run_check(extractions: list[Extraction], reference: list[ReferenceEvent], **options) -> list[ClaimCheck]:
    linked = link_incidents(extractions)
    return check_linked(linked, reference, {e.article.id: e for e in extractions}, **options)


def ucdp_event(
    id: str, place: Place, best: int, *, low=None, high=None, day=DAY, end=None, event_type="Battles", **fields
) -> ReferenceEvent:
    return ReferenceEvent(
        id=id,
        dataset="ucdp",
        date_start=day,
        date_end=end or day,
        country="SY",
        admin1=place.admin1,
        place=place.name,
        lat=place.lat,
        lon=place.lon,
        event_type=event_type,
        killed_low=best if low is None else low,
        killed_best=best,
        killed_high=best if high is None else high,
        **fields,
    )


def only(checks: list[ClaimCheck], outlet: str, field: str = "killed") -> ClaimCheck:
    found = [check for check in checks if check.outlet == outlet and check.field == field]
    assert len(found) == 1, checks
    return found[0]


# --------------------------------------------------------------------------- loaders


def test_check_load_ucdp_reads_ranges_breakdown_and_divisions() -> None:
    events = {event.id: event for event in load_reference(FIXTURES / "ucdp.csv", "ucdp")}
    assert len(events) == 7
    split = events["900101"]
    assert (split.killed_low, split.killed_best, split.killed_high) == (14, 15, 18)
    assert split.date_start == split.date_end == DAY  # "2023-03-14 00:00:00.000"
    assert (split.country, split.admin1, split.admin2) == ("SY", "Idlib", "Idlib")
    # deaths_unknown widens the civilian and combatant counts into ranges
    assert (split.civilians, split.civilians_high, split.combatants, split.combatants_high) == (12, 13, 2, 3)
    assert events["900104"].admin1 == "Rural Damascus"  # "Rif Dimashq governorate"
    assert events["900104"].event_type == "Violence against civilians"  # type_of_violence 3
    assert events["900106"].admin1 == "Deir ez-Zor"  # "Dayr Az Zawr governorate"
    assert events["900106"].place_precision == PlacePrecision.admin1  # where_prec 4
    assert events["900107"].date_end == dt.date(2023, 3, 7)


def test_check_load_acled_reads_both_date_forms_and_governorate_spellings() -> None:
    events = {event.id: event for event in load_reference(FIXTURES / "acled.csv", "acled")}
    assert events["SYR90001"].date_start == DAY  # 2023-03-14
    assert events["SYR90002"].date_start == dt.date(2023, 3, 16)  # 16 March 2023
    assert {events[i].admin1 for i in ("SYR90002", "SYR90003")} == {"Deir ez-Zor"}  # Deir-ez-Zor, Dayr Az Zawr
    assert events["SYR90001"].admin1 == "Idlib"  # Idleb
    assert (events["SYR90001"].killed_low, events["SYR90001"].killed_high) == (24, 24)
    assert events["SYR90001"].cause == "airstrike"
    # time_precision 3 (month) and 2 (week) become date ranges
    assert (events["SYR90003"].date_start, events["SYR90003"].date_end) == (dt.date(2023, 3, 1), dt.date(2023, 3, 31))
    assert (events["SYR90004"].date_start, events["SYR90004"].date_end) == (dt.date(2023, 3, 17), dt.date(2023, 3, 23))


@pytest.mark.parametrize(
    "written, expected",
    [
        ("2013-06-11", dt.date(2013, 6, 11)),
        ("11 June 2013", dt.date(2013, 6, 11)),
        ("11-Jun-2013", dt.date(2013, 6, 11)),
        ("2013-06-11 00:00:00.000", dt.date(2013, 6, 11)),
    ],
)
def test_check_reference_dates(written: str, expected: dt.date) -> None:
    assert parse_reference_date(written) == expected


@pytest.mark.parametrize("spelling", ["Dayr Az Zawr", "Deir ez-Zor", "Deir Ezzor", "Dayr Az Zawr governorate", "Deir-ez-Zor"])
def test_check_governorate_spellings_are_one_division(spelling: str) -> None:
    assert canonical_admin1(spelling, "SY") == "Deir ez-Zor"


def test_check_load_victims_groups_people_by_day_and_place() -> None:
    events = {event.id: event for event in load_reference(FIXTURES / "victims.csv", "victims")}
    assert set(events) == {
        "2023-03-14/Saraqib/Idlib",
        "2023-03-18/Al Mayadin/Deir ez-Zor",  # "Deir Ezzor", "Dayr Az Zawr" and "Deir ez-Zor" rows are one event
        "2023-03-12/Douma/Rural Damascus",
        "2023-03-12/Hamouriyeh/Rural Damascus",
    }
    saraqib = events["2023-03-14/Saraqib/Idlib"]
    assert saraqib.killed_best == 6
    assert (saraqib.civilians, saraqib.civilians_high) == (4, 5)  # one person of unknown status
    assert (saraqib.combatants, saraqib.combatants_high) == (1, 2)
    assert (saraqib.children, saraqib.children_high) == (2, 3)  # one of unknown age
    assert (saraqib.women, saraqib.women_high) == (1, 1)  # a girl is a child, not a woman
    assert (saraqib.cause, saraqib.event_type) == ("airstrike", "Explosions/Remote violence")  # "Warplane shelling"
    assert saraqib.lat == pytest.approx(35.86447) and saraqib.place_precision == PlacePrecision.exact
    douma = events["2023-03-12/Douma/Rural Damascus"]
    assert (douma.cause, douma.event_type, douma.killed_best) == ("execution", "Violence against civilians", 2)
    unknown_town = events["2023-03-12/Hamouriyeh/Rural Damascus"]
    assert unknown_town.lat is None and unknown_town.place_precision == PlacePrecision.admin1


@pytest.mark.parametrize(
    "name, format, kept, bad_lines",
    [
        ("ucdp_bad_rows.csv", "ucdp", 1, {3: "unreadable date", 4: "best is not a number", 5: "not in order", 6: "type_of_violence"}),
        ("acled_bad_rows.csv", "acled", 1, {3: "unreadable date", 4: "latitude out of range", 5: "unknown ACLED event_type"}),
        ("victims_bad_rows.csv", "victims", 1, {3: "neither place nor governorate", 4: "unreadable date"}),
    ],
)
def test_check_bad_row_is_skipped_and_reported(name: str, format: str, kept: int, bad_lines: dict[int, str]) -> None:
    reported: list[DocumentError] = []
    events = load_reference(FIXTURES / name, format, on_bad_row=reported.append)
    assert len(events) == kept
    assert {int(error.document.rsplit("line ", 1)[1]): error.reason for error in reported}.keys() == bad_lines.keys()
    for error in reported:
        line = int(error.document.rsplit("line ", 1)[1])
        assert error.document.startswith(str(FIXTURES / name))
        assert bad_lines[line] in error.reason
        assert "\n" not in str(error)


def test_check_unusable_files_are_one_line_configuration_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match=r"ucdp_missing_columns.csv: not a UCDP GED file: missing columns date_start, best$"):
        load_reference(FIXTURES / "ucdp_missing_columns.csv", "ucdp")
    with pytest.raises(ConfigurationError, match="no such reference file"):
        load_reference(tmp_path / "absent.csv", "acled")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"id,date_start,best\n\xff\xfe\x00\x01")
    with pytest.raises(ConfigurationError, match="not UTF-8"):
        load_reference(binary, "ucdp")
    header_only = tmp_path / "header_only.csv"
    header_only.write_text("event_id_cnty,event_date,event_type,fatalities\n")
    with pytest.raises(ConfigurationError, match="no usable ACLED export rows"):
        load_reference(header_only, "acled")
    with pytest.raises(ConfigurationError, match="unknown reference format"):
        load_reference(FIXTURES / "ucdp.csv", "gdelt")


# --------------------------------------------------------------------------- matching


def test_check_date_window_edge() -> None:
    reference = [ucdp_event("1", SARAQIB, 20, day=DAY + dt.timedelta(days=2), event_type="Explosions/Remote violence")]
    extractions = [report("A", SARAQIB, exact(20))]
    assert only(run_check(extractions, reference, window_days=2), "A").verdict == Verdict.consistent
    missed = only(run_check(extractions, reference, window_days=1), "A")
    assert missed.verdict == Verdict.unmatched
    assert "no UCDP event within 1 days of Saraqib, Idlib on 2023-03-14" in missed.reasons[0]


def test_check_coarse_dates_must_overlap() -> None:
    week = [report("A", SARAQIB, exact(20), day=dt.date(2023, 3, 13), end=dt.date(2023, 3, 19), precision=Precision.week)]
    inside = [ucdp_event("1", SARAQIB, 20, day=dt.date(2023, 3, 19))]
    after = [ucdp_event("1", SARAQIB, 20, day=dt.date(2023, 3, 20))]
    assert only(run_check(week, inside), "A").verdict == Verdict.consistent
    assert only(run_check(week, after), "A").verdict == Verdict.unmatched  # one day outside the week: no window for coarse dates


def test_check_distance_when_both_located_division_otherwise() -> None:
    saraqib_event = ucdp_event("1", SARAQIB, 20)
    ariha_18_km_away = [report("A", ARIHA, exact(20))]
    assert only(run_check(ariha_18_km_away, [saraqib_event]), "A").verdict == Verdict.consistent
    assert only(run_check(ariha_18_km_away, [saraqib_event], max_km=10), "A").verdict == Verdict.unmatched
    # same governorate but both located farther apart than max_km: different places
    assert only(run_check([report("A", KHAN_SHAYKHUN, exact(20))], [saraqib_event]), "A").verdict == Verdict.unmatched
    # only the governorate known on our side: the division decides
    province = [report("A", DEIR_EZ_ZOR_PROVINCE, exact(9), day=dt.date(2023, 3, 16), event_type="Battles", cause="shooting")]
    events = load_reference(FIXTURES / "acled.csv", "acled")  # SYR90002 at Al Mayadin that day; SYR90003 all March in the governorate
    check = only(run_check(province, events), "A")
    assert check.reference_ids == ["SYR90002"] and "place (both in Deir ez-Zor)" in check.reasons[2]
    assert "also matching but less close: ACLED SYR90003" in check.reasons[3]


def test_check_type_mismatch_stays_unmatched() -> None:
    one_sided = [ucdp_event("5", KHAN_SHAYKHUN, 4, day=dt.date(2023, 3, 20), event_type="Violence against civilians")]
    battle = [report("A", KHAN_SHAYKHUN, exact(4), day=dt.date(2023, 3, 20), event_type="Battles", cause="shooting")]
    check = only(run_check(battle, one_sided), "A")
    assert check.verdict == Verdict.unmatched
    assert (
        "UCDP 5 at Khān Shaykhūn, Idlib on 2023-03-20 is Violence against civilians, not compatible with this incident's Battles"
        in check.reasons[0]
    )
    # a bombardment may be the attack on civilians another coder saw
    strike = [report("A", KHAN_SHAYKHUN, exact(4), day=dt.date(2023, 3, 20))]
    assert only(run_check(strike, one_sided), "A").verdict == Verdict.consistent


def test_check_split_ucdp_events_of_one_day_and_place_are_summed() -> None:
    events = load_reference(FIXTURES / "ucdp.csv", "ucdp")
    check = only(run_check([report("A", SARAQIB, exact(24))], events), "A")
    assert check.reference_ids == ["900101", "900102"]  # Ariha's 900103 is within 25 km but farther
    assert (check.reference_low, check.reference_best, check.reference_high) == (22, 24, 28)
    assert check.verdict == Verdict.consistent
    assert any("2 UCDP events of one day and place are summed" in reason for reason in check.reasons)
    assert any("also matching but less close: UCDP 900103" in reason for reason in check.reasons)


def test_check_closest_place_wins() -> None:
    events = load_reference(FIXTURES / "ucdp.csv", "ucdp")
    check = only(run_check([report("A", ARIHA, exact(5))], events), "A")
    assert check.reference_ids == ["900103"]


def test_check_unknown_date_or_place_is_unmatched_with_the_reason() -> None:
    events = load_reference(FIXTURES / "ucdp.csv", "ucdp")
    nowhere = Place(name="Syria", country="SY", precision=PlacePrecision.country)
    check = only(run_check([report("A", nowhere, exact(5))], events), "A")
    assert check.verdict == Verdict.unmatched and "not known below the country" in check.reasons[0]


# --------------------------------------------------------------------------- verdicts


def test_check_each_verdict_with_readable_reasons() -> None:
    events = load_reference(FIXTURES / "ucdp.csv", "ucdp")  # Saraqib: 900101 + 900102 = 24 (low 22, high 28)
    extractions = [
        report("Consistent Daily", SARAQIB, exact(26)),
        report("Inflating Herald", SARAQIB, exact(60), said_by="Regime-Watch TV"),
        report("Deflating Post", SARAQIB, exact(5), said_by="state media"),
        report("Far Away Times", DOUMA, exact(9), day=dt.date(2023, 4, 30)),
    ]
    checks = run_check(extractions, events)
    inflated = only(checks, "Inflating Herald")
    assert inflated.verdict == Verdict.inflated
    assert inflated.reasons[0] == (
        "Regime-Watch TV claims 60 killed; UCDP 900101, 900102 give 24 (low 22, high 28) for Saraqib town, Idlib on 2023-03-14"
    )
    assert inflated.reasons[1].startswith("inflated: above the reference high 28 plus the tolerance")
    assert only(checks, "Deflating Post").verdict == Verdict.deflated
    assert only(checks, "Consistent Daily").verdict == Verdict.consistent
    far = only(checks, "Far Away Times")
    assert far.verdict == Verdict.unmatched and far.reference_ids == [] and far.reference_best is None
    assert far.reasons[0].startswith("the Syrian Observatory for Human Rights claims 9 killed; no UCDP event within 2 days")


@pytest.mark.parametrize(
    "claimed, verdict",
    [
        (exact(50), Verdict.consistent),  # the reference high
        (exact(55), Verdict.consistent),  # high 50 + 10% = 55
        (exact(56), Verdict.inflated),
        (exact(36), Verdict.consistent),  # low 40 - 10% = 36
        (exact(35), Verdict.deflated),
        (count("at least 20", 20, 20, None), Verdict.consistent),  # no ceiling: never deflated
        (count("at least 60", 60, 60, None), Verdict.inflated),
        (count("between 20 and 37", 20, 20, 37), Verdict.consistent),
        (count("nearly 30", None, 30, 30), Verdict.deflated),
    ],
)
def test_check_tolerance_ten_percent(claimed: CasualtyCount, verdict: Verdict) -> None:
    assert mark(claimed, ReferenceFigure(low=40, best=45, high=50))[0] == verdict


@pytest.mark.parametrize(
    "claimed, verdict",
    [
        (exact(7), Verdict.consistent),
        (exact(8), Verdict.inflated),
        (exact(1), Verdict.deflated),
        (exact(2), Verdict.deflated),
        (exact(3), Verdict.consistent),
    ],
)
def test_check_tolerance_at_least_two(claimed: CasualtyCount, verdict: Verdict) -> None:
    assert mark(claimed, ReferenceFigure(low=5, best=5, high=5))[0] == verdict


def test_check_claimed_range_keeps_the_hedge() -> None:
    assert claimed_range(count("at least 60", 60, 60, None)) == (60, None)
    assert claimed_range(count("about 50", None, 50, None)) == (50, 50)
    assert claimed_range(count("up to 30", None, None, 30)) == (30, 30)
    assert claimed_range(CasualtyCount()) is None


def test_check_victims_breakdown_against_a_victims_list() -> None:
    events = load_reference(FIXTURES / "victims.csv", "victims")  # Saraqib: 6 killed, civilians 4-5, children 2-3, women 1
    victims = Victims(civilians=exact(5), children=exact(9), women=exact(1))
    checks = run_check([report("A", SARAQIB, exact(6), victims=victims)], events)
    assert {check.field: check.verdict for check in checks} == {
        "killed": Verdict.consistent,
        "civilians": Verdict.consistent,
        "children": Verdict.inflated,
        "women": Verdict.consistent,
    }
    children = only(checks, "A", "children")
    assert (children.reference_low, children.reference_high) == (2, 3)
    assert "claims 9 children killed; victims list 2023-03-14/Saraqib/Idlib gives 2 (up to 3" in children.reasons[0]


def test_check_acled_gives_no_breakdown_so_only_killed_is_checked() -> None:
    events = load_reference(FIXTURES / "acled.csv", "acled")
    checks = run_check([report("A", SARAQIB, exact(23), victims=Victims(children=exact(5)))], events)
    assert [(check.field, check.verdict) for check in checks] == [("killed", Verdict.consistent)]


def test_check_unmatched_marks_every_claim() -> None:
    events = load_reference(FIXTURES / "victims.csv", "victims")
    checks = run_check([report("A", IDLIB_CITY, exact(6), day=dt.date(2023, 5, 1), victims=Victims(children=exact(2)))], events)
    assert [(check.field, check.verdict) for check in checks] == [("killed", Verdict.unmatched), ("children", Verdict.unmatched)]


def test_check_superseded_figure_says_so() -> None:
    events = load_reference(FIXTURES / "ucdp.csv", "ucdp")
    early = report("Early", SARAQIB, exact(12))
    late = report("Late", SARAQIB, exact(24), day=DAY)
    late.incidents[0].claims[0].evidence = Evidence(start=0, end=40, sentence="The death toll rose to 24, rescuers said.")
    late.article.published = DAY + dt.timedelta(days=1)
    checks = run_check([early, late], events)
    assert only(checks, "Early").verdict == Verdict.deflated
    assert "an earlier stage of a toll that a later report updated" in only(checks, "Early").reasons[-1]
    assert only(checks, "Late").verdict == Verdict.consistent


# --------------------------------------------------------------------------- the command


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A small database of four invented articles, linked: three tell the Saraqib strike, one a Douma execution."""
    extractions = [
        report("Levant Daily", SARAQIB, exact(24)),
        report("Orontes Post", SARAQIB, count("at least 60", 60, 60, None), said_by="Regime-Watch TV"),
        report("North Syria Wire", SARAQIB, exact(5), said_by="state media"),
        report("Damascus Echo", DOUMA, exact(7), day=dt.date(2023, 3, 12), event_type="Violence against civilians", cause="execution"),
    ]
    path = str(tmp_path / "check.db")
    with open_database(path) as store:
        store.save_extractions(
            (Article(id=e.article.id, text=e.incidents[0].summary, outlet=e.article.outlet, published=e.article.published), e)
            for e in extractions
        )
        link(store)  # reads never link: linking is its own step
    return path


def test_check_command_end_to_end(db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["check", "--reference", str(FIXTURES / "ucdp.csv"), "--reference-format", "ucdp", "--db", db, "--format", "jsonl"]
    )
    assert result.exit_code == EXIT_OK, result.output
    checks = [ClaimCheck.model_validate(json.loads(line)) for line in result.stdout.splitlines()]
    assert {check.outlet: check.verdict for check in checks} == {
        "Levant Daily": Verdict.consistent,
        "Orontes Post": Verdict.inflated,
        "North Syria Wire": Verdict.deflated,
        "Damascus Echo": Verdict.consistent,
    }
    assert (
        "checked 4 claims of 2 linked incidents against 7 ucdp events: 2 consistent, 1 inflated, 1 deflated, 0 unmatched" in result.stderr
    )
    table = runner.invoke(app, ["check", "-r", str(FIXTURES / "victims.csv"), "--reference-format", "victims", "--db", db])
    assert table.exit_code == EXIT_OK, table.output
    assert "claims by verdict" in table.stdout and "Orontes Post" in table.stdout and "inflated" in table.stdout


def test_check_command_bad_reference_file_is_one_line_exit_2(db: str) -> None:
    result = CliRunner().invoke(app, ["check", "-r", str(FIXTURES / "ucdp_missing_columns.csv"), "--reference-format", "ucdp", "--db", db])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr.strip().splitlines() == [
        f"error: {FIXTURES / 'ucdp_missing_columns.csv'}: not a UCDP GED file: missing columns date_start, best"
    ]
    assert result.stdout == ""


def test_check_command_bad_rows_are_reported_and_exit_1(db: str) -> None:
    result = CliRunner().invoke(
        app, ["check", "-r", str(FIXTURES / "acled_bad_rows.csv"), "--reference-format", "acled", "--db", db, "--format", "json"]
    )
    assert result.exit_code == EXIT_DOCUMENT_ERRORS
    assert result.stderr.count("acled_bad_rows.csv, line") == 3
    assert len(json.loads(result.stdout)) == 4


@pytest.mark.model
def test_check_extracted_reports_of_the_linking_fixtures() -> None:
    """The invented Saraqib strike told by four outlets (tests/fixtures/linking), extracted and linked for real."""
    from corroborate.extract.pipeline import extract_text

    linking = Path(__file__).parent / "fixtures" / "linking"
    published = {
        "levant_daily": DAY,
        "idlib_today": DAY,
        "orontes_post": DAY + dt.timedelta(days=1),
        "north_syria_wire": DAY + dt.timedelta(days=2),
        "ariha_same_day": DAY,
        "saraqib_three_weeks_later": dt.date(2023, 4, 5),
    }
    extractions = [
        extract_text((linking / f"{outlet}.txt").read_text(encoding="utf-8"), published=day, outlet=outlet)
        for outlet, day in published.items()
    ]
    checks = run_check(extractions, load_reference(FIXTURES / "ucdp.csv", "ucdp"))
    verdicts = {(check.outlet, check.field): check.verdict for check in checks}
    assert verdicts[("north_syria_wire", "killed")] == Verdict.consistent  # 26 against 24 (22-28)
    assert verdicts[("orontes_post", "civilians")] == Verdict.consistent  # 23 civilians against 21 (up to 22)
    assert verdicts[("ariha_same_day", "killed")] == Verdict.consistent  # 5 against Ariha's own 900103
    assert verdicts[("saraqib_three_weeks_later", "killed")] == Verdict.unmatched
    assert {tuple(check.reference_ids) for check in checks if check.outlet in ("levant_daily", "orontes_post")} == {("900101", "900102")}


def test_check_command_help_has_examples() -> None:
    result = CliRunner().invoke(app, ["check", "--help"])
    assert result.exit_code == 0 and "--reference-format" in result.output and "corroborate check" in result.output


def test_check_reference_formats_one_option_each():
    """The CLI's choices (check_options, importable without the gazetteer) are the formats check reads."""
    from corroborate.check import REFERENCE_FORMATS
    from corroborate.check_options import ReferenceFormat

    assert [f.value for f in ReferenceFormat] == list(REFERENCE_FORMATS)
