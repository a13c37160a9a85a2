from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field
import json
from .. import types

from ..types import UNSET, Unset

from ..models.body_index_faces_quality_filter import BodyIndexFacesQualityFilter
from ..types import File, FileTypes
from ..types import UNSET, Unset
from io import BytesIO
from typing import cast






T = TypeVar("T", bound="BodyIndexFaces")



@_attrs_define
class BodyIndexFaces:
    """ 
        Attributes:
            file (File): JPEG, PNG, WebP, BMP or TIFF (documents: also a one-page PDF)
            external_image_id (None | str | Unset):
            max_faces (int | None | Unset):
            quality_filter (BodyIndexFacesQualityFilter | Unset):  Default: BodyIndexFacesQualityFilter.AUTO.
     """

    file: File
    external_image_id: None | str | Unset = UNSET
    max_faces: int | None | Unset = UNSET
    quality_filter: BodyIndexFacesQualityFilter | Unset = BodyIndexFacesQualityFilter.AUTO
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()


        external_image_id: None | str | Unset
        if isinstance(self.external_image_id, Unset):
            external_image_id = UNSET
        else:
            external_image_id = self.external_image_id

        max_faces: int | None | Unset
        if isinstance(self.max_faces, Unset):
            max_faces = UNSET
        else:
            max_faces = self.max_faces

        quality_filter: str | Unset = UNSET
        if not isinstance(self.quality_filter, Unset):
            quality_filter = self.quality_filter.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "file": file,
        })
        if external_image_id is not UNSET:
            field_dict["external_image_id"] = external_image_id
        if max_faces is not UNSET:
            field_dict["max_faces"] = max_faces
        if quality_filter is not UNSET:
            field_dict["quality_filter"] = quality_filter

        return field_dict


    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))



        if not isinstance(self.external_image_id, Unset):
            if isinstance(self.external_image_id, str):

                files.append(("external_image_id", (None, str(self.external_image_id).encode(), "text/plain")))
            else:
                files.append(("external_image_id", (None, str(self.external_image_id).encode(), "text/plain")))


        if not isinstance(self.max_faces, Unset):
            if isinstance(self.max_faces, int):

                files.append(("max_faces", (None, str(self.max_faces).encode(), "text/plain")))
            else:
                files.append(("max_faces", (None, str(self.max_faces).encode(), "text/plain")))


        if not isinstance(self.quality_filter, Unset):
            files.append(("quality_filter",  (None, str(self.quality_filter.value).encode(), "text/plain")))




        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))



        return files


    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(
             payload = BytesIO(d.pop("file"))
        )




        def _parse_external_image_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_image_id = _parse_external_image_id(d.pop("external_image_id", UNSET))


        def _parse_max_faces(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_faces = _parse_max_faces(d.pop("max_faces", UNSET))


        _quality_filter = d.pop("quality_filter", UNSET)
        quality_filter: BodyIndexFacesQualityFilter | Unset
        if isinstance(_quality_filter,  Unset):
            quality_filter = UNSET
        else:
            quality_filter = BodyIndexFacesQualityFilter(_quality_filter)




        body_index_faces = cls(
            file=file,
            external_image_id=external_image_id,
            max_faces=max_faces,
            quality_filter=quality_filter,
        )


        body_index_faces.additional_properties = d
        return body_index_faces

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
