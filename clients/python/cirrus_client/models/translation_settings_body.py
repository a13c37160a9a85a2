from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.translation_settings_body_formality_type_0 import TranslationSettingsBodyFormalityType0
from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast






T = TypeVar("T", bound="TranslationSettingsBody")



@_attrs_define
class TranslationSettingsBody:
    """ 
        Attributes:
            formality (None | TranslationSettingsBodyFormalityType0 | Unset): Only engines that support it.
            profanity (Literal['MASK'] | None | Unset): MASK replaces profane words with ?$#@$.
     """

    formality: None | TranslationSettingsBodyFormalityType0 | Unset = UNSET
    profanity: Literal['MASK'] | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        formality: None | str | Unset
        if isinstance(self.formality, Unset):
            formality = UNSET
        elif isinstance(self.formality, TranslationSettingsBodyFormalityType0):
            formality = self.formality.value
        else:
            formality = self.formality

        profanity: Literal['MASK'] | None | Unset
        if isinstance(self.profanity, Unset):
            profanity = UNSET
        else:
            profanity = self.profanity


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if formality is not UNSET:
            field_dict["formality"] = formality
        if profanity is not UNSET:
            field_dict["profanity"] = profanity

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_formality(data: object) -> None | TranslationSettingsBodyFormalityType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                formality_type_0 = TranslationSettingsBodyFormalityType0(data)



                return formality_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TranslationSettingsBodyFormalityType0 | Unset, data)

        formality = _parse_formality(d.pop("formality", UNSET))


        def _parse_profanity(data: object) -> Literal['MASK'] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            profanity_type_0 = cast(Literal['MASK'] , data)
            if profanity_type_0 != 'MASK':
                raise ValueError(f"profanity_type_0 must match const 'MASK', got '{profanity_type_0}'")
            return profanity_type_0
            return cast(Literal['MASK'] | None | Unset, data)

        profanity = _parse_profanity(d.pop("profanity", UNSET))


        translation_settings_body = cls(
            formality=formality,
            profanity=profanity,
        )

        return translation_settings_body

