from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ForecastCreateRequest")



@_attrs_define
class ForecastCreateRequest:
    """ 
        Attributes:
            name (str):
            predictor_arn (str):
     """

    name: str
    predictor_arn: str





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        predictor_arn = self.predictor_arn


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
            "predictor_arn": predictor_arn,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        predictor_arn = d.pop("predictor_arn")

        forecast_create_request = cls(
            name=name,
            predictor_arn=predictor_arn,
        )

        return forecast_create_request

