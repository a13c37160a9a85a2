from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.syntax_token_part_of_speech import SyntaxTokenPartOfSpeech






T = TypeVar("T", bound="SyntaxToken")



@_attrs_define
class SyntaxToken:
    """ 
        Attributes:
            begin_offset (int):
            end_offset (int):
            part_of_speech (SyntaxTokenPartOfSpeech): Universal part-of-speech tag (Comprehend's tag set).
            score (float): The tagger's probability of the tag.
            text (str):
            token_id (int): 1 for the first token of the document.
     """

    begin_offset: int
    end_offset: int
    part_of_speech: SyntaxTokenPartOfSpeech
    score: float
    text: str
    token_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        begin_offset = self.begin_offset

        end_offset = self.end_offset

        part_of_speech = self.part_of_speech.value

        score = self.score

        text = self.text

        token_id = self.token_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "begin_offset": begin_offset,
            "end_offset": end_offset,
            "part_of_speech": part_of_speech,
            "score": score,
            "text": text,
            "token_id": token_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        begin_offset = d.pop("begin_offset")

        end_offset = d.pop("end_offset")

        part_of_speech = SyntaxTokenPartOfSpeech(d.pop("part_of_speech"))




        score = d.pop("score")

        text = d.pop("text")

        token_id = d.pop("token_id")

        syntax_token = cls(
            begin_offset=begin_offset,
            end_offset=end_offset,
            part_of_speech=part_of_speech,
            score=score,
            text=text,
            token_id=token_id,
        )


        syntax_token.additional_properties = d
        return syntax_token

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
