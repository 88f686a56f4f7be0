"""Truthful incidents on invented multi-paragraph reports: restatements, hedged causes, uncounted
hostages, parts of a toll and the figures that refine it."""

from __future__ import annotations

import datetime as dt

import pytest

from corroborate.extract.casualties import CasualtyFigure
from corroborate.extract.incidents import combine_counts, main_incident, whole_over_part
from corroborate.extract.numbers import parse_count
from corroborate.extract.pipeline import extract_text
from corroborate.models import Certainty

pytestmark = pytest.mark.model


def violent(text: str) -> list:
    return [i for i in extract_text(text, published=dt.date(2015, 3, 12)).incidents if i.violent]


def figure(text: str, group: str | None = None, **flags: bool) -> CasualtyFigure:
    return CasualtyFigure(kind="killed", count=parse_count(text), group=group, start=0, end=len(text), text=text, **flags)


def test_incidents_statement_retelling_the_massacre_is_the_same_incident():
    incidents = violent(
        "On Monday, militants stormed the village of Kafr Nabl in Idlib province, massacring 40 civilians.\n\n"
        "Witnesses said the attackers came at dawn.\n\n"
        "The prime minister called the massacre a crime against humanity.\n\n"
        "Thousands marched in Beirut on Tuesday to denounce the massacre. Organisers said the crowd was the largest "
        "in years. A statement released after the march said:\n\n"
        "“Our people have been massacred again, as the gangs destroyed a peaceful village, slaughtering its residents.”"
    )
    assert len(incidents) == 1
    assert incidents[0].casualties.killed.best == 40


def test_incidents_two_towns_two_days_stay_two_incidents():
    incidents = violent(
        "On Monday, militants stormed the village of Kafr Nabl in Idlib province, massacring 40 civilians.\n\n"
        "On Wednesday, government shelling killed 12 people in the city of Douma in Rural Damascus."
    )
    assert [i.casualties.killed.best for i in incidents] == [40, 12]


def test_incidents_hedged_weapon_is_a_claim_not_the_cause():
    (incident,) = violent(
        "A massacre in the village of Kafr Nabl in Idlib province killed 30 people on Monday.\n\n"
        "Activists said there were claims that chemical weapons may have been used in the attack."
    )
    assert incident.cause != "chemical"
    chemical = [c for c in incident.claims if c.field == "cause" and c.value == "chemical"]
    assert chemical and all(c.certainty == Certainty.alleged for c in chemical)


def test_incidents_uncounted_hostages_are_recorded_without_a_number():
    (incident,) = violent(
        "Militants killed 20 villagers in the town of Kafr Nabl in Idlib province on Monday. "
        "The assailants also abducted a group of women and children."
    )
    abducted = incident.casualties.abducted
    assert abducted is not None and abducted.best is None and abducted.low is None
    assert "women and children" in abducted.text
    assert any(c.field == "casualties.abducted" for c in incident.claims)


def test_incidents_war_total_in_a_relative_clause_is_not_a_toll():
    (incident,) = violent(
        "Shelling killed nine people in the town of Douma in Rural Damascus on Friday, in an uprising in which "
        "10,000 have died. The conflict, which has killed more than 80,000 people, shows no sign of ending."
    )
    assert incident.casualties.killed.best == 9


def test_incidents_one_man_s_count_of_children_gives_way_to_the_massacre_toll():
    (incident,) = violent(
        "A man in the town of Kafr Nabl in Idlib province said he had washed the bodies of nine slain children, "
        "one of whom was a baby.\n\n"
        "The bodies of 64 people killed, most of them women and children, filled rooms of the mosque."
    )
    assert incident.casualties.killed.best == 64


def test_incidents_one_family_s_dead_give_way_to_the_massacre_toll():
    (incident,) = violent(
        "When Ahmad came back to the village of Kafr Nabl in Idlib province that night, he found the burned "
        "corpses of his mother, father, two sisters and one brother.\n\n"
        "The massacre of at least 48 people in the village shocked the province."
    )
    assert incident.casualties.killed.best == 48


def test_incidents_part_of_a_stated_whole_is_not_the_toll():
    (incident,) = violent(
        "The UN says less than 20 of 75 victims of the massacre in the village of Kafr Nabl in Idlib were killed by artillery fire."
    )
    assert incident.casualties.killed.best == 75
    (incident,) = violent(
        "Militants committed a massacre in the village of Kafr Nabl in Idlib that took the lives of nearly 30 "
        "children out of a total of 75 civilians."
    )
    assert incident.casualties.killed.best == 75
    assert incident.casualties.victims.children.best == 30


def test_incidents_lower_bound_gives_way_to_the_exact_figure_it_rounded():
    (incident,) = violent(
        "Two explosions hit the university of Aleppo on Tuesday, killing more than 50 people and wounding dozens.\n\n"
        "The Syrian Observatory for Human Rights said 53 people were killed."
    )
    assert incident.casualties.killed.best == 53


def test_incidents_combine_counts_narrows_a_bound_only_to_a_close_exact_figure():
    assert combine_counts([figure("more than 80"), figure("83")]).best == 83
    assert combine_counts([figure("at least 55"), figure("between 87 and 100")]).best == 55
    assert combine_counts([figure("more than 20"), figure("43")]).best == 20  # other dead
    assert combine_counts([figure("80"), figure("83")]).best == 80  # an exact figure stays
    assert combine_counts([figure("more than 100"), figure("at least 108")]).best == 108
    assert combine_counts([figure("more than 92"), figure("at least 109")]).best == 92


def test_incidents_whole_over_part_keeps_a_lead_of_civilians_or_fighters():
    assert whole_over_part([figure("nine", "children"), figure("108")], [False, False]) == 1
    assert whole_over_part([figure("two", of_one_family=True), figure("70")], [False, False]) == 1
    assert whole_over_part([figure("25", "combatants"), figure("40")], [False, False]) == 0
    assert whole_over_part([figure("a woman", "women"), figure("30")], [False, True]) == 0  # another day


def test_incidents_main_incident_toll_of_a_feature_report():
    extraction = extract_text(
        "A man in the town of Kafr Nabl in Idlib province said he had washed the bodies of nine slain children.\n\n"
        "The bodies of 64 people killed, most of them women and children, filled rooms of the mosque."
    )
    assert main_incident(extraction.incidents).casualties.killed.best == 64


def test_incidents_earlier_massacre_a_sentence_dates_its_own_by_is_not_this_incident():
    """A report on a second massacre names the first one's place and toll: neither is this incident's."""
    incidents = violent(
        "Ahmad, from a small village in Idlib province, left for work on Wednesday morning not knowing that he "
        "would find most residents of his village dead.\n\n"
        "When Ahmad came back that night, he found the corpses of his mother, father and two sisters.\n\n"
        "The massacre of at least 48 people in Kafr Nabl in Idlib province was the second mass killing in less "
        "than two weeks, following the murder of around 90 civilians in the town of Douma in Rural Damascus."
    )
    main = main_incident(incidents)
    assert main.casualties.killed.best == 48
    assert main.location.admin1 == "Idlib"
    assert all(i.casualties.killed is None or i.casualties.killed.best != 90 for i in incidents)


def test_incidents_toll_told_by_its_own_clause_after_an_earlier_attack_is_kept():
    (incident,) = violent(
        "Just days after a deadly chemical attack a woman was killed and 25 others on a bus were wounded in a "
        "town south of the city of Homs on Saturday."
    )
    assert incident.casualties.injured.best == 25
    assert incident.casualties.victims.women.best == 1


def test_incidents_reports_of_another_weapon_retell_the_massacre():
    """'There were reports that children had been stabbed': a claim about the massacre told, not a new one."""
    incidents = violent(
        "Gunmen killed 64 people in the village of Kafr Nabl in Idlib province on Friday.\n\n"
        "Images showed bodies sprawled on blood-smeared floors. Children were missing limbs. Mourners gathered "
        "outside the mosque. While many young victims were apparently shot, there were reports that children had "
        "been stabbed to death."
    )
    assert len(incidents) == 1
    assert incidents[0].casualties.killed.best == 64
    assert incidents[0].cause != "other"
    stabbed = [c for c in incidents[0].claims if c.field == "cause" and c.value == "other"]
    assert stabbed and all(c.certainty == Certainty.alleged for c in stabbed)


def test_incidents_group_among_a_numbered_whole_is_a_part():
    (incident,) = violent(
        "Shelling hit the village of Kafr Nabl in Idlib province on Friday.\n\n30 children among at least 75 killed in attack, UN says"
    )
    assert incident.casualties.killed.best == 75
    assert incident.casualties.victims.children.best == 30
