from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.terminology_import_directionality import TerminologyImportDirectionality
from ..models.terminology_import_format import TerminologyImportFormat
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TerminologyImport")



@_attrs_define
class TerminologyImport:
    """ 
        Attributes:
            file (str): The file's text: CSV/TSV with a header of language codes, or TMX.
            description (None | str | Unset):
            directionality (TerminologyImportDirectionality | Unset):  Default: TerminologyImportDirectionality.UNI.
            format_ (TerminologyImportFormat | Unset):  Default: TerminologyImportFormat.CSV.
     """

    file: str
    description: None | str | Unset = UNSET
    directionality: TerminologyImportDirectionality | Unset = TerminologyImportDirectionality.UNI
    format_: TerminologyImportFormat | Unset = TerminologyImportFormat.CSV





    def to_dict(self) -> dict[str, Any]:
        file = self.file

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        directionality: str | Unset = UNSET
        if not isinstance(self.directionality, Unset):
            directionality = self.directionality.value


        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "file": file,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if directionality is not UNSET:
            field_dict["directionality"] = directionality
        if format_ is not UNSET:
            field_dict["format"] = format_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = d.pop("file")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        _directionality = d.pop("directionality", UNSET)
        directionality: TerminologyImportDirectionality | Unset
        if isinstance(_directionality,  Unset):
            directionality = UNSET
        else:
            directionality = TerminologyImportDirectionality(_directionality)




        _format_ = d.pop("format", UNSET)
        format_: TerminologyImportFormat | Unset
        if isinstance(_format_,  Unset):
            format_ = UNSET
        else:
            format_ = TerminologyImportFormat(_format_)




        terminology_import = cls(
            file=file,
            description=description,
            directionality=directionality,
            format_=format_,
        )

        return terminology_import

