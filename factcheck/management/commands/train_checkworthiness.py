"""Rebuild the check-worthiness model from the committed data (see ``factcheck.checkworthiness``).

    python manage.py train_checkworthiness [--with-desk-decisions] [--with-meaning] [--cv] [--dry-run] [--output PATH]

Prints precision, recall and F1 of the check-worthy class on the held-out part, and writes the
model file (``factcheck/data/checkworthiness/model.json`` unless ``--output``) that the importer
and ``score_sentences`` use.

Flags:
  --with-desk-decisions  Also learn from the desk's own labels (dismissed as not check-worthy:
                         negatives; researched, published or added by hand: positives). Shows the
                         current model's and the new model's figures on the same held-out data and
                         keeps the current model when the new one is worse.
  --with-meaning         Also fit a second model with sentence embeddings, used for the sentences
                         whose score is uncertain (embeds every training sentence: ~2 min of CPU;
                         off by default, see BENCHMARKS.md for what it gains and costs).
  --cv                   Also print 5-fold cross-validation on the training part (slow).
  --dry-run              Train and report; write nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from factcheck import checkworthiness
from factcheck.extraction import scoring


class Command(BaseCommand):
    help = "Train the check-worthiness model from the committed data (and, optionally, the desk's decisions)."

    def add_arguments(self, parser):
        parser.add_argument("--with-desk-decisions", action="store_true", help="Learn from editors' decisions too.")
        parser.add_argument(
            "--with-meaning", action="store_true", help="Re-score uncertain sentences with sentence embeddings."
        )
        parser.add_argument("--cv", action="store_true", help="Also run 5-fold cross-validation (slow).")
        parser.add_argument("--dry-run", action="store_true", help="Report only; do not write the model.")
        parser.add_argument("--output", type=Path, default=scoring.MODEL_PATH, help="Where to write the model.")

    def handle(self, *args, with_desk_decisions, with_meaning, cv, dry_run, output, **options):
        public = checkworthiness.public_examples()
        desk = checkworthiness.desk_examples() if with_desk_decisions else []
        current = scoring.Model.load(output) if with_desk_decisions and Path(output).exists() else None
        self.stdout.write(
            f"Training on {len(public)} public sentences"
            + (f" and {len(desk)} desk decisions" if with_desk_decisions else "")
            + f" (seed {checkworthiness.SEED}) …"
        )
        training = checkworthiness.train(public, desk=desk, current=current, meaning=with_meaning)
        write = checkworthiness.report_and_decide(training, write=self.stdout.write)
        if cv:
            folds = checkworthiness.cross_validate(checkworthiness.split(public + desk)[0], meaning=with_meaning)
            mean = sum(fold.f1 for fold in folds) / len(folds)
            each = ", ".join(f"{fold.f1:.3f}" for fold in folds)
            self.stdout.write(
                f"5-fold cross-validation F1 (best threshold per fold) on the training part: {mean:.3f} ({each})"
            )
        if dry_run:
            self.stdout.write("Dry run: the model file was not written.")
        elif write:
            checkworthiness.save_model(training.data, output)
            self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))
