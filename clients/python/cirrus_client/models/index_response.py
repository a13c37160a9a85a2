from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.index_response_face_records_item import IndexResponseFaceRecordsItem
  from ..models.index_response_unindexed_faces_item import IndexResponseUnindexedFacesItem





T = TypeVar("T", bound="IndexResponse")



@_attrs_define
class IndexResponse:
    """ 
        Attributes:
            face_records (list[IndexResponseFaceRecordsItem]):
            unindexed_faces (list[IndexResponseUnindexedFacesItem]):
     """

    face_records: list[IndexResponseFaceRecordsItem]
    unindexed_faces: list[IndexResponseUnindexedFacesItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.index_response_face_records_item import IndexResponseFaceRecordsItem # noqa: PLC0415
        from ..models.index_response_unindexed_faces_item import IndexResponseUnindexedFacesItem # noqa: PLC0415
        face_records = []
        for face_records_item_data in self.face_records:
            face_records_item = face_records_item_data.to_dict()
            face_records.append(face_records_item)



        unindexed_faces = []
        for unindexed_faces_item_data in self.unindexed_faces:
            unindexed_faces_item = unindexed_faces_item_data.to_dict()
            unindexed_faces.append(unindexed_faces_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "face_records": face_records,
            "unindexed_faces": unindexed_faces,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.index_response_face_records_item import IndexResponseFaceRecordsItem # noqa: PLC0415
        from ..models.index_response_unindexed_faces_item import IndexResponseUnindexedFacesItem # noqa: PLC0415
        d = dict(src_dict)
        face_records = []
        _face_records = d.pop("face_records")
        for face_records_item_data in (_face_records):
            face_records_item = IndexResponseFaceRecordsItem.from_dict(face_records_item_data)



            face_records.append(face_records_item)


        unindexed_faces = []
        _unindexed_faces = d.pop("unindexed_faces")
        for unindexed_faces_item_data in (_unindexed_faces):
            unindexed_faces_item = IndexResponseUnindexedFacesItem.from_dict(unindexed_faces_item_data)



            unindexed_faces.append(unindexed_faces_item)


        index_response = cls(
            face_records=face_records,
            unindexed_faces=unindexed_faces,
        )


        index_response.additional_properties = d
        return index_response

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
