from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="RankRequest")



@_attrs_define
class RankRequest:
    """ 
        Attributes:
            campaign_arn (str):
            items (list[str]):
            user_id (str):
     """

    campaign_arn: str
    items: list[str]
    user_id: str





    def to_dict(self) -> dict[str, Any]:
        campaign_arn = self.campaign_arn

        items = self.items



        user_id = self.user_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "campaign_arn": campaign_arn,
            "items": items,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        campaign_arn = d.pop("campaign_arn")

        items = cast(list[str], d.pop("items"))


        user_id = d.pop("user_id")

        rank_request = cls(
            campaign_arn=campaign_arn,
            items=items,
            user_id=user_id,
        )

        return rank_request

