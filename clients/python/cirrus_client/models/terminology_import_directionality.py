from enum import StrEnum

class TerminologyImportDirectionality(StrEnum):
    MULTI = "MULTI"
    UNI = "UNI"

    def __str__(self) -> str:
        return str(self.value)
