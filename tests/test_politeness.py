"""Politeness helpers: per-host pacing, robots.txt rules, retry delays, private addresses."""

from __future__ import annotations

import threading

import pytest

from tracker.fetch.politeness import (
    HostThrottle,
    RobotsCache,
    backoff_delays,
    host_of,
    is_private_address,
    is_private_ip,
    robots_url,
)
from tracker.fetch.politeness import _resolve as _resolve


class FakeClock:
    """A clock that only moves when the throttle sleeps (or a test advances it)."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _throttle(clock: FakeClock, min_delay: float = 2.0) -> HostThrottle:
    return HostThrottle(min_delay=min_delay, clock=clock, sleep=clock.sleep)


def test_first_request_to_a_host_does_not_wait() -> None:
    clock = FakeClock()
    with _throttle(clock).slot("example.com"):
        pass
    assert clock.sleeps == []


def test_second_request_to_a_host_waits_the_min_delay() -> None:
    clock = FakeClock()
    throttle = _throttle(clock)
    with throttle.slot("example.com"):
        pass
    with throttle.slot("example.com"):
        pass
    assert clock.sleeps == [2.0]


def test_the_wait_counts_time_already_passed() -> None:
    clock = FakeClock()
    throttle = _throttle(clock)
    with throttle.slot("example.com"):
        pass
    clock.now += 1.5
    with throttle.slot("example.com"):
        pass
    assert clock.sleeps == [0.5]


def test_hosts_compare_case_insensitively() -> None:
    clock = FakeClock()
    throttle = _throttle(clock)
    with throttle.slot("Example.com"):
        pass
    with throttle.slot("example.COM"):
        pass
    assert clock.sleeps == [2.0]


def test_different_hosts_do_not_wait_for_each_other() -> None:
    clock = FakeClock()
    throttle = _throttle(clock)
    with throttle.slot("a.example"):
        pass
    with throttle.slot("b.example"):
        pass
    assert clock.sleeps == []


def test_a_longer_crawl_delay_wins_over_the_min_delay() -> None:
    clock = FakeClock()
    throttle = _throttle(clock)
    with throttle.slot("example.com"):
        pass
    with throttle.slot("example.com", delay=10.0):
        pass
    assert clock.sleeps == [10.0]


def test_a_failed_request_still_counts_for_the_delay() -> None:
    clock = FakeClock()
    throttle = _throttle(clock)
    with pytest.raises(RuntimeError), throttle.slot("example.com"):
        raise RuntimeError("boom")
    with throttle.slot("example.com"):
        pass
    assert clock.sleeps == [2.0]


def test_one_host_serves_one_thread_at_a_time() -> None:
    throttle = HostThrottle(min_delay=0.0)
    inside, overlaps = [0], []
    guard = threading.Lock()

    def work() -> None:
        for _ in range(50):
            with throttle.slot("example.com"):
                with guard:
                    inside[0] += 1
                    overlaps.append(inside[0])
                with guard:
                    inside[0] -= 1

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert max(overlaps) == 1


ROBOTS = b"""User-agent: *
Disallow: /private/
Crawl-delay: 5

User-agent: badbot
Disallow: /
"""


def _robots(content: bytes = ROBOTS, status: int = 200) -> RobotsCache:
    cache = RobotsCache()
    cache.store("https://example.com/", content, status)
    return cache


def test_robots_allows_a_path_not_disallowed() -> None:
    assert _robots().allowed("https://example.com/news/story", "tracker/0.1")


def test_robots_refuses_a_disallowed_path() -> None:
    assert not _robots().allowed("https://example.com/private/page", "tracker/0.1")


def test_robots_applies_the_agents_own_group() -> None:
    assert not _robots().allowed("https://example.com/news/story", "BadBot/2.0")


def test_robots_of_another_site_does_not_apply() -> None:
    assert _robots().allowed("https://other.example/private/page", "tracker/0.1")


def test_robots_is_per_scheme_host_and_port() -> None:
    assert _robots().allowed("https://example.com:8443/private/page", "tracker/0.1")


def test_robots_missing_4xx_allows_everything() -> None:
    assert _robots(b"", status=404).allowed("https://example.com/private/x", "tracker")


def test_robots_server_error_disallows_everything() -> None:
    assert not _robots(b"", status=503).allowed("https://example.com/news", "tracker")


def test_robots_gives_the_crawl_delay() -> None:
    assert _robots().crawl_delay("https://example.com/a", "tracker") == 5.0


def test_robots_without_crawl_delay_gives_none() -> None:
    assert _robots(b"User-agent: *\nDisallow:\n").crawl_delay("https://example.com/", "t") is None


def test_robots_needs_a_fetch_for_an_unknown_site() -> None:
    assert _robots().needs_fetch("https://other.example/a")


def test_robots_needs_a_fetch_when_stale() -> None:
    now = [1000.0]
    cache = RobotsCache(max_age=60.0, clock=lambda: now[0])
    cache.store("https://example.com/", ROBOTS)
    fresh = cache.needs_fetch("https://example.com/a")
    now[0] += 61.0
    assert (fresh, cache.needs_fetch("https://example.com/a")) == (False, True)


def test_robots_tolerates_undecodable_bytes() -> None:
    cache = _robots(b"User-agent: *\nDisallow: /\xff\xfe/\n")
    assert cache.allowed("https://example.com/news", "tracker")


def test_robots_url_is_at_the_site_root() -> None:
    assert robots_url("HTTPS://Example.com:8080/a/b?c#d") == "https://example.com:8080/robots.txt"


def test_host_of_lowercases_and_drops_port() -> None:
    assert host_of("https://News.Example.com:8443/a") == "news.example.com"


def test_host_of_a_malformed_url_is_empty() -> None:
    assert host_of("http://[::1") == ""


def test_backoff_delays_double_up_to_the_cap() -> None:
    assert backoff_delays(5, base=1.0, cap=5.0) == (1.0, 2.0, 4.0, 5.0, 5.0)


def test_backoff_delays_for_no_retries_is_empty() -> None:
    assert backoff_delays(0, base=1.0, cap=5.0) == ()


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "240.0.0.1",
        "224.0.0.1",
        "::1",
        "[::1]",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "2002:7f00:1::",
        "2130706433",
        "127.1",
        "0x7f.0.0.1",
        "localhost",
        "LOCALHOST.",
        "api.localhost",
    ],
)
def test_private_addresses_are_recognised_without_resolving(host: str) -> None:
    assert is_private_address(host)


@pytest.mark.parametrize(
    "host", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "[2001:4860::8888]"]
)
def test_public_addresses_are_not_private(host: str) -> None:
    assert not is_private_address(host)


def test_names_are_not_resolved_unless_asked() -> None:
    assert not is_private_address("cafe.example")


def test_localhost_resolves_to_a_private_address() -> None:
    assert is_private_address("localhost", resolve=True)


def test_resolving_localhost_gives_loopback_addresses() -> None:
    found = list(_resolve("localhost"))
    assert found
    assert all(address.is_loopback for address in found)


def test_an_empty_host_is_not_an_address() -> None:
    assert not is_private_address("")


@pytest.mark.parametrize(
    ("address", "private"),
    [("93.184.216.34", False), ("2606:2800:220:1:248:1893:25c8:1946", False),
     ("127.0.0.1", True), ("169.254.169.254", True), ("::ffff:10.0.0.1", True),
     ("fe80::1%eth0", True), ("100.64.0.1", True), ("not an address", True)],
)  # fmt: skip
def test_is_private_ip_judges_resolved_addresses(address: str, private: bool) -> None:
    assert is_private_ip(address) is private
