from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.applied_term import AppliedTerm





T = TypeVar("T", bound="AppliedTerminology")



@_attrs_define
class AppliedTerminology:
    """ 
        Attributes:
            name (str):
            terms (list[AppliedTerm]):
     """

    name: str
    terms: list[AppliedTerm]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.applied_term import AppliedTerm # noqa: PLC0415
        name = self.name

        terms = []
        for terms_item_data in self.terms:
            terms_item = terms_item_data.to_dict()
            terms.append(terms_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "terms": terms,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.applied_term import AppliedTerm # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        terms = []
        _terms = d.pop("terms")
        for terms_item_data in (_terms):
            terms_item = AppliedTerm.from_dict(terms_item_data)



            terms.append(terms_item)


        applied_terminology = cls(
            name=name,
            terms=terms,
        )


        applied_terminology.additional_properties = d
        return applied_terminology

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
