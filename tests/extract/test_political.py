"""Political events (PLOVER types) on invented sentences: who acts towards whom, how firmly, and what is no event."""

from __future__ import annotations

import pytest

from corroborate.extract.pipeline import extract_text
from corroborate.models import Certainty, Incident

pytestmark = pytest.mark.model


def events(text: str) -> list[Incident]:
    return [i for i in extract_text(text, timeout=None).incidents if i.plover_type is not None]


def parties(incident: Incident, role: str) -> set[str]:
    return {a.name for a in incident.actors if a.role == role}


def type_claim(incident: Incident):
    return next(c for c in incident.claims if c.field == "plover_type")


def test_political_coordinated_actors_are_each_an_actor():
    (aid,) = events("The US, the EU, Turkey, Saudi Arabia and Qatar provide arms to the rebels.")
    assert aid.plover_type == "AID" and aid.plover_mode == "arms"
    assert parties(aid, "actor") == {"United States", "European Union", "Turkey", "Saudi Arabia", "Qatar"}
    assert parties(aid, "recipient") == {"Armed opposition"}
    assert (aid.event_type, aid.sub_event_type, aid.violent, aid.cause) == ("Strategic developments", "Other", False, "unknown")
    assert {c.field for c in aid.claims} >= {"plover_type", "actors.actor", "actors.recipient"}
    claim = type_claim(aid)
    assert claim.certainty == Certainty.asserted
    assert claim.evidence.sentence.startswith("The US, the EU")


def test_political_denial_is_denied_never_happened():
    (aid,) = events("Turkey denied arming the rebels.")
    assert aid.plover_type == "AID" and parties(aid, "actor") == {"Turkey"} and parties(aid, "recipient") == {"Armed opposition"}
    claim = type_claim(aid)
    assert claim.certainty == Certainty.denied
    assert claim.source == "Turkey"


def test_political_promise_of_aid_is_agree():
    (promise,) = events("France will send weapons to the rebels.")
    assert (promise.plover_type, promise.plover_mode) == ("AGREE", "arms")
    assert parties(promise, "actor") == {"France"} and parties(promise, "recipient") == {"Armed opposition"}
    (pledge,) = events("Qatar pledged to supply weapons to the rebels.")
    assert pledge.plover_type == "AGREE"


def test_political_reported_speech_keeps_the_inner_speaker():
    (aid,) = events("The Syrian government said that Russian officials told it that Iran supplied weapons to Hezbollah.")
    assert aid.plover_type == "AID" and parties(aid, "actor") == {"Iran"} and parties(aid, "recipient") == {"Hezbollah"}
    claim = type_claim(aid)
    assert claim.source == "Russia"
    assert claim.certainty == Certainty.reported


def test_political_hedge_makes_it_alleged():
    (aid,) = events("Qatar reportedly provides arms to the rebels.")
    assert type_claim(aid).certainty == Certainty.alleged


def test_political_accusation_content_is_alleged():
    found = events("Syria accuses Qatar of arming the rebels.")
    accuse = next(i for i in found if i.plover_type == "ACCUSE")
    assert parties(accuse, "actor") == {"Syrian government"} and parties(accuse, "recipient") == {"Qatar"}
    assert type_claim(accuse).certainty == Certainty.asserted
    aid = next(i for i in found if i.plover_type == "AID")
    assert parties(aid, "actor") == {"Qatar"} and parties(aid, "recipient") == {"Armed opposition"}
    assert type_claim(aid).certainty == Certainty.alleged
    assert type_claim(aid).source == "Syrian government"


def test_political_label_is_no_event():
    assert events("US-backed rebels attacked the town of Manbij on Sunday, killing four soldiers.") == []


def test_political_no_actor_no_event():
    assert events("Foreign actors support the militants.") == []
    assert events("The rebels received weapons.") == []


def test_political_weighed_or_negated_is_no_event():
    assert events("Officials are reviewing options for arming the rebels.") == []
    assert events("Turkey did not arm the rebels.") == []


def test_political_veto_is_reject_veto():
    (veto,) = events("Russia and China vetoed a French draft resolution at the Security Council.")
    assert (veto.plover_type, veto.plover_mode) == ("REJECT", "veto")
    assert parties(veto, "actor") == {"Russia", "China"}
    assert parties(veto, "recipient") == {"France"}


def test_political_request_names_whom_it_calls_on():
    (request,) = events("The Arab League called on the United Nations to send inspectors.")
    assert request.plover_type == "REQUEST"
    assert parties(request, "actor") == {"Arab League"} and parties(request, "recipient") == {"United Nations"}
    assert type_claim(request).source == "Arab League"


def test_political_backing_by_a_force_is_aid_of_that_form():
    found = events("Syrian troops backed by Russian jets advanced on the town.")
    (aid,) = [i for i in found if i.plover_type == "AID"]
    assert aid.plover_mode == "air-support"
    assert parties(aid, "actor") == {"Russia"} and parties(aid, "recipient") == {"Syrian Arab Army"}


def test_political_relative_clause_backing_is_support():
    (support,) = events("Fighting continued near the border with Turkey, which supports the rebels.")
    assert support.plover_type == "SUPPORT"
    assert parties(support, "actor") == {"Turkey"} and parties(support, "recipient") == {"Armed opposition"}


def test_political_component_is_registered(nlp):
    assert "corroborate_political" in nlp.pipe_names
    assert nlp.pipe_names.index("corroborate_political") < nlp.pipe_names.index("corroborate_incidents")
    doc = nlp("Russia vetoed a French draft resolution.")
    assert [event.type for event in doc._.political] == ["REJECT"]
    assert [span.label_ for span in doc.spans["political"]] == ["REJECT"]


def test_political_quotation_inside_a_quotation_keeps_the_inner_speaker():
    (aid,) = events('The Syrian government said on Monday: "Turkish officials told us that Qatar is arming the rebels."')
    assert parties(aid, "actor") == {"Qatar"} and parties(aid, "recipient") == {"Armed opposition"}
    assert (type_claim(aid).source, type_claim(aid).certainty) == ("Turkey", Certainty.reported)
    (quoted,) = events('Channel 4 quoted the Qatari foreign minister as saying: "Iran sends weapons to Hezbollah."')
    assert type_claim(quoted).source == "Qatar"


def test_political_factions_that_agree_are_those_the_next_sentence_lists():
    text = (
        "Five armed factions in the north announced on Monday that they agreed to form a joint operations room. "
        "A source said the Levant Front, Jaish al-Nasr and Faylaq al-Sham are part of the room."
    )
    (agree,) = [i for i in events(text) if i.plover_type == "AGREE"]
    assert parties(agree, "actor") == parties(agree, "recipient") == {"Levant Front", "Jaish al-Nasr", "Faylaq al-Sham"}
    assert not [i for i in events(text) if i.plover_type == "COOPERATE"]  # the room is what they agreed on


def test_political_a_word_of_armed_groups_never_stands_for_states():
    text = "Russia and Turkey held talks in Ankara. The factions agreed to a truce."
    assert not [i for i in events(text) if i.plover_type == "AGREE"]


def test_political_a_withdrawal_leaving_a_party_is_made_to_it():
    (retreat,) = events("The Syrian army pulled out of the northern towns last year, leaving the Kurds to fend for themselves.")
    assert (retreat.plover_type, retreat.plover_mode) == ("RETREAT", "withdraw")
    assert parties(retreat, "actor") == {"Syrian Arab Army"} and parties(retreat, "recipient") == {"Kurdish forces"}


def test_political_support_of_a_noun_is_given_by_who_does_it():
    (aid,) = events("Moscow began its intervention in support of the Syrian government in September.")
    assert aid.plover_type == "AID"
    assert parties(aid, "actor") == {"Russia"} and parties(aid, "recipient") == {"Syrian government"}


def test_political_a_nationality_in_a_title_is_the_state():
    (talks,) = events("Meanwhile, British Foreign Secretary William Hague arrived in Washington on Wednesday for discussions on Syria.")
    assert talks.plover_type == "CONSULT"
    assert parties(talks, "actor") == {"United Kingdom"} and parties(talks, "recipient") == {"United States"}


def test_political_an_inspectors_visit_is_no_consultation():
    assert not events("The news coincides with a visit to Damascus by a United Nations team of chemical weapons experts.")
    (visit,) = events("The UN envoy visited Damascus on Monday to discuss the report of the inspectors.")
    assert visit.plover_type == "CONSULT" and parties(visit, "actor") == {"United Nations"}


def test_political_a_lifted_sanction_is_conceded_by_who_imposed_it():
    (lifting,) = events("Britain and France succeeded in overturning an EU arms embargo on Iran.")
    assert lifting.plover_type == "CONCEDE"
    assert parties(lifting, "actor") == {"European Union"} and parties(lifting, "recipient") == {"Iran"}
    (own,) = events("The European Union lifted its sanctions on Iran on Monday.")
    assert parties(own, "actor") == {"European Union"} and parties(own, "recipient") == {"Iran"}


def test_political_relief_to_a_place_goes_to_its_people():
    (aid,) = events("Russia delivered humanitarian aid to Aleppo on Monday. Rebels of the Free Syrian Army attacked the town.")
    assert (aid.plover_type, aid.plover_mode) == ("AID", "humanitarian")
    assert parties(aid, "actor") == {"Russia"} and parties(aid, "recipient") == {"Civilians"}  # never the rebels named after


def test_political_the_passive_subject_does_the_participle_act():
    (aid,) = events("A Russian helicopter was shot down on Monday after delivering humanitarian aid to Aleppo.")
    assert aid.plover_type == "AID" and parties(aid, "actor") == {"Russia"} and parties(aid, "recipient") == {"Civilians"}


def test_political_giving_backing_is_support_not_aid():
    found = events("Syria has charged that Israel is giving the rebels covert backing.")
    assert {i.plover_type for i in found if parties(i, "actor") == {"Israel"}} == {"SUPPORT"}


def test_political_an_act_one_fails_to_do_is_none():
    assert not [i for i in events("Qatar said the United States failed to offer assistance to the rebels.") if i.plover_type == "AID"]
    assert not [i for i in events("Britain declined to arm the rebels.") if i.plover_type in ("AID", "AGREE")]


def test_political_backing_as_a_purpose_is_backed_by_the_main_clause_subject():
    (aid,) = events("The US-led coalition is carrying out airstrikes near Raqqa to support the offensive of the Syrian Democratic Forces.")
    assert aid.plover_type == "AID"  # backing an offensive is material help
    assert parties(aid, "actor") == {"US-led coalition"} and parties(aid, "recipient") == {"Syrian Democratic Forces"}


def test_political_who_receives_backing_is_its_recipient():
    (support,) = events("The rebels have received support from Turkey.")
    assert support.plover_type == "SUPPORT"
    assert parties(support, "actor") == {"Turkey"} and parties(support, "recipient") == {"Armed opposition"}
    (backing,) = events("The Free Syrian Army enjoys the backing of Qatar.")
    assert parties(backing, "actor") == {"Qatar"} and parties(backing, "recipient") == {"Free Syrian Army"}
    (aid,) = events("The Kurdish militias received American aid.")
    assert aid.plover_type == "AID" and parties(aid, "actor") == {"United States"}


def test_political_a_cancelled_visit_is_none():
    assert not [i for i in events("The British Foreign Secretary cancelled a visit to Moscow.") if i.plover_type == "CONSULT"]


def test_political_relief_only_let_in_goes_to_no_one():
    found = events("The US and Russia agreed to halt bombing and let humanitarian aid into Aleppo.")
    assert not [i for i in found if i.plover_type == "AID"]


def test_political_backing_against_an_enemy_backs_the_other_with_what_the_main_clause_sends():
    found = events("Russia deployed warplanes to Syria last year to support President Bashar al-Assad against rebels.")
    (aid,) = [i for i in found if i.plover_type in ("AID", "SUPPORT")]
    assert (aid.plover_type, aid.plover_mode) == ("AID", "air-support")
    assert parties(aid, "actor") == {"Russia"} and parties(aid, "recipient") == {"Syrian government"}


def test_political_censure_from_a_critic_is_its_accusation():
    (censure,) = events("Russia drew criticism from France over the raids.")
    assert (censure.plover_type, censure.plover_mode) == ("ACCUSE", "disapprove")
    assert parties(censure, "actor") == {"France"} and parties(censure, "recipient") == {"Russia"}
    (fire,) = events("The US-led coalition came under fire from Turkey over the raid.")
    assert parties(fire, "actor") == {"Turkey"} and parties(fire, "recipient") == {"US-led coalition"}
    assert type_claim(fire).certainty == Certainty.asserted


def test_political_fire_from_forces_is_gunfire_not_censure():
    assert events("The convoy of the Syrian army came under fire from Turkish troops near Afrin.") == []


def test_political_holding_a_party_responsible_accuses_it():
    (blame,) = events("Turkey held the YPG responsible for the bombing.")
    assert (blame.plover_type, blame.plover_mode) == ("ACCUSE", "allege")
    assert parties(blame, "actor") == {"Turkey"} and parties(blame, "recipient") == {"People's Protection Units"}


def test_political_standing_ban_in_a_relative_clause():
    (ban,) = events("Jabhat al-Nusra, which is prohibited in many countries including Russia and Turkey, seized the town.")
    assert ban.plover_type == "SANCTION"
    assert parties(ban, "actor") == {"Russia", "Turkey"} and parties(ban, "recipient") == {"Al-Nusra Front"}


def test_political_participle_after_a_verb_of_saying_is_the_speakers():
    (condemnation,) = events("Turkish Foreign Minister Mevlut Cavusoglu told reporters, condemning the Syrian army's bombardment of Idlib.")
    assert condemnation.plover_type == "ACCUSE"
    assert parties(condemnation, "actor") == {"Turkey"} and parties(condemnation, "recipient") == {"Syrian Arab Army"}


def test_political_blame_beside_a_denial_is_not_denied():
    (blame,) = events("The Assad regime denied responsibility for the attack while seeking to blame opposition groups.")
    assert blame.plover_type == "ACCUSE" and parties(blame, "recipient") == {"Armed opposition"}
    assert type_claim(blame).certainty == Certainty.asserted


def test_political_saying_a_party_was_behind_it_accuses_it():
    (blame,) = events("Turkey said the YPG was behind the unrest.")
    assert (blame.plover_type, blame.plover_mode) == ("ACCUSE", "allege")
    assert parties(blame, "actor") == {"Turkey"} and parties(blame, "recipient") == {"People's Protection Units"}
    assert events("Turkey said the YPG was not behind the unrest.") == []


def test_political_a_governments_ministry_acts_for_its_state():
    (blame,) = events("The Pentagon accused the Islamic State of preparing attacks.")
    assert parties(blame, "actor") == {"United States"} and parties(blame, "recipient") == {"Islamic State"}
    assert next(a for a in blame.actors if a.role == "actor").type.value == "foreign state"


def test_political_second_verb_of_saying_keeps_its_speaker_and_own_forces_are_no_accusation():
    (blame,) = events("A Russian Defence Ministry spokesman did not say what agent was used but said the rebels had used chemical weapons.")
    assert parties(blame, "actor") == {"Russia"} and parties(blame, "recipient") == {"Armed opposition"}
    assert events("A Syrian security source acknowledged the assault but said government forces had repelled it.") == []


def test_political_saying_a_party_used_a_weapon_accuses_it():
    (blame,) = events("Turkey said the regime's use of chemical gases killed dozens.")
    assert (blame.plover_type, parties(blame, "actor"), parties(blame, "recipient")) == ("ACCUSE", {"Turkey"}, {"Syrian government"})
    (dropped,) = events("The opposition said chlorine was dropped by Russian helicopters.")
    assert parties(dropped, "recipient") == {"Russia"}
    assert events("The Syrian army said it used rockets against the rebels.") == []


def test_political_we_of_a_statement_is_the_party_that_last_spoke():
    condemnation, call = events(
        "The Syrian National Coalition condemned Russia. We call on the international community to support the rebels."
    )
    assert call.plover_type == "REQUEST"
    assert parties(call, "actor") == {"Syrian National Coalition"} and parties(call, "recipient") == {"International community"}
    assert events("We call on the international community to support the rebels.") == []
