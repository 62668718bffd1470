"""The status of a claim: completed, announced, cancelled, suspended, denied or not done.

The words just before the trigger decide it, read within the trigger's own clause:

- ``denied``: a party says it did not happen or did not do it ("Minsk denied sending troops",
  "rejected reports that it had expelled ...", and a role denied: "denies any part in the
  poisoning", where the claim is that the party did it).
- ``not_done``: the text says it did not or will not happen ("did not leave the pact", "would
  not expel any diplomats", "ruled out expelling", "refused to extradite").
- ``announced``: decided, planned or threatened for later ("will expel", "Bulgaria to expel",
  "plans to", "said it would", "gave Moscow 60 days to comply").
- ``cancelled`` and ``suspended`` from the rule or the clause's words.
"""

from __future__ import annotations

from spacy.tokens import Doc

from . import text_rules as tr
from .clauses import Group
from .inflect import is_bare_verb
from .text_rules import words

STATUSES = ("completed", "announced", "cancelled", "suspended", "denied", "not_done")

DENY_WORDS = words("deny denies denied denying refuted refutes disputed disputes")
DENY_OBJECTS = words("claims claim reports report allegations allegation accusations suggestions")
DENY_OBJECT_VERBS = words("rejected rejects rejecting dismissed dismisses dismissing")
ROLE_NOUNS = words("involvement responsibility role part hand complicity participation link links")
NOT_DONE_VERBS = words(
    "refused refuses refusing declined declines declining failed fails failing"
)  # followed by "to"
RULE_OUT = words("ruled rules ruling rule")
NEGATIONS = words("not n't never no neither nor")
NOT_NEGATING = words("only just merely")  # "not only expelled ... but also"
FUTURE_MARKERS = words("will 'll would shall wo")
PLAN_WORDS = words(
    "plans plan planned planning intends intend intended intending set going poised preparing "
    "prepares prepared ready threatened threatens threatening vowed vows pledged pledges "
    "promised promises decided decides agreed agrees proposed proposes proposing due expected"
)
AUXILIARIES = words(
    "is are was were be been being has have had do does did will would shall should can could "
    "may might must 'll 's 're 've 'd"
)
ADVERBS = words(
    "also formally officially now still yet fully not n't never immediately soon later then "
    "quickly swiftly reportedly effectively eventually finally already again partly completely "
    "further jointly separately initially"
)
ORDER_VERBS = words("ordered orders told forced asked instructed given gave")


def status_of(doc: Doc, group: Group, clause_start: int, text: str, headline: bool = False) -> str:
    """The claim's status from the words before its trigger (``clause_start`` is the first token
    of the trigger's clause) and, for cancellations, suspensions and plans, its whole text."""
    head = group.head
    before = [t.lower_ for t in doc[max(clause_start, head.start - 12) : head.start]]
    explicit = next((t.status for t in group.triggers if t.status), None)
    if group.verbal:
        local = _local_status(doc, head.start, clause_start, before, headline)
        if local in ("denied", "not_done"):
            return local
    else:
        local = None
        if _denied_nominal(before):
            return "denied"
    if explicit:
        return explicit
    if tr.CANCEL_WORDS.search(text):
        return "cancelled"
    if group.type == "treaty_withdrawal" and tr.SUSPEND_WORDS.search(text):
        return "suspended"
    if local == "announced" or tr.ANNOUNCED_STATUS.search(text):
        return "announced"
    return "completed"


def _local_status(
    doc: Doc, head: int, clause_start: int, before: list[str], headline: bool
) -> str | None:
    # denial and refusal anywhere in the stretch before the trigger
    for i, word in enumerate(before):
        rest = before[i + 1 :]
        if word in DENY_WORDS:
            # "denied sending troops", and "denied involvement in the poisoning": the party
            # says it did not do it (the annotation guide's example)
            return "denied"
        if word in DENY_OBJECT_VERBS and any(w in DENY_OBJECTS for w in rest[:3]):
            return "denied"
        if word in RULE_OUT and rest[:1] == ["out"]:
            return "not_done"
        if word in NOT_DONE_VERBS and "to" in rest[:2]:
            return "not_done"
    # negation and future in the few words right before the verb
    i = head - 1
    future = negated = False
    steps = 0
    while i >= clause_start and steps < 5:
        word = doc[i].lower_
        if word in NEGATIONS:
            negated = True
        elif word in FUTURE_MARKERS:
            future = True
        elif word == "to":
            # "Bulgaria to expel", "plans to expel", "is set to quit"; not "ordered ... to leave"
            prev = doc[i - 1].lower_ if i > clause_start else ""
            if prev in ORDER_VERBS:
                break
            if prev in PLAN_WORDS or prev in AUXILIARIES or headline or prev in ("going", "about"):
                future = True
                # "are not going to fight", "does not plan to return": the plan is negated
                before = {doc[j].lower_ for j in range(max(clause_start, i - 4), i - 1)}
                negated = negated or bool(before & NEGATIONS)
            break
        elif word not in AUXILIARIES and word not in ADVERBS:
            break
        i -= 1
        steps += 1
    if negated and not (i + 1 < head and doc[i + 1].lower_ in NOT_NEGATING):
        return "not_done"
    if future or _shares_future(doc, head):
        return "announced"
    return None


def _shares_future(doc: Doc, head: int) -> bool:
    """A bare verb after "and" takes the future of the verb it is joined to: "France will recall
    its ambassador and withdraw its troops" (but not "... and withdrew")."""
    if head < 2 or doc[head - 1].lower_ not in ("and", "or"):
        return False
    if not is_bare_verb(doc[head].lower_):
        return False
    floor = max(doc[head].sent.start, head - 16)
    for i in range(head - 2, floor - 1, -1):
        w = doc[i].lower_
        if w in (";", ":", ".", "but", "while", "after", "before", "because") or doc[i].is_quote:
            return False
        if w in FUTURE_MARKERS or (w == "to" and doc[i - 1].lower_ in PLAN_WORDS):
            return True
    return False


def _denied_nominal(before: list[str]) -> bool:
    """ "denied any expulsion", "denies any part in the poisoning": an event noun as the
    object of a denial, or of the role in it that a party denies."""
    return denied_role(before) or any(w in DENY_WORDS for w in before[-4:])


def denied_role(before: list[str]) -> bool:
    """The words before an event noun deny a part in it: "has denied any role in the",
    "denies involvement in the"."""
    tail = before[-7:]
    for i, word in enumerate(tail):
        if word in DENY_WORDS:
            rest = tail[i + 1 :]
            return any(w in ROLE_NOUNS for w in rest) and rest[-1] in ROLE_TAIL
    return False


# what may stand between a role noun and its event: "any part in the", "responsibility for"
ROLE_TAIL = words("in for with the a an its of")


def announce_before(doc: Doc, sent_start: int, start: int) -> bool:
    return any(t.lower_ in tr.ANNOUNCE_VERBS for t in doc[sent_start:start])
