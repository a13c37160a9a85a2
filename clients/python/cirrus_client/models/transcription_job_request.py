from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.transcription_job_request_subtitle_formats_item import TranscriptionJobRequestSubtitleFormatsItem
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TranscriptionJobRequest")



@_attrs_define
class TranscriptionJobRequest:
    """ 
        Attributes:
            media_uri (str): s3://bucket/key of the audio or video file.
            name (str): Unique job name (also the transcript's file name).
            identify_language (bool | Unset):  Default: False.
            language (None | str | Unset): Language code (en, en-US, ...); omit with identify_language.
            language_options (list[str] | Unset): Candidates for identification.
            output_bucket (None | str | Unset): Default: the cirrus-transcribe bucket.
            output_key (None | str | Unset):
            subtitle_formats (list[TranscriptionJobRequestSubtitleFormatsItem] | Unset):
            vocabulary (None | str | Unset): A vocabulary (CreateVocabulary) whose phrases are hotwords.
     """

    media_uri: str
    name: str
    identify_language: bool | Unset = False
    language: None | str | Unset = UNSET
    language_options: list[str] | Unset = UNSET
    output_bucket: None | str | Unset = UNSET
    output_key: None | str | Unset = UNSET
    subtitle_formats: list[TranscriptionJobRequestSubtitleFormatsItem] | Unset = UNSET
    vocabulary: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        media_uri = self.media_uri

        name = self.name

        identify_language = self.identify_language

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        language_options: list[str] | Unset = UNSET
        if not isinstance(self.language_options, Unset):
            language_options = self.language_options



        output_bucket: None | str | Unset
        if isinstance(self.output_bucket, Unset):
            output_bucket = UNSET
        else:
            output_bucket = self.output_bucket

        output_key: None | str | Unset
        if isinstance(self.output_key, Unset):
            output_key = UNSET
        else:
            output_key = self.output_key

        subtitle_formats: list[str] | Unset = UNSET
        if not isinstance(self.subtitle_formats, Unset):
            subtitle_formats = []
            for subtitle_formats_item_data in self.subtitle_formats:
                subtitle_formats_item = subtitle_formats_item_data.value
                subtitle_formats.append(subtitle_formats_item)



        vocabulary: None | str | Unset
        if isinstance(self.vocabulary, Unset):
            vocabulary = UNSET
        else:
            vocabulary = self.vocabulary


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "media_uri": media_uri,
            "name": name,
        })
        if identify_language is not UNSET:
            field_dict["identify_language"] = identify_language
        if language is not UNSET:
            field_dict["language"] = language
        if language_options is not UNSET:
            field_dict["language_options"] = language_options
        if output_bucket is not UNSET:
            field_dict["output_bucket"] = output_bucket
        if output_key is not UNSET:
            field_dict["output_key"] = output_key
        if subtitle_formats is not UNSET:
            field_dict["subtitle_formats"] = subtitle_formats
        if vocabulary is not UNSET:
            field_dict["vocabulary"] = vocabulary

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        media_uri = d.pop("media_uri")

        name = d.pop("name")

        identify_language = d.pop("identify_language", UNSET)

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))


        language_options = cast(list[str], d.pop("language_options", UNSET))


        def _parse_output_bucket(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        output_bucket = _parse_output_bucket(d.pop("output_bucket", UNSET))


        def _parse_output_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        output_key = _parse_output_key(d.pop("output_key", UNSET))


        _subtitle_formats = d.pop("subtitle_formats", UNSET)
        subtitle_formats: list[TranscriptionJobRequestSubtitleFormatsItem] | Unset = UNSET
        if _subtitle_formats is not UNSET:
            subtitle_formats = []
            for subtitle_formats_item_data in _subtitle_formats:
                subtitle_formats_item = TranscriptionJobRequestSubtitleFormatsItem(subtitle_formats_item_data)



                subtitle_formats.append(subtitle_formats_item)


        def _parse_vocabulary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        vocabulary = _parse_vocabulary(d.pop("vocabulary", UNSET))


        transcription_job_request = cls(
            media_uri=media_uri,
            name=name,
            identify_language=identify_language,
            language=language,
            language_options=language_options,
            output_bucket=output_bucket,
            output_key=output_key,
            subtitle_formats=subtitle_formats,
            vocabulary=vocabulary,
        )


        transcription_job_request.additional_properties = d
        return transcription_job_request

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
