"""The watch list, the adaptive schedule, and the cron cycle that snapshots what is due."""

from tracker.watch.cycle import CycleOptions, CycleSummary, run_cycle, unwatch_url, watch_url
from tracker.watch.watchlist import WatchList, WatchOptions

__all__ = [
    "CycleOptions",
    "CycleSummary",
    "WatchList",
    "WatchOptions",
    "run_cycle",
    "unwatch_url",
    "watch_url",
]
