"""Deadlines for claims: by the end of the next transfer window after the claim, or a fixed span.

A rumour in April is about the summer window; one in late August, once the summer window is open,
is given until the end of the January window. "Next" means the first window that *opens* after the
claim, so a claim made while a window is open is covered by that window and the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

MonthDay = tuple[int, int]


@dataclass(frozen=True)
class TransferWindows:
    """Transfer windows as ``(opens, closes)`` month–day pairs, the same every year.

    The default is the European calendar: summer 1 June – 1 September, winter 1 January –
    1 February (the close day is included).

    >>> TransferWindows().deadline(date(2025, 4, 17))
    datetime.date(2025, 9, 1)
    >>> TransferWindows().deadline(date(2021, 8, 20))
    datetime.date(2022, 2, 1)
    """

    windows: tuple[tuple[MonthDay, MonthDay], ...] = (((6, 1), (9, 1)), ((1, 1), (2, 1)))

    def deadline(self, stated: date) -> date:
        """The close of the first window that opens after ``stated``."""
        best: tuple[date, date] | None = None
        for year in (stated.year, stated.year + 1):
            for (om, od), (cm, cd) in self.windows:
                opens = date(year, om, od)
                closes = date(year if (cm, cd) >= (om, od) else year + 1, cm, cd)
                if opens > stated and (best is None or opens < best[0]):
                    best = (opens, closes)
        assert best is not None  # some window opens within the next year
        return best[1]

    def window_of(self, year: int, name: str) -> tuple[date, date]:
        """The dates of a named window ("summer" or "winter") of ``year``, for outcome tables.

        >>> TransferWindows().window_of(2021, "Winter")
        (datetime.date(2021, 1, 1), datetime.date(2021, 2, 1))
        """
        index = {"summer": 0, "winter": 1}.get(name.strip().lower())
        if index is None or index >= len(self.windows):
            raise ValueError(f"unknown transfer window {name!r}; expected Summer or Winter")
        (om, od), (cm, cd) = self.windows[index]
        return date(year, om, od), date(year if (cm, cd) >= (om, od) else year + 1, cm, cd)


#: The default: by the end of the next transfer window.
TRANSFER_WINDOWS = TransferWindows()

Window = TransferWindows | timedelta


def deadline(stated: date, window: Window) -> date:
    """When a claim stated on ``stated`` must have come true: a transfer window's close, or a span.

    >>> deadline(date(2025, 4, 17), timedelta(days=30))
    datetime.date(2025, 5, 17)
    """
    if isinstance(window, timedelta):
        return stated + window
    return window.deadline(stated)
