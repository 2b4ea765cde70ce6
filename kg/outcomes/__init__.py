"""Settling claims by outcomes: which rumours came true (``kg settle``).

Outcome data is what the user loads as outcomes (outcome tables, claim files marked as outcomes,
``kg build --outcomes``), never a role a rumour mentions in passing. Each outcome source covers
some clubs and people over a period (:mod:`kg.outcomes.coverage`); a claim is confirmed by a
matching outcome inside its window (:mod:`kg.outcomes.windows`), refuted by a contradicting one,
or by its window closing while the outcomes cover it, and otherwise stays open with the reason
(:mod:`kg.outcomes.resolution`, over the index of :mod:`kg.outcomes.index`).

This package sits below :mod:`kg.analysis` (source reliability, contradictions, timelines), and
"resolve" is kept for entity resolution (:mod:`kg.resolve`). The package itself imports nothing,
so a loader that needs only the calendar (:mod:`kg.outcomes.windows`) stays light.
"""
