from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field
import json
from .. import types

from ..types import UNSET, Unset

from ..models.body_analyze_document_feature_types_item import BodyAnalyzeDocumentFeatureTypesItem
from ..types import File, FileTypes
from ..types import UNSET, Unset
from io import BytesIO
from typing import cast






T = TypeVar("T", bound="BodyAnalyzeDocument")



@_attrs_define
class BodyAnalyzeDocument:
    """ 
        Attributes:
            feature_types (list[BodyAnalyzeDocumentFeatureTypesItem]): What to find besides text (SIGNATURES is refused).
            file (File): JPEG, PNG, WebP, BMP or TIFF (documents: also a one-page PDF)
            queries (list[str] | Unset): Questions for QUERIES, at most 200 characters each.
     """

    feature_types: list[BodyAnalyzeDocumentFeatureTypesItem]
    file: File
    queries: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        feature_types = []
        for feature_types_item_data in self.feature_types:
            feature_types_item = feature_types_item_data.value
            feature_types.append(feature_types_item)



        file = self.file.to_tuple()


        queries: list[str] | Unset = UNSET
        if not isinstance(self.queries, Unset):
            queries = self.queries




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "feature_types": feature_types,
            "file": file,
        })
        if queries is not UNSET:
            field_dict["queries"] = queries

        return field_dict


    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        for feature_types_item_element in self.feature_types:
            files.append(("feature_types",  (None, str(feature_types_item_element.value).encode(), "text/plain")))




        files.append(("file", self.file.to_tuple()))



        if not isinstance(self.queries, Unset):
            for queries_item_element in self.queries:
                files.append(("queries", (None, str(queries_item_element).encode(), "text/plain")))





        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))



        return files


    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        feature_types = []
        _feature_types = d.pop("feature_types")
        for feature_types_item_data in (_feature_types):
            feature_types_item = BodyAnalyzeDocumentFeatureTypesItem(feature_types_item_data)



            feature_types.append(feature_types_item)


        file = File(
             payload = BytesIO(d.pop("file"))
        )




        queries = cast(list[str], d.pop("queries", UNSET))


        body_analyze_document = cls(
            feature_types=feature_types,
            file=file,
            queries=queries,
        )


        body_analyze_document.additional_properties = d
        return body_analyze_document

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
