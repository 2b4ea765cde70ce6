"""A full disk (issue 21): writing an export, a page or the graph fails with one line that names
the path and what failed, a non-zero exit, and nothing half-written.

The disk is really full, not simulated: each test runs kg in a mount namespace of its own
(``unshare -rm``: a user namespace mapping the caller to root, so no privilege is needed where
unprivileged user namespaces are allowed) on a tmpfs of a few kilobytes or megabytes, which the
kernel refuses to grow (ENOSPC) exactly as a full disk does. The mount is gone with the
namespace, so nothing is left on the machine. Where namespaces are not allowed the tests are
skipped with the reason. Writing in place to a device is checked on a private copy of
``/dev/full`` (``mknod``, as root), never on the machine's own.
"""

from __future__ import annotations

import os
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

SEED = EXAMPLES / "seed-2025-04-17.yaml"
KG = f"{shlex.quote(sys.executable)} -m kg"
NO_SPACE = os.strerror(28)  # ENOSPC: "No space left on device"


def on_small_disk(
    disk: Path, size: str, script: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the shell ``script`` with a tmpfs of ``size`` mounted on ``disk``, in a mount
    namespace of its own; skip the test where this machine allows none."""
    if shutil.which("unshare") is None:
        pytest.skip("no unshare(1) here to make a small file system")
    disk.mkdir(exist_ok=True)
    mount = f"mount -t tmpfs -o size={size} tmpfs {shlex.quote(str(disk))}"
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", mount], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {probe.stderr.strip()}")
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", f"{mount} && {script}"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
        cwd=Path(__file__).resolve().parents[2],
    )


def results(folder: Path, name: str) -> tuple[int, list[str]]:
    """The exit status and the stderr lines one command of a script left in ``folder``."""
    status = int((folder / f"{name}.rc").read_text())
    return status, (folder / f"{name}.err").read_text().splitlines()


def test_exports_and_pages_on_a_full_disk_fail_in_one_line_and_leave_the_old_file(
    tmp_path: Path,
) -> None:
    disk, out = tmp_path / "disk", tmp_path / "out"
    out.mkdir()
    seed = shlex.quote(str(SEED))
    commands = {
        "turtle": f"{KG} export --from {seed} -o {disk}/graph.ttl",
        "graphml": f"{KG} export --from {seed} -o {disk}/graph.graphml",
        "page": f"{KG} viz --from {seed} -o {disk}/graph.html",
        "stdout": f"{KG} export --from {seed} -f graphml > {disk}/piped.graphml",
    }
    script = f"printf 'old\\n' > {disk}/graph.ttl && " + " ; ".join(
        f"{command} 2> {out}/{name}.err; echo $? > {out}/{name}.rc"
        for name, command in commands.items()
    )
    # the files left: listed inside the namespace, where the full disk is mounted
    script += f" ; ls -A {disk} > {out}/left; cat {disk}/graph.ttl > {out}/old"
    done = on_small_disk(disk, "8k", script)  # a 15 kB export cannot fit
    assert done.returncode == 0, done.stderr

    for name, what in (
        ("turtle", "the export"),
        ("graphml", "the export"),
        ("page", "the page"),
    ):
        status, errors = results(out, name)
        suffix = {"turtle": "ttl", "graphml": "graphml", "page": "html"}[name]
        assert (status, errors) == (
            1,
            [
                f"kg: error: {disk}/graph.{suffix}: cannot write {what}: {NO_SPACE}; "
                "nothing was written there"
            ],
        ), name  # 139 was graphml's segmentation fault, after its error line
    assert results(out, "stdout") == (
        1,
        [f"kg: error: standard output: cannot write the export: {NO_SPACE}"],
    )
    # the earlier export is untouched and no temporary file is left behind; the redirected
    # standard output is the shell's file, written as far as the disk allowed
    assert (out / "old").read_text() == "old\n"
    assert (out / "left").read_text().split() == ["graph.ttl", "piped.graphml"]


def test_an_export_to_a_device_is_written_in_place_not_renamed_over_it(tmp_path: Path) -> None:
    full = tmp_path / "full"
    try:
        os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # what /dev/full is
    except PermissionError:
        pytest.skip("mknod needs root")
    done = subprocess.run(
        [sys.executable, "-m", "kg", "export", "--from", str(SEED), "-o", str(full)],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stderr.splitlines()) == (
        1,
        [f"kg: error: {full}: cannot write the export: {NO_SPACE}"],
    )
    assert stat.S_ISCHR(full.stat().st_mode)  # renamed over, it had become a regular file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]

    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")  # what /dev/stdout is
    piped = subprocess.run(
        [sys.executable, "-m", "kg", "export", "--from", str(SEED), "-o", str(link)],
        capture_output=True,
        text=True,
    )
    assert piped.returncode == 0, piped.stderr
    assert "@prefix" in piped.stdout  # written through the link into the pipe
    assert link.is_symlink()


@pytest.mark.slow
def test_a_full_disk_under_the_embedded_database_fails_in_one_line_and_stores_nothing_half(
    tmp_path: Path,
) -> None:
    """The embedded server on a 32 MB disk that a filler leaves 8 MB of: too little for the
    database's files. The build fails naming the graph's folder and the reason (the server itself
    only answers "Transaction error on commit"); no document is stored in part; once the filler
    is gone the same server takes the same build whole. Filled again, kg's own ledger in the
    folder cannot be written, and that is one line too."""
    disk, out = tmp_path / "disk", tmp_path / "out"
    out.mkdir()
    home = disk / "home"
    steps = {
        "build": f"{KG} build {EXAMPLES}",
        "count": f"{KG} query 'MATCH (c:Claim) RETURN count(c) AS n' --format json",
        "again": f"rm {disk}/filler && {KG} build {EXAMPLES}",
        # full again: kg's own file in the folder (the build ledger) cannot be written either
        "forget": f"head -c 40m /dev/zero > {disk}/filler 2>/dev/null; {KG} forget {SEED}",
    }
    script = (
        f"trap '{KG} server stop > /dev/null' EXIT; head -c 24m /dev/zero > {disk}/filler; "
        + " ; ".join(
            f"{command} > {out}/{name}.out 2> {out}/{name}.err; echo $? > {out}/{name}.rc"
            for name, command in steps.items()
        )
    )
    done = on_small_disk(disk, "32m", script, env={"KG_HOME": str(home), "KG_SERVER_IDLE": "60"})
    assert done.returncode == 0, done.stderr

    status, errors = results(out, "build")
    assert status == 1
    assert len(errors) == 1 and errors[0].startswith(
        f"kg: error: {home}: the database server could not write its files: {NO_SPACE} "
        f"(see {home}/server.log); this build had written 0 document(s)"
    ), errors
    assert results(out, "count") == (0, [])
    assert (out / "count.out").read_text().split() == ["[", "{", '"n":', "0", "}", "]"]
    assert results(out, "again")[0] == 0
    assert "2 documents, 12 entities, 21 claims, 9 sources" in (out / "again.out").read_text()
    assert results(out, "forget") == (
        1,
        [
            f"kg: error: {home}/ledger.sqlite: cannot write the build ledger: "
            "database or disk is full"
        ],
    )
