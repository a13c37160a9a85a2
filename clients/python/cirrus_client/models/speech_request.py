from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.speech_request_engine_type_0 import SpeechRequestEngineType0
from ..models.speech_request_format import SpeechRequestFormat
from ..models.speech_request_sample_rate_type_0 import SpeechRequestSampleRateType0
from ..models.speech_request_text_type import SpeechRequestTextType
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="SpeechRequest")



@_attrs_define
class SpeechRequest:
    """ 
        Attributes:
            text (str): Plain text or SSML (text_type=ssml).
            engine (None | SpeechRequestEngineType0 | Unset): Polly's engine; the voice must list it (GET /v1/tts/voices).
            format_ (SpeechRequestFormat | Unset): pcm is signed 16-bit little-endian mono. Default:
                SpeechRequestFormat.MP3.
            lexicon_names (list[str] | Unset):
            sample_rate (None | SpeechRequestSampleRateType0 | Unset):
            text_type (SpeechRequestTextType | Unset):  Default: SpeechRequestTextType.TEXT.
            voice (str | Unset): A voice id from GET /v1/tts/voices (Polly's names). Default: 'Joey'.
     """

    text: str
    engine: None | SpeechRequestEngineType0 | Unset = UNSET
    format_: SpeechRequestFormat | Unset = SpeechRequestFormat.MP3
    lexicon_names: list[str] | Unset = UNSET
    sample_rate: None | SpeechRequestSampleRateType0 | Unset = UNSET
    text_type: SpeechRequestTextType | Unset = SpeechRequestTextType.TEXT
    voice: str | Unset = 'Joey'
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        text = self.text

        engine: None | str | Unset
        if isinstance(self.engine, Unset):
            engine = UNSET
        elif isinstance(self.engine, SpeechRequestEngineType0):
            engine = self.engine.value
        else:
            engine = self.engine

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value


        lexicon_names: list[str] | Unset = UNSET
        if not isinstance(self.lexicon_names, Unset):
            lexicon_names = self.lexicon_names



        sample_rate: None | str | Unset
        if isinstance(self.sample_rate, Unset):
            sample_rate = UNSET
        elif isinstance(self.sample_rate, SpeechRequestSampleRateType0):
            sample_rate = self.sample_rate.value
        else:
            sample_rate = self.sample_rate

        text_type: str | Unset = UNSET
        if not isinstance(self.text_type, Unset):
            text_type = self.text_type.value


        voice = self.voice


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "text": text,
        })
        if engine is not UNSET:
            field_dict["engine"] = engine
        if format_ is not UNSET:
            field_dict["format"] = format_
        if lexicon_names is not UNSET:
            field_dict["lexicon_names"] = lexicon_names
        if sample_rate is not UNSET:
            field_dict["sample_rate"] = sample_rate
        if text_type is not UNSET:
            field_dict["text_type"] = text_type
        if voice is not UNSET:
            field_dict["voice"] = voice

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text")

        def _parse_engine(data: object) -> None | SpeechRequestEngineType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                engine_type_0 = SpeechRequestEngineType0(data)



                return engine_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SpeechRequestEngineType0 | Unset, data)

        engine = _parse_engine(d.pop("engine", UNSET))


        _format_ = d.pop("format", UNSET)
        format_: SpeechRequestFormat | Unset
        if isinstance(_format_,  Unset):
            format_ = UNSET
        else:
            format_ = SpeechRequestFormat(_format_)




        lexicon_names = cast(list[str], d.pop("lexicon_names", UNSET))


        def _parse_sample_rate(data: object) -> None | SpeechRequestSampleRateType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sample_rate_type_0 = SpeechRequestSampleRateType0(data)



                return sample_rate_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SpeechRequestSampleRateType0 | Unset, data)

        sample_rate = _parse_sample_rate(d.pop("sample_rate", UNSET))


        _text_type = d.pop("text_type", UNSET)
        text_type: SpeechRequestTextType | Unset
        if isinstance(_text_type,  Unset):
            text_type = UNSET
        else:
            text_type = SpeechRequestTextType(_text_type)




        voice = d.pop("voice", UNSET)

        speech_request = cls(
            text=text,
            engine=engine,
            format_=format_,
            lexicon_names=lexicon_names,
            sample_rate=sample_rate,
            text_type=text_type,
            voice=voice,
        )


        speech_request.additional_properties = d
        return speech_request

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
