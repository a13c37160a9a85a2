from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ImportRequest")



@_attrs_define
class ImportRequest:
    """ 
        Attributes:
            dataset_arn (str):
            name (str):
            s3_uri (str): s3://BUCKET/KEY of a CSV file, or a prefix of several.
     """

    dataset_arn: str
    name: str
    s3_uri: str





    def to_dict(self) -> dict[str, Any]:
        dataset_arn = self.dataset_arn

        name = self.name

        s3_uri = self.s3_uri


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "dataset_arn": dataset_arn,
            "name": name,
            "s3_uri": s3_uri,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dataset_arn = d.pop("dataset_arn")

        name = d.pop("name")

        s3_uri = d.pop("s3_uri")

        import_request = cls(
            dataset_arn=dataset_arn,
            name=name,
            s3_uri=s3_uri,
        )

        return import_request

