"""The shapes real news copy gives events in, each in sentences written for this test.

Every case is one small text, its publication date and the claims it should give: the type and,
where the case is about them, the status, the parties (compared as canonical names, so
"Washington" and "the United States" are one party), the count, the treaty and the date.
"""

from __future__ import annotations

import pytest

import claimcheck
from claimcheck.evaluate import party_names

PUB = "2023-03-10"  # a Friday

CASES = [
    # -- wire headlines and aftermath ----------------------------------------------------------
    ("headline-present", "Dozens of Russian envoys leave Berlin\n\nText follows.",
     [{"type": "expulsion", "target": ["Russia"], "actor": ["Germany"]}]),
    ("aftermath", "The diplomats ordered out last month have now departed, the ministry said.",
     [{"type": "expulsion", "status": "completed"}]),
    ("aftermath-left", "The 18 Russian staff Prague expelled on Saturday left the country on "
     "Monday.", [{"type": "expulsion", "actor": ["Czech Republic"], "target": ["Russia"],
                  "count": 18}]),
    ("headline-to-future", "Bulgaria to expel 70 Russian diplomats\n\nMore follows.",
     [{"type": "expulsion", "status": "announced", "actor": ["Bulgaria"], "target": ["Russia"],
       "count": 70}]),
    # -- idioms and counts in odd places -------------------------------------------------------
    ("partial-idiom", "Warsaw declared five Belarusian diplomats non grata on Friday.",
     [{"type": "expulsion", "actor": ["Poland"], "target": ["Belarus"], "count": 5,
       "date": "2023-03-10"}]),
    ("sending-home", "Oslo is sending 15 Russian embassy staff home.",
     [{"type": "expulsion", "actor": ["Norway"], "target": ["Russia"], "count": 15}]),
    ("given-hours", "Three Czech diplomats were given 72 hours to leave Russia.",
     [{"type": "expulsion", "actor": ["Russia"], "target": ["Czech Republic"], "count": 3}]),
    ("ousts", "Lithuania ousts Russian ambassador over Bucha killings",
     [{"type": "expulsion", "actor": ["Lithuania"], "target": ["Russia"]},
      {"type": "attack"}]),
    # -- treaties -------------------------------------------------------------------------------
    ("colloquial-exit", "Washington pulls out of the arms pact\n\nMore follows.",
     [{"type": "treaty_withdrawal", "actor": ["United States"]}]),
    ("quits", "Belarus quits the accord after weeks of talks.",
     [{"type": "treaty_withdrawal", "actor": ["Belarus"]}]),
    ("acronym-in-brackets", "Russia suspended its participation in the Conventional Armed "
     "Forces in Europe (CFE) Treaty in 2007.",
     [{"type": "treaty_withdrawal", "treaty": "CFE", "status": "suspended", "date": "2007-01-01",
       "actor": ["Russia"]}]),
    ("expires", "The New START treaty expires on 5 February.",
     [{"type": "treaty_withdrawal", "treaty": "New START"}]),
    ("ends-today-anaphora", "Negotiators failed to save the Intermediate-Range Nuclear Forces "
     "Treaty. The treaty ends today.",
     [{"type": "treaty_withdrawal", "treaty": "INF"}]),
    ("ultimatum", "Washington gave Moscow 60 days to comply with the INF treaty or face a US "
     "withdrawal.",
     [{"type": "treaty_withdrawal", "treaty": "INF", "status": "announced",
       "actor": ["United States"]}]),
    ("negated-exit", "Britain did not leave the pact.",
     [{"type": "treaty_withdrawal", "status": "not_done", "actor": ["United Kingdom"]}]),
    ("not-fully-quitting", "The government is not fully quitting the agreement, a minister "
     "said.", [{"type": "treaty_withdrawal", "status": "not_done"}]),
    # -- future measures, statuses ----------------------------------------------------------------
    ("future-measure", "Russian banks will be cut off from SWIFT, the Council said.",
     [{"type": "sanctions", "status": "announced"}]),
    ("bloc-will-halt", "The bloc will halt coal purchases from Russia from August.",
     [{"type": "sanctions", "status": "announced", "target": ["Russia"]}]),
    ("will-expel", "Norway will expel 15 officials from the Russian embassy.",
     [{"type": "expulsion", "status": "announced", "actor": ["Norway"], "target": ["Russia"],
       "count": 15}]),
    ("denied", "Minsk denied sending troops into Ukraine.",
     [{"type": "military", "status": "denied", "actor": ["Belarus"]}]),
    ("ruled-out", "The Kremlin ruled out expelling any American diplomats.",
     [{"type": "expulsion", "status": "not_done", "actor": ["Russia"],
       "target": ["United States"]}]),
    ("would-not", "Putin said Russia would not expel any US diplomats in response.",
     [{"type": "expulsion", "status": "not_done", "actor": ["Russia"],
       "target": ["United States"]}]),
    # -- elections by their result ---------------------------------------------------------------
    ("vote-share", "Maia Sandu won 55.3 percent of the vote in Sunday's runoff.",
     [{"type": "election"}, {"type": "statistic", "value": 55.3, "unit": "%"}]),
    ("defeated-rival", "The incumbent defeated her rival in the runoff on Sunday.",
     [{"type": "election"}]),
    ("second-term", "Nauseda secured a second term with 74 percent of the vote.",
     [{"type": "election"}, {"type": "statistic", "value": 74, "unit": "%"}]),
    # -- actors in the common shapes -------------------------------------------------------------
    ("progressive", "Russia is expelling 10 US diplomats.",
     [{"type": "expulsion", "actor": ["Russia"], "target": ["United States"], "count": 10}]),
    ("ministry-said-it-was", "The Russian Foreign Ministry said it was expelling two Latvian "
     "diplomats.",
     [{"type": "expulsion", "actor": ["Russia"], "target": ["Latvia"], "count": 2}]),
    ("he-said-he-was", "President Joe Biden said he was reimposing sanctions on Iran's oil "
     "sector.", [{"type": "sanctions", "actor": ["United States"], "target": ["Iran"]}]),
    ("passive-by", "Twenty diplomats were expelled by the Czech Republic.",
     [{"type": "expulsion", "actor": ["Czech Republic"], "count": 20}]),
    ("pronoun-next-sentence", "Poland summoned the Russian ambassador on Tuesday. It later "
     "expelled 45 Russian diplomats.",
     [{"type": "expulsion", "actor": ["Poland"], "target": ["Russia"], "count": 45}]),
    ("dateline-agency", "PARIS, March 4 (Agency) - France expelled six Russian diplomats.",
     [{"type": "expulsion", "actor": ["France"], "target": ["Russia"], "count": 6,
       "place": None}]),
    ("dateline-bracket", "OTTAWA [Canada], May 2 (Agency): Canada imposed sanctions on 14 "
     "Russian entities.", [{"type": "sanctions", "actor": ["Canada"], "target": ["Russia"],
                            "count": 14, "place": None}]),
    ("two-events", "Britain expelled the envoys and froze the bank's assets.",
     [{"type": "expulsion", "actor": ["United Kingdom"]},
      {"type": "sanctions", "actor": ["United Kingdom"]}]),
    ("press-release", "The Office of Foreign Assets Control designated 14 entities pursuant to "
     "Executive Order 14024.", [{"type": "sanctions", "actor": ["United States"], "count": 14}]),
    # -- government measures and military moves in more wordings ---------------------------------
    ("energy-gerund", "Gazprom stopped supplying gas to Latvia on Saturday.",
     [{"type": "policy"}]),
    ("alliance-member", "Sweden became the alliance's 32nd member on Thursday.",
     [{"type": "policy", "actor": ["Sweden"], "date": "2023-03-09"}]),
    ("certification", "Germany froze the pipeline's certification on Tuesday.",
     [{"type": "policy", "actor": ["Germany"]}]),
    ("rate-rise", "The central bank delivered a larger interest rate rise on Friday.",
     [{"type": "policy", "date": "2023-03-10"}]),
    ("began-striking", "Israel began striking air defence sites in Iran on Friday.",
     [{"type": "military", "actor": ["Israel"]}]),
    ("troops-arrived", "About 2,000 servicemen from Russia arrived in Kazakhstan on Thursday.",
     [{"type": "military", "count": 2000}]),
    ("coming-days", "Some 1,000 soldiers of the squadron will reposition to Romania in the "
     "coming days, the Pentagon said.", [{"type": "military", "status": "announced"}]),
    ("passed-act", "In March parliament passed the Foreign Agents Act.",
     [{"type": "policy", "date": "2023-03"}]),
    ("royal-assent", "The Economic Crime Act received royal assent on 15 March.",
     [{"type": "policy", "date": "2022-03-15"}]),
    ("nuclear-test", "North Korea carried out a nuclear test on Monday.",
     [{"type": "military", "actor": ["North Korea"]}]),
    ("missile-launch", "Pyongyang test-fired two ballistic missiles into the sea on Thursday.",
     [{"type": "military", "actor": ["North Korea"]}]),
    ("coup", "Soldiers of the presidential guard overthrew the president on Wednesday.",
     [{"type": "military"}]),
    ("troops-left", "The last French troops left Mali in August 2022.",
     [{"type": "military", "actor": ["France"]}]),
    ("flights-suspended", "Flights to and from Panama will be suspended from Wednesday, the "
     "transport ministry said.", [{"type": "policy", "status": "announced"}]),
    ("voted-to-ratify", "Parliament voted on Tuesday to ratify the accession protocol.",
     [{"type": "policy"}]),
    ("enriching-uranium", "Iran began enriching uranium to 60 percent at Natanz on Friday.",
     [{"type": "policy", "actor": ["Iran"]}, {"type": "statistic"}]),
    ("will-suspend", "Russia will suspend its participation in the New START treaty.",
     [{"type": "treaty_withdrawal", "status": "suspended", "actor": ["Russia"],
       "treaty": "New START"}]),
    ("no-longer-observe", "Iran will no longer observe the limits of the nuclear deal, the "
     "government said.", [{"type": "treaty_withdrawal", "status": "suspended",
                           "actor": ["Iran"]}]),
    ("stop-complying", "Tehran stopped complying with the deal's limits on Monday.",
     [{"type": "treaty_withdrawal", "status": "suspended", "actor": ["Iran"]}]),
    ("abeyance", "India said it would hold the Indus Waters Treaty in abeyance.",
     [{"type": "treaty_withdrawal", "status": "suspended", "actor": ["India"]}]),
    # -- government measures in the words of real copy ----------------------------------------
    ("crossing-list", "On 16 November the government decided to close the Vaalimaa, Nuijamaa, "
     "Imatra and Niirala border crossing points.", [{"type": "policy"}]),
    ("barred-from-airspace", "On Saturday the junta barred French aircraft, including "
     "chartered flights, from Niger's airspace.", [{"type": "policy"}]),
    ("passive-future-measure", "Aeroflot will be banned from landing in the UK.",
     [{"type": "policy", "status": "announced"}]),
    ("passive-future-expulsion", "Fifteen officials will be expelled.",
     [{"type": "expulsion", "status": "announced", "count": 15}]),
    ("recall-envoy", "Minsk recalled its ambassador from Warsaw on Friday.",
     [{"type": "policy", "actor": ["Belarus"], "date": "2023-03-10"}]),
    ("keeps-to-limits", "Russia intends to keep observing the limits set by the New START "
     "treaty.", [{"type": "policy", "status": "announced", "actor": ["Russia"]}]),
    ("keeps-to-restrictions-until-it-expires", "Russia intends to keep observing the "
     "quantitative restrictions on strategic offensive arms set by the treaty until it expires.",
     [{"type": "policy", "status": "announced", "actor": ["Russia"]}]),
    ("prisoners-exchanged", "Twenty-six prisoners were exchanged on the tarmac in Ankara.",
     [{"type": "policy"}]),
    ("general-licence", "The Treasury is today issuing two general licenses.",
     [{"type": "policy", "actor": ["United States"]}]),
    ("key-rate", "Russia's central bank raised its key interest rate to 20% on Monday.",
     [{"type": "policy", "actor": ["Russia"]}, {"type": "statistic"}]),
    ("martial-law", "President Volodymyr Zelensky imposed martial law and cut diplomatic ties "
     "with Moscow.", [{"type": "policy", "actor": ["Ukraine"]},
                   {"type": "policy", "actor": ["Ukraine"]}]),
    ("bulleted-summary", "Summary\n• Kyiv imposed martial law\n• Warsaw closed two border "
     "crossings\n• Talks resumed in Geneva", [{"type": "policy"}, {"type": "policy"}]),
    ("package-targeting", "The United States announced a parallel package the same day, "
     "targeting three more banks.", [{"type": "sanctions", "actor": ["United States"]}]),
    ("killed-when-hit", "Eighteen people were killed when Russian missiles hit a military unit "
     "in the Odesa region.", [{"type": "attack", "actor": ["Russia"], "count": 18}]),
    ("participle-goes-on", "The EU adopted its 13th package of sanctions on Friday, adding "
     "nearly 200 individuals and entities to its list.", [{"type": "sanctions"}]),
    ("mirroring-another", "Moscow will ask 10 American diplomats to leave, mirroring Thursday's "
     "expulsion of 10 Russians from Washington.",
     [{"type": "expulsion", "status": "announced"}, {"type": "expulsion"}]),
    ("got-years", "Paul Whelan got sixteen years in 2020.",
     [{"type": "legal", "target": ["Paul Whelan"], "date": "2020"}]),
    ("serving-years", "Vladimir Kara-Murza was serving twenty-five years for treason.",
     [{"type": "legal", "target": ["Vladimir Kara-Murza"]}]),
    ("adverb-before-verb", "France once deployed more than 5,000 soldiers in the Sahel.",
     [{"type": "military", "actor": ["France"], "count": 5000}]),
    ("forces-strike", "Indian Air Force jets struck a camp at Balakot on February 26, 2019.",
     [{"type": "military", "actor": ["India"]}]),
    ("troops-kept", "The United States, which has about 1,100 troops in Niger, said nothing.",
     [{"type": "military", "actor": ["United States"]}]),
    ("troops-remain", "Its peacekeepers remain in Karabakh.", [{"type": "military"}]),
    ("seats-down-to", "The SNP are down to nine seats, from forty-eight in 2019.",
     [{"type": "election", "count": 9}]),
    ("lost-by-votes", "She lost to Labour by six hundred and thirty votes.",
     [{"type": "election", "count": 630}]),
    ("if-after-a-result", "Labour won 411 seats, 412 if you count the Speaker.",
     [{"type": "election", "count": 411}]),
    # a record an event set: the comparison, over its whole clause, and no second expulsion
    ("record-of-an-event", "It is the largest number of Russian diplomats Sofia has ordered "
     "out in one go.", [{"type": "comparison"}]),
    ("first-of-its-kind", "It was the first treaty to eliminate an entire class of nuclear "
     "weapons.", [{"type": "comparison"}]),
    ("appositive-sentenced", "Paul Whelan, a former Marine sentenced in 2020 to 16 years, "
     "spoke on Friday.", [{"type": "legal", "target": ["Paul Whelan"], "actor": []}]),
    ("sentenced-in-a-country", "Ilya Yashin was sentenced in Russia in 2022.",
     [{"type": "legal", "target": ["Ilya Yashin"], "actor": ["Russia"]}]),
    ("ofac-designated", "OFAC designated Rosoboronexport, a state-owned Russian weapons "
     "trading company.", [{"type": "sanctions", "actor": ["United States"]}]),
    ("owned-or-controlled", "Renova Group is designated for being owned or controlled by "
     "Viktor Vekselberg.", [{"type": "sanctions"}]),
    ("must-leave-by", "They must leave by midnight on July 3.", [{"type": "expulsion"}]),
    ("went-to-see", "Robert Fico went to Moscow just before Christmas to see Putin.",
     [{"type": "summit"}]),
    ("flew-to", "The President flew to Saudi Arabia in July.", [{"type": "summit"}]),
    ("government-holds-talks", "Representatives of the separatists and the Azerbaijani "
     "government held talks in the town of Yevlakh on Thursday.", [{"type": "summit"}]),
    ("travel-and-hold-talks", "Iran's foreign minister says he will travel to Moscow this "
     "afternoon and hold talks with President Vladimir Putin on Monday.",
     [{"type": "summit", "status": "announced"}]),
    ("trade-status-withdrawn", "India withdrew the Most Favoured Nation status it had granted "
     "to Pakistan.", [{"type": "policy", "actor": ["India"]}]),
    # forces that take part or fight, negated; sanctions told by a list or as what followed
    ("troops-not-taking-part", "Lukashenko has insisted that Belarusian troops are not taking "
     "part in the operation.", [{"type": "military", "status": "not_done"}]),
    ("forces-not-going-to-fight", "Kirby said the US forces are not going to fight in Ukraine.",
     [{"type": "military", "status": "not_done"}]),
    ("included-in-list", "On 31 August Lithuania included 30 Belarusian officials in its "
     "sanctions list.", [{"type": "sanctions", "actor": ["Lithuania"]}]),
    ("designations-followed", "More US designations of tankers and their owners have followed "
     "since October.", [{"type": "sanctions", "status": "completed"}]),
    # where forces go or strike is the state they act on
    ("deploy-in", "Russia will deploy tactical nuclear weapons in Belarus.",
     [{"type": "military", "actor": ["Russia"], "target": ["Belarus"]}]),
    ("sea-then-state", "Denmark is sending a frigate to the Baltic Sea and F-16 warplanes to "
     "Lithuania.", [{"type": "military", "actor": ["Denmark"], "target": ["Lithuania"]}]),
    ("massed-near", "Russia has massed well over 100,000 troops near Ukraine's borders.",
     [{"type": "military", "actor": ["Russia"], "target": ["Ukraine"]}]),
    ("struck-camp-in", "On February 26, 2019, Indian Air Force jets struck a camp at Balakot in "
     "Pakistan.", [{"type": "military", "actor": ["India"], "target": ["Pakistan"]}]),
    ("moved-home", "Russia moved 3,000 troops back to Moscow in June.",
     [{"type": "military", "actor": ["Russia"], "target": []}]),
    ("defendant-opens-subject", "Bratislav Dikic, a former commander of Serbia's gendarmerie, "
     "received eight years.", [{"type": "legal", "target": ["Bratislav Dikic"]}]),
    # -- not claims ------------------------------------------------------------------------------
    ("tourists-flew", "Thousands of tourists flew to Spain in July.", []),
    ("voters-in-lists", "Turnout was 54.3% of the voters included in the electoral lists.",
     [{"type": "statistic"}]),
    ("sanctions-may-follow", "Officials believe tougher sanctions may follow if troops move "
     "into eastern Ukraine.", []),
    ("security-meeting", "Moon held an emergency late-night meeting with his top security "
     "officials.", []),
    ("speaking-at-a-meeting", "Speaking at a government meeting on Monday, Putin said the "
     "attack was planned.", []),
    ("citizens-told-to-leave", "Britain told its citizens to leave within 48 hours.", []),
    ("written-question", "To ask the Secretary of State for Foreign Affairs how many Russian "
     "diplomats have been expelled from the UK since 2018.", []),
    ("asked-whether", "Reporters asked whether Moscow had expelled the envoys.", []),
    ("most-as-quantifier", "Finland closed its border to most travellers.",
     [{"type": "policy", "actor": ["Finland"]}]),
    ("government-in-a-capital", "Lithuania told three Belarusian diplomats to leave. "
     "Overnight, the government in Chisinau extended the state of emergency by sixty days.",
     [{"type": "expulsion", "actor": ["Lithuania"]}, {"type": "policy", "actor": ["Moldova"]}]),
    ("latin-american-is-no-american", "Venezuela expels diplomats of seven Latin American "
     "states\n\nMore follows.", [{"type": "expulsion", "actor": ["Venezuela"], "target": [],
                                   "count": 7}]),
    ("a-law-is-no-party", "The Economic Crime Act froze the assets of 12 oligarchs.",
     [{"type": "sanctions", "actor": [], "count": 12}]),
    ("first-of-a-number", "The first of 3,000 troops arrived on Monday.",
     [{"type": "military", "count": 3000}]),
    ("if-condition", "Russia will expel ten diplomats if Washington does.", []),
    ("troops-stationed-state", "The troops deployed on the continent stayed.", []),
    ("troops-on-alert", "The troops remain on alert.", []),

    ("passive-future-forecast", "More towns will be shelled, analysts say.", []),
    ("bomb-threat", "The plane was diverted because of a supposed bomb threat.", []),
    ("forecast", "Analysts expect more expulsions in the coming weeks.", []),
    ("quoted-fear", "\"We worry that more towns will be shelled,\" the mayor said.", []),
    ("rocket-to-space", "The company launched a rocket carrying 20 satellites on Friday.", []),
    ("aircraft-landing", "The two aircraft needed special clearance to land.", []),
    ("commentator-suspension", "Analysts say Russia could suspend the treaty.", []),
    ("no-longer-lives", "He no longer lives in Moscow.", []),
    ("caption", "Russian diplomats board a bus outside the embassy in Berlin. (Photo: J. Novak "
     "/ Agency)", []),
]  # fmt: skip


def _check(claim, want):
    for key, value in want.items():
        if key == "type":
            continue
        if key in ("actor", "target"):
            got = party_names(getattr(claim.slots, key))
            assert got == party_names(value), f"{key}: {getattr(claim.slots, key)!r}"
        elif key == "date":
            assert claim.slots.date is not None and claim.slots.date.start.startswith(value)
        else:
            assert getattr(claim.slots, key) == value, key


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_real_copy_shapes(name, text, expected):
    claims = claimcheck.detect(text, published=PUB)
    assert [c.type for c in claims] == [w["type"] for w in expected], [
        (c.type, c.text) for c in claims
    ]
    for claim, want in zip(claims, expected, strict=True):
        _check(claim, want)


@pytest.mark.parametrize(
    ("text", "treaty"),
    [
        ("Russia suspended the Conventional Armed Forces in Europe (CFE) Treaty.", "CFE"),
        ("Russia left the Treaty on Conventional Armed Forces in Europe (CFE) in 2023.", "CFE"),
        ("Washington quit the Intermediate Nuclear Forces Treaty in 2019.", "INF"),
        ("Moscow halted its part in the grain corridor on Monday.", "Black Sea Grain Initiative"),
        ("Tehran scaled back its commitments under the 2015 nuclear deal.", "JCPOA"),
    ],
)
def test_treaty_names_in_their_news_variants(text, treaty):
    claims = [c for c in claimcheck.detect(text, published=PUB) if c.type == "treaty_withdrawal"]
    assert [c.slots.treaty for c in claims] == [treaty]


def test_the_bloc_at_the_start_of_a_sentence_is_the_european_union():
    (claim,) = claimcheck.detect("The bloc will halt coal purchases from Russia.", published=PUB)
    assert party_names(claim.slots.actor) == {"European Union"}
    assert claim.slots.status == "announced" and "future" not in claim.cues


def test_the_dateline_country_acts_only_for_a_clause_that_names_no_party():
    text = (
        "MOSCOW - The foreign ministry said it would expel 10 Estonian diplomats.\n\n"
        "In all, more than 25 countries expelled more than 150 Russian diplomats.\n\n"
        "Gunmen opened fire in the lobby of the concert hall."
    )
    claims = claimcheck.detect(text, published="2018-03-30", include_all=True)
    ministry = next(c for c in claims if "Estonian" in c.text)
    many = next(c for c in claims if "25 countries" in c.text)
    attack = next(c for c in claims if c.type == "attack")
    assert ministry.slots.actor == "Russia"
    assert many.slots.actor is None and many.slots.target == "Russia"
    assert attack.slots.actor is None


def test_a_pronoun_after_a_summit_verb_is_no_participant():
    (claim,) = claimcheck.detect(
        "Mr Trump called off the summit in a letter to Mr Kim, only to reinstate it days later.",
        published="2019-03-01",
    )
    assert claim.type == "summit" and claim.slots.actor == "Trump and Kim"


def test_a_claim_in_a_bulleted_list_starts_after_its_marker():
    text = (
        "Key points\n- US throws out 60 Russians, orders Seattle consulate shut\n"
        "• Fourteen EU countries also order diplomats out\n* Britain expelled 23 Russian diplomats"
    )
    claims = claimcheck.detect(text, published="2018-03-26")
    assert [c.text for c in claims if c.type == "expulsion"] == [
        "US throws out 60 Russians",
        "Fourteen EU countries also order diplomats out",
        "Britain expelled 23 Russian diplomats",
    ]


@pytest.mark.parametrize(
    ("text", "actor", "place"),
    [
        # a place or forum before the meeting's noun names the meeting, not who meets
        ("Trump calls off Singapore summit with Kim", {"United States", "North Korea"}, None),
        ("Trump scraps G20 meeting with Putin", {"United States", "Russia"}, None),
        ("Trump shelves Budapest summit", {"United States"}, None),
        # a pair before the noun takes part; "with" names who it is held with
        ("The US-Russia summit in Geneva went ahead on June 16.", {"United States", "Russia"},
         "Geneva"),
        ("Biden met with Putin in Geneva on Wednesday.", {"United States", "Russia"}, "Geneva"),
    ],
)  # fmt: skip
def test_who_takes_part_in_a_meeting(text, actor, place):
    (claim,) = [c for c in claimcheck.detect(text, published="2021-06-18") if c.type == "summit"]
    assert party_names(claim.slots.actor) == actor, claim.slots.actor
    if place is not None:
        assert claim.slots.place == place


def test_a_weekday_after_a_place_is_not_part_of_it():
    (claim,) = claimcheck.detect("Putin and Xi held a summit in Moscow on Monday.", published=PUB)
    assert claim.slots.place == "Moscow" and claim.slots.date is not None


def test_the_grounds_a_party_gives_for_its_act_are_not_a_second_event():
    text = (
        "Washington quit the Intermediate-Range Nuclear Forces Treaty in August 2019, accusing "
        "Moscow of deploying a banned cruise missile."
    )
    claims = claimcheck.detect(text, published="2019-08-05", include_all=True)
    main = [c for c in claims if c.type == "treaty_withdrawal"]
    grounds = [c for c in claims if "deploying" in c.text and c.type != "treaty_withdrawal"]
    assert main and main[0].score >= 0.5 and "reason" not in main[0].cues
    assert grounds and all("reason" in c.cues and c.score < 0.5 for c in grounds)
    # told as its own statement, the charge is no longer the grounds of another act
    (alone,) = [
        c
        for c in claimcheck.detect(
            "Prosecutors said Moscow deployed a banned cruise missile in 2017.",
            published="2019-08-05",
            include_all=True,
        )
        if "deployed" in c.text
    ]
    assert "reason" not in alone.cues


def test_an_event_verb_in_a_rule_about_any_country_is_generic():
    claims = claimcheck.detect(
        "Moscow warned it would answer any country that expelled Russian diplomats.",
        published=PUB,
        include_all=True,
    )
    expelled = [c for c in claims if c.type == "expulsion" and "expelled" in c.text]
    assert expelled and all("generic" in c.cues for c in expelled)
    (told,) = [
        c
        for c in claimcheck.detect(
            "It was Poland that expelled 45 Russian diplomats on Friday.", published=PUB
        )
        if c.type == "expulsion"
    ]
    assert "generic" not in told.cues


def test_an_event_in_a_relative_clause_ends_with_it():
    text = "Poland, which expelled 45 Russian diplomats on Friday, said more could follow."
    claims = claimcheck.detect(text, published=PUB, include_all=True)
    # the subject's later words are neither part of the claim nor a hedge on it, and the part
    # before "said" is not a quotation of what Poland said
    assert [(c.type, c.text) for c in claims] == [
        ("expulsion", "Poland, which expelled 45 Russian diplomats on Friday")
    ]
    assert "hedge" not in claims[0].cues and claims[0].score >= 0.5
    two = claimcheck.detect(
        "Sweden, which joined NATO in March, expelled five Russian diplomats on Friday.",
        published="2024-03-10",
    )
    assert [c.type for c in two] == ["policy", "expulsion"]
    assert party_names(two[1].slots.actor) == {"Sweden"} and two[1].slots.count == 5


def test_a_speaker_after_the_verb_loses_the_sentence_full_stop():
    (claim,) = claimcheck.detect(
        "The ministry expelled 23 British diplomats on Saturday, said Maria Zakharova.",
        published=PUB,
    )
    assert claim.slots.attribution == "Maria Zakharova"


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # security services, ministries, state companies and office holders act for their state
        ("The FSB opened a criminal case against the journalist on Friday.", {"Russia"}),
        ("Gazprom halted flows through the pipeline on Saturday.", {"Russia"}),
        ("Kaja Kallas ordered the Russian envoy to leave on Friday.", {"Estonia"}),
        ("Maia Sandu signed a decree expelling two Russian diplomats.", {"Moldova"}),
        # an armed group that acts for no state is named as itself
        ("Wagner fighters seized the army headquarters in Rostov on Saturday.", {"Wagner Group"}),
    ],
)
def test_institutions_and_office_holders_act_for_their_state(text, actor):
    claims = [c for c in claimcheck.detect(text, published=PUB) if c.type != "statistic"]
    assert claims and party_names(claims[0].slots.actor) == actor, [
        (c.type, c.slots.actor) for c in claims
    ]


@pytest.mark.parametrize(
    ("text", "actor", "target"),
    [
        ("Russia declares diplomats of Sweden, Poland and Germany persona non grata",
         {"Russia"}, {"Sweden", "Poland", "Germany"}),
        ("The United States will deploy 3,000 more troops to Poland, Germany and Romania, the "
         "Pentagon said.", {"United States"}, {"Poland", "Germany", "Romania"}),
        # a comma before the attribution joins no list
        ("The US will send 2,000 troops to Poland, the Pentagon said.", {"United States"},
         {"Poland"}),
        ("The EU imposed sanctions on Russia and Belarus on Monday.", {"European Union"},
         {"Russia", "Belarus"}),
    ],
)  # fmt: skip
def test_a_list_of_parties_after_the_verb_is_the_target(text, actor, target):
    (claim,) = claimcheck.detect(text, published="2021-02-06")
    assert party_names(claim.slots.actor) == actor
    assert party_names(claim.slots.target) == target


def test_a_dateline_agency_and_a_speaker_are_not_parties_of_the_story():
    text = (
        "NIAMEY/PARIS, Sept 25 (Meridian Wire) - France will withdraw its 1,500 troops from the "
        "country by the end of the year, President Emmanuel Macron said, after the officers who "
        "seized power in Niamey two months ago demanded it."
    )
    claims = claimcheck.detect(text, published="2023-09-25", include_all=True)
    parties = {p for c in claims for p in (c.slots.actor, c.slots.target) if p}
    assert not any("Meridian" in p or "Macron" in p for p in parties), parties
    withdraw = next(c for c in claims if "withdraw" in c.text)
    assert party_names(withdraw.slots.actor) == {"France"}


def test_the_end_of_a_period_is_not_an_end_of_operations():
    (claim,) = claimcheck.detect(
        "France will pull troops out of Niger by the end of the year.", published="2023-09-25"
    )
    assert party_names(claim.slots.actor) == {"France"}
    assert party_names(claim.slots.target) == {"Niger"}
    assert claim.slots.status == "announced"


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        ("France will recall its ambassador to Niger and withdraw its 1,500 troops from the country.",
         ["announced", "announced"]),
        ("Norway plans to expel 15 officials and close the consulate in Barentsburg.",
         ["announced", "announced"]),
        # a past verb after "and" keeps its own time; so does a new clause after a comma
        ("France will recall its ambassador to Niger and withdrew its 1,500 troops from Mali last year.",
         ["announced", "completed"]),
        ("The US will expel 10 diplomats, and Russia closed two consulates.",
         ["announced", "completed"]),
    ],
)  # fmt: skip
def test_a_bare_verb_after_and_shares_the_future_of_the_first(text, statuses):
    claims = claimcheck.detect(text, published="2023-09-25")
    assert [c.slots.status for c in claims] == statuses, [(c.text, c.slots.status) for c in claims]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # the defendant is the person named after the outlet or the body and a role
        ("A Russian court on Friday convicted Wall Street Journal reporter Evan Gershkovich of "
         "espionage.", "Evan Gershkovich"),
        ("Police detained former National Security Committee chairman Karim Massimov on "
         "Thursday.", "Karim Massimov"),
        ("Police arrested Wall Street Journal reporter Evan Gershkovich.", "Evan Gershkovich"),
    ],
)  # fmt: skip
def test_a_legal_claims_target_is_the_person(text, target):
    (claim,) = [c for c in claimcheck.detect(text, published="2024-07-19") if c.type == "legal"]
    assert claim.slots.target == target


@pytest.mark.parametrize(
    ("text", "actor", "target"),
    [
        # whose event it is: the possessor of the event noun
        ("Kyiv condemned Russia's detention of Ukrainian sailors near Crimea on Sunday.",
         {"Russia"}, {"Ukraine"}),
        ("Moscow's full-scale invasion began on 24 February 2022.", {"Russia"}, set()),
        # "hits X with sanctions": X is hit, the subject acts
        ("US hits Rosneft, Lukoil with sanctions\n\nText follows.", {"United States"},
         {"Russia"}),
        ("Washington targeted Russian banks with new sanctions on Friday.", {"United States"},
         {"Russia"}),
    ],
)  # fmt: skip
def test_possessors_and_hit_with_sanctions(text, actor, target):
    claims = claimcheck.detect(text, published="2025-10-22")
    assert claims, text
    assert party_names(claims[0].slots.actor) == actor
    assert party_names(claims[0].slots.target) == target


def test_a_treaty_name_is_no_person():
    (claim,) = claimcheck.detect(
        "Iran said it has ceased to carry out some of its undertakings under the Joint "
        "Comprehensive Plan of Action.",
        published="2019-05-08",
    )
    assert party_names(claim.slots.actor) == {"Iran"}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Russia and the United States signed New START in 2010. In February 2021 the two "
         "countries extended it for five years.", {"Russia", "United States"}),
        # a place the meeting is held in is not a side
        ("Xi Jinping arrived in Moscow on Monday for talks with Vladimir Putin. The two sides "
         "also signed a number of cooperation documents.", {"China", "Russia"}),
    ],
)  # fmt: skip
def test_the_two_sides_are_the_two_states_named_before(text, actor):
    claim = next(c for c in claimcheck.detect(text, published="2023-03-21") if "two" in c.text)
    assert party_names(claim.slots.actor) == actor


def test_a_generic_mention_is_penalised_once():
    (claim,) = claimcheck.detect(
        "Moscow vowed to retaliate against any country that expelled the diplomats.",
        published=PUB,
        include_all=True,
    )
    assert claim.cues.count("generic") == 1, claim.cues


def test_a_record_an_event_set_is_one_comparison_over_its_clause():
    text = "It is the largest number of Russian diplomats Sofia has ordered out in one go."
    (claim,) = claimcheck.detect(text, published=PUB)
    assert (claim.type, claim.text) == ("comparison", text.rstrip("."))


def test_an_election_is_held_by_a_state_not_by_a_party_or_a_bloc():
    """The state holding a vote: named, or the one a leader acts for, or else the vote the
    story told before; a party or bloc in the sentence is none of these."""
    claims = claimcheck.detect(
        "Romania holds its election. In last Sunday's parliamentary election, the governing "
        "Social Democrats came first.",
        published=PUB,
    )
    elections = [c for c in claims if c.type == "election"]
    assert len(elections) >= 2
    assert {c.slots.actor for c in elections} == {"Romania"}
    (claim,) = claimcheck.detect("Maia Sandu won the runoff on Sunday.", published=PUB)
    assert party_names(claim.slots.actor) == {"Moldova"}


def test_a_round_of_expulsions_keeps_its_target_from_claim_to_claim():
    first, second = claimcheck.detect(
        "Britain expelled 23 Russian diplomats on Wednesday. Denmark is also expelling two.",
        published=PUB,
    )
    assert party_names(second.slots.target) == party_names(first.slots.target) == {"Russia"}
    assert party_names(second.slots.actor) == {"Denmark"}
    # a target carried over is not the claim's own: it does not raise the score
    assert "named" not in second.cues


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The four countries cut diplomatic ties with Doha on June 5, 2017.", "Qatar"),
        ("Pakistan suspended all trade with India.", "India"),
    ],
)
def test_whom_ties_are_cut_with_is_the_target(text, target):
    (claim,) = claimcheck.detect(text, published=PUB)
    assert party_names(claim.slots.target) == {target}


def test_a_list_of_states_ordered_to_withdraw_their_diplomats_is_the_target():
    (claim,) = claimcheck.detect(
        "Venezuela on Monday ordered Argentina, Chile, Costa Rica, Peru, Panama, the Dominican "
        "Republic and Uruguay to withdraw their diplomats from Caracas.",
        published=PUB,
    )
    assert claim.type == "expulsion"
    assert party_names(claim.slots.actor) == {"Venezuela"}
    assert party_names(claim.slots.target) == {
        "Argentina", "Chile", "Costa Rica", "Peru", "Panama", "Dominican Republic", "Uruguay"
    }  # fmt: skip


def test_a_treaty_named_by_a_title_without_a_treaty_noun_is_withdrawn_from():
    (claim, _) = claimcheck.detect(
        "Last night President Trump announced that the United States was withdrawing from the "
        "Joint Comprehensive Plan of Action and would reimpose its national sanctions on Iran.",
        published=PUB,
    )
    assert (claim.type, claim.slots.treaty) == ("treaty_withdrawal", "JCPOA")


def test_an_actor_carried_over_for_one_claim_does_not_reach_the_next_claim_of_its_sentence():
    """The vote-buying scheme takes its state from the runoff before it (no 'actor' cue); the
    sentence's legal claim names its own state and keeps the cue."""
    claims = claimcheck.detect(
        "Moldova held a presidential runoff on Sunday. Police said money was sent to voters as "
        "part of a vote-buying scheme they link to Ilan Shor, a businessman sentenced in "
        "absentia last year to 15 years in prison in Moldova.",
        published="2024-11-04",
        include_all=True,
    )
    scheme = next(c for c in claims if c.type == "election" and "scheme" in c.text)
    legal = next(c for c in claims if c.type == "legal")
    assert scheme.slots.actor == "Moldova" and "actor" not in scheme.cues
    assert party_names(legal.slots.actor) == {"Moldova"} and "actor" in legal.cues


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Council of the EU\nNavalny: Council imposes restrictive measures on six persons and one "
         "entity\nThe Council today adopted restrictive measures against six persons.",
         "European Union"),
        ("The Security Council met on Monday. The Council imposed sanctions on four companies.",
         "UN Security Council"),
    ],
)  # fmt: skip
def test_a_bare_council_is_the_one_the_text_named_before(text, actor):
    claims = [c for c in claimcheck.detect(text, published=PUB) if c.type == "sanctions"]
    assert claims and all(party_names(c.slots.actor) == party_names([actor]) for c in claims), [
        (c.text, c.slots.actor) for c in claims
    ]


def test_a_council_nobody_named_stays_unknown():
    claims = claimcheck.detect(
        "The Council imposed sanctions on four companies on Monday.", published=PUB
    )
    actors = [c.slots.actor for c in claims if c.type == "sanctions"]
    assert len(actors) == 1 and actors[0] not in ("European Union", "UN Security Council")


@pytest.mark.parametrize(
    ("text", "slot", "state"),
    [
        ("A court in Yekaterinburg sentenced the reporter to 16 years.", "actor", "Russia"),
        ("A submarine fired two dozen cruise missiles at Isfahan.", "target", "Iran"),
        ("Drones struck an oil depot in Belgorod overnight.", "target", "Russia"),
    ],
)
def test_cities_stand_for_their_state_where_a_party_is_a_place(text, slot, state):
    (claim,) = [c for c in claimcheck.detect(text, published=PUB) if c.type != "statistic"]
    assert party_names(getattr(claim.slots, slot)) == party_names([state]), claim.slots


def test_a_summit_city_is_where_it_is_held_not_who_takes_part():
    (claim,) = claimcheck.detect("Putin and Trump met in Anchorage on Friday.", published=PUB)
    assert party_names(claim.slots.actor) == party_names(["Russia", "United States"])


def test_a_city_names_where_not_who():
    (claim,) = claimcheck.detect("Salisbury poisoning", published="2018-12-22", include_all=True)
    assert claim.type == "attack" and claim.slots.actor is None
    (court,) = claimcheck.detect(
        "A court in Yekaterinburg sentenced the reporter to 16 years.", published=PUB
    )
    assert court.slots.actor == "Russia"  # a court acts for the state its city is in
