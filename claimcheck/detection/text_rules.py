"""Word lists and regular expressions the claim detector reads sentences with.

Kept apart from the spaCy components so that they can be read (and argued with) on their own.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string, easy to read and to extend."""
    return frozenset(text.split())


# Characters other than ASCII letters that Python's case-insensitive matching takes for one:
# "İ" and "ı" for i, "ſ" for s, the Kelvin sign for k.
CASE_FOLDS = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}


def starting_with(letters: str, others: str = "") -> str:
    """A lookahead for the characters a case-insensitive match can begin with, when it begins
    with one of ``letters`` (ASCII) or of ``others`` (taken as they are). Put before an
    alternation, it passes over every other position at once instead of trying each
    alternative there; the matches stay the same."""
    chars = set(others)
    for letter in letters.lower():
        chars.update((letter, letter.upper(), *CASE_FOLDS.get(letter, "")))
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


# Words that separate the clauses of a sentence, strongest first.
CLAUSE_CONJUNCTIONS = words(
    "and but while whereas after before following as when which then although though because "
    "since until who whom whose amid"
)
STRONG_PUNCT = frozenset({";", "—", "–", ":", "--"})
# Words after which a hedge or modal no longer belongs to the claim's own clause.
SCOPE_BREAKS = words(
    "and but while whereas which who whom whose although though because unless until ; —"
)
CLAUSE_PUNCT = words(", ; : — – -- \" “ ” ' ‘ ’ ( ) [ ]")
# list markers a claim never starts with: "- US throws out 60 Russians", "• Fourteen ..."
BULLETS = words("- • * · ▪ ‣ ◦ ○ ● ■ □ ► ▶ – —")
LEADING_TRIM = (
    CLAUSE_PUNCT
    | BULLETS
    | words(
        "and but while whereas following after as when then also so meanwhile separately "
        "additionally which who that"
    )
)
TRAILING_TRIM = CLAUSE_PUNCT | words(". and but which")
PREPOSITIONS = words(
    "in at on from of to against with over for into near by about across after before between "
    "during under toward towards onto outside inside off via"
)
# adverbs between a subject and its verb ("France once deployed", "were also expelled")
ADVERBS_BEFORE_VERB = words(
    "also formally officially reportedly allegedly later then already now being subsequently "
    "effectively summarily quickly immediately just recently swiftly not never once first "
    "initially eventually finally secretly quietly hastily briefly previously earlier"
)
PASSIVE_AUX = words("was were been being is are be got gets get")
DETERMINERS = words("the a an its their his her this that these those our your")
NOMINAL_MODIFIERS = words(
    "nerve agent chemical cyber suicide car terrorist deadly failed alleged military missile "
    "drone recent annual joint nuclear new latest large-scale snap massive naval air ground "
    "full-scale major fresh further additional economic financial diplomatic tit-for-tat "
    "coordinated unprecedented sweeping biggest largest first second third previous planned "
    "bilateral trilateral informal formal emergency extraordinary bloody brutal coordinated -"
)
NP_RIGHT_PREPOSITIONS = words("of on against in at near targeting by into off")

HEDGE_WORDS = words(
    "could might may likely unlikely possibly perhaps probably fear fears feared believe "
    "believes speculate speculated speculation rumoured rumored predict predicts predicted "
    "forecast forecasts if whether considering weighing mulling mull consider contemplating "
    "hypothetical hypothetically suggest suggests suppose assume expects expect anticipated "
    "anticipate anticipates potentially potential conceivably maybe worry worries worried "
    "afraid hope hopes hoped hoping"
)
HEDGE_PHRASES = re.compile(
    r"(?i)\b(expected to|remains to be seen|is likely|are likely|seems to|seem to|appears to be "
    r"preparing|no decision|has not decided|have not decided|in the future|"
    r"would have been|could have been|might have been|set to be debated|are believed|is believed|"
    r"it is possible|it is unclear|not yet clear|statutory maximum|carries a (?:maximum|sentence)|"
    r"faces? up to|could face|would face|might face|warn(?:s|ed)? (?:that )?\w+ (?:could|might|may))\b"
)
FUTURE_WORDS = frozenset({"will", "would", "shall", "'ll", "wo", "going"})
ANNOUNCE_VERBS = words(
    "said says announced announces announce confirmed confirms declared declares notified "
    "notifies told decided decides agreed agrees pledged pledges vowed vows warned warns "
    "threatened threatens promised promises stated states ordered orders informed informs "
    "insisted insists signalled signaled"
)
ANNOUNCED_STATUS = re.compile(
    r"(?i)\b(would|will|plans? to|planned to|planning to|intends? to|intended to|intention to|"
    r"is to|are to|set to|due to|scheduled|decided to|decision to|vowed to|pledged to|"
    r"threatened to|proposed|announced (?:its|plans|that|an? intention|the intention)|"
    r"gave (?:formal )?notice|notified|notice of|agreed to (?:hold|meet)|will|upcoming|"
    r"next week|next month|next year|invited|invitation)\b"
)
CANCEL_WORDS = re.compile(
    r"(?i)\b(cancel+ed|cancels?|called off|call off|scrapped|postponed|postpones?)\b"
)
SUSPEND_WORDS = re.compile(r"(?i)\b(suspend(?:ed|s|ing)?|suspension|froze|frozen|halted|paused)\b")
# "must" is left out: "the diplomats must leave by Friday" reports an order, not an opinion
OPINION_WORDS = frozenset({"should", "ought", "shouldn't"})
OPINION_PHRASES = re.compile(
    r"(?i)\b(i think|we think|i believe|we believe|in my view|in our view|in my opinion|"
    r"in our opinion|it is clear that|it is time|high time|let us|let's)\b"
)
EVALUATIVE_WORDS = words(
    "disgrace disgraceful shameful outrageous absurd ridiculous pointless mistake foolish "
    "misguided deplorable appalling cowardly hypocritical hypocrisy useless futile reckless "
    "scandalous shocking senseless counterproductive toothless meaningless farce failure "
    "failed-to ineffective symbolic"
)

ATTRIBUTION_VERBS = (
    r"said|says|told|announced|confirmed|stated|added|reported|claimed|alleged|insisted|wrote|"
    r"tweeted|noted|explained|acknowledged"
)
_ROLE_NOUNS = (
    r"officials?|diplomats?|prosecutors?|sources?|analysts?|investigators?|police|authorities|"
    r"ministers?|spokes(?:man|woman|person)|minister|ministry|government|embassy|statement|"
    r"officers?|agency|lawyers?|court|judge|experts?|observers?|residents?|witnesses"
)
ATTRIBUTION_HINT = re.compile(rf"\b(?:according to|{ATTRIBUTION_VERBS})\b")
ATTRIBUTION_PATTERNS = [
    re.compile(r"\baccording to (?P<who>[^,.;:\"“”]{2,80})"),
    re.compile(
        rf"(?P<who>(?:(?:the|a|an|its|his|her|their)\s+)?(?:[A-Z][\w’'.-]*\s+){{1,5}}?(?:{_ROLE_NOUNS})"
        rf"|(?:[A-Z][\w’'.-]*\s+){{0,4}}[A-Z][\w’'.-]*|(?:the|a|an|its|his|her|their)\s+(?:[\w’'-]+\s+){{0,3}}(?:{_ROLE_NOUNS})"
        rf"|(?:[\w’'-]+\s+)?(?:{_ROLE_NOUNS}))\s+(?:{ATTRIBUTION_VERBS})\b"
    ),
    re.compile(
        rf"\b(?:{ATTRIBUTION_VERBS})\s+(?P<who>(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,4}}"
        rf"|(?:the|a|an)\s+(?:[\w’'-]+\s+){{0,3}}(?:{_ROLE_NOUNS}))\s*(?=[,.;]|$)"
    ),
]
PRONOUNS = words("he she it they we i you this that there")

PERSON_TITLES = (
    r"President|Prime Minister|Foreign Minister|Defence Minister|Defense Minister|Chancellor|"
    r"Secretary of State|Defence Secretary|Defense Secretary|Home Secretary|Foreign Secretary|"
    r"Secretary-General|Secretary General|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|General|Gen\.|Judge|"
    r"Special Counsel|special counsel|Attorney General|King|Queen|Pope|Senator|Sen\.|Rep\.|"
    r"Minister|Premier|Ambassador|Colonel|Col\.|Admiral|Lieutenant"
)
# a capitalised word, hyphenated parts included ("Kara-Murza", "Jean-Yves")
_NAME_WORD = r"[A-Z][a-z’']+(?:-[A-Za-z][a-z’']+)*"
PERSON_RE = re.compile(
    rf"\b(?:(?:{PERSON_TITLES})\s+)?{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|[A-Z]\.|de|van|von|bin|al-[A-Z][a-z]+)){{1,5}}\b"
)
# capitalised words of a body's name: a person's name is what follows the last of them ("General
# Staff Sergey Skripal", "National Security Committee Karim Massimov")
BODY_WORDS = words(
    "Committee Staff Journal Service Services Council Ministry Agency Office Bureau Department "
    "Army Navy Guard Police Court Times Post News Report Commission Corps Force Forces Party "
    "Assembly Parliament Bank Company Corporation Group Network Radio Television TV"
)
NAME_STOPWORDS = words(
    "The A An On In At Last This That Following After Before When While As But And Since "
    "Earlier Later Meanwhile However Separately Its Their His Her It They He She We Our "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Related Read More Share "
    "Advertisement Copyright Updated Published By Photo Image Treaty Agreement Accord Council "
    "Union Committee Ministry Department Parliament Court House Senate Security Foreign "
    "Office Act Law Bill Code Decree Directive Regulation Statute Convention Protocol Charter "
    "Resolution Declaration"
)
COLLECTIVE_RE = re.compile(
    r"(?i)\b(?:the|both)\s+(?:two|three|four|five|six|several|other|western|nato|eu|g7)?\s*"
    r"(?:countries|nations|sides|governments|capitals|allies|members|member states|states)\b"
)
PLACE_RE = re.compile(
    r"\b(?:in|at|near|outside|off)\s+(?:the\s+)?(?P<place>(?:[A-Z][\w’'-]+)(?:\s+(?:[A-Z][\w’'-]+|of|de|upon|on)){0,3})"
)

BOILERPLATE_LINE = re.compile(
    r"(?im)^[ \t]*(?:related(?: news| stories| articles| coverage| content| topics)?|read more|"
    r"more on this story|more from|see also|also read|share(?: this)?(?: article| story| on)?|"
    r"advertisement|sponsored|subscribe\b|sign up|sign in|log in|follow us|copyright|©|\(c\)|"
    r"all rights reserved|most (?:read|popular|viewed|shared)|top stories|trending|you may also like|"
    r"recommended|click here|cookie|newsletter|skip to|home\s*[|>›»/]|menu\b|print\b|email\b|"
    r"image(?: source| caption)|photo(?:graph)?:|\(reporting by|reporting by|editing by|"
    r"additional reporting|watch:|listen:|comments?\b|tags?:|topics?:|filed under|back to top|"
    r"this article (?:was|is)|terms of (?:use|service)|privacy policy|contact us|about us)"
    r"[^\n]*$"
)
# one line: a separator between blanks (not line breaks, which would let a bulleted list
# read as one navigation line)
NAV_LINE = re.compile(r"(?m)^[^\n.!?]{0,200}(?:[ \t][|›»>•·][ \t][^\n]*){2,}$")
RELATED_HEADER = re.compile(
    r"(?im)^[ \t]*(?:related(?: news| stories| articles| coverage| content)?|read more|"
    r"more on this story|see also|most (?:read|popular|viewed)|top stories|you may also like|"
    r"recommended(?: for you)?|latest news|more stories|also in the news)[ \t]*:?[ \t]*$"
)
