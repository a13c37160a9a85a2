from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="CampaignRequest")



@_attrs_define
class CampaignRequest:
    """ 
        Attributes:
            name (str):
            solution_version_arn (str):
     """

    name: str
    solution_version_arn: str





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        solution_version_arn = self.solution_version_arn


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
            "solution_version_arn": solution_version_arn,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        solution_version_arn = d.pop("solution_version_arn")

        campaign_request = cls(
            name=name,
            solution_version_arn=solution_version_arn,
        )

        return campaign_request

