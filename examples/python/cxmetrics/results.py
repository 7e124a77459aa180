"""What the statistics return: frozen dataclasses mirroring cxm_snapshot,
cxm_interval and cxm_comparison, with names where C has numbers."""

from __future__ import annotations

import dataclasses
from ctypes import Structure
from typing import Any, Type, TypeVar, Union

from ._library import _Comparison, _Interval
from .names import method_name, quantity_name, resolved_name


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """Every metric at once (cxm_snapshot). Shares in percentage points;
    NaN where a number is undefined (n = 0; stddev for n = 1). weight_total
    (W) and n_effective (Kish's W^2 / Q) are a weighted accumulator's; an
    Accumulator's are both n (since 1.2)."""
    headline: Union[str, int]
    n: int
    positive: int
    neutral: int
    negative: int
    positive_share: float
    negative_share: float
    net: float
    mean: float
    stddev: float
    score: float
    score_low: float
    score_high: float
    weight_total: float
    n_effective: float


@dataclasses.dataclass(frozen=True)
class Interval:
    """A confidence interval (cxm_interval); quantity and method as resolved."""
    quantity: str
    method: str
    confidence: float
    estimate: float
    se: float
    low: float
    high: float


@dataclasses.dataclass(frozen=True)
class Comparison:
    """a - b (cxm_comparison): df is inf for z tests; p_value two-sided."""
    quantity: str
    method: str
    confidence: float
    difference: float
    se: float
    statistic: float
    df: float
    p_value: float
    low: float
    high: float


_R = TypeVar("_R")


def from_struct(struct: Structure, cls: Type[_R], **names: Any) -> _R:
    """A result dataclass from the struct the library wrote: every field of
    the same name, except those given (names where C has numbers)."""
    values = {f.name: getattr(struct, f.name)
              for f in dataclasses.fields(cls)
              if f.name not in names}
    return cls(**values, **names)


def interval(out: _Interval) -> Interval:
    return from_struct(out, Interval, quantity=resolved_name(quantity_name(out.quantity),
                                                             out.quantity),
                       method=resolved_name(method_name(out.method), out.method))


def comparison(out: _Comparison) -> Comparison:
    return from_struct(out, Comparison, quantity=resolved_name(quantity_name(out.quantity),
                                                               out.quantity),
                       method=resolved_name(method_name(out.method), out.method))
