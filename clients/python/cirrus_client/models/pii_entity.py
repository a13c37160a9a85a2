from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PiiEntity")



@_attrs_define
class PiiEntity:
    """ 
        Attributes:
            begin_offset (int):
            end_offset (int):
            score (float):
            type_ (str): Comprehend's PII entity type: NAME, EMAIL, PHONE, SSN, CREDIT_DEBIT_NUMBER, ...
     """

    begin_offset: int
    end_offset: int
    score: float
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        begin_offset = self.begin_offset

        end_offset = self.end_offset

        score = self.score

        type_ = self.type_


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "begin_offset": begin_offset,
            "end_offset": end_offset,
            "score": score,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        begin_offset = d.pop("begin_offset")

        end_offset = d.pop("end_offset")

        score = d.pop("score")

        type_ = d.pop("type")

        pii_entity = cls(
            begin_offset=begin_offset,
            end_offset=end_offset,
            score=score,
            type_=type_,
        )


        pii_entity.additional_properties = d
        return pii_entity

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
