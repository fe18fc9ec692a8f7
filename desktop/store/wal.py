"""Looking at an ``answers.db-wal`` (or ``office.db-wal``) before SQLite does.

SQLite treats the write-ahead log as its own: when the database file is missing or 0 bytes it
*deletes* the log on open — read-only opens included — and frames it cannot verify are skipped
and later overwritten without a word. The log may hold saves the clerk was told were done. So
the store reads it first (sqlite.org/fileformat.html, "WAL file format"):

* :func:`inspect` verifies the header and every frame's checksum chain and says how many
  committed transactions SQLite would drop (frames of the current generation, after the first
  frame that fails its checksum, that end a transaction);
* :func:`rebuild` writes a database from the log alone when the log holds every page of the
  last committed state (a first session that never checkpointed, a database file truncated by
  a sync tool or an antivirus) — the saves come back instead of being deleted.

Pure reading; nothing here writes the log or the database it belongs to.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

HEADER = 32
FRAME_HEADER = 24
MAGIC_LE = 0x377F0682  # checksums computed on little-endian words
MAGIC_BE = 0x377F0683
SQLITE_HEADER = b"SQLite format 3\x00"
MAX_WAL_BYTES = 2 * 1024 * 1024 * 1024  # beyond this we do not try to read it in Python


@dataclass
class WalInfo:
    """What the log holds. ``valid_header`` False: SQLite ignores the whole file."""

    size: int
    valid_header: bool = False
    page_size: int = 0
    frames: int = 0  # frames that verify, in order from the start
    committed_frames: int = 0  # of those, up to the last commit frame
    db_pages: int = 0  # database size in pages after the last verified commit
    dropped_commits: int = 0  # committed transactions SQLite would skip (damage)
    pages: dict[int, int] = field(default_factory=dict, repr=False)  # page → frame offset

    @property
    def has_saves(self) -> bool:
        """The log holds committed work that is not (necessarily) in the database file."""
        return self.committed_frames > 0

    @property
    def damaged(self) -> bool:
        """Something that looked committed cannot be verified (or the header is broken)."""
        return self.dropped_commits > 0 or (not self.valid_header and self.size > HEADER)

    @property
    def complete(self) -> bool:
        """Every page of the last committed state is in the log (it can stand alone)."""
        return self.db_pages > 0 and all(p in self.pages for p in range(1, self.db_pages + 1))


def _checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    mask = 0xFFFFFFFF
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & mask
        s1 = (s1 + words[i + 1] + s0) & mask
    return s0, s1


def inspect(path: Path) -> WalInfo | None:
    """What *path* (a ``-wal``) holds; None when there is no such file or it is empty."""
    try:
        size = os.path.getsize(path)
    except OSError:
        return None
    if size == 0:
        return None
    info = WalInfo(size)
    if size > MAX_WAL_BYTES:
        info.dropped_commits = 1  # too big to verify here: treat as something to keep
        return info
    with open(path, "rb") as fh:
        data = fh.read()
    if len(data) < HEADER:
        return info
    magic, _version, page_size, _seq, salt1, salt2, c0, c1 = struct.unpack_from(">8I", data)
    if magic not in (MAGIC_LE, MAGIC_BE) or page_size < 512 or page_size & (page_size - 1):
        return info
    big = magic == MAGIC_BE
    if _checksum(data[:24], 0, 0, big) != (c0, c1):
        return info
    info.valid_header, info.page_size = True, page_size
    s0, s1 = c0, c1
    frame_size = FRAME_HEADER + page_size
    offset, verified = HEADER, True
    pending: dict[int, int] = {}
    while offset + frame_size <= len(data):
        page, commit, fs1, fs2, k0, k1 = struct.unpack_from(">6I", data, offset)
        current = (fs1, fs2) == (salt1, salt2)
        if verified:
            t0, t1 = _checksum(data[offset : offset + 8], s0, s1, big)
            t0, t1 = _checksum(data[offset + FRAME_HEADER : offset + frame_size], t0, t1, big)
            if current and (t0, t1) == (k0, k1) and page > 0:
                s0, s1 = t0, t1
                info.frames += 1
                pending[page] = offset
                if commit:
                    info.committed_frames = info.frames
                    info.db_pages = commit
                    info.pages.update(pending)
                    pending.clear()
                offset += frame_size
                continue
            verified = False
        if current and commit:
            info.dropped_commits += 1
        offset += frame_size
    return info


def rebuild(wal_path: Path, target: Path) -> bool:
    """Write the last committed state held in *wal_path* to *target* (a new file).

    True when done; False (nothing written) when the log does not hold every page or page 1
    is not a database header. The result is a rollback-journal database: check it before use.
    """
    info = inspect(wal_path)
    if info is None or not info.complete:
        return False
    with open(wal_path, "rb") as fh:
        data = fh.read()
    first = info.pages[1] + FRAME_HEADER
    if not data[first : first + 16] == SQLITE_HEADER:
        return False
    with open(target, "xb") as out:
        for page in range(1, info.db_pages + 1):
            start = info.pages[page] + FRAME_HEADER
            block = bytearray(data[start : start + info.page_size])
            if page == 1:
                block[18:20] = b"\x01\x01"  # file format: rollback journal, no -wal needed
                block[28:32] = info.db_pages.to_bytes(4, "big")  # in-header size, made valid
                block[92:96] = block[24:28]
            out.write(block)
        out.flush()
        os.fsync(out.fileno())
    return True
