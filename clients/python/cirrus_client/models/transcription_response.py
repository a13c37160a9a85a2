from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.segment import Segment





T = TypeVar("T", bound="TranscriptionResponse")



@_attrs_define
class TranscriptionResponse:
    """ 
        Attributes:
            duration (float): Seconds of audio.
            language (str): Detected (or given) language, ISO 639-1.
            language_probability (float): 1.0 when the language was given.
            segments (list[Segment]):
            text (str):
     """

    duration: float
    language: str
    language_probability: float
    segments: list[Segment]
    text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.segment import Segment # noqa: PLC0415
        duration = self.duration

        language = self.language

        language_probability = self.language_probability

        segments = []
        for segments_item_data in self.segments:
            segments_item = segments_item_data.to_dict()
            segments.append(segments_item)



        text = self.text


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "duration": duration,
            "language": language,
            "language_probability": language_probability,
            "segments": segments,
            "text": text,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.segment import Segment # noqa: PLC0415
        d = dict(src_dict)
        duration = d.pop("duration")

        language = d.pop("language")

        language_probability = d.pop("language_probability")

        segments = []
        _segments = d.pop("segments")
        for segments_item_data in (_segments):
            segments_item = Segment.from_dict(segments_item_data)



            segments.append(segments_item)


        text = d.pop("text")

        transcription_response = cls(
            duration=duration,
            language=language,
            language_probability=language_probability,
            segments=segments,
            text=text,
        )


        transcription_response.additional_properties = d
        return transcription_response

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
