"""Write a calendar feed as iCalendar (RFC 5545) with the `icalendar` package.

As Outlook and Google Calendar read subscribed calendars: every event is all-day
(`DTSTART;VALUE=DATE`, `DTEND` the day after the last day, exclusive), has a UID, `DTSTAMP`
and `SEQUENCE`, does not block time (`TRANSP:TRANSPARENT`), and the calendar says who made it
(`PRODID`), that it is published (`METHOD:PUBLISH`), its name (`NAME` and `X-WR-CALNAME`) and
how often to fetch it again (`REFRESH-INTERVAL` and `X-PUBLISHED-TTL`, one day). The library
escapes text and folds long lines.
"""

from __future__ import annotations

import datetime as dt

import icalendar

from macros.exports.calendar import PRODUCT_ID, Feed

REFRESH = dt.timedelta(days=1)


def feed_bytes(feed: Feed) -> bytes:
    """The feed as iCalendar bytes (UTF-8, CRLF line ends, lines folded at 75 octets)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", feed.name)
    calendar.add("x-wr-calname", feed.name)
    calendar.add("description", feed.description)
    calendar.add("x-wr-caldesc", feed.description)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    stamp = feed.stamp.astimezone(dt.UTC)
    for item in feed.events:
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("sequence", item.sequence)
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("dtstart", item.first)
        event.add("dtend", item.last + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("x-microsoft-cdo-alldayevent", "TRUE")
        event.add("x-microsoft-cdo-busystatus", "FREE")
        event.add("categories", list(item.categories))
        if item.url:
            event.add("url", item.url)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
