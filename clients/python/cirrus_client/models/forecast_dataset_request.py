from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ForecastDatasetRequest")



@_attrs_define
class ForecastDatasetRequest:
    """ 
        Attributes:
            frequency (str): min, 5min, 10min, 15min, 30min, H, D, W, M, Q or Y.
            name (str):
            attributes (list[str] | Unset): CSV column order.
     """

    frequency: str
    name: str
    attributes: list[str] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        frequency = self.frequency

        name = self.name

        attributes: list[str] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "frequency": frequency,
            "name": name,
        })
        if attributes is not UNSET:
            field_dict["attributes"] = attributes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        frequency = d.pop("frequency")

        name = d.pop("name")

        attributes = cast(list[str], d.pop("attributes", UNSET))


        forecast_dataset_request = cls(
            frequency=frequency,
            name=name,
            attributes=attributes,
        )

        return forecast_dataset_request

