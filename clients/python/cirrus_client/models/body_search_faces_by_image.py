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






T = TypeVar("T", bound="BodySearchFacesByImage")



@_attrs_define
class BodySearchFacesByImage:
    """ 
        Attributes:
            file (File): JPEG, PNG, WebP, BMP or TIFF (documents: also a one-page PDF)
            max_faces (int | Unset):  Default: 100.
            threshold (float | Unset):  Default: 80.0.
     """

    file: File
    max_faces: int | Unset = 100
    threshold: float | Unset = 80.0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()


        max_faces = self.max_faces

        threshold = self.threshold


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "file": file,
        })
        if max_faces is not UNSET:
            field_dict["max_faces"] = max_faces
        if threshold is not UNSET:
            field_dict["threshold"] = threshold

        return field_dict


    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))



        if not isinstance(self.max_faces, Unset):
            files.append(("max_faces", (None, str(self.max_faces).encode(), "text/plain")))



        if not isinstance(self.threshold, Unset):
            files.append(("threshold", (None, str(self.threshold).encode(), "text/plain")))




        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))



        return files


    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(
             payload = BytesIO(d.pop("file"))
        )




        max_faces = d.pop("max_faces", UNSET)

        threshold = d.pop("threshold", UNSET)

        body_search_faces_by_image = cls(
            file=file,
            max_faces=max_faces,
            threshold=threshold,
        )


        body_search_faces_by_image.additional_properties = d
        return body_search_faces_by_image

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
