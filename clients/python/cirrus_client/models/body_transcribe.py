from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field
import json
from .. import types

from ..types import UNSET, Unset

from ..models.body_transcribe_response_format import BodyTranscribeResponseFormat
from ..types import File, FileTypes
from ..types import UNSET, Unset
from io import BytesIO
from typing import cast






T = TypeVar("T", bound="BodyTranscribe")



@_attrs_define
class BodyTranscribe:
    """ 
        Attributes:
            file (File): Audio or video: WAV, MP3, FLAC, OGG/Opus, WebM, M4A/MP4, ...
            hotwords (None | str | Unset): Words to favour (names, jargon), comma-separated.
            language (None | str | Unset): Language hint (en, en-US, ...); omit to detect.
            max_speakers (int | None | Unset): Label up to this many speakers: each word's speaker (spk_0, spk_1, ...).
            response_format (BodyTranscribeResponseFormat | Unset):  Default: BodyTranscribeResponseFormat.JSON.
     """

    file: File
    hotwords: None | str | Unset = UNSET
    language: None | str | Unset = UNSET
    max_speakers: int | None | Unset = UNSET
    response_format: BodyTranscribeResponseFormat | Unset = BodyTranscribeResponseFormat.JSON
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()


        hotwords: None | str | Unset
        if isinstance(self.hotwords, Unset):
            hotwords = UNSET
        else:
            hotwords = self.hotwords

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        max_speakers: int | None | Unset
        if isinstance(self.max_speakers, Unset):
            max_speakers = UNSET
        else:
            max_speakers = self.max_speakers

        response_format: str | Unset = UNSET
        if not isinstance(self.response_format, Unset):
            response_format = self.response_format.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "file": file,
        })
        if hotwords is not UNSET:
            field_dict["hotwords"] = hotwords
        if language is not UNSET:
            field_dict["language"] = language
        if max_speakers is not UNSET:
            field_dict["max_speakers"] = max_speakers
        if response_format is not UNSET:
            field_dict["response_format"] = response_format

        return field_dict


    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))



        if not isinstance(self.hotwords, Unset):
            if isinstance(self.hotwords, str):

                files.append(("hotwords", (None, str(self.hotwords).encode(), "text/plain")))
            else:
                files.append(("hotwords", (None, str(self.hotwords).encode(), "text/plain")))


        if not isinstance(self.language, Unset):
            if isinstance(self.language, str):

                files.append(("language", (None, str(self.language).encode(), "text/plain")))
            else:
                files.append(("language", (None, str(self.language).encode(), "text/plain")))


        if not isinstance(self.max_speakers, Unset):
            if isinstance(self.max_speakers, int):

                files.append(("max_speakers", (None, str(self.max_speakers).encode(), "text/plain")))
            else:
                files.append(("max_speakers", (None, str(self.max_speakers).encode(), "text/plain")))


        if not isinstance(self.response_format, Unset):
            files.append(("response_format",  (None, str(self.response_format.value).encode(), "text/plain")))




        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))



        return files


    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(
             payload = BytesIO(d.pop("file"))
        )




        def _parse_hotwords(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hotwords = _parse_hotwords(d.pop("hotwords", UNSET))


        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))


        def _parse_max_speakers(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_speakers = _parse_max_speakers(d.pop("max_speakers", UNSET))


        _response_format = d.pop("response_format", UNSET)
        response_format: BodyTranscribeResponseFormat | Unset
        if isinstance(_response_format,  Unset):
            response_format = UNSET
        else:
            response_format = BodyTranscribeResponseFormat(_response_format)




        body_transcribe = cls(
            file=file,
            hotwords=hotwords,
            language=language,
            max_speakers=max_speakers,
            response_format=response_format,
        )


        body_transcribe.additional_properties = d
        return body_transcribe

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
