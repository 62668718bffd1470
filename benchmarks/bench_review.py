"""Benchmark of the review workbench: the store at 10,000 articles and the panel in a browser.

    python benchmarks/bench_review.py [--articles 10000] [--claims 300] [--no-browser]

Store: the actions a reviewer repeats (save a verdict, open an article, read progress, open a
panel) timed on a store of 10 articles and again on one of N articles, in one run; the ratio says
how much slower a large store is.

Browser: JupyterLab in Debian's chromium (as in the browser tests). An article with about 300
claims is shown (a) as a plain ipywidgets.HTML of the same text, the baseline, and (b) as the
review panel; then verdict clicks are timed from the click to the row in the store, against a
plain ipywidgets.Button that writes one row to SQLite. Times are wall clock from the keypress that
runs the cell, so they include the kernel's work.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402

from claimcheck.detection import detect  # noqa: E402
from claimcheck.link import link  # noqa: E402
from claimcheck.model import Article  # noqa: E402
from claimcheck.workbench import Workbench  # noqa: E402

TEMPLATES = [
    "Britain expelled {n} Russian diplomats on {d} March 2018.",
    "The European Union imposed a {o} round of sanctions on Russia in {m} 2019.",
    "The United States withdrew from the INF Treaty on {d} August 2019.",
    "Leaders of the G7 held a summit in Biarritz on {d} August 2019.",
    "A former official pleaded guilty to {n} charges of fraud on {d} May 2017.",
    "Voters in Ireland approved the referendum on {d} May 2018.",
    "NATO began an exercise with {n}000 troops in Norway on {d} October 2018.",
    "A bomb attack killed {n} people in Kabul on {d} January 2018.",
    "The government closed {n} consulates on {d} June 2017.",
]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]
MONTHS = ["March", "April", "May", "June", "July"]


def article_text(claims: int, seed: int) -> str:
    rng = random.Random(seed)
    sentences = []
    for i in range(claims):
        template = TEMPLATES[i % len(TEMPLATES)]
        sentences.append(
            template.format(
                n=rng.randint(2, 60),
                d=rng.randint(1, 28),
                o=rng.choice(ORDINALS),
                m=rng.choice(MONTHS),
            )
        )
        if i % 6 == 5:
            sentences.append("\n\n")
    return " ".join(sentences)


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def fill(wb: Workbench, articles: int, base: list[Article]) -> None:
    """Store ``articles`` articles (copies of detected templates with unique text) with reviews."""
    rng = random.Random(7)
    for i in range(articles):
        template = base[i % len(base)]
        copy = Article.from_dict(template.to_dict())
        copy.text = template.text + f"\n\n(copy {i})"
        copy.title = f"Article {i}"
        stored = wb.insert_article(copy, reviewer="loader")
        for claim in stored.claims[: rng.randint(0, len(stored.claims))]:
            wb.set_verdict(claim.id, rng.choice(wb.scale.keys), "bulk", reviewer=f"r{i % 20}")


def bench_store(n_articles: int) -> None:
    print(f"Store: 10 articles against {n_articles:,} articles (each with its claims and reviews)")
    base = []
    for seed in range(5):
        text = article_text(12, seed)
        claims = link(detect(text, "2019-12-31"), offline=True, published="2019-12-31")
        base.append(Article(text=text, published="2019-12-31", claims=claims))
    folder = Path(tempfile.mkdtemp(prefix="cc-bench-"))
    results = {}
    try:
        for n in (10, n_articles):
            path = folder / f"store-{n}.sqlite"
            t = time.perf_counter()
            with Workbench(path) as wb:
                fill(wb, n, base)
            build = time.perf_counter() - t
            with Workbench(path, reviewer="bench") as wb:
                last = wb.articles()[-1]["id"]
                claims = wb.claims(last)
                ids = iter(range(10**9))

                def verdict(wb=wb, claims=claims, ids=ids):
                    wb.set_verdict(claims[next(ids) % len(claims)].id, "true", "x")

                def open_article(wb=wb, last=last):
                    wb.article(last)
                    wb.reviews(last, reviewer="bench")
                    wb.progress(last, reviewer="bench")

                def panel(wb=wb, last=last):
                    wb.review(last)

                results[n] = {
                    "save a verdict": timed(verdict, 200),
                    "open an article (claims, reviews, progress)": timed(open_article, 100),
                    "store progress over all articles": timed(lambda wb=wb: wb.progress(), 20),
                    "build the review panel (headless)": timed(panel, 10),
                    "undo": timed(lambda wb=wb: wb.undo(), 50),
                }
            size = path.stat().st_size / 1e6
            print(f"  {n:>6,} articles: built in {build:.1f} s, {size:.1f} MB")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"  {'action':46} {'10 (ms)':>9} {f'{n_articles:,} (ms)':>12} {'ratio':>7}  p95 (ms)")
    small, large = results[10], results[n_articles]
    for name in small:
        a, b = statistics.median(small[name]) * 1e3, statistics.median(large[name]) * 1e3
        p95 = sorted(large[name])[int(0.95 * (len(large[name]) - 1))] * 1e3
        print(f"  {name:46} {a:9.2f} {b:12.2f} {b / a:7.2f}  {p95:8.2f}")


BASELINE_CELL = """import html, ipywidgets
baseline = ipywidgets.HTML('<div class="cc-baseline" style="white-space:pre-wrap">'
                           + html.escape(TEXT) + '</div>')
baseline"""

BUTTON_CELL = """import sqlite3, ipywidgets
db = sqlite3.connect("clicks.sqlite", isolation_level=None)
db.execute("CREATE TABLE IF NOT EXISTS clicks (n INTEGER)")
button = ipywidgets.Button(description="plain button")
button.add_class("cc-plain-button")
button.on_click(lambda _: db.execute("INSERT INTO clicks VALUES (1)"))
button"""


def bench_browser(n_claims: int) -> None:
    from tests.browser.jupyterlab import browser_page, jupyterlab

    folder = Path(tempfile.mkdtemp(prefix="cc-bench-lab-"))
    text = article_text(n_claims, 1)
    setup = (
        "import claimcheck\n"
        f"TEXT = {text!r}\n"
        "wb = claimcheck.Workbench('bench.sqlite', reviewer='bench')\n"
        "article = wb.add_article(TEXT, published='2019-12-31', title='Benchmark')\n"
        "print(len(article.claims), 'claims')"
    )
    cells = [setup, BASELINE_CELL, "panel = wb.review(article.id)\npanel", BUTTON_CELL]
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(c) for c in cells],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)"}},
    )
    nbformat.write(notebook, folder / "bench.ipynb")
    store = folder / "bench.sqlite"
    try:
        with jupyterlab(folder) as lab, browser_page() as page:
            page.goto(lab.notebook_url("bench.ipynb"))
            page.wait_for_selector(".jp-Notebook", timeout=60_000)
            lab.wait_for_kernel("bench.ipynb")

            def run_cell(index: int) -> float:
                cell = page.locator(".jp-CodeCell").nth(index)
                cell.locator(".jp-InputArea-editor").click()
                start = time.perf_counter()
                page.keyboard.press("Control+Enter")
                return start

            start = run_cell(0)
            page.wait_for_function(
                "() => [...document.querySelectorAll('.jp-OutputArea-output')]"
                ".some(o => o.textContent.includes('claims'))",
                timeout=120_000,
            )
            claims = sqlite3.connect(store).execute("SELECT count(*) FROM claims").fetchone()[0]
            print(f"Browser: an article with {claims} claims ({len(text):,} characters)")
            timings = {}
            for _ in range(3):  # the first run of each warms the kernel's imports
                for name, index, done in (
                    ("plain ipywidgets.HTML of the text (baseline)", 1, ".cc-baseline"),
                    ("review panel with every claim highlighted", 2, None),
                ):
                    page.evaluate(
                        "() => document.querySelectorAll('.cc-panel, .cc-baseline')"
                        ".forEach(e => e.dataset.old = 1)"
                    )
                    start = run_cell(index)
                    if done:
                        page.wait_for_selector(f"{done}:not([data-old])", timeout=60_000)
                    else:
                        page.wait_for_function(
                            "n => { const p = document.querySelector('.cc-panel:not([data-old])');"
                            " return p && p.querySelectorAll('mark.cc-claim').length >= n"
                            " && p.querySelector('.cc-card-head blockquote')"
                            " && p.querySelectorAll('.cc-list li').length >= n; }",
                            arg=min(claims, n_claims) // 2,
                            timeout=60_000,
                        )
                    timings.setdefault(name, []).append(time.perf_counter() - start)
            base = statistics.median(timings["plain ipywidgets.HTML of the text (baseline)"][1:])
            for name, values in timings.items():
                value = statistics.median(values[1:])
                print(f"  {name:48} {value * 1e3:8.0f} ms  ratio {value / base:6.2f}")

            # Verdict clicks: click to row in the store, against a plain button writing a row.
            run_cell(3)
            page.wait_for_selector(".cc-plain-button", timeout=60_000)
            clicks = folder / "clicks.sqlite"

            def count(db: Path, query: str) -> int:
                with sqlite3.connect(db) as conn:
                    return conn.execute(query).fetchone()[0]

            def click_and_wait(selector: str, db: Path, query: str) -> float:
                before = count(db, query)
                start = time.perf_counter()
                page.locator(selector).last.click()
                while count(db, query) == before:
                    time.sleep(0.005)
                return time.perf_counter() - start

            panel = page.locator(".cc-panel:not([data-old])").first
            panel.evaluate("e => e.scrollIntoView()")
            plain = [
                click_and_wait(".cc-plain-button", clicks, "SELECT count(*) FROM clicks")
                for _ in range(20)
            ]
            # The card stays on its claim after a verdict, and the same verdict twice saves
            # nothing: alternate two verdicts so that every click is a change to store.
            verdicts = [
                click_and_wait(
                    f".cc-panel:not([data-old]) .cc-verdict-{('true', 'false')[i % 2]}",
                    store,
                    "SELECT count(*) FROM history WHERE action = 'verdict'",
                )
                for i in range(20)
            ]
            p_plain, p_verdict = statistics.median(plain), statistics.median(verdicts)
            print(f"  {'click on a plain button that writes a row (baseline)':48} "
                  f"{p_plain * 1e3:8.0f} ms  ratio {1:6.2f}")  # fmt: skip
            print(f"  {'verdict click, saved in the store':48} {p_verdict * 1e3:8.0f} ms  "
                  f"ratio {p_verdict / p_plain:6.2f}  (max {max(verdicts) * 1e3:.0f} ms)")  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=300)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    bench_store(args.articles)
    if not args.no_browser:
        bench_browser(args.claims)


if __name__ == "__main__":
    main()
