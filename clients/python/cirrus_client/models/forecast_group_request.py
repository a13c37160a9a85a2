from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ForecastGroupRequest")



@_attrs_define
class ForecastGroupRequest:
    """ 
        Attributes:
            name (str):
            dataset_arns (list[str] | Unset):
     """

    name: str
    dataset_arns: list[str] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        dataset_arns: list[str] | Unset = UNSET
        if not isinstance(self.dataset_arns, Unset):
            dataset_arns = self.dataset_arns




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
        })
        if dataset_arns is not UNSET:
            field_dict["dataset_arns"] = dataset_arns

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        dataset_arns = cast(list[str], d.pop("dataset_arns", UNSET))


        forecast_group_request = cls(
            name=name,
            dataset_arns=dataset_arns,
        )

        return forecast_group_request

