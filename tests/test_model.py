from claimcheck.model import Article, Claim, DateValue, Slots


def test_claims_round_trip_through_dicts():
    claim = Claim(
        type="expulsion",
        text="Britain expelled 23 diplomats",
        start=5,
        end=34,
        sentence="Britain expelled 23 diplomats.",
        score=0.91,
        cues=["event", "number"],
        slots=Slots(
            actor="Britain",
            count=23,
            count_text="23",
            date=DateValue("on 14 March", "2018-03-14", "2018-03-14", "day"),
        ),
    )
    again = Claim.from_dict(claim.to_dict())
    assert again == claim
    assert again.id == claim.id and claim.id.startswith("c")
    assert claim.slots["count"] == 23
    article = Article(text="x", published="2018-03-30", claims=[claim])
    assert Article.from_dict(article.to_dict()) == article


def test_ids_are_stable_and_distinct():
    a = Claim(type="expulsion", text="t", start=0, end=1)
    b = Claim(type="expulsion", text="t", start=0, end=1)
    c = Claim(type="sanctions", text="t", start=0, end=1)
    assert a.id == b.id != c.id
