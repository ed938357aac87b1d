"""URL -> Page: HTTP with timeouts and size caps, politeness, robots.txt, private-address guard,
feeds. The only stage besides the store that does I/O."""

from tracker.fetch.feeds import Feed, FeedItem, is_feed, parse_feed
from tracker.fetch.http import FetchJob, FetchPolicy, PoliteFetcher, fetch_page, open_client

__all__ = [
    "Feed",
    "FeedItem",
    "FetchJob",
    "FetchPolicy",
    "PoliteFetcher",
    "fetch_page",
    "is_feed",
    "open_client",
    "parse_feed",
]
