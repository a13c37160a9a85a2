from enum import StrEnum

class TerminologyImportFormat(StrEnum):
    CSV = "CSV"
    TMX = "TMX"
    TSV = "TSV"

    def __str__(self) -> str:
        return str(self.value)
