from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="CollectionInfo")



@_attrs_define
class CollectionInfo:
    """ 
        Attributes:
            collection_id (str):
            created_at (float):
            face_count (int):
            face_model_version (str):
            user_count (int):
     """

    collection_id: str
    created_at: float
    face_count: int
    face_model_version: str
    user_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        collection_id = self.collection_id

        created_at = self.created_at

        face_count = self.face_count

        face_model_version = self.face_model_version

        user_count = self.user_count


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "collection_id": collection_id,
            "created_at": created_at,
            "face_count": face_count,
            "face_model_version": face_model_version,
            "user_count": user_count,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        collection_id = d.pop("collection_id")

        created_at = d.pop("created_at")

        face_count = d.pop("face_count")

        face_model_version = d.pop("face_model_version")

        user_count = d.pop("user_count")

        collection_info = cls(
            collection_id=collection_id,
            created_at=created_at,
            face_count=face_count,
            face_model_version=face_model_version,
            user_count=user_count,
        )


        collection_info.additional_properties = d
        return collection_info

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
