from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="RecommendRequest")



@_attrs_define
class RecommendRequest:
    """ 
        Attributes:
            campaign_arn (str):
            item_id (None | str | Unset): For similar-items campaigns.
            num_results (int | Unset):  Default: 25.
            user_id (None | str | Unset):
     """

    campaign_arn: str
    item_id: None | str | Unset = UNSET
    num_results: int | Unset = 25
    user_id: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        campaign_arn = self.campaign_arn

        item_id: None | str | Unset
        if isinstance(self.item_id, Unset):
            item_id = UNSET
        else:
            item_id = self.item_id

        num_results = self.num_results

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "campaign_arn": campaign_arn,
        })
        if item_id is not UNSET:
            field_dict["item_id"] = item_id
        if num_results is not UNSET:
            field_dict["num_results"] = num_results
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        campaign_arn = d.pop("campaign_arn")

        def _parse_item_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        item_id = _parse_item_id(d.pop("item_id", UNSET))


        num_results = d.pop("num_results", UNSET)

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))


        recommend_request = cls(
            campaign_arn=campaign_arn,
            item_id=item_id,
            num_results=num_results,
            user_id=user_id,
        )

        return recommend_request

