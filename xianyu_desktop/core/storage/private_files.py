"""The app's own folders and files are the seller's alone: folders 0700, files 0600.

The store, its backups, the cache, the logs, crash reports, the audit log and cached pictures say what a
seller watches and pays, so no other account on the computer may read them. Modes are set when a folder
or file is made (never a moment readable by others, whatever the umask) and fixed when a profile is
opened (``make_tree_private``): a profile written by an older version with 0755/0644 is made private.
SQLite makes its ``-wal``, ``-shm`` and journal files with the mode of the database file, so the database
file is made 0600 before SQLite first opens it.

Exports the seller saves elsewhere are not the app's folders: they keep following the umask
(``export_file.py``). On Windows the user's profile folders are private by their ACLs and POSIX modes
mean little: nothing is changed there.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
_POSIX = os.name == "posix"
_BINARY = getattr(os, "O_BINARY", 0)


def _fix(path: Path, mode: int) -> None:
    """Sets ``mode`` on an existing folder or regular file (never through a link); a file owned by another
    account (a shared folder) is logged, not raised: the seller's data is still used."""
    if not _POSIX:
        return
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode) or stat.S_IMODE(info.st_mode) == mode:
            return
        os.chmod(path, mode)
    except FileNotFoundError:
        return
    except OSError as exc:
        log.warning("could not make %s private: %s", path, exc)


def private_folder(path: Path) -> Path:
    """The folder, made 0700 with every missing folder above it (an existing one above is left alone)."""
    missing: list[Path] = []
    current = path
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile: fixed just below
            folder.mkdir(mode=PRIVATE_FOLDER)
        _fix(folder, PRIVATE_FOLDER)
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True)  # raises what the OS says (a file in the way, no permission)
    _fix(path, PRIVATE_FOLDER)
    return path


def private_file(path: Path) -> Path:
    """The file, created empty and 0600 when missing, else made 0600; its content is not touched."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | _BINARY, PRIVATE_FILE)
    os.close(fd)
    _fix(path, PRIVATE_FILE)
    return path


def write_private(path: Path, data: bytes) -> None:
    """``data`` in ``path``, replacing its content; the file is 0600 before the first byte is written."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, PRIVATE_FILE)
    try:
        if _POSIX and stat.S_IMODE(os.fstat(fd).st_mode) != PRIVATE_FILE:
            os.fchmod(fd, PRIVATE_FILE)  # it existed before, with a wider mode
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
    finally:
        os.close(fd)


def open_private_append(path: Path, *, encoding: str | None, errors: str | None = None) -> io.TextIOWrapper:
    """A text file opened for appending (a log), 0600 from its creation on."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | _BINARY, PRIVATE_FILE)
    if _POSIX and stat.S_IMODE(os.fstat(fd).st_mode) != PRIVATE_FILE:
        os.fchmod(fd, PRIVATE_FILE)
    stream = os.fdopen(fd, "a", encoding=encoding, errors=errors)
    assert isinstance(stream, io.TextIOWrapper)  # text mode: what logging.FileHandler keeps
    return stream


def make_tree_private(root: Path) -> None:
    """``root`` and every folder below it 0700, every file 0600 (links are not followed). A subfolder that
    is private already is not walked again: what it holds was fixed when it was made private, and no
    other account can reach it anyway; so a cache of thousands of pictures costs one look per open."""
    if not _POSIX or not root.is_dir():
        return
    _fix(root, PRIVATE_FOLDER)
    for folder, subfolders, files in os.walk(root, followlinks=False):
        base = Path(folder)
        for name in files:
            _fix(base / name, PRIVATE_FILE)
        walked = []
        for name in subfolders:
            path = base / name
            try:
                already = stat.S_IMODE(os.lstat(path).st_mode) == PRIVATE_FOLDER
            except OSError:
                continue
            if not already:
                _fix(path, PRIVATE_FOLDER)
                walked.append(name)
        subfolders[:] = walked
