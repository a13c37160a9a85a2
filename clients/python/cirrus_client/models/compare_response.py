from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.compare_response_matches_item import CompareResponseMatchesItem
  from ..models.compare_response_source_face import CompareResponseSourceFace
  from ..models.compare_response_unmatched_item import CompareResponseUnmatchedItem





T = TypeVar("T", bound="CompareResponse")



@_attrs_define
class CompareResponse:
    """ 
        Attributes:
            matches (list[CompareResponseMatchesItem]):
            source_face (CompareResponseSourceFace):
            unmatched (list[CompareResponseUnmatchedItem]):
     """

    matches: list[CompareResponseMatchesItem]
    source_face: CompareResponseSourceFace
    unmatched: list[CompareResponseUnmatchedItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.compare_response_matches_item import CompareResponseMatchesItem # noqa: PLC0415
        from ..models.compare_response_source_face import CompareResponseSourceFace # noqa: PLC0415
        from ..models.compare_response_unmatched_item import CompareResponseUnmatchedItem # noqa: PLC0415
        matches = []
        for matches_item_data in self.matches:
            matches_item = matches_item_data.to_dict()
            matches.append(matches_item)



        source_face = self.source_face.to_dict()

        unmatched = []
        for unmatched_item_data in self.unmatched:
            unmatched_item = unmatched_item_data.to_dict()
            unmatched.append(unmatched_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "matches": matches,
            "source_face": source_face,
            "unmatched": unmatched,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.compare_response_matches_item import CompareResponseMatchesItem # noqa: PLC0415
        from ..models.compare_response_source_face import CompareResponseSourceFace # noqa: PLC0415
        from ..models.compare_response_unmatched_item import CompareResponseUnmatchedItem # noqa: PLC0415
        d = dict(src_dict)
        matches = []
        _matches = d.pop("matches")
        for matches_item_data in (_matches):
            matches_item = CompareResponseMatchesItem.from_dict(matches_item_data)



            matches.append(matches_item)


        source_face = CompareResponseSourceFace.from_dict(d.pop("source_face"))




        unmatched = []
        _unmatched = d.pop("unmatched")
        for unmatched_item_data in (_unmatched):
            unmatched_item = CompareResponseUnmatchedItem.from_dict(unmatched_item_data)



            unmatched.append(unmatched_item)


        compare_response = cls(
            matches=matches,
            source_face=source_face,
            unmatched=unmatched,
        )


        compare_response.additional_properties = d
        return compare_response

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
