"""Fetch data responses from the live Kolada API: timeouts, retries, paging, a clear offline error.

The transport is injectable (``httpx.MockTransport`` in the tests), so nothing here needs
the network to be tested. Requests are batched (a few KPIs and municipalities per URL,
as the API limits URL length) and every page a response links to is followed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import httpx

from mvkplan import __version__
from mvkplan.cycle.kolada.strict import DEFAULT_MAX_BYTES

BASE_URL = "https://api.kolada.se/v3"
KPIS_PER_REQUEST = 10
MUNICIPALITIES_PER_REQUEST = 20
MAX_PAGES = 200
RETRY_STATUS = {429, 500, 502, 503, 504}
DEFAULT_TRANSPORT: httpx.BaseTransport | None = None
"""Used when no transport is given; the tests put recorded responses here, never the network."""


class KoladaUnavailable(Exception):
    """The API could not be reached or kept failing; ``url`` and ``detail`` say where and why."""

    def __init__(self, url: str, detail: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {detail}")
        self.url = url
        self.detail = detail
        self.status = status


class KoladaTooLarge(Exception):
    """The API sent (or announced) a body over the size limit; reading stopped there."""

    def __init__(self, url: str, limit: int) -> None:
        super().__init__(f"{url}: over {limit} bytes")
        self.url = url
        self.limit = limit


@dataclass(frozen=True)
class Page:
    """One response body and the URL it came from."""

    url: str
    body: bytes


def data_urls(kpis: Iterable[str], municipalities: Iterable[str], years: Iterable[int],
              base: str = BASE_URL) -> list[str]:
    """The ``/data/kpi/…/municipality/…/year/…`` URLs that together ask for every combination."""
    kpi_list, muni_list = sorted(set(kpis)), sorted(set(municipalities))
    year_text = ",".join(str(y) for y in sorted(set(years)))
    urls = []
    for k in range(0, len(kpi_list), KPIS_PER_REQUEST):
        for m in range(0, len(muni_list), MUNICIPALITIES_PER_REQUEST):
            urls.append(f"{base.rstrip('/')}/data/kpi/{','.join(kpi_list[k:k + KPIS_PER_REQUEST])}"
                        f"/municipality/{','.join(muni_list[m:m + MUNICIPALITIES_PER_REQUEST])}/year/{year_text}")
    return urls


class KoladaClient:
    """A small HTTP client for Kolada's read-only API."""

    def __init__(self, *, transport: httpx.BaseTransport | None = None, timeout: float = 20.0,
                 retries: int = 3, backoff: float = 1.0, sleep: Callable[[float], None] | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self._client = httpx.Client(
            transport=transport or DEFAULT_TRANSPORT, timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            headers={"Accept": "application/json", "User-Agent": f"mvkplan/{__version__}"},
            follow_redirects=True,
        )
        self._retries = retries
        self._max_bytes = max_bytes
        self._backoff = backoff
        self._sleep = sleep or (lambda seconds: time.sleep(seconds))

    def __enter__(self) -> KoladaClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def pages(self, url: str, next_of: Callable[[bytes], str | None]) -> Iterator[Page]:
        """``url`` and every page it links to (``next_of`` reads the link from a body)."""
        seen: set[str] = set()
        current: str | None = url
        while current and current not in seen and len(seen) < MAX_PAGES:
            seen.add(current)
            body = self.get(current)
            yield Page(current, body)
            current = next_of(body)

    def get(self, url: str) -> bytes:
        """The body of a successful GET, retrying transient failures with growing pauses.

        The body is read in chunks and refused (:class:`KoladaTooLarge`) as soon as it passes
        the size limit, so a runaway response never sits in memory whole.
        """
        last = ""
        for attempt in range(self._retries + 1):
            if attempt:
                self._sleep(self._backoff * 2 ** (attempt - 1))
            try:
                with self._client.stream("GET", url) as response:
                    if response.status_code in RETRY_STATUS:
                        last = f"HTTP {response.status_code}"
                        continue
                    if response.status_code != 200:
                        raise KoladaUnavailable(url, f"HTTP {response.status_code}", response.status_code)
                    return self._body(url, response)
            except httpx.TimeoutException as exc:
                last = f"timeout ({type(exc).__name__})"
            except httpx.TransportError as exc:
                last = str(exc) or type(exc).__name__
        raise KoladaUnavailable(url, last)

    def _body(self, url: str, response: httpx.Response) -> bytes:
        announced = response.headers.get("Content-Length", "")
        if announced.isdigit() and int(announced) > self._max_bytes:
            raise KoladaTooLarge(url, self._max_bytes)
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > self._max_bytes:
                raise KoladaTooLarge(url, self._max_bytes)
        return bytes(body)
