"""One writer per data folder: an OS-level lock on ``answers.lock``.

The lock is taken with ``fcntl.flock`` on POSIX and ``msvcrt.locking`` on Windows. Both belong
to the open file, so the operating system drops them when the process ends in any way (crash,
SIGKILL, power loss): a stale lock from a crashed instance can never block the next start, and
there is no PID guessing (unlike QLockFile's stale-lock heuristics). ``flock`` locks belong to
the open file description, so even a second Store in the same process is refused.

The file itself is never deleted (deleting a lock file others may hold open invites races); it
only carries the holder's process id and start time, for the message shown to the second window.
"""

from __future__ import annotations

import os
import socket
import sys
from datetime import datetime
from pathlib import Path

# On Windows msvcrt.locking locks a byte range that readers of the file would then trip over;
# lock one byte far past the text instead (locking beyond the end of a file is allowed).
_WIN_LOCK_OFFSET = 1 << 30


class InstanceLock:
    """Holds the data folder's lock until :meth:`release` (or process exit)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Try once, without waiting. True when this object now holds the lock.

        Raises OSError when the lock file cannot be created at all (read-only folder, a file in
        place of the folder, …); the caller turns that into a message.
        """
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not _try_lock(fd):
                os.close(fd)
                return False
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        self._write_owner()
        return True

    def _write_owner(self) -> None:
        assert self._fd is not None
        stamp = datetime.now().isoformat(timespec="seconds")
        text = f"{os.getpid()}\n{socket.gethostname()}\n{stamp}\n".encode()
        try:
            os.lseek(self._fd, 0, os.SEEK_SET)
            os.ftruncate(self._fd, 0)
            os.write(self._fd, text)
        except OSError:
            pass  # the owner note is a courtesy; the lock is what matters

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def owner(self) -> tuple[int, str] | None:
        """(pid, since) of the holder as it wrote them, or None if unreadable."""
        try:
            with open(
                self.path, "rb"
            ) as fh:  # a courtesy note: never read more than a line's worth
                head = fh.read(512)
            lines = head.decode("utf-8", errors="replace").splitlines()
            return int(lines[0]), lines[2] if len(lines) > 2 else ""
        except (OSError, ValueError, IndexError):
            return None


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import errno
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
