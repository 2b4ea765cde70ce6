"""Settling claims by outcomes: which rumours came true (``kg settle``).

Outcome data is what the user loads as outcomes (outcome tables, claim files marked as outcomes,
``kg build --outcomes``), never a role a rumour mentions in passing. Each outcome source covers
some clubs and people over a period (kept by :mod:`kg.outcomes.index`); a claim is confirmed by a
matching outcome inside its window (:mod:`kg.windows`), refuted by a contradicting one,
or by its window closing while the outcomes cover it, and otherwise stays open with the reason
(:mod:`kg.outcomes.resolution`, over the index of :mod:`kg.outcomes.index`).

:mod:`kg.analysis` (source reliability, contradictions, timelines) builds on this package, and
"resolve" is kept for entity resolution (:mod:`kg.resolve`), whose keys and fuzzy rule the
matching here uses. It is a sink like the analysis (it keeps its index in the run's scratch
workspace), so loaders import nothing from it.
"""
