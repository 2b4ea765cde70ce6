"""How fast a generated graph's page opens in headless Chromium: kg's page against pyvis defaults.

For 1k, 5k and 20k nodes (kg.synthetic.sample), in the same run: build time in Python, file size, and
the time from navigation until the network is drawn and stable (node positions unchanged for two
samples 100 ms apart), for (a) kg's page (static layout computed in Python, physics off) and
(b) the same nodes and edges rendered by pyvis's own template with its defaults (physics on,
vis-network inlined with ``cdn_resources="in_line"``; its Bootstrap CDN links are blocked).
kg's page is loaded --repeat times (median); the baseline once (it is far slower).
Run: .venv/bin/python benchmarks/viz.py [--sizes 1000,5000,20000] [--timeout 120] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pyvis.network import Network

from kg.synthetic.sample import sample_graph
from kg.viz import write_html
from kg.viz.browser import CHROMIUM, CHROMIUM_ARGS

# Injected before any page script: wait for window.network, then sample positions until still.
STABLE_PROBE = """
(() => {
  let last = null, drawn = false;
  function poll() {
    const net = window.network && window.network.getPositions ? window.network : null;
    if (net && !net.__kgProbe) {
      // The first frame may already be out; ask for one more and count from when it is drawn.
      net.__kgProbe = true; net.once('afterDrawing', () => { drawn = true; }); net.redraw();
    }
    if (net && drawn) {
      const pos = net.getPositions();
      const key = Object.keys(pos).map(k => pos[k].x + ',' + pos[k].y).join(';');
      if (key === last) { window.__stableAt = performance.now() - 100; return; }
      last = key;
    }
    setTimeout(poll, 100);
  }
  setTimeout(poll, 0);
})();
"""


Json = dict[str, Any]


def pyvis_default_page(nodes: list[Json], edges: list[Json], path: Path) -> None:
    """The same nodes and edges through pyvis's own template and default options."""
    net = Network(directed=True, cdn_resources="in_line")
    keep = ("id", "label", "shape", "color", "size")
    net.nodes = [{k: n[k] for k in keep if k in n} for n in nodes]
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in net.nodes}
    net.edges = [
        {k: e[k] for k in ("from", "to", "label", "arrows", "color", "width") if k in e}
        for e in edges
    ]
    path.write_text(net.generate_html(), encoding="utf-8")


def time_page(browser: Any, path: Path, timeout_s: float) -> float | None:
    """Seconds from navigation until drawn and stable, or None past the timeout."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    offline = lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()  # noqa: E731
    context.route("**/*", offline)
    page = context.new_page()
    page.add_init_script(STABLE_PROBE)
    try:
        page.goto(path.as_uri(), timeout=timeout_s * 1000, wait_until="commit")
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:  # polled from here: the page's CSP forbids eval
            stable = page.evaluate("window.__stableAt")
            if stable is not None:
                return float(stable) / 1000
            time.sleep(0.2)
        return None
    except PlaywrightTimeout:
        return None
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per page load")
    parser.add_argument("--repeat", type=int, default=3, help="loads of kg's page (median)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for n in (int(s) for s in args.sizes.split(",")):
            graph = sample_graph(n, seed=0)
            ours = Path(tmp) / f"kg-{n}.html"
            started = time.perf_counter()
            drawn = write_html(graph, ours)
            build_s = time.perf_counter() - started
            base = Path(tmp) / f"pyvis-{n}.html"
            claim_edges = [e for e in drawn.network.edges if e["role"] == "claim"]
            pyvis_default_page(drawn.network.nodes, claim_edges, base)
            runs = [time_page(browser, ours, args.timeout) for _ in range(args.repeat)]
            finished = [r for r in runs if r is not None]
            kg_s = statistics.median(finished) if len(finished) == len(runs) else None
            base_s = time_page(browser, base, args.timeout)
            nodes = len(drawn.network.nodes)
            rows.append((nodes, len(claim_edges), build_s, ours, base, kg_s, base_s))
            print(f"done {n}", flush=True)
        browser.close()
        print()
        print(
            "| nodes | claim lines | kg build (s) | kg file (MB) | pyvis file (MB) "
            "| kg drawn+stable (s) | pyvis defaults (s) | speed-up |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")

        def fmt(s: float | None) -> str:
            return f"{s:.2f}" if s is not None else f"> {args.timeout:.0f} (timed out)"

        for nodes, lines, build_s, ours, base, kg_s, base_s in rows:
            if kg_s and base_s:
                ratio = f"{base_s / kg_s:.1f}x"
            elif kg_s:
                ratio = f"> {args.timeout / kg_s:.0f}x"
            else:
                ratio = "n/a"
            print(
                f"| {nodes:,} | {lines:,} | {build_s:.1f} | {ours.stat().st_size / 1e6:.1f} "
                f"| {base.stat().st_size / 1e6:.1f} | {fmt(kg_s)} | {fmt(base_s)} | {ratio} |"
            )


if __name__ == "__main__":
    main()
