from enum import StrEnum

class TextJobRequestPiiMode(StrEnum):
    ONLY_OFFSETS = "ONLY_OFFSETS"
    ONLY_REDACTION = "ONLY_REDACTION"

    def __str__(self) -> str:
        return str(self.value)
