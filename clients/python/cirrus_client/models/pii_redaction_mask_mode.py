from enum import StrEnum

class PiiRedactionMaskMode(StrEnum):
    MASK = "MASK"
    REPLACE_WITH_PII_ENTITY_TYPE = "REPLACE_WITH_PII_ENTITY_TYPE"

    def __str__(self) -> str:
        return str(self.value)
