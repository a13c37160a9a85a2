from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pii_redaction_mask_mode import PiiRedactionMaskMode
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PiiRedaction")



@_attrs_define
class PiiRedaction:
    """ 
        Attributes:
            mask_character (str | Unset):  Default: '*'.
            mask_mode (PiiRedactionMaskMode | Unset):  Default: PiiRedactionMaskMode.MASK.
            pii_entity_types (list[str] | Unset): Comprehend's PII types, or ALL.
     """

    mask_character: str | Unset = '*'
    mask_mode: PiiRedactionMaskMode | Unset = PiiRedactionMaskMode.MASK
    pii_entity_types: list[str] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        mask_character = self.mask_character

        mask_mode: str | Unset = UNSET
        if not isinstance(self.mask_mode, Unset):
            mask_mode = self.mask_mode.value


        pii_entity_types: list[str] | Unset = UNSET
        if not isinstance(self.pii_entity_types, Unset):
            pii_entity_types = self.pii_entity_types




        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if mask_character is not UNSET:
            field_dict["mask_character"] = mask_character
        if mask_mode is not UNSET:
            field_dict["mask_mode"] = mask_mode
        if pii_entity_types is not UNSET:
            field_dict["pii_entity_types"] = pii_entity_types

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mask_character = d.pop("mask_character", UNSET)

        _mask_mode = d.pop("mask_mode", UNSET)
        mask_mode: PiiRedactionMaskMode | Unset
        if isinstance(_mask_mode,  Unset):
            mask_mode = UNSET
        else:
            mask_mode = PiiRedactionMaskMode(_mask_mode)




        pii_entity_types = cast(list[str], d.pop("pii_entity_types", UNSET))


        pii_redaction = cls(
            mask_character=mask_character,
            mask_mode=mask_mode,
            pii_entity_types=pii_entity_types,
        )

        return pii_redaction

