"""``kg evaluate GOLD...``: score extraction against gold claims."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli.common import stdout_console


@click.command("evaluate")
@click.argument("gold", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option(
    "--corpus",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder that 'corpus:' locators point into [default: <repo>/../shared/corpus].",
)
@click.option("--errors", is_flag=True, help="List missed, extra and mis-attributed claims.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per split.")
def command(gold: tuple[Path, ...], corpus: Path | None, errors: bool, as_json: bool) -> None:
    """Precision, recall and F1 of extraction over (subject, kind, object), per split.

    GOLD files are JSON Lines in the keys of ``kg extract`` plus ``split`` (dev or heldout); each
    ``doc`` is a locator (``corpus:<path>#<row>``, ``corpus:<path>`` or ``repo:<path>``), so gold
    files hold names and ids, never copied text. Names are compared after alias normalisation;
    attribution and modality accuracy are measured on the matched claims.

    \b
    Example:
      kg evaluate benchmarks/gold/heldout.jsonl
      kg evaluate --errors benchmarks/gold/dev.jsonl
    """
    from kg.extract.evaluation import default_corpus, evaluate, predict, read_gold

    root = Path(__file__).resolve().parents[2]
    records = [record for path in gold for record in read_gold(path)]
    predictions = predict({r["doc"] for r in records}, corpus or default_corpus(root), root)
    scores = evaluate(records, predictions)
    out = stdout_console()
    for name, score in sorted(scores.items()):
        summary = score.summary()
        if as_json:
            click.echo(json.dumps({"split": name, **summary}))
        else:
            out.print(
                f"{name:8} docs {summary['documents']:3}  gold {summary['gold']:4}  "
                f"predicted {summary['predicted']:4}  P {summary['precision']:.3f}  "
                f"R {summary['recall']:.3f}  F1 {summary['f1']:.3f}  "
                f"attribution {summary['attribution_accuracy']:.3f}  "
                f"modality {summary['modality_accuracy']:.3f}"
            )
        if errors and name != "all":
            for label, item in score.errors():
                out.print(f"  {label}: {item}", markup=False)
