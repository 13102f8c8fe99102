"""The prepared answer index of a store version, kept in the store so that a process loads it instead of
building it.

Building the index of 850 documents (word and name lookups, sentence vectors, the per-source overviews)
takes seconds; reading it back as one pickle takes a small part of that. The first process of a given
code that loads a version builds and keeps it; a build of a new version drops it (`store_build`), and
another code (`freshness.code_key`) never reads it.
"""

from __future__ import annotations

import copyreg
import gc
import logging
import pickle
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge import postings
from knowledge.database import StoreCacheRow, StoreStateRow
from knowledge.freshness import code_key
from knowledge.index import KnowledgeIndex
from knowledge.store import Snapshot, current_state, load_snapshot
from knowledge.word_index import WordIndex

log = logging.getLogger("briefbot.store")

KEY = "index"


def _word_index(state: dict[str, Any]) -> WordIndex:
    index = WordIndex.__new__(WordIndex)
    index.__dict__.update(state, postings=postings.unpack(state["postings"]))
    return index


def _reduce_word_index(index: WordIndex) -> tuple[Any, tuple[dict[str, Any]]]:
    state = {k: v for k, v in index.__dict__.items() if k != "_found"}  # not the positions of recent words
    return _word_index, ({**state, "postings": postings.pack(index.postings)},)


copyreg.pickle(WordIndex, _reduce_word_index)


def prepared_index(snapshot: Snapshot) -> KnowledgeIndex:
    """The index with what every asker shares computed, as the bots answer from it."""
    from knowledge.answers import prepare

    index = KnowledgeIndex.build(snapshot)
    prepare(index)
    return index


def kept_index(engine: Engine, version: int) -> KnowledgeIndex | None:
    """The index kept for this version by a process of this code, if any."""
    with Session(engine) as session:
        head = session.execute(select(StoreCacheRow.version, StoreCacheRow.stamp)
                               .where(StoreCacheRow.key == KEY)).first()
        if head is None or head.version != version or head.stamp != code_key():
            return None
        data = session.execute(select(StoreCacheRow.data).where(StoreCacheRow.key == KEY)).scalar_one_or_none()
    if not data:
        return None
    enabled = gc.isenabled()
    gc.disable()  # millions of new objects, none of them garbage: collections would only slow the load
    try:
        index = pickle.loads(data)
    except Exception:  # a half-written or foreign row: rebuilt and replaced
        log.warning("the kept answer index could not be read; building it anew", exc_info=True)
        return None
    finally:
        if enabled:
            gc.enable()
    return index if isinstance(index, KnowledgeIndex) else None


def keep_index(engine: Engine, index: KnowledgeIndex) -> None:
    """Keep the index for its snapshot's version, unless a newer version was built meanwhile."""
    snapshot = index.snapshot
    held, problems = snapshot.index, snapshot.problems
    snapshot.index, snapshot.problems = None, []
    try:
        data = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # something in it that cannot be pickled: every process builds its own
        log.warning("the answer index cannot be kept in the store", exc_info=True)
        return
    finally:
        snapshot.index, snapshot.problems = held, problems
    with Session(engine) as session, session.begin():
        state = session.get(StoreStateRow, 1)
        version = state.version if state else 0
        if version != snapshot.version:
            return
        row = session.get(StoreCacheRow, KEY)
        if row is None:
            session.add(StoreCacheRow(key=KEY, version=version, stamp=code_key(), data=data))
        else:
            row.version, row.stamp, row.data = version, code_key(), data


def indexed_snapshot(engine: Engine) -> Snapshot:
    """The current store version with `Snapshot.index` set: read from the store where kept, else built and kept."""
    version, _ = current_state(engine)
    index = kept_index(engine, version)
    if index is None:
        index = prepared_index(load_snapshot(engine))
        try:
            keep_index(engine, index)
        except Exception:  # a read-only store still answers; the next process builds again
            log.warning("the answer index could not be kept in the store", exc_info=True)
    snapshot: Snapshot = index.snapshot
    snapshot.index = index
    return snapshot
