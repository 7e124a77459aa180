"""One exception class per status of the library.

Every non-OK status raises a subclass of CxmError carrying .status, .name
("CXM_ERR_RANGE") and .message (the library's sentence, from
cxm_status_name and cxm_status_message). Where a built-in exception means the
same thing it is a base too, so `except ValueError` also works. An argument
the library would refuse but the FFI cannot carry intact (a rating beyond
int32, a count beyond uint64) raises the same class here, before any call.
"""

from __future__ import annotations

from typing import Dict, NoReturn, Optional, Type

from ._library import lib


class CxmError(Exception):
    """A non-OK status of the library: .status (int), .name ("CXM_ERR_..."),
    .message (the library's sentence) and, where known, .index (the position
    of the first invalid element of a batch)."""

    status: int = 0

    def __init__(self, status: int, name: str, message: str, detail: Optional[str] = None,
                 index: Optional[int] = None) -> None:
        self.status, self.name, self.message, self.index = status, name, message, index
        text = f"{name}: {message.rstrip('.')}"
        super().__init__(f"{text} ({detail})" if detail else text)


class NullError(CxmError, TypeError):
    status = -1


class ScaleError(CxmError, ValueError):
    status = -2


class RangeError(CxmError, ValueError):
    status = -3


class NoMemoryError(CxmError, MemoryError):
    status = -4


class CountOverflowError(CxmError, OverflowError):
    status = -5


class AbsentError(CxmError, ValueError):
    status = -6


class MismatchError(CxmError, ValueError):
    status = -7


class SizeError(CxmError, ValueError):
    status = -8


class FormatError(CxmError, ValueError):
    status = -9


class ArgumentError(CxmError, ValueError):
    status = -10


class EmptyError(CxmError, ValueError):
    status = -11


class WindowError(CxmError, IndexError):
    status = -12


_ERRORS: Dict[int, Type[CxmError]] = {
    cls.status: cls for cls in (NullError, ScaleError, RangeError, NoMemoryError,
                                CountOverflowError, AbsentError, MismatchError, SizeError,
                                FormatError, ArgumentError, EmptyError, WindowError)}

# The statuses this module raises by name, before a call, for what the FFI
# could not carry: the library's own answer to the same input.
ERR_SCALE, ERR_RANGE, ERR_OVERFLOW, ERR_ARG = -2, -3, -5, -10


def error(status: int, detail: Optional[str] = None, index: Optional[int] = None) -> CxmError:
    """The exception for a status (CxmError itself for an unknown one)."""
    library = lib()
    name = library.cxm_status_name(status).decode()
    message = library.cxm_status_message(status).decode()
    return _ERRORS.get(status, CxmError)(status, name, message, detail, index)


def check(status: int, detail: Optional[str] = None) -> None:
    """Raise the exception of a non-OK status."""
    if status != 0:
        raise error(status, detail)


def fail(status: int, detail: Optional[str] = None, index: Optional[int] = None) -> NoReturn:
    raise error(status, detail, index)
