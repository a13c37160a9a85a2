from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.text_response_detections_item import TextResponseDetectionsItem





T = TypeVar("T", bound="TextResponse")



@_attrs_define
class TextResponse:
    """ 
        Attributes:
            detections (list[TextResponseDetectionsItem]):
     """

    detections: list[TextResponseDetectionsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.text_response_detections_item import TextResponseDetectionsItem # noqa: PLC0415
        detections = []
        for detections_item_data in self.detections:
            detections_item = detections_item_data.to_dict()
            detections.append(detections_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "detections": detections,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.text_response_detections_item import TextResponseDetectionsItem # noqa: PLC0415
        d = dict(src_dict)
        detections = []
        _detections = d.pop("detections")
        for detections_item_data in (_detections):
            detections_item = TextResponseDetectionsItem.from_dict(detections_item_data)



            detections.append(detections_item)


        text_response = cls(
            detections=detections,
        )


        text_response.additional_properties = d
        return text_response

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
