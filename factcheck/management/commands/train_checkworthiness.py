"""Rebuild the check-worthiness model from the committed data (see ``factcheck.checkworthiness``).

    python manage.py train_checkworthiness [--with-transformer] [--with-desk-decisions] [--with-meaning] [--cv]
                                           [--dry-run] [--output PATH]

Prints precision, recall and F1 of the check-worthy class on the held-out part, and writes the
model file (``factcheck/data/checkworthiness/model.json`` unless ``--output``) that the importer
and ``score_sentences`` use.

Flags:
  --with-transformer     Add the fine-tuned transformer's share (``transformer.onnx``, made by
                         ``make train`` in its own environment) for the spoken sentences the wording
                         model is unsure of, fitted on development data (ClaimBuster's held-out fifth
                         and CheckThat! 2024 dev from ../shared/data when it is there; otherwise the
                         current file's is kept). A model file that has it keeps it when retrained.
  --with-desk-decisions  Also learn from the desk's own labels (dismissed as not check-worthy:
                         negatives; researched, published or added by hand: positives). Shows the
                         current model's and the new model's figures on the same held-out data and
                         keeps the current model when the new one is worse. The transformer itself is
                         not fine-tuned again here (that needs PyTorch, which the desk does not run):
                         the desk's decisions retrain the wording model and the transformer's share.
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
            "--with-transformer", action="store_true", help="Add the transformer for unsure spoken sentences."
        )
        parser.add_argument(
            "--with-meaning", action="store_true", help="Re-score uncertain sentences with sentence embeddings."
        )
        parser.add_argument("--cv", action="store_true", help="Also run 5-fold cross-validation (slow).")
        parser.add_argument("--dry-run", action="store_true", help="Report only; do not write the model.")
        parser.add_argument("--output", type=Path, default=scoring.MODEL_PATH, help="Where to write the model.")

    def handle(self, *args, with_desk_decisions, with_transformer, with_meaning, cv, dry_run, output, **options):
        public = checkworthiness.public_examples()
        desk = checkworthiness.desk_examples() if with_desk_decisions else []
        existing = scoring.Model.load(output) if Path(output).exists() else None
        current = existing if with_desk_decisions else None
        stacked = with_transformer or bool(existing and existing.stack_data)
        self.stdout.write(
            f"Training on {len(public)} public sentences"
            + (f" and {len(desk)} desk decisions" if with_desk_decisions else "")
            + f" (seed {checkworthiness.SEED}) …"
        )
        training = checkworthiness.train(
            public, desk=desk, current=current or existing, meaning=with_meaning, stacked=stacked, compare=bool(current)
        )
        write = checkworthiness.report_and_decide(training, write=self.stdout.write)
        for line in checkworthiness.development_figures(scoring.Model(training.data)):
            self.stdout.write(f"  Development figure: {line}")
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
