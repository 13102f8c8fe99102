"""Whether a word is in the German dictionary, without loading the dictionary.

Question understanding asks `simplemma` whether a word is a German word (to tell words from names).
Loading its German list takes a second or more (1.1 million entries decoded into Python objects), and a
one-question command would spend most of its time on it. After the first full load, the list's keys are
written to the user's cache folder (as `knowledge.model_cache` does for the sentence model) as one sorted
UTF-8 file and an array of line offsets; both are mapped, not read, and a lookup bisects them: about
twenty comparisons. The answer is the one `simplemma.is_known(word, lang="de")` gives; words with an
apostrophe, which it spells out in variants, are still asked of `simplemma` itself.
"""

from __future__ import annotations

import hashlib
import logging
import mmap
import os
import tempfile
import threading
import unicodedata
from pathlib import Path

import numpy as np

log = logging.getLogger("briefbot.dictionary")

_lock = threading.Lock()
_words: tuple[mmap.mmap, np.ndarray] | None = None
_unavailable = False


def _folder() -> Path | None:
    try:
        import importlib.metadata as metadata
        from importlib.util import find_spec

        spec = find_spec("simplemma")
        if spec is None or spec.origin is None:
            return None
        data = Path(spec.origin).parent / "strategies" / "dictionaries" / "data" / "de.plzma"
        st = data.stat()
        stamp = f"{metadata.version('simplemma')} {st.st_size} {st.st_mtime_ns}"
    except (OSError, ValueError, ImportError):
        return None
    base = os.environ.get("BRIEFBOT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "briefbot")
    return Path(base) / f"simplemma-de-{hashlib.sha1(stamp.encode()).hexdigest()[:16]}"


def _write(folder: Path) -> None:
    """The German keys of simplemma, sorted as UTF-8, one per line, and where each line starts."""
    from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

    keys = sorted(key.encode() for key in DEFAULT_DICTIONARY_FACTORY.get_dictionary("de"))
    if any(b"\n" in key for key in keys):
        return
    offsets = np.zeros(len(keys) + 1, dtype=np.uint64)
    np.cumsum([len(key) + 1 for key in keys], out=offsets[1:])
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, suffix=".npy", delete=False) as handle:
        np.save(handle, offsets)
    os.replace(handle.name, folder / "offsets.npy")
    with tempfile.NamedTemporaryFile(dir=folder, suffix=".txt", delete=False) as handle:
        handle.write(b"\n".join(keys) + b"\n")
    os.replace(handle.name, folder / "words.txt")  # last: its presence marks the pair complete


def _open() -> tuple[mmap.mmap, np.ndarray] | None:
    """The mapped word file and its offsets, written first where missing; None where no cache can be kept."""
    global _words, _unavailable
    with _lock:
        if _words is None and not _unavailable:
            folder = _folder()
            try:
                if folder is None:
                    raise OSError("no simplemma data")
                if not (folder / "words.txt").is_file():
                    _write(folder)
                with open(folder / "words.txt", "rb") as handle:
                    blob = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                _words = (blob, np.load(folder / "offsets.npy", mmap_mode="r"))
            except (OSError, ValueError):
                log.info("no compact German word list in %s; asking simplemma", folder, exc_info=True)
                _unavailable = True
        return _words


def _holds(words: tuple[mmap.mmap, np.ndarray], key: str) -> bool:
    blob, offsets = words
    wanted = key.encode()
    lo, hi = 0, len(offsets) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        word = blob[int(offsets[mid]):int(offsets[mid + 1]) - 1]
        if word < wanted:
            lo = mid + 1
        elif word > wanted:
            hi = mid
        else:
            return True
    return False


def load() -> None:
    """Open the word list now (a full load of simplemma's the first time only)."""
    _open()


def is_german_word(word: str) -> bool:
    """`simplemma.is_known(word, lang="de")`, answered from the compact word list where there is one."""
    words = _open() if isinstance(word, str) and word and not any(c in word for c in "'’ʼ") else None
    if words is None:
        import simplemma

        return bool(simplemma.is_known(word, lang="de"))
    token = unicodedata.normalize("NFC", word)
    if _holds(words, token):
        return True
    return _holds(words, token.lower() if token[:1].isupper() else token.capitalize())
