from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.syntax_token import SyntaxToken





T = TypeVar("T", bound="SyntaxResult")



@_attrs_define
class SyntaxResult:
    """ 
        Attributes:
            index (int):
            tokens (list[SyntaxToken]):
     """

    index: int
    tokens: list[SyntaxToken]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.syntax_token import SyntaxToken # noqa: PLC0415
        index = self.index

        tokens = []
        for tokens_item_data in self.tokens:
            tokens_item = tokens_item_data.to_dict()
            tokens.append(tokens_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "index": index,
            "tokens": tokens,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.syntax_token import SyntaxToken # noqa: PLC0415
        d = dict(src_dict)
        index = d.pop("index")

        tokens = []
        _tokens = d.pop("tokens")
        for tokens_item_data in (_tokens):
            tokens_item = SyntaxToken.from_dict(tokens_item_data)



            tokens.append(tokens_item)


        syntax_result = cls(
            index=index,
            tokens=tokens,
        )


        syntax_result.additional_properties = d
        return syntax_result

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
