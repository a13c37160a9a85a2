from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.search_response_face_matches_item import SearchResponseFaceMatchesItem
  from ..models.search_response_searched_face_bounding_box import SearchResponseSearchedFaceBoundingBox





T = TypeVar("T", bound="SearchResponse")



@_attrs_define
class SearchResponse:
    """ 
        Attributes:
            face_matches (list[SearchResponseFaceMatchesItem]):
            searched_face_bounding_box (SearchResponseSearchedFaceBoundingBox):
            searched_face_confidence (float):
     """

    face_matches: list[SearchResponseFaceMatchesItem]
    searched_face_bounding_box: SearchResponseSearchedFaceBoundingBox
    searched_face_confidence: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.search_response_face_matches_item import SearchResponseFaceMatchesItem # noqa: PLC0415
        from ..models.search_response_searched_face_bounding_box import SearchResponseSearchedFaceBoundingBox # noqa: PLC0415
        face_matches = []
        for face_matches_item_data in self.face_matches:
            face_matches_item = face_matches_item_data.to_dict()
            face_matches.append(face_matches_item)



        searched_face_bounding_box = self.searched_face_bounding_box.to_dict()

        searched_face_confidence = self.searched_face_confidence


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "face_matches": face_matches,
            "searched_face_bounding_box": searched_face_bounding_box,
            "searched_face_confidence": searched_face_confidence,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.search_response_face_matches_item import SearchResponseFaceMatchesItem # noqa: PLC0415
        from ..models.search_response_searched_face_bounding_box import SearchResponseSearchedFaceBoundingBox # noqa: PLC0415
        d = dict(src_dict)
        face_matches = []
        _face_matches = d.pop("face_matches")
        for face_matches_item_data in (_face_matches):
            face_matches_item = SearchResponseFaceMatchesItem.from_dict(face_matches_item_data)



            face_matches.append(face_matches_item)


        searched_face_bounding_box = SearchResponseSearchedFaceBoundingBox.from_dict(d.pop("searched_face_bounding_box"))




        searched_face_confidence = d.pop("searched_face_confidence")

        search_response = cls(
            face_matches=face_matches,
            searched_face_bounding_box=searched_face_bounding_box,
            searched_face_confidence=searched_face_confidence,
        )


        search_response.additional_properties = d
        return search_response

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
