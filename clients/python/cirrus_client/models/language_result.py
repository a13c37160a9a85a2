from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.language_score import LanguageScore





T = TypeVar("T", bound="LanguageResult")



@_attrs_define
class LanguageResult:
    """ 
        Attributes:
            index (int):
            languages (list[LanguageScore]): Most likely first.
     """

    index: int
    languages: list[LanguageScore]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.language_score import LanguageScore # noqa: PLC0415
        index = self.index

        languages = []
        for languages_item_data in self.languages:
            languages_item = languages_item_data.to_dict()
            languages.append(languages_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "index": index,
            "languages": languages,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.language_score import LanguageScore # noqa: PLC0415
        d = dict(src_dict)
        index = d.pop("index")

        languages = []
        _languages = d.pop("languages")
        for languages_item_data in (_languages):
            languages_item = LanguageScore.from_dict(languages_item_data)



            languages.append(languages_item)


        language_result = cls(
            index=index,
            languages=languages,
        )


        language_result.additional_properties = d
        return language_result

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
