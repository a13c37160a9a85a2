from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="TerminologyInfo")



@_attrs_define
class TerminologyInfo:
    """ 
        Attributes:
            arn (str):
            created_at (float):
            description (None | str):
            directionality (str):
            format_ (str):
            name (str):
            size_bytes (int):
            skipped_term_count (int):
            source_language (str):
            target_languages (list[str]):
            term_count (int):
            updated_at (float):
     """

    arn: str
    created_at: float
    description: None | str
    directionality: str
    format_: str
    name: str
    size_bytes: int
    skipped_term_count: int
    source_language: str
    target_languages: list[str]
    term_count: int
    updated_at: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        arn = self.arn

        created_at = self.created_at

        description: None | str
        description = self.description

        directionality = self.directionality

        format_ = self.format_

        name = self.name

        size_bytes = self.size_bytes

        skipped_term_count = self.skipped_term_count

        source_language = self.source_language

        target_languages = self.target_languages



        term_count = self.term_count

        updated_at = self.updated_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "arn": arn,
            "created_at": created_at,
            "description": description,
            "directionality": directionality,
            "format": format_,
            "name": name,
            "size_bytes": size_bytes,
            "skipped_term_count": skipped_term_count,
            "source_language": source_language,
            "target_languages": target_languages,
            "term_count": term_count,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        arn = d.pop("arn")

        created_at = d.pop("created_at")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))


        directionality = d.pop("directionality")

        format_ = d.pop("format")

        name = d.pop("name")

        size_bytes = d.pop("size_bytes")

        skipped_term_count = d.pop("skipped_term_count")

        source_language = d.pop("source_language")

        target_languages = cast(list[str], d.pop("target_languages"))


        term_count = d.pop("term_count")

        updated_at = d.pop("updated_at")

        terminology_info = cls(
            arn=arn,
            created_at=created_at,
            description=description,
            directionality=directionality,
            format_=format_,
            name=name,
            size_bytes=size_bytes,
            skipped_term_count=skipped_term_count,
            source_language=source_language,
            target_languages=target_languages,
            term_count=term_count,
            updated_at=updated_at,
        )


        terminology_info.additional_properties = d
        return terminology_info

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
