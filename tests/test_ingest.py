"""Reading articles: encodings, binary and empty input, HTML, chunking."""

from __future__ import annotations

import codecs
import io

import pytest

from claimcheck.errors import InputError
from claimcheck.ingest import (
    Source,
    html_to_text,
    iter_chunks,
    iter_stream_chunks,
    looks_like_html,
    read_source,
)
from claimcheck.scan import scan_stream

TEXT = "Russia expelled 23 British diplomats on Thursday, the ministry said – “retaliation”.\n"


def read(data: bytes, **kwargs) -> Source:
    return read_source(io.BytesIO(data), **kwargs)


def test_utf8_is_read_as_is():
    source = read(TEXT.encode("utf-8"))
    assert source.text == TEXT and source.warnings == [] and source.encoding == "utf-8"


def test_bom_and_utf16_are_recognised():
    assert read(codecs.BOM_UTF8 + TEXT.encode("utf-8")).text == TEXT
    assert read(TEXT.encode("utf-16")).text == TEXT


def test_other_encodings_are_detected_and_reported():
    source = read(("Le Kremlin a expulsé 23 diplomates français à Moscou. " * 20).encode("cp1252"))
    assert "expulsé" in source.text and "français" in source.text
    assert any("not UTF-8" in w for w in source.warnings)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # English copy with a few Western names: too little for letter statistics, which
        # guessed Central European and Baltic code pages ("Peńa", "ministčre", "Pe±a")
        ("Britain expelled 23 Russian diplomats from España on 14 March 2018, said Peña.\n",
         "latin-1"),
        ("Le ministère a dit: très bien, naïve, à Paris. Britain expelled 23 diplomats.\n",
         "cp1252"),
        ("Norway’s PST arrested a researcher in Tromsø – “a spy”, it said.\n", "cp1252"),
        # Central European text stays what it is
        ("Předseda vlády Petr Fiala řekl, že Česko vyhostí 18 ruských diplomatů. "
         "Ministerstvo zahraničí potvrdilo, že diplomaté musí odjet do 48 hodin.\n", "cp1250"),
    ],
)  # fmt: skip
def test_single_byte_text_is_read_in_its_own_code_page(text, encoding):
    source = read(text.encode(encoding))
    assert source.text == text, source.encoding


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_byte_order_mark_are_text_not_binary(encoding):
    source = read(TEXT.encode(encoding))
    assert source.text == TEXT and source.encoding == encoding


def test_random_bytes_with_zeros_are_still_binary():
    import random

    noise = bytes(random.Random(7).randrange(256) for _ in range(4000)) + b"\x00" * 64
    with pytest.raises(InputError, match="binary"):
        read(noise)


def test_an_html_page_declares_its_charset():
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "</head><body><p>Москва выслала 23 британских дипломата.</p></body></html>"
    )
    source = read(page.encode("cp1251"))
    assert source.encoding == "cp1251" and "Москва выслала" in source.text


def test_undecodable_bytes_are_replaced_and_counted():
    data = TEXT.encode("utf-8") * 50
    source = Source(text="")
    stream = io.BytesIO(data[:100] + b"\xff\xfe\xfa" + data[100:])
    # force UTF-8 by making the sample decode: the bad bytes come after the sniffed block
    text = "".join(t for _, t in iter_stream_chunks(stream, source, size=4096))
    assert "\ufffd" in text or "not UTF-8" in " ".join(source.warnings)
    assert "expelled" in text


def test_binary_and_empty_inputs_are_refused_with_advice():
    with pytest.raises(InputError, match="binary"):
        read(b"\x00\x01\x02PK\x03\x04" * 100)
    with pytest.raises(InputError, match="empty"):
        read(b"")
    with pytest.raises(InputError, match="no text"):
        read(b"   \n\n \t ")


def test_html_is_reduced_to_text_without_scripts_navigation_or_asides():
    html = """<!doctype html><html><head><title>Expulsions</title>
    <meta property="article:published_time" content="2018-03-30T10:00:00Z">
    <script>var claims = "Russia expelled 999 diplomats";</script></head>
    <body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
    <article><h1>Russia expels 60 US diplomats</h1>
    <p>Russia on Thursday ordered 60 American diplomats to leave &amp; closed a consulate.</p>
    <aside>Related: Britain expelled 23 diplomats</aside></article>
    <footer>Copyright 2018</footer></body></html>"""
    text, title, published = html_to_text(html)
    assert title == "Expulsions" and published == "2018-03-30"
    assert "999" not in text and "Home" not in text and "Related" not in text
    assert "Copyright" not in text
    assert "Russia on Thursday ordered 60 American diplomats to leave & closed a consulate." in text
    assert text.startswith("Russia expels 60 US diplomats")


def test_html_scan_uses_page_metadata_and_offsets_into_extracted_text():
    html = (
        "<html><head><meta name='date' content='2018-03-30'></head><body>"
        "<p>Russia on Thursday <b>expelled</b> 60 US diplomats.</p></body></html>"
    )
    scan = scan_stream(io.BytesIO(html.encode()), name="page.html")
    claims = list(scan.claims)
    assert scan.source.format == "html" and str(scan.published) == "2018-03-30"
    assert claims[0].slots.date.start == "2018-03-29"
    assert scan.source.text[claims[0].start : claims[0].end] == claims[0].text
    assert looks_like_html(html) and not looks_like_html("Plain <3 text")


def test_chunks_cut_at_paragraphs_and_cover_everything():
    text = "".join(f"Paragraph {i} says something.\n\n" for i in range(2000))
    chunks = list(iter_chunks(text, 1000))
    assert "".join(c for _, c in chunks) == text
    assert all(len(c) <= 1000 for _, c in chunks)
    assert all(c.endswith("\n\n") for _, c in chunks[:-1])
    assert [o for o, _ in chunks] == [
        sum(len(c) for _, c in chunks[:i]) for i in range(len(chunks))
    ]


def test_streamed_chunks_match_offsets_of_the_whole_text():
    text = "".join(f"Line {i}: Britain expelled {i} diplomats.\n" for i in range(3000))
    source = Source(text="")
    chunks = list(iter_stream_chunks(io.BytesIO(text.encode()), source, size=5000))
    assert len(chunks) > 10
    for offset, chunk in chunks:
        assert text[offset : offset + len(chunk)] == chunk


def test_control_characters_become_spaces_and_offsets_hold():
    raw = (
        "Britain expelled 23 Russian diplomats.\x07\x1b[31m Moscow expelled 23 British diplomats.\n"
    )
    source = read(raw.encode())
    assert "\x1b" not in source.text and "\x07" not in source.text
    assert len(source.text) == len(raw)
    assert any("2 control character(s)" in w for w in source.warnings)
    scan = scan_stream(io.BytesIO(raw.encode()), published="2018-03-20")
    claims = list(scan.claims)
    assert [c.slots.actor for c in claims] == ["Britain", "Moscow"]
