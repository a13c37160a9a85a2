from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.scored_item import ScoredItem





T = TypeVar("T", bound="Recommendations")



@_attrs_define
class Recommendations:
    """ 
        Attributes:
            items (list[ScoredItem]):
            recommendation_id (str):
            cold_start (bool | Unset): The user is unknown: these are the most popular items. Default: False.
     """

    items: list[ScoredItem]
    recommendation_id: str
    cold_start: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.scored_item import ScoredItem # noqa: PLC0415
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        recommendation_id = self.recommendation_id

        cold_start = self.cold_start


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "items": items,
            "recommendation_id": recommendation_id,
        })
        if cold_start is not UNSET:
            field_dict["cold_start"] = cold_start

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scored_item import ScoredItem # noqa: PLC0415
        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = ScoredItem.from_dict(items_item_data)



            items.append(items_item)


        recommendation_id = d.pop("recommendation_id")

        cold_start = d.pop("cold_start", UNSET)

        recommendations = cls(
            items=items,
            recommendation_id=recommendation_id,
            cold_start=cold_start,
        )


        recommendations.additional_properties = d
        return recommendations

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
