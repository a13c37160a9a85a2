from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.speech_marks_marks_item import SpeechMarksMarksItem





T = TypeVar("T", bound="SpeechMarks")



@_attrs_define
class SpeechMarks:
    """ 
        Attributes:
            marks (list[SpeechMarksMarksItem]): Polly's speech marks: time (ms), type, start/end (UTF-8 byte offsets into
                the text), value.
     """

    marks: list[SpeechMarksMarksItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.speech_marks_marks_item import SpeechMarksMarksItem # noqa: PLC0415
        marks = []
        for marks_item_data in self.marks:
            marks_item = marks_item_data.to_dict()
            marks.append(marks_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "marks": marks,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.speech_marks_marks_item import SpeechMarksMarksItem # noqa: PLC0415
        d = dict(src_dict)
        marks = []
        _marks = d.pop("marks")
        for marks_item_data in (_marks):
            marks_item = SpeechMarksMarksItem.from_dict(marks_item_data)



            marks.append(marks_item)


        speech_marks = cls(
            marks=marks,
        )


        speech_marks.additional_properties = d
        return speech_marks

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
