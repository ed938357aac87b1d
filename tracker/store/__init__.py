"""The git-backed store: article identity, layout, repository, object writer, index cache."""

from tracker.store.identity import Identity, article_identity, normalise_url
from tracker.store.store import Store, StoreWriter

__all__ = ["Identity", "Store", "StoreWriter", "article_identity", "normalise_url"]
