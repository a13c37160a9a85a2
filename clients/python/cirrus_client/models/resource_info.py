from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.resource_info_status import ResourceInfoStatus
from typing import cast

if TYPE_CHECKING:
  from ..models.resource_info_params import ResourceInfoParams
  from ..models.resource_info_state import ResourceInfoState





T = TypeVar("T", bound="ResourceInfo")



@_attrs_define
class ResourceInfo:
    """ 
        Attributes:
            arn (str):
            created_at (float):
            message (None | str): Why creation failed, when it did.
            name (str):
            params (ResourceInfoParams):
            state (ResourceInfoState): What building produced: metrics, counts, the chosen models.
            status (ResourceInfoStatus):
            type_ (str):
            updated_at (float):
     """

    arn: str
    created_at: float
    message: None | str
    name: str
    params: ResourceInfoParams
    state: ResourceInfoState
    status: ResourceInfoStatus
    type_: str
    updated_at: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.resource_info_params import ResourceInfoParams # noqa: PLC0415
        from ..models.resource_info_state import ResourceInfoState # noqa: PLC0415
        arn = self.arn

        created_at = self.created_at

        message: None | str
        message = self.message

        name = self.name

        params = self.params.to_dict()

        state = self.state.to_dict()

        status = self.status.value

        type_ = self.type_

        updated_at = self.updated_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "arn": arn,
            "created_at": created_at,
            "message": message,
            "name": name,
            "params": params,
            "state": state,
            "status": status,
            "type": type_,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.resource_info_params import ResourceInfoParams # noqa: PLC0415
        from ..models.resource_info_state import ResourceInfoState # noqa: PLC0415
        d = dict(src_dict)
        arn = d.pop("arn")

        created_at = d.pop("created_at")

        def _parse_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        message = _parse_message(d.pop("message"))


        name = d.pop("name")

        params = ResourceInfoParams.from_dict(d.pop("params"))




        state = ResourceInfoState.from_dict(d.pop("state"))




        status = ResourceInfoStatus(d.pop("status"))




        type_ = d.pop("type")

        updated_at = d.pop("updated_at")

        resource_info = cls(
            arn=arn,
            created_at=created_at,
            message=message,
            name=name,
            params=params,
            state=state,
            status=status,
            type_=type_,
            updated_at=updated_at,
        )


        resource_info.additional_properties = d
        return resource_info

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
