from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="SchemaRequest")



@_attrs_define
class SchemaRequest:
    """ 
        Attributes:
            avro_schema (str): An Avro record schema as JSON text.
            name (str):
     """

    avro_schema: str
    name: str





    def to_dict(self) -> dict[str, Any]:
        avro_schema = self.avro_schema

        name = self.name


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "avro_schema": avro_schema,
            "name": name,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        avro_schema = d.pop("avro_schema")

        name = d.pop("name")

        schema_request = cls(
            avro_schema=avro_schema,
            name=name,
        )

        return schema_request

