from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.word import Word





T = TypeVar("T", bound="Segment")



@_attrs_define
class Segment:
    """ 
        Attributes:
            avg_logprob (float):
            end (float):
            no_speech_prob (float):
            start (float):
            text (str):
            words (list[Word]):
     """

    avg_logprob: float
    end: float
    no_speech_prob: float
    start: float
    text: str
    words: list[Word]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.word import Word # noqa: PLC0415
        avg_logprob = self.avg_logprob

        end = self.end

        no_speech_prob = self.no_speech_prob

        start = self.start

        text = self.text

        words = []
        for words_item_data in self.words:
            words_item = words_item_data.to_dict()
            words.append(words_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "avg_logprob": avg_logprob,
            "end": end,
            "no_speech_prob": no_speech_prob,
            "start": start,
            "text": text,
            "words": words,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.word import Word # noqa: PLC0415
        d = dict(src_dict)
        avg_logprob = d.pop("avg_logprob")

        end = d.pop("end")

        no_speech_prob = d.pop("no_speech_prob")

        start = d.pop("start")

        text = d.pop("text")

        words = []
        _words = d.pop("words")
        for words_item_data in (_words):
            words_item = Word.from_dict(words_item_data)



            words.append(words_item)


        segment = cls(
            avg_logprob=avg_logprob,
            end=end,
            no_speech_prob=no_speech_prob,
            start=start,
            text=text,
            words=words,
        )


        segment.additional_properties = d
        return segment

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
