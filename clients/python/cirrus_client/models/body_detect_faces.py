from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field
import json
from .. import types

from ..types import UNSET, Unset

from ..models.body_detect_faces_attributes import BodyDetectFacesAttributes
from ..types import File, FileTypes
from ..types import UNSET, Unset
from io import BytesIO






T = TypeVar("T", bound="BodyDetectFaces")



@_attrs_define
class BodyDetectFaces:
    """ 
        Attributes:
            file (File): JPEG, PNG, WebP, BMP or TIFF (documents: also a one-page PDF)
            attributes (BodyDetectFacesAttributes | Unset):  Default: BodyDetectFacesAttributes.DEFAULT.
     """

    file: File
    attributes: BodyDetectFacesAttributes | Unset = BodyDetectFacesAttributes.DEFAULT
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()


        attributes: str | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "file": file,
        })
        if attributes is not UNSET:
            field_dict["attributes"] = attributes

        return field_dict


    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))



        if not isinstance(self.attributes, Unset):
            files.append(("attributes",  (None, str(self.attributes.value).encode(), "text/plain")))




        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))



        return files


    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(
             payload = BytesIO(d.pop("file"))
        )




        _attributes = d.pop("attributes", UNSET)
        attributes: BodyDetectFacesAttributes | Unset
        if isinstance(_attributes,  Unset):
            attributes = UNSET
        else:
            attributes = BodyDetectFacesAttributes(_attributes)




        body_detect_faces = cls(
            file=file,
            attributes=attributes,
        )


        body_detect_faces.additional_properties = d
        return body_detect_faces

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
