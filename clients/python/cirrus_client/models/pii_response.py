from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.item_error import ItemError
  from ..models.pii_result import PiiResult





T = TypeVar("T", bound="PiiResponse")



@_attrs_define
class PiiResponse:
    """ 
        Attributes:
            errors (list[ItemError]):
            results (list[PiiResult]):
     """

    errors: list[ItemError]
    results: list[PiiResult]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.item_error import ItemError # noqa: PLC0415
        from ..models.pii_result import PiiResult # noqa: PLC0415
        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)



        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "errors": errors,
            "results": results,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_error import ItemError # noqa: PLC0415
        from ..models.pii_result import PiiResult # noqa: PLC0415
        d = dict(src_dict)
        errors = []
        _errors = d.pop("errors")
        for errors_item_data in (_errors):
            errors_item = ItemError.from_dict(errors_item_data)



            errors.append(errors_item)


        results = []
        _results = d.pop("results")
        for results_item_data in (_results):
            results_item = PiiResult.from_dict(results_item_data)



            results.append(results_item)


        pii_response = cls(
            errors=errors,
            results=results,
        )


        pii_response.additional_properties = d
        return pii_response

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
