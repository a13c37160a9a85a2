from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="VoiceInfo")



@_attrs_define
class VoiceInfo:
    """ 
        Attributes:
            engines (list[str]):
            gender (str):
            id (str): Polly's voice id, as SpeechRequest.voice takes it.
            language_code (str):
            language_name (str):
            visemes (bool): Whether viseme speech marks are available (the model times its phonemes).
     """

    engines: list[str]
    gender: str
    id: str
    language_code: str
    language_name: str
    visemes: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        engines = self.engines



        gender = self.gender

        id = self.id

        language_code = self.language_code

        language_name = self.language_name

        visemes = self.visemes


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "engines": engines,
            "gender": gender,
            "id": id,
            "language_code": language_code,
            "language_name": language_name,
            "visemes": visemes,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        engines = cast(list[str], d.pop("engines"))


        gender = d.pop("gender")

        id = d.pop("id")

        language_code = d.pop("language_code")

        language_name = d.pop("language_name")

        visemes = d.pop("visemes")

        voice_info = cls(
            engines=engines,
            gender=gender,
            id=id,
            language_code=language_code,
            language_name=language_name,
            visemes=visemes,
        )


        voice_info.additional_properties = d
        return voice_info

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
