from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.terminology_info import TerminologyInfo





T = TypeVar("T", bound="TerminologyList")



@_attrs_define
class TerminologyList:
    """ 
        Attributes:
            terminologies (list[TerminologyInfo]):
     """

    terminologies: list[TerminologyInfo]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.terminology_info import TerminologyInfo # noqa: PLC0415
        terminologies = []
        for terminologies_item_data in self.terminologies:
            terminologies_item = terminologies_item_data.to_dict()
            terminologies.append(terminologies_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "terminologies": terminologies,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.terminology_info import TerminologyInfo # noqa: PLC0415
        d = dict(src_dict)
        terminologies = []
        _terminologies = d.pop("terminologies")
        for terminologies_item_data in (_terminologies):
            terminologies_item = TerminologyInfo.from_dict(terminologies_item_data)



            terminologies.append(terminologies_item)


        terminology_list = cls(
            terminologies=terminologies,
        )


        terminology_list.additional_properties = d
        return terminology_list

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
