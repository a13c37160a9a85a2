from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.translation_settings_body import TranslationSettingsBody





T = TypeVar("T", bound="TranslateTextRequest")



@_attrs_define
class TranslateTextRequest:
    """ 
        Attributes:
            target_language (str):
            text (str): Up to 10,000 UTF-8 bytes by default.
            settings (TranslationSettingsBody | Unset):
            source_language (str | Unset): A code such as en, or auto. Default: 'auto'.
            terminology_names (list[str] | Unset):
     """

    target_language: str
    text: str
    settings: TranslationSettingsBody | Unset = UNSET
    source_language: str | Unset = 'auto'
    terminology_names: list[str] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.translation_settings_body import TranslationSettingsBody # noqa: PLC0415
        target_language = self.target_language

        text = self.text

        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        source_language = self.source_language

        terminology_names: list[str] | Unset = UNSET
        if not isinstance(self.terminology_names, Unset):
            terminology_names = self.terminology_names




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "target_language": target_language,
            "text": text,
        })
        if settings is not UNSET:
            field_dict["settings"] = settings
        if source_language is not UNSET:
            field_dict["source_language"] = source_language
        if terminology_names is not UNSET:
            field_dict["terminology_names"] = terminology_names

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.translation_settings_body import TranslationSettingsBody # noqa: PLC0415
        d = dict(src_dict)
        target_language = d.pop("target_language")

        text = d.pop("text")

        _settings = d.pop("settings", UNSET)
        settings: TranslationSettingsBody | Unset
        if isinstance(_settings,  Unset):
            settings = UNSET
        else:
            settings = TranslationSettingsBody.from_dict(_settings)




        source_language = d.pop("source_language", UNSET)

        terminology_names = cast(list[str], d.pop("terminology_names", UNSET))


        translate_text_request = cls(
            target_language=target_language,
            text=text,
            settings=settings,
            source_language=source_language,
            terminology_names=terminology_names,
        )

        return translate_text_request

