from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.document_response_blocks_item import DocumentResponseBlocksItem





T = TypeVar("T", bound="DocumentResponse")



@_attrs_define
class DocumentResponse:
    """ 
        Attributes:
            blocks (list[DocumentResponseBlocksItem]):
            pages (int):
            model_version (str | Unset):  Default: '1.0'.
     """

    blocks: list[DocumentResponseBlocksItem]
    pages: int
    model_version: str | Unset = '1.0'
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.document_response_blocks_item import DocumentResponseBlocksItem # noqa: PLC0415
        blocks = []
        for blocks_item_data in self.blocks:
            blocks_item = blocks_item_data.to_dict()
            blocks.append(blocks_item)



        pages = self.pages

        model_version = self.model_version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "blocks": blocks,
            "pages": pages,
        })
        if model_version is not UNSET:
            field_dict["model_version"] = model_version

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_response_blocks_item import DocumentResponseBlocksItem # noqa: PLC0415
        d = dict(src_dict)
        blocks = []
        _blocks = d.pop("blocks")
        for blocks_item_data in (_blocks):
            blocks_item = DocumentResponseBlocksItem.from_dict(blocks_item_data)



            blocks.append(blocks_item)


        pages = d.pop("pages")

        model_version = d.pop("model_version", UNSET)

        document_response = cls(
            blocks=blocks,
            pages=pages,
            model_version=model_version,
        )


        document_response.additional_properties = d
        return document_response

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
