from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.key_phrase import KeyPhrase





T = TypeVar("T", bound="KeyPhrasesResult")



@_attrs_define
class KeyPhrasesResult:
    """ 
        Attributes:
            index (int):
            key_phrases (list[KeyPhrase]):
     """

    index: int
    key_phrases: list[KeyPhrase]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.key_phrase import KeyPhrase # noqa: PLC0415
        index = self.index

        key_phrases = []
        for key_phrases_item_data in self.key_phrases:
            key_phrases_item = key_phrases_item_data.to_dict()
            key_phrases.append(key_phrases_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "index": index,
            "key_phrases": key_phrases,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.key_phrase import KeyPhrase # noqa: PLC0415
        d = dict(src_dict)
        index = d.pop("index")

        key_phrases = []
        _key_phrases = d.pop("key_phrases")
        for key_phrases_item_data in (_key_phrases):
            key_phrases_item = KeyPhrase.from_dict(key_phrases_item_data)



            key_phrases.append(key_phrases_item)


        key_phrases_result = cls(
            index=index,
            key_phrases=key_phrases,
        )


        key_phrases_result.additional_properties = d
        return key_phrases_result

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
