"""Official statistics per municipality from Kolada (Öppna jämförelser, IFO indicators …).

``responses`` reads the JSON the Kolada API returns (v2 and v3 share the shape: ``values``
→ per KPI, municipality and period a list of ``values`` with ``gender`` K/M/T, ``value``,
``count`` and ``status``; pages linked by ``next_page`` or ``next_url``) into located
values; ``client`` fetches those responses from the live API with timeouts and retries;
``importing`` matches them to the indicators that name a KPI and records them in the
follow-up documents through :mod:`mvkplan.cycle.recording`.
"""
