"""Reading and writing files defensively: bounded reads, atomic writes.

Private helpers shared by :mod:`emergencykit.io`, the graph exports, the
pictures and the command line.  This module imports nothing from the rest
of the package, so every layer can use it.

Reads refuse anything that is not a regular file (a FIFO would block, a
device such as ``/dev/zero`` never ends) and stop after ``max_size + 1``
bytes whatever the file system says its size is.

Writes go to a temporary file in the target's directory, which then
replaces the target in one step (:func:`os.replace`): a failed write (full
disk, interrupted run) leaves an existing file as it was.
"""

import contextlib
import errno
import os
import stat
from collections.abc import Callable
from typing import BinaryIO

__all__ = ["NotAFileError", "TooLargeError", "read_bounded", "read_stream", "write_atomic"]

# A first read of a file that says it is empty (procfs, a file still being
# written) asks for this much.
_CHUNK = 1 << 20


class NotAFileError(OSError):
    """The path names something other than a regular file: a FIFO, a device, a socket."""


class TooLargeError(OSError):
    """The input holds more than the allowed number of bytes."""


def _read_capped(read: Callable[[int], bytes], hint: int, max_size: int) -> bytes:
    """Call ``read`` until end of input, never asking for more than ``max_size + 1`` bytes."""
    chunks: list[bytes] = []
    total = 0
    want = max(hint + 1, _CHUNK)
    while total <= max_size:
        chunk = read(min(want, max_size + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = _CHUNK
    if total > max_size:
        raise TooLargeError(errno.EFBIG, f"the input is larger than {max_size} bytes")
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_bounded(path: str | os.PathLike[str], max_size: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_size`` of them.

    Raises
    ------
    NotAFileError
        When ``path`` is not a regular file (checked on the opened file, so
        a FIFO is never waited on).
    TooLargeError
        When the file holds more than ``max_size`` bytes.
    OSError
        When the file cannot be opened or read.
    """
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise NotAFileError(errno.EINVAL, "is not a regular file")
        if info.st_size > max_size:
            raise TooLargeError(errno.EFBIG, f"the input is larger than {max_size} bytes")
        return _read_capped(lambda n: os.read(fd, n), info.st_size, max_size)
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, max_size: int) -> bytes:
    """The bytes of ``stream`` (standard input) up to its end, at most ``max_size`` of them.

    Raises
    ------
    TooLargeError
        When the stream holds more than ``max_size`` bytes.
    """
    return _read_capped(stream.read, 0, max_size)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that the file is either the old one or the new one.

    The bytes go to a temporary file in the same directory, synced, which
    then replaces the target.  A symbolic link is followed (the file it
    names is replaced, the link kept); an existing file keeps its
    permission bits; a read-only file is refused, not replaced.  A target
    that exists but is not a regular file (``/dev/null``, a FIFO) is
    written in place: there is nothing there to damage.

    Raises
    ------
    OSError
        When the file cannot be written (its ``filename`` is ``path``).
    """
    target = os.path.realpath(path)
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
        if not stat.S_ISREG(info.st_mode):
            fd = os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0))
            try:
                _write_all(fd, data)
            finally:
                os.close(fd)
            return
        # Checked by hand: replacing needs only a writable directory, and a
        # superuser may write anything; a file marked read-only stays as it is.
        if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
            raise PermissionError(errno.EACCES, "the file is read-only", os.fspath(path))
    import secrets  # here: it imports hashing and random numbers, which reading needs not

    directory, name = os.path.split(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = os.path.join(directory, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            # 0o666 so that a new file gets the permissions the umask allows.
            fd = os.open(temporary, flags, 0o666)
            break
        except FileExistsError:  # pragma: no cover - a 32-bit name collision
            continue
        except OSError as exc:
            exc.filename = os.fspath(path)
            raise
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if info is not None:
            os.chmod(temporary, stat.S_IMODE(info.st_mode))
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            exc.filename = os.fspath(path)
        raise
