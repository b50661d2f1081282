"""The normalized document travels by reference through the artifacts bucket; each worker process keeps
the last few it has seen, since the next stage of the same report often lands on the same process."""

from __future__ import annotations

from collections import OrderedDict

from schemas import Document
from workers.storage import Storage

DOCUMENT = "document"


class Documents:
    def __init__(self, storage: Storage, cache_size: int = 16) -> None:
        self.storage = storage
        self.cache_size = cache_size
        self._cache: OrderedDict[str, Document] = OrderedDict()

    def put(self, record_id: str, doc: Document) -> None:
        self.storage.put_artifact(record_id, DOCUMENT, doc.model_dump_json().encode())
        self._remember(record_id, doc)

    def get(self, record_id: str) -> Document:
        doc = self._cache.get(record_id)
        if doc is None:
            doc = Document.model_validate_json(self.storage.get_artifact(record_id, DOCUMENT))
            self._remember(record_id, doc)
        else:
            self._cache.move_to_end(record_id)
        return doc

    def _remember(self, record_id: str, doc: Document) -> None:
        self._cache[record_id] = doc
        self._cache.move_to_end(record_id)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
