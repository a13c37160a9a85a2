from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field
import json
from .. import types

from ..types import UNSET, Unset

from ..types import File, FileTypes
from ..types import UNSET, Unset
from io import BytesIO
from typing import cast






T = TypeVar("T", bound="BodyDetectLabels")



@_attrs_define
class BodyDetectLabels:
    """ 
        Attributes:
            file (File): JPEG, PNG, WebP, BMP or TIFF (documents: also a one-page PDF)
            max_labels (int | None | Unset):
            min_confidence (float | Unset):  Default: 55.0.
     """

    file: File
    max_labels: int | None | Unset = UNSET
    min_confidence: float | Unset = 55.0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()


        max_labels: int | None | Unset
        if isinstance(self.max_labels, Unset):
            max_labels = UNSET
        else:
            max_labels = self.max_labels

        min_confidence = self.min_confidence


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "file": file,
        })
        if max_labels is not UNSET:
            field_dict["max_labels"] = max_labels
        if min_confidence is not UNSET:
            field_dict["min_confidence"] = min_confidence

        return field_dict


    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))



        if not isinstance(self.max_labels, Unset):
            if isinstance(self.max_labels, int):

                files.append(("max_labels", (None, str(self.max_labels).encode(), "text/plain")))
            else:
                files.append(("max_labels", (None, str(self.max_labels).encode(), "text/plain")))


        if not isinstance(self.min_confidence, Unset):
            files.append(("min_confidence", (None, str(self.min_confidence).encode(), "text/plain")))




        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))



        return files


    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(
             payload = BytesIO(d.pop("file"))
        )




        def _parse_max_labels(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_labels = _parse_max_labels(d.pop("max_labels", UNSET))


        min_confidence = d.pop("min_confidence", UNSET)

        body_detect_labels = cls(
            file=file,
            max_labels=max_labels,
            min_confidence=min_confidence,
        )


        body_detect_labels.additional_properties = d
        return body_detect_labels

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
