"""Reading archives: folders in any encoding, JSONL, CSV and Parquet tables, cut into partitions."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timezone

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from claimcheck.archive import ArticleFailure, ArticleRecord, open_input, read_articles
from claimcheck.archive.inputs import default_partition_size, read_partition
from claimcheck.errors import InputError

BODY = "Poland expelled 45 Russian diplomats on Tuesday, the foreign ministry said."


def records(location, size=100):
    archive = open_input(str(location))
    return [r for part in archive.partitions(size) for r in read_partition(part)]


def ok(items):
    return [r for r in items if isinstance(r, ArticleRecord)]


def failed(items):
    return [r for r in items if isinstance(r, ArticleFailure)]


def test_a_folder_in_several_encodings_with_html_and_bad_files(tmp_path):
    root = tmp_path / "articles"
    (root / "b-section").mkdir(parents=True)
    (root / "a-latin.txt").write_bytes(("Café owners in Kraków said " + BODY).encode("cp1252"))
    (root / "c-utf16.txt").write_bytes(("Zürich: " + BODY).encode("utf-16"))
    (root / "b-section" / "page.html").write_text(
        "<html><head><title>Poland expels 45</title>"
        '<meta property="article:published_time" content="2023-03-22T09:00:00Z"></head>'
        f"<body><nav>Home</nav><p>{BODY}</p><script>var x = 1;</script></body></html>",
        encoding="utf-8",
    )
    (root / "b-section" / "later.html").write_text(
        '<html><head><meta property="article:published_time" content="9999-12-31"></head>'
        f"<body><p>{BODY}</p></body></html>",
        encoding="utf-8",
    )
    (root / "d-binary.bin").write_bytes(b"\x00\x01\x02\x03" * 200)
    (root / "e-empty.txt").write_bytes(b"")
    (root / ".hidden.txt").write_text(BODY)
    archive = open_input(str(root))
    assert archive.kind == "folder" and archive.count() == 6
    items = records(root, size=2)
    assert [r.ref for r in items] == [
        "a-latin.txt",
        "c-utf16.txt",
        "d-binary.bin",
        "e-empty.txt",
        "b-section/later.html",
        "b-section/page.html",
    ]
    latin, utf16, later, page = ok(items)
    assert later.published is None and later.text == BODY  # scanned without the page's date
    assert later.warnings[-1] == (
        "ignored the publication date '9999-12-31' in the page: it is outside the years 1000 "
        "to 2999"
    )
    assert latin.text.startswith("Café owners in Kraków") and latin.encoding.startswith("cp125")
    assert utf16.text.startswith("Zürich: Poland")
    assert latin.id == "a-latin.txt" and latin.title == "a latin"
    assert page.format == "html" and page.title == "Poland expels 45"
    assert page.published == date(2023, 3, 22)
    assert page.text == BODY  # navigation and script left out
    binary, empty = failed(items)
    assert "binary" in binary.error and binary.id == "d-binary.bin"
    assert "empty" in empty.error


def test_jsonl_rows_checked_one_by_one(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": 7, "text": BODY, "published": "2023-03-21", "url": "https://x.test/7"}),
        json.dumps({"text": BODY, "published": "2023-03-21T10:00:00+00:00", "title": " T "}),
        "",
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "x", "text": "  "}),
        json.dumps({"id": "y", "text": BODY, "published": "last week"}),
        json.dumps({"id": "z", "text": 12}),
        json.dumps({"id": "late", "text": BODY, "published": "9999-12-31"}),
        json.dumps({"id": "early", "text": BODY, "published": "0999-01-01T00:00:00"}),
    ]
    path.write_text("\n".join(lines))  # no line break after the last row
    assert open_input(str(path)).count() == 10
    items = records(path, size=3)
    first, second = ok(items)
    assert (first.id, first.published, first.url) == ("7", date(2023, 3, 21), "https://x.test/7")
    assert (second.id, second.ref, second.title) == ("2", "line 2", "T")
    assert second.published == date(2023, 3, 21)
    errors = {f.ref: f.error for f in failed(items)}
    assert set(errors) == {f"line {n}" for n in range(4, 11)}
    assert "not a JSON object" in errors["line 4"] and "not a JSON object" in errors["line 5"]
    assert "no text" in errors["line 6"]
    assert errors["line 7"] == "published date 'last week' is unreadable: write it as YYYY-MM-DD"
    assert "not text" in errors["line 8"]
    assert errors["line 9"] == "published date '9999-12-31' is outside the years 1000 to 2999"
    assert "'0999-01-01T00:00:00' is outside the years 1000 to 2999" in errors["line 10"]


def test_csv_with_line_breaks_and_quotes_inside_fields_whatever_the_partition_size(
    tmp_path, monkeypatch
):
    import csv

    from claimcheck.archive import inputs

    path = tmp_path / "a.csv"
    rows = [
        {"id": f"r{i}", "text": f'Line one of {i}.\n\n"Quoted", she said.\nEnd of {i}.'}
        for i in range(11)
    ]
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["id", "text", "published"])
        writer.writeheader()
        writer.writerows(rows)
        f.write("short,row\n")
    assert open_input(str(path)).count() == 12
    for size, block in ((1, 1 << 20), (2, 7), (5, 64), (100, 3)):
        monkeypatch.setattr(inputs, "BLOCK", block)  # quotes open across reads, too
        items = records(path, size=size)
        assert [(r.id, r.text) for r in ok(items)] == [(r["id"], r["text"]) for r in rows]
        (bad,) = failed(items)
        assert bad.ref == "row 12" and "2 fields where the header has 3" in bad.error


def test_a_table_without_a_text_column_is_refused_with_its_columns(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,body\n1,hello\n")
    with pytest.raises(InputError, match=r"no 'text' column .*columns: id, body"):
        open_input(str(path))
    table = tmp_path / "a.parquet"
    pq.write_table(pa.table({"body": ["x"]}), table)
    with pytest.raises(InputError, match="no 'text' column"):
        open_input(str(table))


def test_jsonl_without_a_text_field_in_any_record_is_refused_like_a_table(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n" + json.dumps({"id": 1, "body": BODY}) + "\n" + json.dumps({"id": 2}))
    with pytest.raises(InputError, match=r"no record with a 'text' field .*first: id, body\)"):
        open_input(str(path))
    path.write_text("id,text\n1,hello\n")
    with pytest.raises(InputError, match="the first is not a JSON object"):
        open_input(str(path))
    rows = [{"id": i, "body": BODY} for i in range(3)] + [{"id": 3, "\u0074ext": BODY}]
    path.write_text("\n".join(json.dumps(r) for r in rows))  # json.dumps writes \u0074ext as text
    items = records(path)
    assert [r.id for r in ok(items)] == ["3"] and len(failed(items)) == 3
    path.write_text("\n".join([json.dumps({"body": BODY}), r'{"\u0074ext": "escaped"}']))
    assert [r.text for r in ok(records(path))] == ["escaped"]


def test_parquet_row_groups_are_cut_into_partitions_without_changing_the_rows(tmp_path):
    path = tmp_path / "a.parquet"
    n = 23
    table = pa.table(
        {
            "id": [f"p{i}" for i in range(n)],
            "text": [f"{BODY} ({i})" for i in range(n)],
            "published": [datetime(2023, 1, 1 + i, 8, tzinfo=timezone.utc) for i in range(n)],
        }
    )
    pq.write_table(table, path, row_group_size=7)
    archive = open_input(str(path))
    assert archive.count() == n
    assert len(list(archive.partitions(3))) == 10  # 3 + 3 + 1 for each group of 7, then 2
    expected = [(f"p{i}", date(2023, 1, 1 + i)) for i in range(n)]
    for size in (3, 7, 100):
        assert [(r.id, r.published) for r in records(path, size)] == expected
    refs = [r.ref for r in records(path, 3)]
    assert refs == [f"row {i + 1}" for i in range(n)]


def test_a_folder_of_parquet_files_is_one_dataset(tmp_path):
    root = tmp_path / "ds"
    root.mkdir()
    for k in range(2):
        pq.write_table(
            pa.table({"text": [f"{BODY} {k}-{i}" for i in range(3)]}), root / f"{k}.parquet"
        )
    archive = open_input(str(root))
    assert archive.kind == "parquet" and archive.count() == 6
    assert [r.text[-3:] for r in records(root, 2)] == ["0-0", "0-1", "0-2", "1-0", "1-1", "1-2"]


def test_a_single_article_file_or_a_missing_path_is_refused(tmp_path):
    article = tmp_path / "one.txt"
    article.write_text(BODY)
    with pytest.raises(InputError, match="claimcheck scan FILE"):
        open_input(str(article))
    with pytest.raises(InputError, match="no such file or folder"):
        open_input(str(tmp_path / "missing"))


def test_partition_digests_follow_the_input(tmp_path):
    root = tmp_path / "articles"
    root.mkdir()
    for i in range(4):
        (root / f"{i}.txt").write_text(f"{BODY} {i}")
    before = [p.digest for p in open_input(str(root)).partitions(2)]
    assert before == [p.digest for p in open_input(str(root)).partitions(2)]
    (root / "3.txt").write_text(f"{BODY} changed")
    after = [p.digest for p in open_input(str(root)).partitions(2)]
    assert after[0] == before[0] and after[1] != before[1]
    stat = (root / "0.txt").stat()
    (root / "0.txt").write_text(f"{BODY} 9")  # the same size, and the same time below
    os.utime(root / "0.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    edited = [p.digest for p in open_input(str(root)).partitions(2)]
    assert edited[0] != after[0] and edited[1] == after[1]


def test_a_big_file_is_fingerprinted_by_samples_and_its_time(tmp_path, monkeypatch):
    import fsspec

    from claimcheck.archive import inputs

    monkeypatch.setattr(inputs, "HASH_WHOLE", 1000)
    monkeypatch.setattr(inputs, "SAMPLES", 4)
    monkeypatch.setattr(inputs, "SAMPLE", 10)
    path = tmp_path / "big.parquet"
    path.write_bytes(b"a" * 4000)
    read: list[int] = []
    cat_file = fsspec.implementations.local.LocalFileSystem.cat_file

    def counted(self, p, start=None, end=None, **kwargs):
        data = cat_file(self, p, start, end, **kwargs)
        read.append(len(data))
        return data

    monkeypatch.setattr(fsspec.implementations.local.LocalFileSystem, "cat_file", counted)

    def stamp():
        fs = fsspec.filesystem("file")
        return inputs.file_stamp(fs, str(path), fs.info(str(path)))

    first = stamp()
    assert read == [10] * 4  # 40 of the 4,000 bytes
    assert first["size"] == 4000 and first["mtime_ns"] == path.stat().st_mtime_ns
    times = (path.stat().st_atime_ns, path.stat().st_mtime_ns)
    for offset, changed in ((0, True), (1330, True), (3999, True), (2000, False)):
        data = bytearray(b"a" * 4000)
        data[offset] = ord("b")
        path.write_bytes(bytes(data))
        os.utime(path, ns=times)
        assert (stamp()["sha256"] != first["sha256"]) is changed, offset
    assert stamp()["mtime_ns"] == first["mtime_ns"]
    path.write_bytes(b"a" * 4000)
    assert stamp() != first  # the bytes scanned, written again: a new modification time
    os.utime(path, ns=times)
    assert stamp() == first


def test_every_file_of_a_parquet_folder_is_fingerprinted(tmp_path):
    from claimcheck.archive.inputs import describe_change

    root = tmp_path / "ds"
    root.mkdir()
    for k in range(2):
        pq.write_table(pa.table({"text": [f"{BODY} {k}"]}), root / f"{k}.parquet")
    before = open_input(str(root)).fingerprint()
    assert set(before) == {"0.parquet", "1.parquet"}
    assert describe_change(before, open_input(str(root)).fingerprint()) is None
    pq.write_table(pa.table({"text": [f"{BODY} 2"]}), root / "1.parquet")  # the same size
    assert describe_change(before, open_input(str(root)).fingerprint()) == (
        "1.parquet: same size, other content"
    )


def test_default_partition_size_grows_with_the_archive():
    sizes = [default_partition_size(n) for n in (10, 2_000, 20_000, 1_000_000, 10**8)]
    assert sizes == [50, 50, 100, 2000, 2000]


def test_read_articles_returns_the_asked_ones_in_order(small_archive):
    chosen = read_articles(str(small_archive), ["a000100", "a000002", "nope"])
    assert [r.id for r in chosen] == ["a000100", "a000002"]
    rows = {json.loads(line)["id"]: json.loads(line) for line in small_archive.open()}
    assert chosen[0].text == rows["a000100"]["text"]
    assert chosen[0].published.isoformat() == rows["a000100"]["published"]
