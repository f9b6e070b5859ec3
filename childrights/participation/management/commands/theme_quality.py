from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from childrights.participation.themes.embedding import get_embedder
from childrights.participation.themes.engine import Settings
from childrights.participation.themes.quality import quality_report, quality_table


class Command(BaseCommand):
    help = (
        "Theme the labelled answers (408 made-up answers, 12 themes, English and Welsh) with the "
        "configured model and print how near the themes come to the labels: ARI, NMI, purity "
        "and Welsh translations in their English answer's theme. Run after changing the model "
        "or the settings (ADR 23)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=Settings().seed)

    def handle(self, *args: Any, **options: Any) -> None:
        embedder = get_embedder()
        rows = quality_report(embedder=embedder, settings=Settings(seed=options["seed"]))
        self.stdout.write(f"{embedder.name} {embedder.version}, seed {options['seed']}")
        self.stdout.write(quality_table(rows))
