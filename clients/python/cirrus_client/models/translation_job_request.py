from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.translation_job_request_content_type import TranslationJobRequestContentType
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.translation_settings_body import TranslationSettingsBody





T = TypeVar("T", bound="TranslationJobRequest")



@_attrs_define
class TranslationJobRequest:
    """ 
        Attributes:
            input_uri (str): s3://BUCKET/PREFIX: every object under it is translated.
            output_uri (str): s3://BUCKET/PREFIX; outputs go under {account}-TranslateText-{job id}/.
            target_languages (list[str]):
            client_token (None | str | Unset): The same token returns the same job.
            content_type (TranslationJobRequestContentType | Unset):  Default: TranslationJobRequestContentType.TEXTPLAIN.
            name (None | str | Unset):
            settings (TranslationSettingsBody | Unset):
            source_language (str | Unset):  Default: 'auto'.
            terminology_names (list[str] | Unset):
     """

    input_uri: str
    output_uri: str
    target_languages: list[str]
    client_token: None | str | Unset = UNSET
    content_type: TranslationJobRequestContentType | Unset = TranslationJobRequestContentType.TEXTPLAIN
    name: None | str | Unset = UNSET
    settings: TranslationSettingsBody | Unset = UNSET
    source_language: str | Unset = 'auto'
    terminology_names: list[str] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.translation_settings_body import TranslationSettingsBody # noqa: PLC0415
        input_uri = self.input_uri

        output_uri = self.output_uri

        target_languages = self.target_languages



        client_token: None | str | Unset
        if isinstance(self.client_token, Unset):
            client_token = UNSET
        else:
            client_token = self.client_token

        content_type: str | Unset = UNSET
        if not isinstance(self.content_type, Unset):
            content_type = self.content_type.value


        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        source_language = self.source_language

        terminology_names: list[str] | Unset = UNSET
        if not isinstance(self.terminology_names, Unset):
            terminology_names = self.terminology_names




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "input_uri": input_uri,
            "output_uri": output_uri,
            "target_languages": target_languages,
        })
        if client_token is not UNSET:
            field_dict["client_token"] = client_token
        if content_type is not UNSET:
            field_dict["content_type"] = content_type
        if name is not UNSET:
            field_dict["name"] = name
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
        input_uri = d.pop("input_uri")

        output_uri = d.pop("output_uri")

        target_languages = cast(list[str], d.pop("target_languages"))


        def _parse_client_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_token = _parse_client_token(d.pop("client_token", UNSET))


        _content_type = d.pop("content_type", UNSET)
        content_type: TranslationJobRequestContentType | Unset
        if isinstance(_content_type,  Unset):
            content_type = UNSET
        else:
            content_type = TranslationJobRequestContentType(_content_type)




        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        _settings = d.pop("settings", UNSET)
        settings: TranslationSettingsBody | Unset
        if isinstance(_settings,  Unset):
            settings = UNSET
        else:
            settings = TranslationSettingsBody.from_dict(_settings)




        source_language = d.pop("source_language", UNSET)

        terminology_names = cast(list[str], d.pop("terminology_names", UNSET))


        translation_job_request = cls(
            input_uri=input_uri,
            output_uri=output_uri,
            target_languages=target_languages,
            client_token=client_token,
            content_type=content_type,
            name=name,
            settings=settings,
            source_language=source_language,
            terminology_names=terminology_names,
        )

        return translation_job_request

