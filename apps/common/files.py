"""File helpers shared by the importer and the snapshots."""
import hashlib
from pathlib import Path

from django.utils.translation import gettext as _


def sha256_of(path: Path) -> str:
    """SHA-256 of a file, read in 1 MiB blocks (flat memory whatever the size)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class UnsatisfiableRange(ValueError):
    """A Range header naming no byte of the file (416)."""


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The (first, last) bytes a `Range: bytes=…` header asks for, inclusive, or None for the whole file (no
    header, another unit, several ranges, or a header that does not parse: RFC 9110 lets a server ignore those).
    Raises UnsatisfiableRange when the range starts beyond the file."""
    if not header or not header.startswith("bytes=") or "," in header:
        return None
    first_text, _dash, last_text = header[len("bytes="):].strip().partition("-")
    if not (first_text.isascii() and last_text.isascii()):
        return None
    if first_text == "":  # the last N bytes
        if not last_text.isdigit() or int(last_text) == 0:
            return None
        return max(0, size - int(last_text)), size - 1
    if not first_text.isdigit() or (last_text and not last_text.isdigit()):
        return None
    first = int(first_text)
    last = min(int(last_text), size - 1) if last_text else size - 1
    if first >= size:
        raise UnsatisfiableRange(_("bytes %(first)s- of a %(size)s-byte file") % {"first": first, "size": size})
    if last < first:
        return None
    return first, last
