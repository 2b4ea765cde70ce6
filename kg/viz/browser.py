"""How kg's tests and benchmarks open pages in Debian's headless Chromium, offline.

One list of launch flags, so the tests and the viz benchmark measure the same browser setup: no
sandbox (root in CI), no GPU, no background connections, and every host name unresolvable.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
