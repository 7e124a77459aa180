"""Rating scales (cxm_scale) and what a scale resolves a quantity and a
method to (cxm_method_resolve)."""

from __future__ import annotations

import dataclasses
from ctypes import byref, c_int
from typing import NamedTuple, Union

from ._arguments import Name, int32, integer, text
from ._library import _Scale, lib, new_struct
from ._native import formatted
from .errors import ERR_ARG, ERR_SCALE, check
from .names import headline_name, method_arg, method_name, parse_headline, quantity_arg
from .names import quantity_name, resolved_name

SCALE_MAX_RATINGS = 101  # CXM_SCALE_MAX_RATINGS: the most ratings a scale may span

# Which table of methods resolve_method consults (CXM_USE_*).
USE_INTERVAL = 1
USE_COMPARE = 2
USE_WEIGHTED_INTERVAL = 3
USE_WEIGHTED_COMPARE = 4

# The preset names of this module's 1.0 release, in CXM_PRESET_* order: kept
# so that programs written for it keep working; the library's own names are
# the text form's ("csat5", ...).
_PRESETS_1_0 = ("csat_5", "csat_3", "csat_10", "csat_binary", "nps", "ces_7", "ces_5",
                "net_easy_7")

# The share headline as earlier releases of this module spelled it (1.0:
# "positive_share"; the 1.1 drafts: "positive-share", the quantity's name):
# kept so that programs written for them keep working. Only a spelling, not a
# table: the number comes from the library's word.
_SHARE_HEADLINE_BEFORE = ("positive_share", "positive-share")


def _headline_arg(value: Union[str, int]) -> int:
    """A headline argument: a library word ("share"), an earlier spelling, or
    a CXM_HEADLINE_* number."""
    if isinstance(value, str):
        return parse_headline("share" if value in _SHARE_HEADLINE_BEFORE else value)
    return int32(value, "headline", ERR_SCALE)


def _headline_word(value: int) -> Union[str, int]:
    """The library's word of a headline read back from C; the number itself if
    it has none (a struct the library did not check)."""
    name = headline_name(value)
    return value if name is None else name


@dataclasses.dataclass(frozen=True)
class Scale:
    """A rating scale (cxm_scale): valid ratings [min, max], a positive and a
    negative band (inclusive), and the headline ("share", "net", "mean",
    the library's words; the earlier "positive-share" and a CXM_HEADLINE_*
    number still read). str(scale) is its text form ("nps",
    "1..5/4..5/1..2/share")."""
    min: int
    max: int
    positive_min: int
    positive_max: int
    negative_min: int
    negative_max: int
    headline: Union[str, int]

    @classmethod
    def preset(cls, name: Union[str, int]) -> Scale:
        """One of the presets, by the library's name ("csat5", "csat3",
        "csat10", "csat2", "nps", "ces7", "ces5", "neteasy7") or its
        CXM_PRESET_* number. The names this module took in 1.0 ("csat_5",
        "csat_binary", "net_easy_7", ...: the CXM_PRESET_* names in lower
        case) still read. ArgumentError for anything else."""
        out = new_struct(_Scale)
        if name in _PRESETS_1_0:
            name = _PRESETS_1_0.index(str(name)) + 1
        if isinstance(name, str):
            data = name.encode("utf-8")
            status = lib().cxm_scale_parse(data, len(data), byref(out))
            if status == -9 or (status == 0 and "/" in name):  # not a preset's name
                status = ERR_ARG
        else:
            status = lib().cxm_scale_preset(int32(name, "preset", ERR_ARG), byref(out))
        check(status, f"preset {name!r}")
        return cls._from_c(out)

    @classmethod
    def parse(cls, form: str) -> Scale:
        """A scale from its text form: a preset's name or MIN..MAX/PMIN..PMAX/
        NMIN..NMAX/HEADLINE (cxm_scale_parse); FormatError otherwise."""
        data = text(form, "scale text")
        out = new_struct(_Scale)
        check(lib().cxm_scale_parse(data, len(data), byref(out)), f"scale {form!r}")
        return cls._from_c(out)

    @classmethod
    def _from_c(cls, s: _Scale) -> Scale:
        return cls(s.min, s.max, s.positive_min, s.positive_max, s.negative_min,
                   s.negative_max, _headline_word(s.headline))

    def _to_c(self) -> _Scale:
        out = new_struct(_Scale)
        for name in ("min", "max", "positive_min", "positive_max", "negative_min",
                     "negative_max"):
            setattr(out, name, int32(getattr(self, name), name, ERR_SCALE))
        out.headline = _headline_arg(self.headline)
        return out

    def check(self) -> Scale:
        """Raise ScaleError if the scale is invalid; return self otherwise."""
        check(lib().cxm_scale_check(byref(self._to_c())))
        return self

    def __str__(self) -> str:
        """The canonical text form (cxm_scale_format); ScaleError if invalid."""
        return formatted(lib().cxm_scale_format, byref(self._to_c()))

    @property
    def span(self) -> int:
        return integer(self.max, "max") - integer(self.min, "min") + 1


def scale_arg(value: object) -> Scale:
    """A scale argument: a Scale or its text form ("nps"); TypeError otherwise."""
    if isinstance(value, Scale):
        return value
    if isinstance(value, str):
        return Scale.parse(value)
    raise TypeError(f"a scale is a Scale or its text form, not {type(value).__name__}")


class Resolved(NamedTuple):
    """A quantity and a method as the library resolves them, by name."""
    quantity: str
    method: str


def resolve_method(scale: Union[Scale, str], quantity: Name = "headline",
                   method: Name = "default", use: int = USE_INTERVAL) -> Resolved:
    """What an interval (use=USE_INTERVAL), a comparison (USE_COMPARE) or
    their weighted forms (USE_WEIGHTED_INTERVAL, USE_WEIGHTED_COMPARE) on
    this scale resolve quantity and method to, without any data
    (cxm_method_resolve): resolve_method("nps") is ("net", "adjusted-wald").
    ArgumentError for a method the table does not allow for the quantity."""
    q, m = c_int(), c_int()
    check(lib().cxm_method_resolve(byref(scale_arg(scale)._to_c()), quantity_arg(quantity),
                                   method_arg(method), int32(use, "use", ERR_ARG), byref(q),
                                   byref(m)), f"quantity {quantity!r}, method {method!r}")
    return Resolved(resolved_name(quantity_name(q.value), q.value),
                    resolved_name(method_name(m.value), m.value))
