from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="EndpointRequest")



@_attrs_define
class EndpointRequest:
    """ 
        Attributes:
            classifier_arn (str):
            name (str): Letters, digits and hyphens, at most 40.
            units (int | Unset):  Default: 1.
     """

    classifier_arn: str
    name: str
    units: int | Unset = 1





    def to_dict(self) -> dict[str, Any]:
        classifier_arn = self.classifier_arn

        name = self.name

        units = self.units


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "classifier_arn": classifier_arn,
            "name": name,
        })
        if units is not UNSET:
            field_dict["units"] = units

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        classifier_arn = d.pop("classifier_arn")

        name = d.pop("name")

        units = d.pop("units", UNSET)

        endpoint_request = cls(
            classifier_arn=classifier_arn,
            name=name,
            units=units,
        )

        return endpoint_request

