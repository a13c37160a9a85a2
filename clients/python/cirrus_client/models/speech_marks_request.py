from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.speech_marks_request_engine_type_0 import SpeechMarksRequestEngineType0
from ..models.speech_marks_request_mark_types_item import SpeechMarksRequestMarkTypesItem
from ..models.speech_marks_request_text_type import SpeechMarksRequestTextType
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="SpeechMarksRequest")



@_attrs_define
class SpeechMarksRequest:
    """ 
        Attributes:
            mark_types (list[SpeechMarksRequestMarkTypesItem]): viseme needs a voice whose model times its phonemes (the
                neural voices).
            text (str): Plain text or SSML (text_type=ssml).
            engine (None | SpeechMarksRequestEngineType0 | Unset): Polly's engine; the voice must list it (GET
                /v1/tts/voices).
            lexicon_names (list[str] | Unset):
            text_type (SpeechMarksRequestTextType | Unset):  Default: SpeechMarksRequestTextType.TEXT.
            voice (str | Unset): A voice id from GET /v1/tts/voices (Polly's names). Default: 'Joey'.
     """

    mark_types: list[SpeechMarksRequestMarkTypesItem]
    text: str
    engine: None | SpeechMarksRequestEngineType0 | Unset = UNSET
    lexicon_names: list[str] | Unset = UNSET
    text_type: SpeechMarksRequestTextType | Unset = SpeechMarksRequestTextType.TEXT
    voice: str | Unset = 'Joey'
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        mark_types = []
        for mark_types_item_data in self.mark_types:
            mark_types_item = mark_types_item_data.value
            mark_types.append(mark_types_item)



        text = self.text

        engine: None | str | Unset
        if isinstance(self.engine, Unset):
            engine = UNSET
        elif isinstance(self.engine, SpeechMarksRequestEngineType0):
            engine = self.engine.value
        else:
            engine = self.engine

        lexicon_names: list[str] | Unset = UNSET
        if not isinstance(self.lexicon_names, Unset):
            lexicon_names = self.lexicon_names



        text_type: str | Unset = UNSET
        if not isinstance(self.text_type, Unset):
            text_type = self.text_type.value


        voice = self.voice


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "mark_types": mark_types,
            "text": text,
        })
        if engine is not UNSET:
            field_dict["engine"] = engine
        if lexicon_names is not UNSET:
            field_dict["lexicon_names"] = lexicon_names
        if text_type is not UNSET:
            field_dict["text_type"] = text_type
        if voice is not UNSET:
            field_dict["voice"] = voice

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mark_types = []
        _mark_types = d.pop("mark_types")
        for mark_types_item_data in (_mark_types):
            mark_types_item = SpeechMarksRequestMarkTypesItem(mark_types_item_data)



            mark_types.append(mark_types_item)


        text = d.pop("text")

        def _parse_engine(data: object) -> None | SpeechMarksRequestEngineType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                engine_type_0 = SpeechMarksRequestEngineType0(data)



                return engine_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SpeechMarksRequestEngineType0 | Unset, data)

        engine = _parse_engine(d.pop("engine", UNSET))


        lexicon_names = cast(list[str], d.pop("lexicon_names", UNSET))


        _text_type = d.pop("text_type", UNSET)
        text_type: SpeechMarksRequestTextType | Unset
        if isinstance(_text_type,  Unset):
            text_type = UNSET
        else:
            text_type = SpeechMarksRequestTextType(_text_type)




        voice = d.pop("voice", UNSET)

        speech_marks_request = cls(
            mark_types=mark_types,
            text=text,
            engine=engine,
            lexicon_names=lexicon_names,
            text_type=text_type,
            voice=voice,
        )


        speech_marks_request.additional_properties = d
        return speech_marks_request

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
