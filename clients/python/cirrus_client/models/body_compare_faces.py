from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field
import json
from .. import types

from ..types import UNSET, Unset

from ..models.body_compare_faces_quality_filter import BodyCompareFacesQualityFilter
from ..types import File, FileTypes
from ..types import UNSET, Unset
from io import BytesIO






T = TypeVar("T", bound="BodyCompareFaces")



@_attrs_define
class BodyCompareFaces:
    """ 
        Attributes:
            source (File): JPEG, PNG, WebP, BMP or TIFF (documents: also a one-page PDF)
            target (File): JPEG, PNG, WebP, BMP or TIFF (documents: also a one-page PDF)
            quality_filter (BodyCompareFacesQualityFilter | Unset):  Default: BodyCompareFacesQualityFilter.NONE.
            similarity_threshold (float | Unset):  Default: 80.0.
     """

    source: File
    target: File
    quality_filter: BodyCompareFacesQualityFilter | Unset = BodyCompareFacesQualityFilter.NONE
    similarity_threshold: float | Unset = 80.0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        source = self.source.to_tuple()


        target = self.target.to_tuple()


        quality_filter: str | Unset = UNSET
        if not isinstance(self.quality_filter, Unset):
            quality_filter = self.quality_filter.value


        similarity_threshold = self.similarity_threshold


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "source": source,
            "target": target,
        })
        if quality_filter is not UNSET:
            field_dict["quality_filter"] = quality_filter
        if similarity_threshold is not UNSET:
            field_dict["similarity_threshold"] = similarity_threshold

        return field_dict


    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("source", self.source.to_tuple()))



        files.append(("target", self.target.to_tuple()))



        if not isinstance(self.quality_filter, Unset):
            files.append(("quality_filter",  (None, str(self.quality_filter.value).encode(), "text/plain")))



        if not isinstance(self.similarity_threshold, Unset):
            files.append(("similarity_threshold", (None, str(self.similarity_threshold).encode(), "text/plain")))




        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))



        return files


    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source = File(
             payload = BytesIO(d.pop("source"))
        )




        target = File(
             payload = BytesIO(d.pop("target"))
        )




        _quality_filter = d.pop("quality_filter", UNSET)
        quality_filter: BodyCompareFacesQualityFilter | Unset
        if isinstance(_quality_filter,  Unset):
            quality_filter = UNSET
        else:
            quality_filter = BodyCompareFacesQualityFilter(_quality_filter)




        similarity_threshold = d.pop("similarity_threshold", UNSET)

        body_compare_faces = cls(
            source=source,
            target=target,
            quality_filter=quality_filter,
            similarity_threshold=similarity_threshold,
        )


        body_compare_faces.additional_properties = d
        return body_compare_faces

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
