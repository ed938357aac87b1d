"""HTML or text -> Article: body, metadata, title, bylines and contributors, page guards. Pure."""

from tracker.extract.article import extract_article
from tracker.extract.guards import GuardPolicy, check_plausible

__all__ = ["GuardPolicy", "check_plausible", "extract_article"]
