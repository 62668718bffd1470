"""Reading the files users name and writing the files commands make, without surprises.

- A file is written whole or not at all: into a temporary file beside the target, then renamed
  over it (``os.replace`` is atomic on one file system), so a failed command leaves nothing
  behind and never half-overwrites a report a user already had.
- An output path may be a folder: the file then gets the command's default name inside it.
- Files read as data (packs, exports, submissions, specs) must be text: a folder, a binary file
  or a file in an unknown encoding gets a one-line message that names the file and what to do,
  never a traceback or the file's bytes.
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
from pathlib import Path

from .encoders import one_line, printable, shown
from .errors import ClaimcheckError, InputError, OutputError

__all__ = [
    "check_not_input",
    "decode_spreadsheet",
    "decode_text",
    "is_inside",
    "one_line",
    "output_path",
    "printable",
    "read_bytes",
    "read_text",
    "shown",
    "slug",
    "write_atomic",
]


def output_path(path: str | os.PathLike[str], default_name: str) -> Path:
    """Where to write: ``path``, or ``path/default_name`` when ``path`` is a folder.

    The folder must exist; the answer is never an existing folder.
    """
    target = Path(path)
    if target.is_dir():
        target = target / default_name
        if target.is_dir():
            raise OutputError(f"{target} is a folder: give a file name with -o")
    elif str(path).endswith(("/", os.sep)):
        raise OutputError(f"the folder {target} does not exist: create it first")
    folder = target.parent
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise OutputError(f"{folder} {what}: give a folder that exists for {target.name}")
    _check_writable(folder, target)
    return target


def _check_writable(folder: Path, target: Path) -> None:
    """Fail now, before any work, when nothing can be written in ``folder`` (a temporary file
    is made and removed at once: permissions alone do not tell, e.g. for root)."""
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".probe")
    except OSError as exc:
        raise OutputError(
            f"cannot write {target}: {exc.strerror or exc}; choose another place"
        ) from None
    os.close(fd)
    os.unlink(name)


def give_mode(temp: Path, target: Path) -> None:
    """The permissions a file written under a temporary name should have when it takes
    ``target``'s place: those of the file it replaces, else what the umask gives a new file
    (a temporary file is made readable by its owner alone)."""
    if target.exists():
        os.chmod(temp, target.stat().st_mode & 0o7777)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` whole or not at all; returns the path."""
    target = Path(path)
    payload = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if target.is_dir():
        raise OutputError(f"{target} is a folder: give a file name")
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(
            f"cannot write {target}: {exc.strerror or exc}; choose another place"
        ) from None
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        give_mode(temp, target)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(
            f"cannot write {target}: {exc.strerror or exc}; choose another place"
        ) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


def read_bytes(
    path: str | os.PathLike[str], what: str, error: type[ClaimcheckError] = InputError
) -> bytes:
    """The bytes of a file the user named; ``what`` names the kind of file expected."""
    source = Path(path)
    if source.is_dir():
        raise error(f"{source} is a folder: give {what}")
    try:
        return source.read_bytes()
    except FileNotFoundError:
        raise error(f"{source}: no such file; give {what}") from None
    except PermissionError:
        raise error(f"{source}: permission denied; give {what} you can read") from None
    except OSError as exc:
        raise error(f"{source} cannot be read ({exc.strerror or exc}); give {what}") from None


def decode_text(
    data: bytes, source: str, what: str, error: type[ClaimcheckError] = InputError
) -> str:
    """UTF-8 text (a BOM, UTF-8 or UTF-16, is honoured); anything else is refused clearly."""
    if not data.strip():
        raise error(f"{source} is empty: give {what}")
    boms = {
        codecs.BOM_UTF8: "utf-8-sig",
        codecs.BOM_UTF16_LE: "utf-16",
        codecs.BOM_UTF16_BE: "utf-16",
    }
    encoding = next((name for bom, name in boms.items() if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        raise error(f"{source} is a binary file, not {what}")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise error(
            f"{source} is not UTF-8 text (a binary file or another encoding): give {what}, "
            "saved as UTF-8"
        ) from None


def decode_spreadsheet(
    data: bytes, source: str, what: str, error: type[ClaimcheckError] = InputError
) -> tuple[str, str]:
    """Text as spreadsheets save CSV, and the encoding it was read in: a BOM (UTF-8 or UTF-16)
    says; otherwise UTF-8 when the bytes are UTF-8, else Windows-1252 (what a spreadsheet on
    Windows writes for "CSV"), else Latin-1. Binary files are refused."""
    if not data.strip():
        raise error(f"{source} is empty: give {what}")
    boms = (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    candidates = [name for bom, name in boms if data.startswith(bom)]
    if not candidates:
        if b"\x00" in data[:8192]:
            raise error(f"{source} is a binary file, not {what}")
        candidates = ["utf-8", "cp1252", "latin-1"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\t\r\n\f")
        if controls > 8:
            raise error(f"{source} is a binary file, not {what}")
        return text, encoding
    raise error(f"{source} cannot be read as text (its BOM says {candidates[0]}): give {what}")


def read_text(
    path: str | os.PathLike[str], what: str, error: type[ClaimcheckError] = InputError
) -> str:
    """A text file the user named, checked as :func:`read_bytes` and :func:`decode_text` do."""
    return decode_text(read_bytes(path, what, error), str(path), what, error)


def check_not_input(
    target: str | os.PathLike[str],
    *inputs: tuple[str, str | os.PathLike[str] | None],
    option: str = "-o",
) -> None:
    """Refuse an output that would overwrite what the command reads: the store a report is made
    from, a pack being graded, a submission in the folder graded. ``inputs`` are (what, path)
    pairs; a folder among them protects every file inside it."""
    out = Path(target)
    for what, path in inputs:
        if path is None:
            continue
        source = Path(path)
        if source.is_dir():
            if is_inside(source, out.resolve()):
                raise OutputError(
                    f"{option} {printable(out, 80)} is inside {what} ({printable(source, 80)}): "
                    "write the output somewhere else"
                )
        elif source.exists() and out.exists() and os.path.samefile(source, out):
            raise OutputError(
                f"{option} names {what} itself ({printable(source, 80)}): give the output "
                "another name"
            )


def is_inside(folder: str | os.PathLike[str], path: str | os.PathLike[str]) -> bool:
    """True when ``path`` (after resolving ``..`` and links) lies inside ``folder``."""
    root = Path(folder).resolve()
    target = Path(folder, path).resolve()
    return target == root or root in target.parents


def slug(text: object, default: str = "file", limit: int = 60) -> str:
    """A file-name part from any text: ASCII letters, digits and hyphens only, never a path."""
    value = re.sub(r"[^A-Za-z0-9]+", "-", str(text or "")).strip("-").lower()[:limit].strip("-")
    return value or default
