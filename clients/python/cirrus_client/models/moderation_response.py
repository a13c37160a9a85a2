from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.moderation_response_labels_item import ModerationResponseLabelsItem





T = TypeVar("T", bound="ModerationResponse")



@_attrs_define
class ModerationResponse:
    """ 
        Attributes:
            labels (list[ModerationResponseLabelsItem]):
            model_version (str):
     """

    labels: list[ModerationResponseLabelsItem]
    model_version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.moderation_response_labels_item import ModerationResponseLabelsItem # noqa: PLC0415
        labels = []
        for labels_item_data in self.labels:
            labels_item = labels_item_data.to_dict()
            labels.append(labels_item)



        model_version = self.model_version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "labels": labels,
            "model_version": model_version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.moderation_response_labels_item import ModerationResponseLabelsItem # noqa: PLC0415
        d = dict(src_dict)
        labels = []
        _labels = d.pop("labels")
        for labels_item_data in (_labels):
            labels_item = ModerationResponseLabelsItem.from_dict(labels_item_data)



            labels.append(labels_item)


        model_version = d.pop("model_version")

        moderation_response = cls(
            labels=labels,
            model_version=model_version,
        )


        moderation_response.additional_properties = d
        return moderation_response

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
