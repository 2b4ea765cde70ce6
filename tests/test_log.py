"""``kg --verbose`` logging: every line, kg's or the driver's, has registered secrets removed."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from kg import log


@pytest.fixture
def verbose(capsys: pytest.CaptureFixture[str]) -> Iterator[None]:
    log.configure(2)  # after capsys, so the handler writes to the captured stderr
    yield
    for name in ("kg", "loaders", "neo4j"):
        logger = logging.getLogger(name)
        for handler in [h for h in logger.handlers if h.get_name() == "kg-verbose"]:
            logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)


def test_registered_secrets_are_replaced_in_every_line(
    verbose: None, capsys: pytest.CaptureFixture[str]
) -> None:
    log.add_secret("Pw-Secret-91x")
    logging.getLogger("kg.store.bolt").info("connecting with %s", "Pw-Secret-91x")
    logging.getLogger("neo4j.io").debug("LOGON %r", {"credentials": "Pw-Secret-91x"})
    logging.getLogger("kg.build").info("reading %s", "examples/seed.yaml")

    err = capsys.readouterr().err
    assert "Pw-Secret-91x" not in err
    assert "connecting with ***" in err
    assert "{'credentials': '***'}" in err
    assert "kg.build: reading examples/seed.yaml" in err


def test_without_verbose_kg_logs_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    logging.getLogger("kg.build").info("reading %s", "examples/seed.yaml")
    assert capsys.readouterr().err == ""
