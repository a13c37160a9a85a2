from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.direction import Direction
  from ..models.language_info import LanguageInfo





T = TypeVar("T", bound="LanguagesResponse")



@_attrs_define
class LanguagesResponse:
    """ 
        Attributes:
            directions (list[Direction]): Directions an engine serves directly; others pivot.
            languages (list[LanguageInfo]):
     """

    directions: list[Direction]
    languages: list[LanguageInfo]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.direction import Direction # noqa: PLC0415
        from ..models.language_info import LanguageInfo # noqa: PLC0415
        directions = []
        for directions_item_data in self.directions:
            directions_item = directions_item_data.to_dict()
            directions.append(directions_item)



        languages = []
        for languages_item_data in self.languages:
            languages_item = languages_item_data.to_dict()
            languages.append(languages_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "directions": directions,
            "languages": languages,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.direction import Direction # noqa: PLC0415
        from ..models.language_info import LanguageInfo # noqa: PLC0415
        d = dict(src_dict)
        directions = []
        _directions = d.pop("directions")
        for directions_item_data in (_directions):
            directions_item = Direction.from_dict(directions_item_data)



            directions.append(directions_item)


        languages = []
        _languages = d.pop("languages")
        for languages_item_data in (_languages):
            languages_item = LanguageInfo.from_dict(languages_item_data)



            languages.append(languages_item)


        languages_response = cls(
            directions=directions,
            languages=languages,
        )


        languages_response.additional_properties = d
        return languages_response

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
