"""Write requirements.lock (name==version --hash=sha256:…) from a `pip install --report` JSON file."""

from __future__ import annotations

import json
import sys


def main(report_path: str) -> None:
    """Print the lock file for every archive in the pip report, kg itself excluded."""
    with open(report_path, encoding="utf-8") as fh:
        report = json.load(fh)
    pins = []
    for item in report["install"]:
        info = item.get("download_info", {})
        if "dir_info" in info:
            continue
        digest = info["archive_info"]["hashes"]["sha256"]
        meta = item["metadata"]
        pins.append((meta["name"].lower(), meta["version"], digest))
    print(
        "# Every package kg and its tests install, pinned by version and hash (pip --require-hashes)."
    )
    print("# Regenerate with `make lock` after changing dependencies in pyproject.toml.")
    for name, version, digest in sorted(pins):
        print(f"{name}=={version} \\\n    --hash=sha256:{digest}")


if __name__ == "__main__":
    main(sys.argv[1])
