from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="SolutionVersionRequest")



@_attrs_define
class SolutionVersionRequest:
    """ 
        Attributes:
            solution_arn (str):
     """

    solution_arn: str





    def to_dict(self) -> dict[str, Any]:
        solution_arn = self.solution_arn


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "solution_arn": solution_arn,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        solution_arn = d.pop("solution_arn")

        solution_version_request = cls(
            solution_arn=solution_arn,
        )

        return solution_version_request

