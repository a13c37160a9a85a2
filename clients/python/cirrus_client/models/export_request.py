from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ExportRequest")



@_attrs_define
class ExportRequest:
    """ 
        Attributes:
            forecast_arn (str):
            name (str):
            s3_uri (str):
     """

    forecast_arn: str
    name: str
    s3_uri: str





    def to_dict(self) -> dict[str, Any]:
        forecast_arn = self.forecast_arn

        name = self.name

        s3_uri = self.s3_uri


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "forecast_arn": forecast_arn,
            "name": name,
            "s3_uri": s3_uri,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        forecast_arn = d.pop("forecast_arn")

        name = d.pop("name")

        s3_uri = d.pop("s3_uri")

        export_request = cls(
            forecast_arn=forecast_arn,
            name=name,
            s3_uri=s3_uri,
        )

        return export_request

