"""Running a corpus scan: plan the partitions, hand them to workers, resume, summarise.

Three ways to run the same partition function (:func:`~claimcheck.archive.task.scan_partition`):
in this process (one worker), in a pool of local processes (the default: no set-up), or on a Dask
cluster (``dask=ADDRESS``). The rows do not depend on which: partitions are cut from the input
alone and each is written by exactly one task. At most two partitions per worker are in flight,
so memory stays the same whatever the size of the archive.

The output folder::

    scan.json                 what was scanned, with which options (checked when resuming)
    claims/part-*.parquet     one row per claim: pandas.read_parquet("OUT/claims")
    articles/part-*.parquet   one row per article scanned
    errors.jsonl              articles that could not be scanned, and why
    summary.json              counts by claim type, throughput per worker
    _progress/part-*.json     one per finished partition: what makes a scan resumable
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

import fsspec

from .. import __version__
from ..detection import DEFAULT_THRESHOLD
from ..errors import ClaimcheckError, InputError, OptionError
from .inputs import CorpusInput, default_partition_size, describe_change, open_input
from .task import Job, peak_rss_mb, progress_path, scan_partition, warm_up

MANIFEST = "scan.json"
# What scan.json and the progress files record. 2: each file's size, modification time in
# nanoseconds and content hash (1 kept sizes only, which missed an edit that kept the size).
FORMAT = 2
IN_FLIGHT_PER_WORKER = 2
STOP_SECONDS = 10  # how long stopping the workers may wait for each (they are killed after)


class ScanError(ClaimcheckError):
    """A scan cannot start or go on: the output folder holds something else, a worker died."""

    exit_code = 2


@dataclass
class CorpusScan:
    """What a corpus scan produced (the same as ``summary.json``)."""

    input: str
    out: str
    kind: str
    rows: int
    articles: int
    articles_with_claims: int
    claims: int
    errors: int
    by_type: dict[str, int]
    partitions: int
    partition_size: int
    resumed_partitions: int
    elapsed: float
    mode: str
    workers: list[dict[str, Any]] = field(default_factory=list)
    coordinator_peak_rss_mb: float | None = None  # the process that hands out the partitions

    @property
    def claims_path(self) -> str:
        return f"{self.out}/claims"

    @property
    def articles_path(self) -> str:
        return f"{self.out}/articles"

    @property
    def errors_path(self) -> str:
        return f"{self.out}/errors.jsonl"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _read_json(fs, path: str) -> dict[str, Any]:
    with fs.open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8"))


def _write_json(fs, path: str, data: dict[str, Any]) -> None:
    with fs.open(path, "wb") as f:
        f.write((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def _describe(options: dict[str, Any] | None) -> str:
    options = options or {}
    link = "--link" if options.get("link") else "no --link"
    return f"{link} and threshold {options.get('threshold')}"


def _shown(fs, path: str) -> str:
    """A local path as a plain path; anything else as its URL."""
    protocols = fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)
    return path if "file" in protocols else fs.unstrip_protocol(path)


def _prepare_out(
    fs, out: str, shown: str, manifest: dict[str, Any], partition_size: int | None
) -> dict[str, Any]:
    """Start a new scan in ``out`` or check that the one there is the same scan; returns it."""
    path = f"{out}/{MANIFEST}"
    again = "give another --out folder, or delete this one to start over"
    if fs.exists(path):
        try:
            stored = _read_json(fs, path)
        except (OSError, ValueError):
            raise ScanError(f"{shown}/{MANIFEST} is damaged: {again}") from None
        if isinstance(stored.get("format"), int) and stored["format"] < manifest["format"]:
            raise ScanError(
                f"{shown} holds a scan started by an older claimcheck, which did not record "
                f"enough of the input to tell whether it changed since: {again}"
            )
        if stored.get("options") != manifest["options"]:
            raise ScanError(
                f"{shown} holds a scan made with {_describe(stored.get('options'))}, this run "
                f"asks for {_describe(manifest['options'])}: {again}"
            )
        for key, what in (
            ("input", "input"),
            ("kind", "kind of input"),
            ("claimcheck", "claimcheck version"),
            ("format", "output format"),
        ):
            if stored.get(key) != manifest[key]:
                raise ScanError(
                    f"{shown} holds a scan of another {what} ({stored.get(key)}, now "
                    f"{manifest[key]}): {again}"
                )
        change = describe_change(stored.get("fingerprint"), manifest["fingerprint"])
        if stored.get("rows") != manifest["rows"]:
            change = f"{stored.get('rows')} rows then, {manifest['rows']} now"
        if change:
            raise ScanError(
                f"the input changed since the scan in {shown} started ({change}): {again}"
            )
        if partition_size is not None and partition_size != stored.get("partition_size"):
            raise ScanError(
                f"{shown} was scanned with --partition-size {stored.get('partition_size')}: "
                "resume with the same size, or give another --out folder"
            )
        return stored
    if fs.exists(out) and fs.ls(out, detail=False):
        raise ScanError(
            f"{shown} is not empty and holds no claimcheck scan: give a new or empty --out folder"
        )
    fs.makedirs(out, exist_ok=True)
    manifest = {
        **manifest,
        "partition_size": partition_size or default_partition_size(manifest["rows"]),
    }
    _write_json(fs, path, manifest)
    return manifest


def _done_partitions(fs, out: str) -> dict[int, dict[str, Any]]:
    folder = f"{out}/_progress"
    if not fs.exists(folder):
        return {}
    done = {}
    for path in fs.ls(folder, detail=False):
        name = path.rsplit("/", 1)[-1]
        if name.startswith("part-") and name.endswith(".json"):
            stats = _read_json(fs, path)
            stats.pop("error_list", None)
            done[int(name[5:-5])] = stats
    return done


class _Progress:
    """A tqdm bar (terminal or notebook) counting articles, fed as partitions finish."""

    def __init__(self, total: int, initial: int, show: bool | None) -> None:
        from tqdm.auto import tqdm

        self.bar = tqdm(
            total=total,
            initial=initial,
            unit="article",
            desc="scanning",
            disable=None if show is None else not show,
            smoothing=0.05,
            dynamic_ncols=True,
        )

    def update(self, rows: int) -> None:
        self.bar.update(rows)

    def close(self) -> None:
        self.bar.close()


def _run_here(jobs: Iterator[Job], done: Callable[[dict], None], threshold, link) -> str:
    warm_up(threshold, link)
    for job in jobs:
        done(scan_partition(job))
    return "in this process"


def _init_local_worker(threshold: float, link: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    warm_up(threshold, link)


def _interrupted(signum, frame) -> None:
    """Ctrl-C: a KeyboardInterrupt, as always, and the next Ctrl-C ignored (it would cut the
    stopping of the workers short and leave them running)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


@contextmanager
def _interrupt_once() -> Iterator[None]:
    """While local workers run, the first Ctrl-C stops the scan and the others are ignored until
    the workers are stopped; Ctrl-C is as before afterwards. Left alone off the main thread, or
    where Ctrl-C is not Python's KeyboardInterrupt (someone else handles it)."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    signal.signal(signal.SIGINT, _interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@contextmanager
def _interrupt_blocked() -> Iterator[None]:
    """Ctrl-C held back in this thread: a worker started here inherits the mask, so one still
    importing when Ctrl-C comes does not die with a traceback before it can ignore it. Another
    thread, or this one afterwards, takes the signal: none is lost."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now and wait for them and the pool's thread, so that none is left
    running and nothing is left for the interpreter to wait for at exit. A partition a worker
    was scanning has no progress file: the next run scans it again."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)  # it reaps the workers
    pool.shutdown(wait=False, cancel_futures=True)  # forgets the processes: taken above
    for process in processes:
        process.terminate()
    if manager is not None:
        manager.join(STOP_SECONDS)
    for process in processes:
        process.join(STOP_SECONDS)
        if process.is_alive():  # pragma: no cover - the workers do not ignore SIGTERM
            process.kill()
            process.join(STOP_SECONDS)


def _run_pool(
    jobs: Iterator[Job], done: Callable[[dict], None], workers: int, threshold, link
) -> str:
    context = multiprocessing.get_context("spawn")  # no fork of a process with threads
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_local_worker, initargs=(threshold, link)
    )
    pending: set = set()
    with _interrupt_once():
        try:
            for job in jobs:
                while len(pending) >= IN_FLIGHT_PER_WORKER * workers:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        done(future.result())
                with _interrupt_blocked():  # the first submits start the workers
                    pending.add(pool.submit(scan_partition, job))
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    done(future.result())
            pool.shutdown(wait=True)
        except BrokenProcessPool:
            _stop_pool(pool)
            raise ScanError(
                "a worker process stopped unexpectedly (out of memory?); run the same command "
                "again to continue where it stopped, with fewer --workers if memory is short"
            ) from None
        except BaseException:
            _stop_pool(pool)
            raise
    return f"{workers} local processes"


def _dask_client(dask: Any):
    try:
        from distributed import Client
    except ImportError:
        raise ScanError(
            "--dask needs the 'distributed' package: pip install 'claimcheck[archive]'"
        ) from None
    if isinstance(dask, Client):
        return dask, False
    try:
        # how long to try: Dask's own setting distributed.comm.timeouts.connect (default 30 s)
        return Client(dask), True
    except (OSError, TimeoutError, ValueError) as exc:
        reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise ScanError(
            f"cannot reach the Dask scheduler at {dask} ({reason}): start one with "
            "'dask scheduler' or check the address"
        ) from None


def _run_dask(jobs: Iterator[Job], done: Callable[[dict], None], client: Any, threshold, link):
    from distributed import as_completed

    try:
        client.run(warm_up, threshold, link)  # each worker builds its pipeline once, now
    except (ImportError, AttributeError) as exc:
        raise ScanError(
            f"the Dask workers cannot run claimcheck ({type(exc).__name__}: {exc}): install "
            "the same claimcheck with its archive extra on every worker"
        ) from None
    slots = max(1, sum(client.nthreads().values()))
    running = as_completed()
    for submitted, job in enumerate(jobs, start=1):
        running.add(client.submit(scan_partition, job, pure=False))
        if submitted >= IN_FLIGHT_PER_WORKER * slots:
            done(next(running).result())
    for future in running:
        done(future.result())
    address = client.scheduler.address if client.scheduler else "?"
    return f"Dask at {address}, {len(client.nthreads())} workers"


def scan_corpus(
    input: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    workers: int | None = None,
    dask: Any = None,
    link: bool = False,
    partition_size: int | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    progress: bool | None = None,
) -> CorpusScan:
    """Scan an archive into a Parquet dataset in ``out``; a stopped scan continues where it was.

    ``input`` is a folder of articles (text or HTML, any encoding), a Parquet dataset folder, or a
    .jsonl / .csv / .parquet table with a ``text`` column (optional ``published``, ``id``, ``url``,
    ``title``, ``source``); local paths or fsspec URLs. ``workers`` local processes (default: one
    per CPU), or ``dask``: a scheduler address or a ``distributed.Client`` (default:
    ``CLAIMCHECK_DASK`` if set). ``progress`` shows a bar (None: only on a terminal).
    """
    started = time.perf_counter()
    if workers is not None and workers < 1:
        raise OptionError(f"--workers must be 1 or more, not {workers}")
    if partition_size is not None and partition_size < 1:
        raise OptionError(f"--partition-size must be 1 or more, not {partition_size}")
    dask = dask or os.environ.get("CLAIMCHECK_DASK") or None
    if dask is not None and workers is not None:
        raise OptionError("--workers is for local processes: with --dask the cluster's workers run")
    archive: CorpusInput = open_input(os.fspath(input))
    try:
        fs, out_path = fsspec.core.url_to_fs(os.fspath(out))
    except (ImportError, ValueError) as exc:
        raise OptionError(f"--out {out}: cannot write there ({exc})") from None
    out_path = out_path.rstrip("/") or out_path
    out_url = fs.unstrip_protocol(out_path)
    if out_url == archive.url or out_url.startswith(archive.url.rstrip("/") + "/"):
        raise OptionError(f"--out {out} is inside the input: give a folder outside it")
    if fs.isfile(out_path):
        raise OptionError(f"--out {out} is a file: give a folder for the dataset")
    client, owned = _dask_client(dask) if dask is not None else (None, False)
    try:
        result = _scan(
            archive, fs, out_path, client, workers, link, partition_size, threshold, progress
        )
    finally:
        if owned:
            client.close()
    result.elapsed = round(time.perf_counter() - started, 3)
    result.coordinator_peak_rss_mb = peak_rss_mb()
    _write_json(fs, f"{out_path}/summary.json", result.to_dict())
    return result


def _scan(
    archive: CorpusInput,
    fs,
    out_path: str,
    client,
    workers: int | None,
    link: bool,
    partition_size: int | None,
    threshold: float,
    progress: bool | None,
) -> CorpusScan:
    out_url = fs.unstrip_protocol(out_path)
    shown = _shown(fs, out_path)
    rows = archive.count()
    if rows == 0:
        raise InputError(f"{archive.location} holds no article: nothing to scan")
    manifest = _prepare_out(
        fs,
        out_path,
        shown,
        {
            "format": FORMAT,
            "claimcheck": __version__,
            "input": archive.url,
            "kind": archive.kind,
            "rows": rows,
            "fingerprint": archive.fingerprint(),
            "options": {"link": bool(link), "threshold": threshold},
        },
        partition_size,
    )
    size = manifest["partition_size"]
    already = _done_partitions(fs, out_path)
    per_worker: dict[str, dict[str, Any]] = {}
    count = 0

    def jobs() -> Iterator[Job]:
        nonlocal count
        for part in archive.partitions(size):
            count += 1
            stats = already.get(part.index)
            if stats is not None:
                if stats.get("digest") != part.digest:
                    raise ScanError(
                        f"{archive.location} changed since the scan in {shown} started "
                        f"(partition {part.index} differs): give another --out folder, or "
                        "delete this one to start over"
                    )
                continue
            yield Job(part, out_url, link=link, threshold=threshold)

    bar = _Progress(rows, sum(s["rows"] for s in already.values()), progress)

    def finished(stats: dict[str, Any]) -> None:
        bar.update(stats["rows"])
        w = per_worker.setdefault(
            stats["worker"], {"worker": stats["worker"], "articles": 0, "seconds": 0.0}
        )
        w["articles"] += stats["articles"] + stats["errors"]
        w["seconds"] = round(w["seconds"] + stats["seconds"], 3)
        w["cpu_seconds"] = round(w.get("cpu_seconds", 0.0) + stats.get("cpu_seconds", 0.0), 3)
        w["peak_rss_mb"] = max(w.get("peak_rss_mb") or 0, stats.get("peak_rss_mb") or 0)

    n = workers or _available_cpus()
    try:
        if client is not None:
            mode = _run_dask(jobs(), finished, client, threshold, link)
        elif n == 1:
            mode = _run_here(jobs(), finished, threshold, link)
        else:
            mode = _run_pool(jobs(), finished, n, threshold, link)
    except OSError as exc:
        raise ScanError(f"cannot write the scan into {shown}: {exc}") from None
    finally:
        bar.close()
    for w in per_worker.values():
        w["articles_per_second"] = round(w["articles"] / w["seconds"], 2) if w["seconds"] else None
    return CorpusScan(
        input=_shown(archive.fs, archive.path),
        out=shown,
        kind=archive.kind,
        rows=rows,
        partitions=count,
        partition_size=size,
        resumed_partitions=len(already),
        elapsed=0.0,
        mode=mode,
        workers=sorted(per_worker.values(), key=lambda w: w["worker"]),
        **_summarise(fs, out_path, count),
    )


def _summarise(fs, out: str, count: int) -> dict[str, Any]:
    """Totals from the progress files (each partition once), the merged errors file, and no
    temporary files left."""
    totals = {"articles": 0, "articles_with_claims": 0, "claims": 0, "errors": 0}
    by_type: dict[str, int] = {}
    with fs.open(f"{out}/errors.jsonl", "wb") as errors:
        for index in range(count):
            stats = _read_json(fs, progress_path(out, index))
            for key in totals:
                totals[key] += stats.get(key, 0)
            for name, n in stats["by_type"].items():
                by_type[name] = by_type.get(name, 0) + n
            for error in stats["error_list"]:
                errors.write((json.dumps(error, ensure_ascii=False) + "\n").encode("utf-8"))
    # Every partition is done: what a killed worker left half-written can go.
    for folder in ("claims", "articles", "_progress"):
        for leftover in fs.glob(f"{out}/{folder}/.part-*"):
            fs.rm(leftover)
    return {**totals, "by_type": dict(sorted(by_type.items()))}


__all__ = ["CorpusScan", "ScanError", "scan_corpus"]
