"""Synthetic microdata for the demonstration council, made with a fixed seed, and a finished
analysis of it, so a newcomer sees results at once. None of it describes real children."""

import tempfile
from pathlib import Path

import numpy as np
import polars as pl
from django.core.files.base import ContentFile
from django.db import transaction

from childrights.councils.demo import demo_council
from childrights.poverty.models import Dataset, Measure, Run
from childrights.poverty.tasks import run_measure
from childrights.poverty.uploads import fingerprint_bytes, upload_check

SEED = 20131120
CHILDREN = 4000
WARDS = ["Northbrook Central", "Riverside", "Hill Top", "Old Mill", "Eastfield"]

DEMO_MEASURE = {
    "k": 0.33,
    "age_column": "age",
    "age_groups": [
        {"slug": "0-4", "label": "0 to 4", "min_age": 0, "max_age": 4},
        {"slug": "5-10", "label": "5 to 10", "min_age": 5, "max_age": 10},
        {"slug": "11-17", "label": "11 to 17", "min_age": 11, "max_age": 17},
    ],
    "dimensions": [
        {
            "slug": "housing",
            "label": "Housing",
            "weight": None,
            "indicators": [
                {
                    "slug": "overcrowded",
                    "label": "Overcrowded home",
                    "column": "people_per_room",
                    "rule": "above",
                    "threshold": 1.5,
                    "categories": [],
                    "missing": "deprived",
                    "inclusive": False,
                    "age_groups": [],
                },
                {
                    "slug": "own-bed",
                    "label": "Own bed",
                    "column": "has_own_bed",
                    "rule": "lacks",
                    "threshold": None,
                    "categories": [],
                    "missing": "deprived",
                    "inclusive": False,
                    "age_groups": [],
                },
            ],
        },
        {
            "slug": "nutrition",
            "label": "Nutrition",
            "weight": None,
            "indicators": [
                {
                    "slug": "missed-meals",
                    "label": "Missed meals in the last week",
                    "column": "missed_meals",
                    "rule": "above",
                    "threshold": 1,
                    "categories": [],
                    "missing": "deprived",
                    "inclusive": False,
                    "age_groups": [],
                },
            ],
        },
        {
            "slug": "education",
            "label": "Education and early learning",
            "weight": None,
            "indicators": [
                {
                    "slug": "early-learning",
                    "label": "No early learning place",
                    "column": "early_learning",
                    "rule": "lacks",
                    "threshold": None,
                    "categories": [],
                    "missing": "deprived",
                    "inclusive": False,
                    "age_groups": ["0-4"],
                },
                {
                    "slug": "attendance",
                    "label": "School attendance below 90%",
                    "column": "attendance",
                    "rule": "below",
                    "threshold": 90,
                    "categories": [],
                    "missing": "deprived",
                    "inclusive": False,
                    "age_groups": ["5-10", "11-17"],
                },
            ],
        },
        {
            "slug": "play",
            "label": "Play and leisure",
            "weight": None,
            "indicators": [
                {
                    "slug": "safe-play",
                    "label": "No safe place to play",
                    "column": "safe_place_to_play",
                    "rule": "lacks",
                    "threshold": None,
                    "categories": [],
                    "missing": "deprived",
                    "inclusive": False,
                    "age_groups": [],
                },
            ],
        },
    ],
    "child_items": [
        {"column": "has_pocket_money", "label": "Pocket money"},
        {"column": "family_holiday", "label": "A family holiday once a year"},
        {"column": "right_clothes", "label": "The right clothes to fit in"},
    ],
}


def demo_frame(rows: int = CHILDREN, seed: int = SEED) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    households = rng.integers(0, rows // 2, size=rows)
    hardship = rng.beta(2, 5, size=rows)

    def lacks(probability: np.ndarray) -> np.ndarray:
        return (rng.random(rows) >= probability).astype(np.int8)

    return pl.DataFrame(
        {
            "child_id": np.arange(1, rows + 1),
            "household_id": households,
            "area": np.array(WARDS)[rng.integers(0, len(WARDS), size=rows)],
            "age": rng.integers(0, 18, size=rows),
            "sex": rng.choice(
                ["female", "male", "prefer not to say"], size=rows, p=[0.49, 0.49, 0.02]
            ),
            "weight": np.round(rng.uniform(0.5, 1.5, size=rows), 3),
            "people_per_room": np.round(rng.gamma(2.0, 0.4 + hardship), 2),
            "has_own_bed": lacks(hardship * 0.6),
            "missed_meals": rng.poisson(hardship * 3),
            "early_learning": lacks(hardship * 0.8),
            "attendance": np.clip(np.round(100 - rng.exponential(4 + 20 * hardship), 1), 0, 100),
            "safe_place_to_play": lacks(hardship * 0.7),
            "has_pocket_money": lacks(hardship * 0.9),
            "family_holiday": lacks(hardship * 1.2),
            "right_clothes": lacks(hardship * 0.8),
        }
    )


@transaction.atomic
def poverty_demo_load() -> str:
    council = demo_council()
    if Dataset.objects.filter(council=council).exists():
        return "demonstration poverty analysis already loaded"
    frame = demo_frame()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.csv"
        frame.write_csv(path)
        content = path.read_bytes()
        check = upload_check(path)
    if check.errors:
        raise ValueError(f"The demonstration data fails its own checks: {check.errors}")
    dataset = Dataset(
        council=council,
        name="Northbrook children's survey (synthetic, demonstration)",
        format=Dataset.Format.CSV,
        row_count=check.rows,
        columns=check.columns,
        fingerprint=fingerprint_bytes(content),
    )
    dataset.file.save("northbrook-demo.csv", ContentFile(content), save=False)
    dataset.save()
    measure = Measure.objects.create(
        council=council, name="Northbrook child poverty measure", definition=DEMO_MEASURE
    )
    run = Run.objects.create(
        council=council,
        measure=measure,
        dataset=dataset,
        measure_name=measure.name,
        definition=measure.definition,
        data_fingerprint=dataset.fingerprint,
        options={
            "group_columns": ["area", "sex"],
            "weight_column": "weight",
            "cluster_column": "household_id",
        },
    )
    run_measure.call(run_id=run.pk)
    return f"demonstration poverty analysis of {frame.height} synthetic children"
