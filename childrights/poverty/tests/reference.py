"""A deliberately plain implementation of the measure, for tests only: one Python loop over the
children, no NumPy, no profiles, no tricks. The engine must agree with it to 1e-9."""

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

TOLERANCE = 1e-12


@dataclass
class Child:
    domain: int
    g: list[bool]
    score: float
    poor: bool
    w: float
    cluster: Any
    groups: dict[str, Any]


def _missing(value):
    return value is None or (isinstance(value, float) and math.isnan(value))


def deprived(indicator, value):
    """True or False, or None when the child must be left out."""
    if _missing(value):
        return {"deprived": True, "not deprived": False, "exclude": None}[indicator.missing]
    if indicator.rule == "below":
        return value <= indicator.threshold if indicator.inclusive else value < indicator.threshold
    if indicator.rule == "above":
        return value >= indicator.threshold if indicator.inclusive else value > indicator.threshold
    if indicator.rule == "in":
        return value in indicator.categories
    if indicator.rule == "flag":
        return bool(value)
    return not bool(value)  # lacks


def _ratio(top, bottom):
    return top / bottom if bottom > 0 else 0.0


def _se(units, population, y_of, x_of, denominator):
    """Linearised SE of sum(y)/sum(x) with the given units (lists of children)."""
    if len(units) < 2 or denominator <= 0:
        return math.nan
    total_y = sum(c.w * y_of(c) for u in units for c in u if c.domain in population)
    total_x = sum(c.w * x_of(c) for u in units for c in u if c.domain in population)
    r = _ratio(total_y, total_x)
    z = [sum(c.w * (y_of(c) - r * x_of(c)) for c in u if c.domain in population) for u in units]
    mean = sum(z) / len(z)
    variance = len(z) / (len(z) - 1) * sum((v - mean) ** 2 for v in z)
    return math.sqrt(variance) / denominator


def reference(
    rows,
    measure,
    *,
    weight_column=None,
    cluster_column=None,
    group_columns=(),
    ks=None,
    age_groups=None,
):
    if age_groups is None:
        domains = [("all", None, None, measure)]
    else:
        domains = [(g.slug, g.min_age, g.max_age, g.measure or measure) for g in age_groups.groups]
    children: list[Child] = []
    excluded: defaultdict[int, int] = defaultdict(int)
    out_of_scope = 0
    for row in rows:
        number = None
        if age_groups is None:
            number = 0
        else:
            age = row[age_groups.column]
            for d, (_, low, high, _) in enumerate(domains):
                if not _missing(age) and low <= age <= high:
                    number = d
        if number is None:
            out_of_scope += 1
            continue
        m = domains[number][3]
        g = [deprived(i, row[i.column]) for i in m.indicators]
        if any(x is None for x in g):
            excluded[number] += 1
            continue
        score = 0.0
        for weight, x in zip(m.weights, g, strict=True):
            if x:
                score += weight
        poor = score >= m.k - TOLERANCE and score > 0
        children.append(
            Child(
                domain=number,
                g=g,
                score=score,
                poor=poor,
                w=float(row[weight_column]) if weight_column else 1.0,
                cluster=row[cluster_column] if cluster_column else None,
                groups={c: row[c] for c in group_columns},
            )
        )
    if cluster_column:
        by_cluster: defaultdict[Any, list[Child]] = defaultdict(list)
        for c in children:
            by_cluster[c.cluster].append(c)
        units = [u for u in by_cluster.values() if sum(c.w for c in u) > 0]
    else:
        units = [[c] for c in children]

    def summary(population, whole):
        members = [c for c in children if c.domain in population]
        n = sum(c.w for c in members)
        q = sum(c.w for c in members if c.poor)
        s = sum(c.w * c.score for c in members if c.poor)
        one, poor, cens = (
            lambda c: 1.0,
            lambda c: 1.0 if c.poor else 0.0,
            lambda c: c.score if c.poor else 0.0,
        )
        indicators: dict[str, list[float]] = {}
        dimensions: dict[str, list[float]] = {}
        slugs: list[str] = []
        for d in population:
            m = domains[d][3]
            owner = m.dimension_of_indicator
            in_domain = [c for c in members if c.domain == d]
            n_d = sum(c.w for c in in_domain)
            for j, ind in enumerate(m.indicators):
                t = indicators.setdefault(ind.slug, [0.0, 0.0, 0.0, 0.0])
                t[0] += n_d
                t[1] += sum(c.w for c in in_domain if c.g[j])
                t[2] += sum(c.w for c in in_domain if c.g[j] and c.poor)
                t[3] += m.weights[j] * sum(c.w for c in in_domain if c.g[j] and c.poor)
            for p, dim in enumerate(m.dimensions):
                if dim.slug not in slugs:
                    slugs.append(dim.slug)
                js = [j for j in range(len(owner)) if owner[j] == p]
                t = dimensions.setdefault(dim.slug, [0.0, 0.0, 0.0, 0.0])
                t[0] += n_d
                t[1] += sum(c.w for c in in_domain if any(c.g[j] for j in js))
                t[2] += sum(c.w for c in in_domain if c.poor and any(c.g[j] for j in js))
                t[3] += sum(m.weights[j] * c.w for c in in_domain if c.poor for j in js if c.g[j])

        def deprived_dims(c):
            m = domains[c.domain][3]
            owner = m.dimension_of_indicator
            return {m.dimensions[owner[j]].slug for j, x in enumerate(c.g) if x}

        shares = [0.0] * (len(slugs) + 1)
        counts = [0] * (len(slugs) + 1)
        pairwise = [[0.0] * len(slugs) for _ in slugs]
        for c in members:
            dims = deprived_dims(c)
            shares[len(dims)] += c.w / n
            counts[len(dims)] += 1
            for a, sa in enumerate(slugs):
                for b, sb in enumerate(slugs):
                    if sa in dims and sb in dims:
                        pairwise[a][b] += c.w / n
        levels = ks
        if levels is None:
            levels = sorted({round(c.score, 12) for c in members if c.score > 0})
        curve = []
        for k in levels:
            chosen = [c for c in members if c.score >= k - TOLERANCE and c.score > 0]
            curve.append(
                (
                    k,
                    _ratio(sum(c.w for c in chosen), n),
                    _ratio(sum(c.w * c.score for c in chosen), n),
                )
            )
        breakdowns = {}
        for column in group_columns:
            rows_out = {}
            for value in {c.groups[column] for c in members}:
                g = [c for c in members if c.groups[column] == value]
                gn = sum(c.w for c in g)
                gq = sum(c.w for c in g if c.poor)
                gs = sum(c.w * c.score for c in g if c.poor)
                rows_out[value] = {
                    "n": len(g),
                    "population": gn,
                    "population_share": _ratio(gn, n),
                    "H": _ratio(gq, gn),
                    "A": _ratio(gs, gq),
                    "M0": _ratio(gs, gn),
                    "contribution_pct": 100 * _ratio(gs, s),
                }
            breakdowns[column] = rows_out
        return {
            "n": len(members),
            "population": n,
            "n_excluded": sum(excluded[d] for d in population),
            "n_out_of_scope": out_of_scope if whole else 0,
            "H": _ratio(q, n),
            "A": _ratio(s, q),
            "M0": _ratio(s, n),
            "se_H": _se(units, population, poor, one, n),
            "se_A": _se(units, population, cens, poor, q),
            "se_M0": _se(units, population, cens, one, n),
            "indicators": {
                k: {
                    "uncensored_headcount": _ratio(t[1], t[0]),
                    "censored_headcount": _ratio(t[2], t[0]),
                    "contribution_pct": 100 * _ratio(t[3], s),
                }
                for k, t in indicators.items()
            },
            "dimensions": {
                k: {
                    "uncensored_headcount": _ratio(t[1], t[0]),
                    "censored_headcount": _ratio(t[2], t[0]),
                    "contribution_pct": 100 * _ratio(t[3], s),
                }
                for k, t in dimensions.items()
            },
            "overlaps": {
                "dimensions": slugs,
                "count_shares": shares,
                "count_n": counts,
                "pairwise": pairwise,
            },
            "k_curve": curve,
            "breakdowns": breakdowns,
        }

    everyone = summary(set(range(len(domains))), True)
    if age_groups is not None:
        everyone["age_groups"] = {
            slug: summary({d}, False) for d, (slug, _, _, _) in enumerate(domains)
        }
    return everyone


def _close(a, b, where, tolerance):
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)):
        same = (a is None or math.isnan(a)) and (b is None or math.isnan(b))
    else:
        same = abs(a - b) <= tolerance
    if not same:
        raise AssertionError(f"{where}: engine {a!r} != reference {b!r}")


def assert_agrees(result, expected, tolerance=1e-9, where="overall"):
    """Every figure of an engine ``Result`` against :func:`reference`'s answer."""
    for name in ("n", "n_excluded", "n_out_of_scope"):
        if getattr(result, name) != expected[name]:
            raise AssertionError(f"{where}.{name}: {getattr(result, name)} != {expected[name]}")
    for name in ("population", "H", "A", "M0", "se_H", "se_A", "se_M0"):
        _close(getattr(result, name), expected[name], f"{where}.{name}", tolerance)
    for group in ("indicators", "dimensions"):
        rows = {row.slug: row for row in getattr(result, group)}
        if set(rows) != set(expected[group]):
            raise AssertionError(f"{where}.{group}: {sorted(rows)} != {sorted(expected[group])}")
        for slug, figures in expected[group].items():
            for name, value in figures.items():
                _close(
                    getattr(rows[slug], name), value, f"{where}.{group}.{slug}.{name}", tolerance
                )
    overlaps = expected["overlaps"]
    if list(result.overlaps.dimensions) != overlaps["dimensions"]:
        raise AssertionError(f"{where}.overlaps.dimensions differ")
    if list(result.overlaps.count_n) != overlaps["count_n"]:
        raise AssertionError(f"{where}.overlaps.count_n: {result.overlaps.count_n}")
    for m, value in enumerate(overlaps["count_shares"]):
        _close(result.overlaps.count_shares[m], value, f"{where}.overlaps.count_shares", tolerance)
    for a, row in enumerate(overlaps["pairwise"]):
        for b, value in enumerate(row):
            _close(result.overlaps.pairwise[a][b], value, f"{where}.overlaps.pairwise", tolerance)
    if len(result.k_curve) != len(expected["k_curve"]):
        raise AssertionError(
            f"{where}.k_curve: {len(result.k_curve)} != {len(expected['k_curve'])}"
        )
    for point, (k, h, m0) in zip(result.k_curve, expected["k_curve"], strict=True):
        _close(point.k, k, f"{where}.k_curve.k", tolerance)
        _close(point.H, h, f"{where}.k_curve.H at {k}", tolerance)
        _close(point.M0, m0, f"{where}.k_curve.M0 at {k}", tolerance)
    for column, rows in expected["breakdowns"].items():
        got = {row.value: row for row in result.breakdowns[column]}
        if set(got) != set(rows):
            raise AssertionError(f"{where}.breakdowns.{column}: {sorted(got, key=str)}")
        for value, figures in rows.items():
            for name, number in figures.items():
                _close(
                    getattr(got[value], name), number, f"{where}.{column}={value}.{name}", tolerance
                )
    for group in result.age_groups:
        assert_agrees(group.result, expected["age_groups"][group.slug], tolerance, group.slug)
