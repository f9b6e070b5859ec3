"""Profile keys: each child's deprivations (and age group) packed into one integer.

Domains are the age groups (or one domain, everyone). Domain ``d`` owns the keys
``start_d:stop_d``; within it, bit ``j`` of ``key - start_d`` is indicator ``j`` of that
domain's measure. After the ``P`` profile keys come sentinels: ``P + d`` for a child of domain
``d`` left out for missing data, ``P + D`` for a child in no domain.

Four ways to build the keys, all giving the same answer (the tests check each):

- *direct* (no age groups): the profile bits are the key;
- *union* (age groups sharing most indicators): every distinct rule is evaluated once into a
  "union code", and a lookup table maps (age group, union code) to the key -- one pass over the
  rules instead of one per age group;
- *chain* (age groups with many distinct rules): each group's bits, chosen by age;
- *sparse* (more than :data:`DENSE_PROFILE_LIMIT` possible profiles): the chain, with the
  domain in the high bits, then the profiles that occur are numbered (a sort: slower).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import polars as pl

from childrights.poverty.engine.definitions import Indicator, Measure
from childrights.poverty.engine.rules import (
    IndicatorExprs,
    Missingness,
    excluded_expr,
    indicator_exprs,
    profile_code,
)

Ints = npt.NDArray[np.int64]

#: Beyond this many possible profiles (all domains together), keys number the profiles seen.
DENSE_PROFILE_LIMIT = 1 << 16
#: The union code is used while it needs at most this many bits.
UNION_BITS_LIMIT = 20
_DOMAIN_SHIFT = 56


@dataclass
class Domain:
    """One age group (or everyone) and the block of profile keys ``start:stop`` it owns."""

    slug: str
    label: str
    min_age: float | None
    max_age: float | None
    measure: Measure
    start: int = 0
    stop: int = 0
    codes: Ints | None = None  # the profile bits of each key in the block

    @property
    def size(self) -> int:
        return len(self.measure.indicators)


@dataclass
class KeyPlan:
    """A Polars expression to evaluate (with everything else, in one ``select``) and the NumPy
    step that turns its values into keys."""

    expr: pl.Expr
    finish: Callable[[Ints], Ints]
    n_profiles: int
    path: str


def _signature(indicator: Indicator, missing: Missingness) -> tuple[object, ...]:
    has_missing = indicator.column in missing.nulls or indicator.column in missing.nans
    return (
        indicator.column,
        indicator.rule,
        indicator.threshold,
        indicator.categories,
        indicator.inclusive,
        has_missing and indicator.missing == "deprived",
    )


def _inside(domain: Domain, age_column: str | None) -> pl.Expr:
    if age_column is None:
        return pl.lit(True)
    assert domain.min_age is not None  # noqa: S101 - every age group has both bounds
    assert domain.max_age is not None  # noqa: S101
    age = pl.col(age_column)
    return (age >= domain.min_age) & (age <= domain.max_age)


def domain_expr(domains: list[Domain], age_column: str | None) -> pl.Expr:
    """Each child's domain by age: ``0..D-1``, or ``D`` in none (always 0 without age groups)."""
    if age_column is None:
        return pl.lit(0, pl.Int64)
    chain: Any = pl.when(_inside(domains[0], age_column)).then(pl.lit(0, pl.Int64))
    for number, domain in enumerate(domains[1:], start=1):
        chain = chain.when(_inside(domain, age_column)).then(pl.lit(number, pl.Int64))
    return cast(pl.Expr, chain.otherwise(pl.lit(len(domains), pl.Int64)))


def plan_keys(frame: pl.DataFrame, domains: list[Domain], age_column: str | None) -> KeyPlan:
    """Fill each domain's block and say how to compute the keys."""
    missing = Missingness.of(frame, [i.column for d in domains for i in d.measure.indicators])
    exprs = [
        [indicator_exprs(i, frame.schema, missing) for i in d.measure.indicators] for d in domains
    ]
    if sum(1 << d.size for d in domains) > DENSE_PROFILE_LIMIT:
        return _sparse(domains, exprs, age_column)
    offset = 0
    for domain in domains:
        domain.start, domain.stop = offset, offset + (1 << domain.size)
        domain.codes = np.arange(1 << domain.size, dtype=np.int64)
        offset = domain.stop
    if age_column is None:
        return _direct(domains[0], exprs[0], offset)
    union = _union(frame, domains, exprs, age_column, missing, offset)
    return union if union is not None else _chain(domains, exprs, age_column, offset)


def _identity(values: Ints) -> Ints:
    return values


def _direct(domain: Domain, exprs: list[IndicatorExprs], n_profiles: int) -> KeyPlan:
    code = profile_code(exprs).cast(pl.Int64)
    excluded = excluded_expr(exprs)
    if excluded is not None:
        code = pl.when(excluded).then(pl.lit(n_profiles, pl.Int64)).otherwise(code)
    return KeyPlan(code, _identity, n_profiles, "direct")


def _chain_expr(
    domains: list[Domain],
    exprs: list[list[IndicatorExprs]],
    age_column: str,
    value: Callable[[int, pl.Expr], pl.Expr],
    excluded_value: Callable[[int], int],
    outside: int,
) -> pl.Expr:
    branches: list[tuple[pl.Expr, pl.Expr]] = []
    for number, domain in enumerate(domains):
        inside = _inside(domain, age_column)
        excluded = excluded_expr(exprs[number])
        if excluded is not None:
            branches.append((inside & excluded, pl.lit(excluded_value(number), pl.Int64)))
        branches.append((inside, value(number, profile_code(exprs[number]).cast(pl.Int64))))
    chain: Any = pl.when(branches[0][0]).then(branches[0][1])
    for condition, then in branches[1:]:
        chain = chain.when(condition).then(then)
    return cast(pl.Expr, chain.otherwise(pl.lit(outside, pl.Int64)))


def _chain(
    domains: list[Domain], exprs: list[list[IndicatorExprs]], age_column: str, n_profiles: int
) -> KeyPlan:
    expr = _chain_expr(
        domains,
        exprs,
        age_column,
        lambda number, code: code + domains[number].start if domains[number].start else code,
        lambda number: n_profiles + number,
        n_profiles + len(domains),
    )
    return KeyPlan(expr, _identity, n_profiles, "chain")


def _union(
    frame: pl.DataFrame,
    domains: list[Domain],
    exprs: list[list[IndicatorExprs]],
    age_column: str,
    missing: Missingness,
    n_profiles: int,
) -> KeyPlan | None:
    bits: dict[tuple[object, ...], int] = {}
    rules: list[pl.Expr] = []
    positions: list[list[int]] = []  # domain -> union bit of each of its indicators
    exclusions: list[int] = []  # domain -> mask of union bits that leave a child out
    for number, domain in enumerate(domains):
        places: list[int] = []
        mask = 0
        for indicator, rule in zip(domain.measure.indicators, exprs[number], strict=True):
            signature = _signature(indicator, missing)
            if signature not in bits:
                bits[signature] = len(rules)
                rules.append(rule.deprived)
            places.append(bits[signature])
            if rule.excluded is not None:
                absent = ("absent", indicator.column)
                if absent not in bits:
                    bits[absent] = len(rules)
                    rules.append(rule.excluded)
                mask |= 1 << bits[absent]
        positions.append(places)
        exclusions.append(mask)
    width = len(rules)
    # The lookup table should stay small next to the data (else one chain per group is cheaper).
    table_size = (len(domains) + 1) << width
    if width > UNION_BITS_LIMIT or table_size > max(4 * frame.height, 1 << 16):
        return None
    code = profile_code([IndicatorExprs(rule, None) for rule in rules]).cast(pl.Int64)
    expr = domain_expr(domains, age_column) * (1 << width) + code

    union = np.arange(1 << width, dtype=np.int64)
    table = np.full((len(domains) + 1) << width, n_profiles + len(domains), dtype=np.int64)
    for number, domain in enumerate(domains):
        key = np.zeros(union.size, dtype=np.int64)
        for j, place in enumerate(positions[number]):
            key |= ((union >> place) & 1) << j
        key += domain.start
        key[(union & exclusions[number]) != 0] = n_profiles + number
        table[number << width : (number + 1) << width] = key

    def finish(values: Ints) -> Ints:
        return np.take(table, values, mode="clip")

    return KeyPlan(expr, finish, n_profiles, "union")


def _sparse(
    domains: list[Domain], exprs: list[list[IndicatorExprs]], age_column: str | None
) -> KeyPlan:
    if age_column is None:
        code = profile_code(exprs[0]).cast(pl.Int64)
        excluded = excluded_expr(exprs[0])
        expr = (
            code
            if excluded is None
            else pl.when(excluded).then(pl.lit(-2, pl.Int64)).otherwise(code)
        )
    else:
        expr = _chain_expr(
            domains,
            exprs,
            age_column,
            lambda number, code: code + pl.lit(number << _DOMAIN_SHIFT, pl.Int64),
            lambda number: -2 - number,
            -1,
        )

    def finish(raw: Ints) -> Ints:
        return _number_profiles(raw, domains)

    return KeyPlan(expr, finish, -1, "sparse")


def _number_profiles(raw: Ints, domains: list[Domain]) -> Ints:
    """Number the profiles that occur (sorted, so each domain's block is contiguous); the
    sentinels -1 (no domain) and -2-d (left out of d) move after them."""
    values, inverse = np.unique(raw, return_inverse=True)
    real = values[values >= 0]
    n_negative = values.size - real.size
    n_profiles = real.size
    lookup = np.empty(values.size, dtype=np.int64)
    lookup[n_negative:] = np.arange(n_profiles)
    for position in range(n_negative):
        value = int(values[position])
        lookup[position] = n_profiles + len(domains) if value == -1 else n_profiles - 2 - value
    domain_of = real >> _DOMAIN_SHIFT
    mask = (1 << _DOMAIN_SHIFT) - 1
    for number, domain in enumerate(domains):
        domain.start = int(np.searchsorted(domain_of, number, side="left"))
        domain.stop = int(np.searchsorted(domain_of, number, side="right"))
        domain.codes = real[domain.start : domain.stop] & mask
    return np.asarray(lookup[inverse.reshape(-1)], dtype=np.int64)
